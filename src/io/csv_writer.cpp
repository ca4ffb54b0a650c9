// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/csv_writer.h"

#include <utility>

namespace hotshop::io {
namespace {

constexpr size_t kFlushBytes = size_t{64} << 10;

// Full-width ＝ ＋ － ＠ (U+FF1D U+FF0B U+FF0D U+FF20) in UTF-8.
bool StartsWithFullWidthTrigger(std::string_view s) {
  if (s.size() < 3) return false;
  if (static_cast<unsigned char>(s[0]) != 0xEF) return false;
  const auto b1 = static_cast<unsigned char>(s[1]);
  const auto b2 = static_cast<unsigned char>(s[2]);
  return (b1 == 0xBC && (b2 == 0x9D || b2 == 0x8B || b2 == 0x8D)) ||
         (b1 == 0xBC && b2 == 0xA0);
}

// Appends `cell` in double quotes, doubling any quote inside.
void AppendQuoted(std::string_view cell, bool guard, std::string& out) {
  out.push_back('"');
  if (guard) out.push_back('\'');
  size_t start = 0;
  for (size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '"') {
      out.append(cell.data() + start, i - start + 1);
      out.push_back('"');
      start = i + 1;
    }
  }
  out.append(cell.data() + start, cell.size() - start);
  out.push_back('"');
}

bool IsTrigger(char c) {
  switch (c) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\0':
      return true;
    default:
      return false;
  }
}

}  // namespace

bool NeedsFormulaGuard(std::string_view cell) {
  size_t i = 0;
  while (i < cell.size() && cell[i] == '\'') ++i;
  if (i == cell.size()) return false;
  return IsTrigger(cell[i]) || StartsWithFullWidthTrigger(cell.substr(i));
}

std::string_view StripFormulaGuard(std::string_view cell) {
  if (!cell.empty() && cell.front() == '\'' &&
      NeedsFormulaGuard(cell.substr(1))) {
    return cell.substr(1);
  }
  return cell;
}

bool IsE164(std::string_view cell) {
  if (cell.size() < 8 || cell.size() > 16 || cell[0] != '+') return false;
  if (cell[1] < '1' || cell[1] > '9') return false;
  for (size_t i = 2; i < cell.size(); ++i) {
    if (cell[i] < '0' || cell[i] > '9') return false;
  }
  return true;
}

void AppendCsvCell(std::string_view cell, char delimiter, ColumnKind kind,
                   PhoneExport phone_export, std::string& out) {
  if (kind == ColumnKind::kPhone && IsE164(cell)) {
    switch (phone_export) {
      case PhoneExport::kE164: out += cell; return;
      case PhoneExport::kDigitsOnly: out += cell.substr(1); return;
      case PhoneExport::kGuarded: break;  // falls through to the guard
    }
  }
  const bool guard = NeedsFormulaGuard(cell);
  bool quote = false;
  for (char c : cell) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r' || c == '\0') {
      quote = true;
      break;
    }
  }
  if (!cell.empty() && (cell.front() == ' ' || cell.back() == ' ' ||
                        cell.back() == '\t')) {
    quote = true;
  }
  if (!quote) {
    if (guard) out.push_back('\'');
    out += cell;
    return;
  }
  AppendQuoted(cell, guard, out);
}

CsvWriter::CsvWriter(std::ostream& out, CsvWriterOptions options)
    : out_(&out), opt_(options), bom_pending_(options.utf8_bom) {
  buf_.reserve(kFlushBytes + 4096);
}

CsvWriter::~CsvWriter() = default;

void CsvWriter::SetColumnKinds(std::vector<ColumnKind> kinds) {
  kinds_ = std::move(kinds);
}

Status CsvWriter::WriteRow(std::span<const std::string_view> cells) {
  if (rows_ == 0) {
    width_ = cells.size();
  } else if (cells.size() != width_) {
    return Error::InvalidInput(
        "row", "has " + std::to_string(cells.size()) +
                   " cells; the first row has " + std::to_string(width_));
  }
  if (bom_pending_) {
    buf_ += "\xEF\xBB\xBF";
    bom_pending_ = false;
  }
  if (cells.size() == 1 && cells[0].empty()) {
    buf_ += "\"\"";  // a bare CRLF would read back as a skipped blank line
  }
  // The file's first bytes are read as a BOM or as Excel's "sep=X" hint line,
  // not as data: quote the first cell when it would be. Two rows write a
  // hint line: {"sep=X"} and {"sep=", ""}; a cell starting with U+FEFF
  // would lose it as a BOM unless the writer put a BOM first (both found
  // by csv_reader_fuzz: the row, or its first character, was lost).
  const bool quote_first =
      rows_ == 0 && !cells.empty() &&
      ((cells[0].substr(0, 4) == "sep=" &&
        ((cells.size() == 1 && cells[0].size() <= 5) ||
         (cells.size() == 2 && cells[0].size() == 4 && cells[1].empty()))) ||
       (!opt_.utf8_bom && cells[0].substr(0, 3) == "\xEF\xBB\xBF"));
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i != 0) buf_.push_back(opt_.delimiter);
    const ColumnKind kind = i < kinds_.size() ? kinds_[i] : ColumnKind::kText;
    if (quote_first && i == 0) {
      AppendQuoted(cells[i], NeedsFormulaGuard(cells[i]), buf_);
      continue;
    }
    AppendCsvCell(cells[i], opt_.delimiter, kind, opt_.phone_export, buf_);
  }
  buf_ += "\r\n";
  ++rows_;
  return FlushIfFull();
}

Status CsvWriter::WriteRow(std::initializer_list<std::string_view> cells) {
  return WriteRow(std::span<const std::string_view>(cells.begin(), cells.size()));
}

Status CsvWriter::WriteRow(const std::vector<std::string>& cells) {
  scratch_.assign(cells.begin(), cells.end());
  return WriteRow(std::span<const std::string_view>(scratch_));
}

Status CsvWriter::FlushIfFull() {
  if (buf_.size() < kFlushBytes) return Ok();
  return Flush();
}

Status CsvWriter::Flush() {
  if (!buf_.empty()) {
    out_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  if (!out_->good()) {
    return Error::Unavailable("could not write the CSV file (disk full?)");
  }
  return Ok();
}

Status CsvWriter::Finish() {
  if (bom_pending_) {  // an empty export still announces UTF-8
    buf_ += "\xEF\xBB\xBF";
    bom_pending_ = false;
  }
  Status s = Flush();
  if (!s.ok()) return s;
  out_->flush();
  if (!out_->good()) {
    return Error::Unavailable("could not write the CSV file (disk full?)");
  }
  return Ok();
}

}  // namespace hotshop::io
