// SPDX-License-Identifier: AGPL-3.0-or-later
// Import row: one record of an uploaded contact file turned into the columns
// of a `people` row, plus every problem found in it, for the report.
//
// Cells are mapped to contact fields by io/header_mapping.h; phones become
// E.164 (io/phone.h, the org's default region for numbers without a country
// code); emails are normalized (io/email.h); names and every other value are
// kept as typed (outer spaces and tabs trimmed). The person's name is the
// full-name column, else first, middle and last joined by spaces.
//
// Columns of people (0003, 0004): name_ct, phone_ct + phone_bidx (cell, else
// phone, else home, else work), email_ct + email_bidx, address_ct (a full
// address column, else street, city, state and zip joined, only when there
// is a street or a city), preferred_language (clear, as in 0003), and
// details_ct: one JSON object, {"first_name": ..., "zip": ..., "external_id":
// ..., "custom": {"<header>": ...}}, holding every other non-empty field
// (other phones in E.164) and the custom columns. Its "tags" field is the
// one form of a person's tags: each trimmed, in the order first seen,
// without duplicates, joined by ", " (a file's tags column is split on
// commas into that form, and the import's own tags appended).
//
// Sealing follows security-model.md §2.3 and §2.4 and PersonRepo exactly:
// XChaCha20-Poly1305 blobs under the org's newest data key with AD = people |
// column | row id | org id | key id (security::Encrypt's format, see
// SealField), and 32-bit blind indexes (security::BlindIndex) of the E.164
// phone, of the normalized email and of the trimmed external id.
//
// Thread rule: a RowPreparer is immutable after construction and may be used
// by many threads at once; each thread brings its own RandomPool.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "io/header_mapping.h"
#include "security/blind_index.h"
#include "security/field_cipher.h"
#include "security/secret.h"

namespace hotshop::store {

// Field number of the external id's blind-index key (BlindIndexKey(root,
// field)). blind_index.h numbers kEmail 1 and kPhone 2; 3 is taken here and
// must be added there as kExternalId = 3 and never reused.
inline constexpr auto kExternalIdIndexField = static_cast<security::IndexedField>(3);

// What an email's blind index is computed over: the io::NormalizeEmail form
// (local part's case kept), exactly as PersonRepo indexes it today, so both
// find each other's rows. security-model.md §2.4 asks for the NFKC-lowercased
// address (security::NormalizeEmailForIndex); change PersonRepo and this
// together.
inline std::string_view EmailIndexInput(std::string_view normalized_email) { return normalized_email; }

// Randomness for nonces and ids: a 4 KiB buffer of ChaCha20 keystream
// (randombytes_buf_deterministic) under a fresh 32-byte seed from the OS
// each refill, so a row costs no system call (libsodium 1.0.18's default
// randombytes makes one per call, 0.5 us). Not thread-safe: one per thread.
class RandomPool {
 public:
  void Fill(unsigned char* out, size_t n);

 private:
  std::array<unsigned char, 4096> buf_{};
  size_t pos_ = sizeof(buf_);
};

// A fresh UUIDv7 (store/ids.h's NewId with the pool's randomness).
std::string NewRowId(int64_t now_ms, RandomPool& rng);

// UUIDv7 ids in strictly increasing order (RFC 9562 §6.2, method 1: rand_a
// is a 12-bit counter, randomly seeded each millisecond; on overflow the
// timestamp moves on by one), so a file's rows append to the end of the
// primary-key index instead of landing on random pages. Not thread-safe.
class IdSequence {
 public:
  std::string Next(int64_t now_ms);

 private:
  RandomPool rng_;
  int64_t ms_ = -1;
  uint32_t counter_ = 0;
};

// Encrypts `plaintext` into exactly the blob security::Encrypt makes for
// FieldAd{"people", column, row_id, org_id} (v1 | key_id | nonce | ct | tag),
// so security::Decrypt and PersonRepo open it; only the nonce's source
// differs (RandomPool). REQUIRES: key.key_id != 0, a 32-byte key; column,
// row_id and org_id non-empty; plaintext under 1 GiB.
std::string SealField(const security::DataKey& key, std::string_view column, std::string_view row_id,
                      std::string_view org_id, std::string_view plaintext, RandomPool& rng);
// The same blob, written over `out` (its capacity is reused).
void SealFieldInto(std::string& out, const security::DataKey& key, std::string_view column, std::string_view row_id,
                   std::string_view org_id, std::string_view plaintext, RandomPool& rng);

// The fields kept in details_ct. Keys: io::ContactFieldName, and under
// "custom" the custom column's key. Order is kept; keys are unique.
struct Details {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::pair<std::string, std::string>> custom;

