// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/export_csv.h"

#include <algorithm>

namespace hotshop::io {
namespace {

constexpr std::array<std::string_view, kExportFieldCount> kNames = {
    "name", "first_name", "last_name", "phone", "email", "address", "preferred_language", "campaign", "external_id",
};

std::string KnownList() {
  std::string out;
  for (size_t i = 0; i < kNames.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == kNames.size() ? " or " : ", ") + std::string(kNames[i]);
  }
  return out;
}

}  // namespace

std::string_view ExportFieldName(ExportField field) { return kNames[static_cast<size_t>(field)]; }

std::optional<ExportField> ExportFieldFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ExportField>(i);
  }
  return std::nullopt;
}

Result<std::vector<ExportField>> ParseExportFields(std::span<const std::string> names) {
  if (names.empty()) return Error::InvalidInput("fields", "choose at least one field to export");
  std::array<bool, kExportFieldCount> seen{};
  for (const std::string& n : names) {
    std::optional<ExportField> f = ExportFieldFromName(n);
    if (!f) {
      return Error::InvalidInput("fields", "\"" + n.substr(0, 40) + "\" is not a field that can be exported: use " +
                                               KnownList());
    }
    if (seen[static_cast<size_t>(*f)]) return Error::InvalidInput("fields", "\"" + n + "\" is listed twice");
    seen[static_cast<size_t>(*f)] = true;
  }
  std::vector<ExportField> out;
  for (size_t i = 0; i < kExportFieldCount; ++i) {
    if (seen[i]) out.push_back(static_cast<ExportField>(i));
  }
  return out;
}

std::string ExportFieldsText(std::span<const ExportField> fields) {
  std::string out;
  for (ExportField f : fields) {
    if (!out.empty()) out += ',';
    out += ExportFieldName(f);
  }
  return out;
}

Result<std::vector<ExportField>> ExportFieldsFromText(std::string_view text) {
  std::vector<std::string> names;
  while (!text.empty()) {
    size_t comma = text.find(',');
    names.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  Result<std::vector<ExportField>> parsed = ParseExportFields(names);
  if (!parsed) return Error::Internal("an export's stored field list is not valid");
  return parsed;
}

ExportCsvBuilder::ExportCsvBuilder(std::span<const ExportField> fields, std::vector<ExportRecord> decoys,
                                   std::vector<size_t> positions)
    : fields_(fields.begin(), fields.end()), decoys_(std::move(decoys)), positions_(std::move(positions)) {
  // The byte-order mark: Excel on Windows reads UTF-8 only with it.
  out_ = "\xEF\xBB\xBF";
  for (ExportField f : fields_) {
    kinds_.push_back(f == ExportField::kPhone ? ColumnKind::kPhone : ColumnKind::kText);
    cells_.push_back(ExportFieldName(f));
  }
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (i != 0) out_.push_back(',');
    AppendCsvCell(cells_[i], ',', ColumnKind::kText, PhoneExport::kE164, out_);
  }
  out_ += "\r\n";
}

void ExportCsvBuilder::Write(const ExportRecord& r) {
  // AppendCsvCell is CsvWriter's cell encoder: RFC 4180 quoting and the
  // formula guard; the phone column keeps E.164 as is (see the header).
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i != 0) out_.push_back(',');
    AppendCsvCell(r[static_cast<size_t>(fields_[i])], ',', kinds_[i], PhoneExport::kE164, out_);
  }
  if (fields_.size() == 1 && r[static_cast<size_t>(fields_[0])].empty()) out_ += "\"\"";  // not a blank line
  out_ += "\r\n";
}

void ExportCsvBuilder::AddPerson(const ExportRecord& person) {
  while (next_decoy_ < decoys_.size() && next_decoy_ < positions_.size() && positions_[next_decoy_] <= people_) {
    Write(decoys_[next_decoy_++]);
  }
  Write(person);
  ++people_;
}

std::string ExportCsvBuilder::Finish() {
  while (next_decoy_ < decoys_.size()) Write(decoys_[next_decoy_++]);
  return std::move(out_);
}

}  // namespace hotshop::io
