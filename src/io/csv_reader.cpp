// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/csv_reader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include "io/text_encoding.h"

namespace hotshop::io {

Result<TextEncoding> ParseTextEncoding(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "auto") return TextEncoding::kAuto;
  if (n == "utf-8" || n == "utf8") return TextEncoding::kUtf8;
  if (n == "windows-1252" || n == "cp1252" || n == "latin1" || n == "iso-8859-1") return TextEncoding::kWindows1252;
  return Error::InvalidInput("encoding", "unknown encoding \"" + n.substr(0, 32) +
                                             "\": use auto, utf-8 or windows-1252");
}

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAuto: return "auto";
    case TextEncoding::kUtf8: return "utf-8";
    case TextEncoding::kWindows1252: return "windows-1252";
  }
  return "auto";
}

namespace {

constexpr uint32_t Bit(CsvIssue issue) { return static_cast<uint32_t>(issue); }

constexpr uint32_t kDamage =
    Bit(CsvIssue::kInvalidUtf8) | Bit(CsvIssue::kCellTooLarge) |
    Bit(CsvIssue::kRecordTooLarge) | Bit(CsvIssue::kTooManyFields) |
    Bit(CsvIssue::kUnterminatedQuote);

enum class State { kStartField, kUnquoted, kQuoted, kQuotedCr, kQuoteInQuoted };

void AddPart(std::string& out, std::string_view part) {
  if (!out.empty()) out += "; ";
  out += part;
}

}  // namespace

bool CsvRecord::damaged() const { return (issues_ & kDamage) != 0; }

std::string CsvRecord::Describe() const {
  std::string out;
  if (issues_ == 0) return out;
  if (has(CsvIssue::kUnterminatedQuote)) {
    AddPart(out, "a quoted cell opened on line " + std::to_string(line_) +
                     " never closes; lines " + std::to_string(line_) + "-" +
                     std::to_string(end_line_) + " were read as this one row");
  }
  if (has(CsvIssue::kCellTooLarge)) {
    AddPart(out, "cell in column " + std::to_string(issue_column_ + 1) +
                     " is over the " + std::to_string(max_cell_bytes_) +
                     "-byte limit (cut)");
  }
  if (has(CsvIssue::kRecordTooLarge)) {
    AddPart(out, "row is over the size limit (cut)");
  }
  if (has(CsvIssue::kTooManyFields)) {
    AddPart(out, "row has too many cells (cells past the limit dropped)");
  }
  if (has(CsvIssue::kInvalidUtf8)) {
    AddPart(out, "row is not valid UTF-8 though the file is marked UTF-8");
  }
  if (has(CsvIssue::kFewerFields) || has(CsvIssue::kMoreFields)) {
    AddPart(out, "row has " + std::to_string(size()) +
                     " cells but the header has " +
                     std::to_string(expected_fields_));
  }
  if (has(CsvIssue::kNul)) {
    AddPart(out,
            "NUL byte in column " + std::to_string(nul_column_ + 1));
  }
  if (has(CsvIssue::kTranscoded)) {
    AddPart(out, "row is not UTF-8; read as Windows-1252");
  }
  if (has(CsvIssue::kStrayQuote)) {
    AddPart(out, "stray quote character kept as text");
  }
  if (has(CsvIssue::kBidiControl)) {
    char cp[8];
    std::snprintf(cp, sizeof cp, "%04X", static_cast<unsigned>(bidi_char_));
    AddPart(out, std::string("text-direction control character U+") + cp +
                     " in column " + std::to_string(bidi_column_ + 1) +
                     " (kept as typed; it can make text around it display out of order "
                     "where it is not isolated, as in a spreadsheet)");
  }
  return out;
}

CsvReader::CsvReader(ReadFn read, CsvOptions options)
    : read_(std::move(read)), opt_(options) {}

CsvReader::~CsvReader() = default;

Result<CsvReader> CsvReader::Open(std::istream& in, CsvOptions options) {
  std::istream* stream = &in;
  return Open(
      [stream](char* dst, size_t capacity) -> Result<size_t> {
        stream->read(dst, static_cast<std::streamsize>(capacity));
        const std::streamsize got = stream->gcount();
        if (stream->bad()) {
          return Error::Unavailable("could not read the uploaded file");
        }
        return static_cast<size_t>(got);
      },
      options);
}

