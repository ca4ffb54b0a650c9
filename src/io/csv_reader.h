// SPDX-License-Identifier: AGPL-3.0-or-later
// CSV reader: streams records out of an uploaded contact file, one at a time,
// in flat memory, and flags every row it could not take at face value.
//
// Spec: RFC 4180 (quoted fields with embedded delimiters, line breaks and
// doubled quotes), extended the way real exports need it:
//   - delimiter ',' '\t' or ';' detected from the header line (or Excel's
//     "sep=X" first line), or forced through CsvOptions::delimiter; the
//     header is looked at when it starts within the file's first
//     max(max_record_bytes, 16) + 3 bytes (BOM and blank lines count), else
//     ',' -- a rule on the bytes, never on the sizes of the reads;
//   - CRLF, LF and lone CR line breaks, mixed within one file;
//   - a UTF-8 BOM is stripped; a UTF-16 BOM is refused with a clear error;
//   - blank lines are skipped (and counted), as Spoke's PapaParse does;
//   - text after a closing quote (`"ab"c`) and a quote inside an unquoted
//     field (`a"b`) are kept literally, as spreadsheets do, and flagged.
// Encoding: each record is checked for UTF-8. In kAuto mode a record that is
// not UTF-8 is decoded as Windows-1252 (flag kTranscoded); a file that starts
// with a UTF-8 BOM is held to UTF-8 (flag kInvalidUtf8 instead).
// Hostile inputs (security-model.md §4 rows 16 and 19): a cell over
// max_cell_bytes, a record over max_record_bytes or max_fields, an unclosed
// quote and invalid UTF-8 damage only their own record (CsvRecord::damaged());
// memory stays bounded by the options, never by the file. NUL bytes and
// ragged rows are delivered with a flag so the importer can report them:
// nothing is dropped silently. Bidi embedding, override and isolate controls
// (U+202A..U+202E, U+2066..U+2069; §4 row 16, "bidi isolated") are kept as
// typed and flagged, so the importer can warn: hotshop's UI isolates them,
// a spreadsheet the list is exported to does not (FindBidiControl in
// io/text_encoding.h says which are matched).
//
// Speed: the scanner walks each chunk with a 256-entry class table and copies
// whole runs with one append; a record's cells live in one reused buffer.
//
// Thread rule: a CsvReader and a CsvRecord belong to one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hotshop::io {

enum class TextEncoding {
  kAuto,         // UTF-8 where valid, else Windows-1252, per record
  kUtf8,         // UTF-8 only: invalid records are flagged kInvalidUtf8
  kWindows1252,  // the uploader declared windows-1252 / latin1
};

// Parses what an uploader declares: "auto"; "utf-8" or "utf8"; "windows-1252",
// "cp1252", "latin1" or "iso-8859-1" (all read as Windows-1252, its superset,
// as browsers do). Any case. Fails with kInvalidInput on field "encoding".
Result<TextEncoding> ParseTextEncoding(std::string_view name);
// "auto", "utf-8", "windows-1252". Never fails.
std::string_view TextEncodingName(TextEncoding encoding);

struct CsvOptions {
  char delimiter = '\0';  // '\0': detect ',' '\t' or ';' from the header line
  TextEncoding encoding = TextEncoding::kAuto;
  size_t max_cell_bytes = size_t{1} << 20;    // 1 MiB per cell
  size_t max_record_bytes = size_t{8} << 20;  // 8 MiB per record
  size_t max_fields = 4096;                   // cells per record
  size_t chunk_bytes = size_t{256} << 10;     // read size; memory is ~this
                                              // (Open may grow it to hold a
                                              // header line, <= max_record)
  bool has_header = true;  // false: no header(), no ragged-row check
};

// Why a record was not clean. Several may be set at once.
enum class CsvIssue : uint32_t {
  kFewerFields = 1u << 0,        // fewer cells than the header
  kMoreFields = 1u << 1,         // more cells than the header
  kNul = 1u << 2,                // a NUL byte in a cell (kept in the cell)
  kTranscoded = 1u << 3,         // not UTF-8: decoded as Windows-1252
  kStrayQuote = 1u << 4,         // `a"b` or `"a"b`: kept literally
  kInvalidUtf8 = 1u << 5,        // damaged: not UTF-8 where UTF-8 is required
  kCellTooLarge = 1u << 6,       // damaged: a cell was cut at max_cell_bytes
  kRecordTooLarge = 1u << 7,     // damaged: the record was cut
  kTooManyFields = 1u << 8,      // damaged: cells past max_fields dropped
  kUnterminatedQuote = 1u << 9,  // damaged: a quote ran to end of file
  kBidiControl = 1u << 10,       // a bidi embedding/override/isolate control
                                 // (kept in the cell)
};

