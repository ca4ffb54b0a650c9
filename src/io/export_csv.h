// SPDX-License-Identifier: AGPL-3.0-or-later
// Export CSV: the fields an export may carry and the file it becomes
// (security-model.md §2.12 "minimal fields"; §4 row 12).
//
// Fields. An export names the fields it needs from a closed list, in any
// order; the file always lists them in the order below, which is also the
// order of ExportRecord's cells. Staff notes are not on the list: they stay in
// hotshop (§3: "staff-only notes"), and so do the ids of people, which are
// never shown outside (scale-out.md "Ids").
//   name               the person's name as typed
//   first_name         first name, when an import gave one
//   last_name          last name, when an import gave one
//   phone              E.164, "+12025550143"
//   email              normalized address
//   address            one line
//   preferred_language "en", "es", ...
//   campaign           the campaign's name ("" for people outside campaigns)
//   external_id        the id of the tool the person was imported from
//
// The file: UTF-8 with a byte-order mark (Excel on Windows reads UTF-8 only
// with it, and organizers' lists are full of accented names), a header row
// of the field names above (hotshop's own importer maps them back), CRLF
// line ends and RFC 4180 quoting, cell by cell with io/csv_writer.h's
// AppendCsvCell. Formula injection (§4 row 12): every cell starting with
// = + - @ TAB CR or NUL gets a leading apostrophe (CsvWriter's guard), so
// `=HYPERLINK(...)` and `@SUM(1)` open as text.
//
// E.164 phones (decision, §2.12 "document how they export"): the phone
// column is declared ColumnKind::kPhone, so a cell that is exactly '+' and
// 7-15 digits is written as is, WITHOUT the apostrophe: "+12025550143".
// '+digits' cannot call a function or reach another cell; the worst a
// spreadsheet does is show 12025550143 (dropping the '+' on screen). Keeping
// the '+' keeps the number unambiguous for every tool that re-imports it
// (Spoke, Action Network, VAN, hotshop). Any other text in the phone column
// ("+1 555 CALL =X", never produced by hotshop but possible after a bad
// edit) is guarded like any cell. io/csv_writer.h has the full rationale.
//
// Thread rule: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/csv_writer.h"

namespace hotshop::io {

enum class ExportField : uint8_t {
  kName,
  kFirstName,
  kLastName,
  kPhone,
  kEmail,
  kAddress,
  kPreferredLanguage,
  kCampaign,
  kExternalId,
};
inline constexpr size_t kExportFieldCount = static_cast<size_t>(ExportField::kExternalId) + 1;

// "name", "first_name", ... Never fails.
std::string_view ExportFieldName(ExportField field);
std::optional<ExportField> ExportFieldFromName(std::string_view name);

// The fields a request names, in file order. Fails with kInvalidInput on
// field "fields" when the list is empty, names an unknown field (the message
// lists the known ones) or names one twice.
Result<std::vector<ExportField>> ParseExportFields(std::span<const std::string> names);

// "name,phone" (file order) and back; the stored form in exports.fields.
// ExportFieldsFromText fails with kInternal on anything ExportFieldsText
// cannot have written (a stored value was altered).
std::string ExportFieldsText(std::span<const ExportField> fields);
Result<std::vector<ExportField>> ExportFieldsFromText(std::string_view text);

// One row of an export: a cell per field, indexed by ExportField; the cells
// of fields not exported are ignored.
using ExportRecord = std::array<std::string, kExportFieldCount>;

// Builds the file in memory, one row at a time (an export never touches the
// disk in clear): the header, then the people in the order added, with decoy
// j written just before the person numbered positions[j] (0-based; a position
// at or past the last person puts the decoy at the end).
class ExportCsvBuilder {
 public:
  // REQUIRES: fields not empty; positions.size() == decoys.size(), ascending.
  ExportCsvBuilder(std::span<const ExportField> fields, std::vector<ExportRecord> decoys,
                   std::vector<size_t> positions);
  ExportCsvBuilder(const ExportCsvBuilder&) = delete;
  ExportCsvBuilder& operator=(const ExportCsvBuilder&) = delete;

  void AddPerson(const ExportRecord& person);
  // Writes the decoys still pending and hands the file over. Call once.
  std::string Finish();

  uint64_t people() const { return people_; }

 private:
  void Write(const ExportRecord& r);

  std::vector<ExportField> fields_;
  std::vector<ExportRecord> decoys_;
  std::vector<size_t> positions_;
  size_t next_decoy_ = 0;
  uint64_t people_ = 0;
  std::string out_;
  std::vector<std::string_view> cells_;
  std::vector<ColumnKind> kinds_;
};

}  // namespace hotshop::io