Result<CsvReader> CsvReader::Open(ReadFn read, CsvOptions options) {
  if (!read) return Error::InvalidInput("read", "no input to read");
  const char d = options.delimiter;
  if (d == '"' || d == '\r' || d == '\n' || (d & 0x80) != 0) {
    return Error::InvalidInput("delimiter",
                               "must be an ASCII character other than a "
                               "quote or a line break");
  }
  if (options.chunk_bytes < 16 || options.max_cell_bytes == 0 ||
      options.max_fields == 0 ||
      options.max_record_bytes < options.max_cell_bytes) {
    return Error::InvalidInput("options",
                               "chunk_bytes >= 16, max_cell_bytes >= 1, "
                               "max_fields >= 1 and max_record_bytes >= "
                               "max_cell_bytes are required");
  }
  CsvReader reader(std::move(read), options);
  Status started = reader.Start();
  if (!started.ok()) return started.error();
  return reader;
}

// The delimiter is detected from the first line with content when it starts
// within the file's first DetectionWindow() bytes, from at most
// max_record_bytes of it. A rule on the file's bytes, not on what one read
// happened to return, so the records never depend on read sizes.
size_t CsvReader::DetectionWindow() const {
  return std::min(std::max<size_t>(opt_.max_record_bytes, 16), SIZE_MAX / 4) + 3;
}

Status CsvReader::FillForDetection() {
  // Read until the header line ends (a line break outside quotes), so the BOM,
  // "sep=" and delimiter checks see all of it whatever the chunk size. The
  // buffer grows for a long header, up to the detection window past its
  // start (a header over max_record_bytes is damaged anyway).
  const size_t window = DetectionWindow();
  bool quoted = false;
  bool content = false;  // leading blank lines do not end the header
  size_t first = 0;      // where the content starts, once `content`
  size_t scanned = 0;
  for (;;) {
    for (; scanned < buf_len_; ++scanned) {
      const char c = buf_[scanned];
      // Nor does a UTF-8 BOM: "BOM, CR, header" must buffer the header line
      // whatever the read sizes, or the delimiter is guessed from part of it
      // (found by csv_reader_fuzz).
      if (scanned < 3 && c == "\xEF\xBB\xBF"[scanned] &&
          std::memcmp(buf_.get(), "\xEF\xBB\xBF", scanned) == 0) {
        continue;
      }
      if (c != '\n' && c != '\r') {
        if (!content) first = scanned;
        content = true;
        if (c == '"') quoted = !quoted;
      } else if (!quoted && content) {
        pos_ = buf_.get();
        end_ = buf_.get() + buf_len_;
        return Ok();
      }
    }
    if (eof_ || scanned >= (content ? first : 0) + window) break;
    if (buf_len_ == buf_cap_) {
      const size_t cap = std::max(buf_cap_ * 2, opt_.chunk_bytes);
      auto bigger = std::make_unique<char[]>(cap);
      std::memcpy(bigger.get(), buf_.get(), buf_len_);
      buf_ = std::move(bigger);
      buf_cap_ = cap;
    }
    Result<size_t> got = read_(buf_.get() + buf_len_, buf_cap_ - buf_len_);
    if (!got.ok()) return got.error();
    if (*got > buf_cap_ - buf_len_) {
      return Error::Internal("read callback overran its buffer");
    }
    if (*got == 0) {
      eof_ = true;
    } else {
      buf_len_ += *got;
      stats_.bytes_read += *got;
    }
  }
  pos_ = buf_.get();
  end_ = buf_.get() + buf_len_;
  return Ok();
}

Status CsvReader::Fill() {
  Result<size_t> got = read_(buf_.get(), opt_.chunk_bytes);
  if (!got.ok()) return got.error();
  if (*got > opt_.chunk_bytes) {
    return Error::Internal("read callback overran its buffer");
  }
  stats_.bytes_read += *got;
  if (*got == 0) {  // keep buf_len_: the last byte of input is still there
    eof_ = true;
    pos_ = end_ = buf_.get() + buf_len_;
    return Ok();
  }
  buf_len_ = *got;
  pos_ = buf_.get();
  end_ = buf_.get() + buf_len_;
  return Ok();
}