  bool empty() const { return fields.empty() && custom.empty(); }
  // The value of a field, "" when absent.
  std::string_view Get(std::string_view key) const;
  // Sets (or, with an empty value, removes) a field.
  void Set(std::string_view key, std::string_view value);
  void SetCustom(std::string_view key, std::string_view value);
  std::string_view GetCustom(std::string_view key) const;
  bool operator==(const Details&) const = default;
};

// Compact JSON: {"k":"v",...,"custom":{"k":"v",...}} (no "custom" when none).
std::string DetailsToJson(const Details& d);
// The same, appended to `out`.
void AppendDetailsJson(const Details& d, std::string& out);
// Inverse of DetailsToJson. Fails with kInternal when `json` is not such an
// object (a stored value was altered).
Result<Details> DetailsFromJson(std::string_view json);

// Tags, in details' "tags" form (see the header comment).
// Splits `text` on commas; trims spaces and tabs; drops empty ones and
// repeats (exact comparison, the first kept). Never fails.
std::vector<std::string> SplitTags(std::string_view text);
// `existing` (the "tags" form) with `add` appended, except those already in
// it; "" when both are empty. Never fails.
std::string MergeTags(std::string_view existing, std::span<const std::string> add);

struct RowNote {
  std::string column;   // header name, "" for the whole row
  std::string problem;  // an English sentence; never repeats the value
  std::string value;    // the cell as read: only SafeExcerpt of it is reported
  bool rejects = false; // true: the row is not imported
  uint32_t kind = 0;    // groups notes of one sort, to cap repeated warnings
};

// One record, prepared. Clear values are normalized; sealed values are set
// only when Prepare was asked to seal and the row is not rejected.
struct ImportRow {
  uint64_t line = 0;  // physical line in the file (1-based)
  uint64_t row = 0;   // data row (1-based, header excluded)
  bool rejected = false;
  bool blank = false;  // every cell empty: nothing to import
  std::vector<RowNote> notes;

  std::string name;
  std::string phone;  // E.164
  std::string email;
  std::string address;
  std::string preferred_language;
  std::string external_id;
  Details details;

  std::string id;
  std::string name_ct, phone_ct, email_ct, address_ct, details_ct;
  std::optional<uint32_t> phone_bidx, email_bidx, external_id_bidx;
};

// A record as the pipeline copied it out of io::CsvReader.
struct RawRecord {
  std::string id;  // the person's id if the row is created (IdSequence)
  uint64_t line = 0;
  uint64_t row = 0;
  uint32_t issues = 0;    // io::CsvIssue bits
  bool damaged = false;   // io::CsvRecord::damaged()
  bool all_empty = false; // io::CsvRecord::AllEmpty()
  size_t expected_fields = 0;
  std::string describe;   // io::CsvRecord::Describe() when issues != 0
};

// The keys a row is sealed and indexed with. REQUIRES: all set, and they
// outlive the RowPreparer.
struct SealKeys {
  const security::DataKey* data = nullptr;  // the org's newest data key
  const security::SecretBytes* phone_index = nullptr;
  const security::SecretBytes* email_index = nullptr;
  const security::SecretBytes* external_id_index = nullptr;
};

// Note kinds (RowNote::kind), stable for capping repeated warnings.
enum NoteKind : uint32_t {
  kNoteRecord = 1,     // a CSV-level issue (ragged, transcoded, damaged...)
  kNoteNoName,
  kNotePhone,          // not a phone number
  kNotePhoneInvalid,   // possible but not a valid number: kept, warned
  kNoteEmail,
  kNoteNoContact,      // no phone, email or external id: cannot be deduplicated
  kNoteLanguage,
  kNoteBlank,
};

class RowPreparer {
 public:
  // Fails with kInvalidInput on field "file" when the mapping has no name
  // column (every row would be rejected), on field "tags" when a tag is
  // empty after trimming, holds a comma or a control character, or is over
  // kMaxTagBytes. `region` is the default region for phone numbers (ISO 3166
  // alpha-2). `tags` are added to every row's tags (see the header comment).
  static Result<RowPreparer> Create(const io::HeaderMapping& mapping, std::string region, std::string org_id,
                                    SealKeys keys, std::span<const std::string> tags = {});
  static constexpr size_t kMaxTagBytes = 100;

  // Fills `out` (its buffers are reused) from one record. `cells` are the
  // record's cells. With `seal`, a row that is not rejected gets rec.id (or,
  // when empty, a new id), its blobs and its blind indexes.
  void Prepare(const RawRecord& rec, std::span<const std::string_view> cells, bool seal, int64_t now_ms,
               RandomPool& rng, ImportRow& out) const;

  // Seals `row`'s clear values under row.id, or a new id when it is empty.
  void Seal(ImportRow& row, int64_t now_ms, RandomPool& rng) const;

  const SealKeys& keys() const { return keys_; }
  const std::string& org_id() const { return org_id_; }
  const std::string& region() const { return region_; }
  // The import's own tags, trimmed and without repeats.
  const std::vector<std::string>& tags() const { return tags_; }

 private:
  RowPreparer() = default;

  struct Custom {
    size_t column;
    std::string key;
    std::string header;
  };
  std::string Cell(std::span<const std::string_view> cells, io::ContactField f) const;

  std::array<int, io::kContactFieldCount> col_{};  // column of each field, -1 if none
  std::array<std::string, io::kContactFieldCount> header_;
  std::vector<Custom> custom_;
  size_t header_width_ = 0;
  std::string region_;
  std::string org_id_;
  SealKeys keys_;
  std::vector<std::string> tags_;
};

}  // namespace hotshop::store
