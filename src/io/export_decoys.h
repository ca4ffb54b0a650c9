// SPDX-License-Identifier: AGPL-3.0-or-later
// Export decoys: the watermark of security-model.md §2.12 ("the export id
// plus per-export decoy rows with unique fake contacts", seed records as
// mailing lists use them [wttw]), and the matching that tells which export a
// leaked file came from.
//
// Derivation. Decoy i of an export is a pure function of a 32-byte secret
// and the export id: keyed BLAKE2b-256 (crypto_generichash) of
// "hotshop.export.decoy.v1" | 0 | export id | 0 | attempt (uint32 BE) picks
// each field from fixed lists. Nothing about a decoy is stored: the export's
// id, field list and decoy count (in the exports table) are enough to
// rebuild them, so tracing a file needs the secret and the exports table
// only. The secret is per org (store/export_repo.h ExportDecoyKey: a subkey
// of the org's blind-index root, which is never rotated), so a decoy says
// nothing across orgs and a rotation does not break tracing.
//
// What a decoy looks like (invented on purpose, decision):
//   - names: a first name and an invented surname from the lists in the .cpp
//     (ASCII only, so the email below stays plain);
//   - phone: +1 NPA 555 01XX, the range North American numbering reserves
//     for fiction in every area code. It is never anybody's phone, so a
//     leaked list can be called or texted by whoever holds it without
//     reaching a stranger. The price is stealth: anyone who knows the range
//     can spot and delete the decoys before leaking. hotshop takes the safe
//     side: a decoy must never make a real person the target of whatever the
//     leaked list is used for (an employer's calls, a union-busting
//     consultant's texts);
//   - email: first.last.tag@example.org (RFC 2606: a domain that delivers
//     nowhere), the 5-letter tag making each decoy unique;
//   - address: a number on an invented street in an invented town;
//   - language en or es; campaign: one of the export's campaigns ("" when it
//     has none); external id: 9 digits.
// Within one export the decoys differ in (name, phone). Across exports two
// decoys share a name and phone with probability about 2^-23 and an email
// about 2^-36; a trace counts whole matches per export, so a stray shared
// decoy cannot make another export look like the source (the tests check
// that two exports share none).
//
// How many (decision): DecoyCount(rows) = 3 + rows / 2000, at most 10: three
// is enough to name an export from a partial leak of a small list; a large
// list gets more, so a leaked slice of it still carries some.
// Where: at pseudo-random positions among the people rows (DecoyPositions),
// also derived from the secret, so they do not sit at the top or bottom.
//
// Thread rule: pure functions; a DecoyIndex belongs to one thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/export_csv.h"
#include "security/secret.h"

namespace hotshop::io {

inline constexpr size_t kMinDecoys = 3;
inline constexpr size_t kMaxDecoys = 10;

// 3 + people_rows / 2000, capped at kMaxDecoys.
size_t DecoyCount(size_t people_rows);

// `count` decoys for the export, all fields filled (campaign from
// `campaign_names`, "" when it is empty). Deterministic in (key, export_id,
// count, campaign_names). REQUIRES: key.size() == 32 (throws
// std::invalid_argument otherwise).
std::vector<ExportRecord> MakeDecoys(const security::SecretBytes& key, std::string_view export_id, size_t count,
                                     std::span<const std::string> campaign_names);

// Ascending positions in [0, people_rows] for `count` decoys (see
// ExportCsvBuilder). REQUIRES: key.size() == 32.
std::vector<size_t> DecoyPositions(const security::SecretBytes& key, std::string_view export_id, size_t count,
                                   size_t people_rows);

// The cell forms a trace compares: trimmed, the formula guard removed,
// ASCII-lowercased; and for phones, the digits only, without a leading
// NANP "1" when 11 digits long ("+1 (202) 555-0143" -> "2025550143").
std::string TraceText(std::string_view cell);
std::string TracePhone(std::string_view cell);

// Finds which exports' decoys a file contains. Add every export of the org,
// then Scan every row of the file (header and all: headers may be renamed,
// so cells are matched by value wherever they are).
// A decoy is "found" when one row holds all of its identifying values that
// the export carried (name, phone, email, external id: whichever were
// exported), and "partly found" when a row holds at least one of them.
class DecoyIndex {
 public:
  void Add(const std::string& export_id, std::span<const ExportField> fields, std::span<const ExportRecord> decoys);
  void Scan(std::span<const std::string_view> cells);

  struct Hit {
    std::string export_id;
    size_t decoys = 0;   // decoys the export had
    size_t found = 0;    // decoys found whole
    size_t partly = 0;   // decoys with some but not all values found
    bool traceable = true;  // false: the export carried no identifying field
  };
  // Exports with found + partly > 0, best first (found, then partly).
  std::vector<Hit> Results() const;

 private:
  struct Decoy {
    size_t export_index;
    std::vector<std::string> keys;  // "t:" + TraceText, "p:" + TracePhone
    bool found = false;
    bool partly = false;
  };
  std::vector<Hit> exports_;
  std::vector<Decoy> decoys_;
  std::unordered_map<std::string, std::vector<size_t>> by_key_;  // any key -> decoys holding it
};

}  // namespace hotshop::io