void CsvReader::DetectDelimiter() {
  // Count candidate delimiters outside quotes on the first line.
  size_t comma = 0, tab = 0, semi = 0;
  bool quoted = false;
  const char* start = pos_;
  while (start != end_ && (*start == '\n' || *start == '\r')) ++start;
  // Past the window, a short read would not have reached it: no line to look
  // at, whatever this read returned (see DetectionWindow).
  if (static_cast<size_t>(start - buf_.get()) >= DetectionWindow()) {
    start = end_;
  }
  const size_t span = static_cast<size_t>(end_ - start);
  const char* const stop = start + std::min(span, opt_.max_record_bytes);
  for (const char* p = start; p != stop; ++p) {
    const char c = *p;
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++comma;
      if (c == '\t') ++tab;
      if (c == ';') ++semi;
    }
  }
  // Ties go to comma, then tab: the common cases.
  delim_ = ',';
  size_t best = comma;
  if (tab > best) {
    delim_ = '\t';
    best = tab;
  }
  if (semi > best) delim_ = ';';
}

Status CsvReader::Start() {
  buf_cap_ = opt_.chunk_bytes;
  buf_ = std::make_unique<char[]>(buf_cap_);
  Status filled = FillForDetection();
  if (!filled.ok()) return filled;
  if (pos_ == end_) {
    return Error::InvalidInput("file", "the file is empty");
  }
  const size_t n = static_cast<size_t>(end_ - pos_);
  const auto* u = reinterpret_cast<const unsigned char*>(pos_);
  if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    return Error::InvalidInput(
        "file",
        "the file is UTF-16; save it as \"CSV UTF-8\" and upload it again");
  }
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    pos_ += 3;
    had_bom_ = true;
  }
  switch (opt_.encoding) {
    case TextEncoding::kAuto: mode_ = had_bom_ ? Mode::kUtf8 : Mode::kAuto; break;
    case TextEncoding::kUtf8: mode_ = Mode::kUtf8; break;
    case TextEncoding::kWindows1252:
      mode_ = had_bom_ ? Mode::kUtf8 : Mode::kCp1252;
      break;
  }

  // Excel's "sep=;" hint line names the delimiter and is not data.
  const size_t left = static_cast<size_t>(end_ - pos_);
  if (left >= 5 && std::memcmp(pos_, "sep=", 4) == 0 &&
      (left == 5 || pos_[5] == '\n' || pos_[5] == '\r')) {
    const char d = pos_[4];
    if (d != '"' && d != '\n' && d != '\r' && d != '\0' && (d & 0x80) == 0) {
      delim_ = d;
      pos_ += 5;
      if (pos_ != end_ && *pos_ == '\r') {
        ++pos_;
        skip_lf_ = true;
      } else if (pos_ != end_) {
        ++pos_;
      }
      line_ = 2;
      if (opt_.delimiter != '\0') delim_ = opt_.delimiter;
    } else {
      delim_ = opt_.delimiter != '\0' ? opt_.delimiter : ',';
    }
  } else if (opt_.delimiter != '\0') {
    delim_ = opt_.delimiter;
  } else {
    DetectDelimiter();
  }

  for (unsigned char c : {static_cast<unsigned char>('"'),
                          static_cast<unsigned char>('\r'),
                          static_cast<unsigned char>('\n'),
                          static_cast<unsigned char>('\0')}) {
    stop_unquoted_[c] = true;
    stop_quoted_[c] = true;
  }
  stop_unquoted_[static_cast<unsigned char>(delim_)] = true;

  if (!opt_.has_header) return Ok();
  CsvRecord head;
  Result<bool> got = ParseRecord(head);
  if (!got.ok()) return got.error();
  if (!*got) return Error::InvalidInput("file", "the file has no header row");
  head.max_cell_bytes_ = opt_.max_cell_bytes;
  FinishEncoding(head);
  if (head.damaged() || head.has(CsvIssue::kNul)) {
    return Error::InvalidInput("header",
                               "the header row is damaged: " + head.Describe());
  }
  header_.reserve(head.size());
  for (size_t i = 0; i < head.size(); ++i) header_.emplace_back(head[i]);
  return Ok();
}

