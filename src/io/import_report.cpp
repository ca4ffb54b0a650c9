// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/import_report.h"

#include <cstdio>

#include "io/text_encoding.h"

namespace hotshop::io {
namespace {

constexpr size_t kMaxColumnChars = 64;
constexpr size_t kMaxProblemChars = 400;

bool MustEscape(int cp) {
  if (cp < 0x20 || cp == 0x7F) return true;               // C0, DEL
  if (cp >= 0x80 && cp <= 0x9F) return true;              // C1
  if (cp == 0x00AD || cp == 0x061C || cp == 0x180E) return true;
  if (cp >= 0x200B && cp <= 0x200F) return true;          // ZW*, LRM, RLM
  if (cp >= 0x2028 && cp <= 0x202E) return true;          // LS PS LRE..RLO
  if (cp >= 0x2060 && cp <= 0x206F) return true;          // WJ, LRI..PDI, ...
  if (cp == 0xFEFF || cp == 0xFFFD) return true;          // BOM, replacement
  if (cp >= 0xFFF9 && cp <= 0xFFFB) return true;          // annotation chars
  if (cp >= 0xE0000 && cp <= 0xE007F) return true;        // tag characters
  return false;
}

}  // namespace

std::string_view ImportActionName(ImportAction action) {
  switch (action) {
    case ImportAction::kCreated: return "created";
    case ImportAction::kUpdated: return "updated";
    case ImportAction::kSkipped: return "skipped";
    case ImportAction::kRejected: return "rejected";
    case ImportAction::kDuplicateSuggested: return "duplicate_suggested";
  }
  return "rejected";
}

std::string SafeExcerpt(std::string_view value, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  size_t i = 0;
  char hex[16];
  while (i < value.size()) {
    if (chars == max_chars) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    size_t len = 0;
    const int cp = DecodeUtf8At(value, i, len);
    if (cp < 0) {
      std::snprintf(hex, sizeof(hex), "<0x%02X>",
                    static_cast<unsigned>(static_cast<unsigned char>(value[i])));
      out += hex;
    } else if (MustEscape(cp)) {
      std::snprintf(hex, sizeof(hex), "<U+%04X>", static_cast<unsigned>(cp));
      out += hex;
    } else {
      out.append(value.data() + i, len);
    }
    i += len;
    ++chars;
  }
  return out;
}

uint64_t ImportCounts::total() const {
  uint64_t sum = 0;
  for (uint64_t n : by_action) sum += n;
  return sum;
}

ImportReportWriter::ImportReportWriter(std::ostream& out,
                                       CsvWriterOptions options)
    : csv_(out, options) {}

Status ImportReportWriter::WriteHeaderOnce() {
  if (header_written_) return Ok();
  header_written_ = true;
  return csv_.WriteRow({"line", "column", "action", "problem", "excerpt"});
}

Status ImportReportWriter::Add(uint64_t line, std::string_view column,
                               std::string_view problem,
                               std::string_view raw_value,
                               ImportAction action) {
  Status s = WriteHeaderOnce();
  if (!s.ok()) return s;
  const std::string line_text = std::to_string(line);
  const std::string column_text = SafeExcerpt(column, kMaxColumnChars);
  const std::string problem_text = SafeExcerpt(problem, kMaxProblemChars);
  const std::string excerpt = SafeExcerpt(raw_value);
  s = csv_.WriteRow({line_text, column_text, ImportActionName(action),
                     problem_text, excerpt});
  if (!s.ok()) return s;
  ++counts_.by_action[static_cast<size_t>(action)];
  if (!problem.empty()) ++counts_.problems;
  return Ok();
}

Status ImportReportWriter::Finish() {
  Status s = WriteHeaderOnce();
  if (!s.ok()) return s;
  return csv_.Finish();
}

}  // namespace hotshop::io
