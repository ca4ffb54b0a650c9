// SPDX-License-Identifier: AGPL-3.0-or-later
// libFuzzer target for io/csv_reader (and the writer it round-trips through).
// The first input byte picks options (delimiter, encoding, small caps, header
// or not); the rest is the file. Checks, beyond "no crash, no sanitizer
// report": the records are identical whatever the chunk size and read size
// (chunk-boundary bugs), cells respect the caps, every record's line range is
// ordered, and every non-damaged record survives CsvWriter -> CsvReader.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.h"
#include "io/csv_writer.h"

namespace {

using hotshop::Result;
using hotshop::io::CsvOptions;
using hotshop::io::CsvReader;
using hotshop::io::CsvRecord;
using hotshop::io::TextEncoding;

struct Out {
  bool opened = false;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<uint32_t> issues;
  std::vector<bool> damaged;
};

Out Run(const std::string& text, CsvOptions o, size_t step) {
  Out out;
  size_t pos = 0;
  CsvReader::ReadFn read = [&](char* dst, size_t cap) -> Result<size_t> {
    const size_t n = std::min({step, cap, text.size() - pos});
    text.copy(dst, n, pos);
    pos += n;
    return n;
  };
  Result<CsvReader> r = CsvReader::Open(read, o);
  if (!r.ok()) return out;
  out.opened = true;
  out.header = r->header();
  CsvRecord rec;
  uint64_t last_line = 0;
  for (;;) {
    Result<bool> got = r->Next(rec);
    if (!got.ok() || !*got) break;
    if (rec.line() > rec.end_line() || rec.line() < last_line) __builtin_trap();
    last_line = rec.end_line();
    if (rec.size() > o.max_fields) __builtin_trap();
    std::vector<std::string> row;
    for (size_t i = 0; i < rec.size(); ++i) {
      // Transcoding may triple a cell; the raw cap holds before it.
      if (rec[i].size() > 3 * o.max_cell_bytes) __builtin_trap();
      row.emplace_back(rec[i]);
    }
    if (rec.issues() != 0 && rec.Describe().empty()) __builtin_trap();
    out.rows.push_back(std::move(row));
    out.issues.push_back(rec.issues());
    out.damaged.push_back(rec.damaged());
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t knobs = data[0];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  CsvOptions o;
  const char delims[] = {'\0', ',', '\t', ';'};
  o.delimiter = delims[knobs & 3];
  o.encoding = static_cast<TextEncoding>((knobs >> 2) % 3);
  o.has_header = (knobs & 0x20) == 0;
  o.max_cell_bytes = (knobs & 0x40) ? 8 : 1 << 20;
  o.max_record_bytes = (knobs & 0x40) ? 64 : 8 << 20;
  o.max_fields = (knobs & 0x80) ? 3 : 4096;
  o.chunk_bytes = 1 << 16;

  const Out ref = Run(text, o, 1 << 16);
  CsvOptions small = o;
  small.chunk_bytes = 16;
  const Out chunked = Run(text, small, 5);
  if (ref.opened != chunked.opened || ref.header != chunked.header ||
      ref.rows != chunked.rows || ref.issues != chunked.issues) {
    __builtin_trap();
  }
  if (!ref.opened) return 0;

  // Round trip: clean-enough rows written out must read back the same.
  std::ostringstream written;
  hotshop::io::CsvWriter w(written);
  std::vector<std::vector<std::string>> kept;
  size_t width = SIZE_MAX;
  for (size_t i = 0; i < ref.rows.size(); ++i) {
    if (ref.damaged[i]) continue;
    if (width == SIZE_MAX) width = ref.rows[i].size();
    if (ref.rows[i].size() != width) continue;
    if (!w.WriteRow(ref.rows[i]).ok()) __builtin_trap();
    kept.push_back(ref.rows[i]);
  }
  if (!w.Finish().ok()) __builtin_trap();
  if (kept.empty()) return 0;
  CsvOptions back;
  back.delimiter = ',';
  back.has_header = false;
  back.encoding = TextEncoding::kUtf8;
  const Out again = Run(written.str(), back, 1 << 16);
  if (!again.opened || again.rows.size() != kept.size()) __builtin_trap();
  for (size_t i = 0; i < kept.size(); ++i) {
    if (again.rows[i].size() != kept[i].size()) __builtin_trap();
    for (size_t c = 0; c < kept[i].size(); ++c) {
      if (hotshop::io::StripFormulaGuard(again.rows[i][c]) != kept[i][c]) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