void CsvReader::Append(CsvRecord& r, const char* s, size_t n) {
  std::string& b = r.buf_;
  // The cell's length as read, not as stored: once the record is cut, the
  // stored cell stops growing, and the cap must still see the same cell
  // wherever the reads split it (found by csv_reader_fuzz).
  const size_t cell = cell_seen_;
  cell_seen_ += n;
  if (cell + n > opt_.max_cell_bytes) [[unlikely]] {
    if (!r.has(CsvIssue::kCellTooLarge)) r.issue_column_ = r.ends_.size();
    r.issues_ |= Bit(CsvIssue::kCellTooLarge);
    n = cell < opt_.max_cell_bytes ? opt_.max_cell_bytes - cell : 0;
  }
  if (b.size() + n > opt_.max_record_bytes) [[unlikely]] {
    r.issues_ |= Bit(CsvIssue::kRecordTooLarge);
    n = b.size() < opt_.max_record_bytes ? opt_.max_record_bytes - b.size() : 0;
  }
  b.append(s, n);
}

void CsvReader::EndField(CsvRecord& r) {
  if (r.ends_.size() < opt_.max_fields) [[likely]] {
    r.ends_.push_back(r.buf_.size());
  } else {
    r.issues_ |= Bit(CsvIssue::kTooManyFields);
    r.buf_.resize(cell_start_);
  }
  cell_start_ = r.buf_.size();
  cell_seen_ = 0;
}

Result<bool> CsvReader::ParseRecord(CsvRecord& r) {
  r.Clear();
  cell_start_ = 0;
  cell_seen_ = 0;
  const char d = delim_;
  State st = State::kStartField;
  bool started = false;
  bool ended_by_newline = false;
  bool done = false;
  auto note_nul = [&r]() {
    if (!r.has(CsvIssue::kNul)) r.nul_column_ = r.ends_.size();
    r.issues_ |= Bit(CsvIssue::kNul);
  };

  while (!done) {
    if (pos_ == end_) {
      if (eof_) break;
      Status filled = Fill();
      if (!filled.ok()) return filled.error();
      continue;
    }
    if (skip_lf_) {
      skip_lf_ = false;
      if (*pos_ == '\n') {
        ++pos_;
        continue;
      }
    }
    switch (st) {
      case State::kStartField: {
        const char c = *pos_;
        if (!started) {
          if (c == '\n' || c == '\r') {  // a blank line: skip and count it
            ++pos_;
            ++line_;
            skip_lf_ = c == '\r';
            ++stats_.blank_lines;
            continue;
          }
          started = true;
          r.line_ = line_;
        }
        if (c == '"') {
          ++pos_;
          st = State::kQuoted;
          continue;
        }
        st = State::kUnquoted;
        [[fallthrough]];
      }
      case State::kUnquoted: {
        const char* p = pos_;
        const char* const e = end_;
        while (p != e && !stop_unquoted_[static_cast<unsigned char>(*p)]) ++p;
        if (p != pos_) Append(r, pos_, static_cast<size_t>(p - pos_));
        pos_ = p;
        if (p == e) continue;
        const char c = *p;
        ++pos_;
        if (c == d) {
          EndField(r);
          st = State::kStartField;
        } else if (c == '\n' || c == '\r') {
          ++line_;
          skip_lf_ = c == '\r';
          ended_by_newline = true;
          done = true;
        } else if (c == '\0') {
          note_nul();
          Append(r, p, 1);
        } else {  // a quote inside an unquoted cell: keep it as text
          r.issues_ |= Bit(CsvIssue::kStrayQuote);
          Append(r, p, 1);
        }
        continue;
      }
      case State::kQuoted: {
        const char* p = pos_;
        const char* const e = end_;
        while (p != e && !stop_quoted_[static_cast<unsigned char>(*p)]) ++p;
        if (p != pos_) Append(r, pos_, static_cast<size_t>(p - pos_));
        pos_ = p;
        if (p == e) continue;
        const char c = *p;
        ++pos_;
        if (c == '"') {
          st = State::kQuoteInQuoted;
        } else if (c == '\n') {
          ++line_;
          Append(r, p, 1);
        } else if (c == '\r') {
          ++line_;
          Append(r, p, 1);
          st = State::kQuotedCr;
        } else {  // NUL
          note_nul();
          Append(r, p, 1);
        }
        continue;
      }
      case State::kQuotedCr: {
        if (*pos_ == '\n') {  // CRLF inside quotes: one line break
          Append(r, pos_, 1);
          ++pos_;
        }
        st = State::kQuoted;
        continue;
      }
      case State::kQuoteInQuoted: {
        const char c = *pos_;
        if (c == '"') {  // doubled quote
          Append(r, pos_, 1);
          ++pos_;
          st = State::kQuoted;
        } else if (c == d) {
          ++pos_;
          EndField(r);
          st = State::kStartField;
        } else if (c == '\n' || c == '\r') {
          ++pos_;
          ++line_;
          skip_lf_ = c == '\r';
          ended_by_newline = true;
          done = true;
        } else {  // text after the closing quote: keep it, as Excel does
          r.issues_ |= Bit(CsvIssue::kStrayQuote);
          st = State::kUnquoted;
        }
        continue;
      }
    }
  }

  if (!started) return false;
  if (st == State::kQuoted || st == State::kQuotedCr) {
    r.issues_ |= Bit(CsvIssue::kUnterminatedQuote);
  }
  EndField(r);
  // A record cut by end of input may still end in a (quoted) line break.
  const bool last_was_break = buf_len_ != 0 && (buf_[buf_len_ - 1] == '\n' ||
                                                buf_[buf_len_ - 1] == '\r');
  r.end_line_ = ended_by_newline || last_was_break ? line_ - 1 : line_;
  return true;
}