// One record. Cells are views into the record's own buffer: they stay valid
// until the record is passed to CsvReader::Next again or destroyed.
class CsvRecord {
 public:
  // Number of cells held (after max_fields).
  size_t size() const { return ends_.size(); }
  // REQUIRES: i < size().
  std::string_view operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(buf_.data() + begin, ends_[i] - begin);
  }
  // Cell i, or "" past the end (a short ragged row). Never fails.
  std::string_view CellOr(size_t i) const {
    return i < size() ? (*this)[i] : std::string_view();
  }

  uint64_t line() const { return line_; }          // 1-based first line
  uint64_t end_line() const { return end_line_; }  // last physical line
  uint64_t row() const { return row_; }  // 1-based data row (header excluded)

  uint32_t issues() const { return issues_; }
  bool has(CsvIssue issue) const {
    return (issues_ & static_cast<uint32_t>(issue)) != 0;
  }
  // True when a cell's content is incomplete or undecodable: reject the row.
  bool damaged() const;
  // True when no cell holds anything but spaces and tabs (a line of bare
  // delimiters, or of blanks a spreadsheet left behind): the importer trims
  // those, so such a row is empty, not a row without a name.
  bool AllEmpty() const {
    return buf_.find_first_not_of(" \t") == std::string::npos;
  }
  // 0-based column of the first oversized cell / NUL byte, or SIZE_MAX.
  size_t issue_column() const { return issue_column_; }
  size_t nul_column() const { return nul_column_; }
  // 0-based column of the first bidi control (kBidiControl), or SIZE_MAX.
  size_t bidi_column() const { return bidi_column_; }
  // The header's cell count this record was checked against (0: no header).
  size_t expected_fields() const { return expected_fields_; }

  // A short English description of every issue, for the import report, e.g.
  // "cell in column 3 is over the 1048576-byte limit (cut)". Never echoes cell
  // content. Returns "" for a clean record. Allocates; call only when issues().
  std::string Describe() const;

 private:
  friend class CsvReader;
  void Clear() {
    buf_.clear();
    ends_.clear();
    issues_ = 0;
    issue_column_ = SIZE_MAX;
    nul_column_ = SIZE_MAX;
    bidi_column_ = SIZE_MAX;
  }

  std::string buf_;           // every cell, back to back
  std::vector<size_t> ends_;  // end offset of each cell in buf_
  std::string scratch_;       // transcoding buffer, reused
  uint64_t line_ = 0;
  uint64_t end_line_ = 0;
  uint64_t row_ = 0;
  uint32_t issues_ = 0;
  size_t issue_column_ = SIZE_MAX;
  size_t nul_column_ = SIZE_MAX;
  size_t bidi_column_ = SIZE_MAX;
  char32_t bidi_char_ = 0;  // the first one found, for Describe()
  size_t expected_fields_ = 0;
  size_t max_cell_bytes_ = 0;  // for Describe()
};

struct CsvStats {
  uint64_t bytes_read = 0;
  uint64_t records = 0;          // data records returned (header excluded)
  uint64_t blank_lines = 0;      // skipped
  uint64_t transcoded = 0;       // records decoded as Windows-1252
  uint64_t damaged = 0;          // records with damaged() == true
  uint64_t ragged = 0;           // records with kFewerFields / kMoreFields
  uint64_t bidi = 0;             // records with kBidiControl
};

class CsvReader {
 public:
  // Reads up to `capacity` bytes into `dst`; returns the count, 0 at end of
  // input, or an Error that Open/Next pass on unchanged.
  using ReadFn = std::function<Result<size_t>(char* dst, size_t capacity)>;

  // Opens a reader over `in` and reads the header row (when has_header).
  // REQUIRES: `in` outlives the reader.
  // Fails with kInvalidInput when the options are unusable, the input is
  // empty, starts with a UTF-16 BOM, or the header row is damaged; with
  // kUnavailable when the stream goes bad.
  static Result<CsvReader> Open(std::istream& in, CsvOptions options = {});
  // As above over a read callback (a socket, a decompressor, a test).
  static Result<CsvReader> Open(ReadFn read, CsvOptions options = {});

  CsvReader(CsvReader&&) noexcept = default;
  CsvReader& operator=(CsvReader&&) noexcept = default;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // Reads the next data record into `record`, reusing its buffers.
  // Returns true with a record (check record.issues()), false at end of input
  // (record is then cleared), or the read callback's Error. Row-level problems
  // never fail Next: they are flagged on the record and reading continues.
  Result<bool> Next(CsvRecord& record);

  // The header cells, decoded to UTF-8 (empty when !has_header).
  const std::vector<std::string>& header() const { return header_; }
  char delimiter() const { return delim_; }
  bool had_bom() const { return had_bom_; }
  const CsvStats& stats() const { return stats_; }

 private:
  CsvReader(ReadFn read, CsvOptions options);
  Status Start();
  Status Fill();
  Status FillForDetection();
  size_t DetectionWindow() const;
  void DetectDelimiter();
  Result<bool> ParseRecord(CsvRecord& r);
  void FinishEncoding(CsvRecord& r);
  void Append(CsvRecord& r, const char* s, size_t n);
  void EndField(CsvRecord& r);

  enum class Mode { kAuto, kUtf8, kCp1252 };

  ReadFn read_;
  CsvOptions opt_;
  std::unique_ptr<char[]> buf_;
  size_t buf_cap_ = 0;  // >= chunk_bytes; larger only for a long header
  size_t buf_len_ = 0;  // bytes of buf_ holding input
  const char* pos_ = nullptr;
  const char* end_ = nullptr;
  bool eof_ = false;
  bool skip_lf_ = false;  // last record ended on CR: swallow a following LF
  bool had_bom_ = false;
  char delim_ = ',';
  Mode mode_ = Mode::kAuto;
  uint64_t line_ = 1;      // current physical line, 1-based
  size_t cell_start_ = 0;  // offset in the record buffer of the open cell
  size_t cell_seen_ = 0;   // bytes of the open cell read so far (kept or cut)
  std::array<bool, 256> stop_unquoted_{};  // delimiter, quote, CR, LF, NUL
  std::array<bool, 256> stop_quoted_{};    // quote, CR, LF, NUL
  std::vector<std::string> header_;
  CsvStats stats_;
};

}  // namespace hotshop::io
