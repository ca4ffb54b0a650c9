// SPDX-License-Identifier: AGPL-3.0-or-later
// Import report: the row-by-row account of a contact import, streamed to a
// CSV the organizer downloads: what happened to each row and why.
//
// Spec: security-model.md §4 rows 16 and 19 ("row-level report; atomic or
// explicit partial; no silent drop") and §2.12 (exported CSV is
// formula-guarded; it is written through CsvWriter). A report may be opened
// by someone other than the uploader and travels by email, so it never holds
// a whole cell: only SafeExcerpt(value), at most 16 characters with every
// control, bidi and invisible character made visible as <U+XXXX>, and header
// names and problem text are sanitized the same way (longer limits).
//
// Report columns: line, column, action, problem, excerpt.
//
// Thread rule: an ImportReportWriter belongs to one thread; SafeExcerpt is
// pure.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "core/result.h"
#include "io/csv_writer.h"

namespace hotshop::io {

enum class ImportAction : uint8_t {
  kCreated,
  kUpdated,
  kSkipped,             // nothing to do (blank row, unchanged, user skipped)
  kRejected,            // the row or a cell could not be imported
  kDuplicateSuggested,  // looks like an existing contact: queued for review
};
inline constexpr size_t kImportActionCount = 5;

// "created", "updated", "skipped", "rejected", "duplicate_suggested".
std::string_view ImportActionName(ImportAction action);

// A short, display-safe excerpt of `value`: at most `max_chars` code points,
// then "…". C0/C1 controls, DEL, bidi controls (U+200E U+200F U+202A-U+202E
// U+2066-U+2069 U+061C), zero-width and other format characters, and U+FFFD
// become "<U+XXXX>"; bytes that are not UTF-8 become "<0xNN>". Each such
// escape counts as one character. Never fails.
std::string SafeExcerpt(std::string_view value, size_t max_chars = 16);

struct ImportCounts {
  std::array<uint64_t, kImportActionCount> by_action{};
  uint64_t problems = 0;  // entries with a non-empty problem
  uint64_t total() const;
  uint64_t of(ImportAction a) const {
    return by_action[static_cast<size_t>(a)];
  }
};

class ImportReportWriter {
 public:
  // REQUIRES: `out` outlives the writer.
  explicit ImportReportWriter(std::ostream& out, CsvWriterOptions options = {});

  // Writes one report line (the header row first, on the first call).
  // `line` is the physical line in the uploaded file (CsvRecord::line());
  // `column` the header name or "" for the whole row; `problem` an English
  // sentence or "" for a clean row; `raw_value` the offending cell, of which
  // only SafeExcerpt is written. Fails with kUnavailable when `out` goes bad.
  Status Add(uint64_t line, std::string_view column, std::string_view problem,
             std::string_view raw_value, ImportAction action);

  // Writes the header if nothing was added and flushes. Same failure.
  Status Finish();

  const ImportCounts& counts() const { return counts_; }

 private:
  Status WriteHeaderOnce();

  CsvWriter csv_;
  ImportCounts counts_;
  bool header_written_ = false;
};

}  // namespace hotshop::io