void CsvReader::FinishEncoding(CsvRecord& r) {
  bool transcode = false;
  if (mode_ == Mode::kCp1252) {
    transcode = !IsAscii(r.buf_);
  } else if (FindInvalidUtf8(r.buf_) != std::string_view::npos) {
    if (mode_ == Mode::kAuto) {
      transcode = true;
    } else {
      r.issues_ |= Bit(CsvIssue::kInvalidUtf8);
    }
  }
  if (!transcode) {
    // Windows-1252 has no bidi controls: only UTF-8 text can carry one.
    char32_t cp = 0;
    const size_t at = FindBidiControl(r.buf_, cp);
    if (at != std::string_view::npos) [[unlikely]] {
      r.issues_ |= Bit(CsvIssue::kBidiControl);
      r.bidi_char_ = cp;
      r.bidi_column_ = static_cast<size_t>(
          std::upper_bound(r.ends_.begin(), r.ends_.end(), at) -
          r.ends_.begin());
    }
    return;
  }
  r.issues_ |= Bit(CsvIssue::kTranscoded);
  r.scratch_.clear();
  size_t begin = 0;
  for (size_t& end : r.ends_) {
    AppendWindows1252AsUtf8(
        std::string_view(r.buf_.data() + begin, end - begin), r.scratch_);
    begin = end;
    end = r.scratch_.size();
  }
  r.buf_.swap(r.scratch_);
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  Result<bool> got = ParseRecord(record);
  if (!got.ok()) return got.error();
  if (!*got) {
    record.Clear();
    return false;
  }
  record.row_ = ++stats_.records;
  record.max_cell_bytes_ = opt_.max_cell_bytes;
  FinishEncoding(record);
  if (record.has(CsvIssue::kTranscoded)) ++stats_.transcoded;
  if (opt_.has_header) {
    const size_t want = header_.size();
    record.expected_fields_ = want;
    if (record.size() < want) {
      record.issues_ |= Bit(CsvIssue::kFewerFields);
    } else if (record.size() > want) {
      record.issues_ |= Bit(CsvIssue::kMoreFields);
    }
    if (record.size() != want) ++stats_.ragged;
  }
  if (record.damaged()) ++stats_.damaged;
  if (record.has(CsvIssue::kBidiControl)) ++stats_.bidi;
  return true;
}

}  // namespace hotshop::io
