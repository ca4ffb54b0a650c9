// SPDX-License-Identifier: AGPL-3.0-or-later
// Import engine: streams an uploaded contact CSV into one org's people,
// normalized, deduplicated, encrypted and indexed, with a row-level report.
//
// Spec: the `hotshop import` issue and security-model.md §4 row 19 ("row-level
// report; atomic or explicit partial; no silent drop"):
//   - Modes. kAtomic: one transaction; if any row is rejected nothing is
//     written (the report still lists every bad row). kPartial: commits every
//     `commit_rows` rows; rejected rows are reported and left out.
//   - Deduplication, within the file and against the org's people, through
//     the blind indexes of the phone, the email and the external id: an index
//     hit is only a candidate, decrypted and compared. A row matching one
//     person is a duplicate, handled by DuplicatePolicy; a row matching two
//     different people is not imported and reported duplicate_suggested.
//   - Idempotent: a keyed hash of the file's bytes and of the choices made
//     for it (the effective column mapping, the region, the duplicate policy
//     and the tags; not the mode) is recorded; the same file with the same
//     choices, already imported completely into the org, changes nothing (and
//     a file whose rows are already there changes nothing either: every row
//     is a duplicate whose values are unchanged). The same file with a
//     corrected mapping is a new import.
//   - Tags (ImportOptions::tags, and a file's tags column) live in
//     details_ct's "tags" field as one text: the tags, each trimmed, in the
//     order first seen, without duplicates, joined by ", " (so a tag never
//     holds a comma). A duplicate under fill or overwrite gains the row's
//     tags (a union: tags are never removed by an import).
//   - Resumable: a partial import records, in each commit, how many rows it
//     has committed; run again on the same file after a crash, it continues
//     after them, so no row is imported twice.
//   - Audited: one "import.completed" (or "import.failed") event per run,
//     object "import:<id> rows:N", never a value.
//
// Speed and memory: a reader thread parses, worker threads normalize, seal
// and index batches of rows, and the calling thread writes them in file order
// through Tx::BulkInsert (SQLite: one prepared single-row INSERT per row,
// values bound in place; PostgreSQL: one INSERT ... SELECT FROM unnest of
// binary arrays per batch; COPY is refused under row-level security).
// Batches go back to the reader once written, so a steady import allocates
// almost nothing per row. Memory is bounded by the batches in flight
// (kPartial: plus one transaction's rows), SQLite's page cache while writing
// (sqlite_cache_mib), and a Bloom filter of blind indexes (at most 16 MiB)
// that lets almost every new row skip the database lookup. Measured with
// bench/import.sh (bench/README.md has the figures and where the time goes):
// the writer spends nearly all its time inside the database's own insert of
// a people row, and runs at the speed of the people schema itself.
//
// Thread rule: ImportCsv runs on the calling thread and its own helper
// threads; call it from one thread per import.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/csv_reader.h"
#include "io/header_mapping.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

enum class ImportMode : uint8_t { kAtomic, kPartial };
// What a row that matches an existing person does to that person.
enum class DuplicatePolicy : uint8_t {
  kFillBlanks,  // sets only the fields the person does not have yet
  kOverwrite,   // replaces fields with the row's non-empty values
  kSkip,        // leaves the person unchanged
};

std::string_view ImportModeName(ImportMode m);          // "atomic", "partial"
std::string_view DuplicatePolicyName(DuplicatePolicy p);  // "fill", "overwrite", "skip"
// Fail with kInvalidInput on field "mode" / "on_duplicate".
Result<ImportMode> ParseImportMode(std::string_view s);
Result<DuplicatePolicy> ParseDuplicatePolicy(std::string_view s);

// Where an import is, for a progress bar.
struct ImportProgress {
  uint64_t rows_done = 0;    // data rows of the file read and handled (a resumed import counts the earlier run's)
  uint64_t bytes_done = 0;   // bytes of the file consumed (read ahead by up to one read chunk)
  uint64_t bytes_total = 0;  // the file's size
};

struct ImportOptions {
  io::SourceFormat format = io::SourceFormat::kAuto;
  // The file's encoding as the uploader declared it (io/csv_reader.h): kAuto
  // reads UTF-8 where valid and Windows-1252 elsewhere, row by row; a
  // declared one is applied to every row (kUtf8 rejects rows that are not).
  // A declared encoding is one of the choices the idempotency key covers.
  io::TextEncoding encoding = io::TextEncoding::kAuto;
  // When set, used instead of io::MapHeader(header, format): the caller
  // mapped the header and applied the user's overrides. Its columns must be
  // the file's header columns, in order (columns[i].index == i), a kField
  // column naming a field, no field on two columns; else kInvalidInput on
  // field "columns". The name-column check still applies (field "file").
  std::optional<io::HeaderMapping> mapping;
  // Applied to every person the import creates or updates, and to duplicates
  // under kFillBlanks and kOverwrite (merged into their tags, see above);
  // under kSkip existing people are unchanged. Each is trimmed; an empty
  // tag, one holding a comma or a control character, or one over 100 bytes
  // fails with kInvalidInput on field "tags".
  std::vector<std::string> tags;
  // Called on the calling thread after each batch it has written and once
  // at the end (never concurrently; keep it cheap: it runs between batches).
  std::function<void(const ImportProgress&)> on_progress;
  // When it becomes true the import stops as a crash would: kPartial keeps
  // what was committed and stays resumable, kAtomic rolls back (no import
  // record, no audit event, as after a crash); summary.stopped is true.
  // Read between batches. For server shutdown.
  const std::atomic<bool>* cancel = nullptr;
  ImportMode mode = ImportMode::kAtomic;
  DuplicatePolicy policy = DuplicatePolicy::kFillBlanks;
  std::string region;               // "" = the org's default_region
  std::string actor = "system:cli";  // for the audit event
  int threads = 0;                  // sealing workers; 0 = one per core
  size_t batch_rows = 1024;         // rows per pipeline batch
  size_t commit_rows = 10000;       // kPartial: rows per transaction (held until it commits)
  bool report_clean_rows = false;   // also report rows created without a problem
  // SQLite: the page cache of the importing connection while it writes. The
  // blind-index indexes take inserts at random places; with SQLite's default
  // 2 MiB every insert re-reads pages from the WAL. A cap, not an allocation.
  size_t sqlite_cache_mib = 64;
  size_t max_warnings_per_kind = 100;  // then one summary line per kind
  // Tests: called after each committed transaction of a partial import with
  // the rows committed so far; returning false stops the import there, as a
  // crash would (the import stays resumable).
  std::function<bool(uint64_t rows_done)> after_commit;
};

struct ImportSummary {
  std::string import_id;
  io::HeaderMapping mapping;
  std::string region;
  bool already_imported = false;  // this file was imported before: nothing done
  bool resumed = false;           // continued an interrupted partial import
  uint64_t resumed_after_rows = 0;
  bool committed = false;  // false: atomic mode with a rejected row, nothing written
  bool stopped = false;    // after_commit or cancel stopped it
  uint64_t rows = 0;       // data rows read in this run
  uint64_t created = 0;
  uint64_t updated = 0;
  uint64_t skipped = 0;    // duplicates left unchanged, blank rows
  uint64_t rejected = 0;
  uint64_t suggested = 0;  // matched two or more people: not imported
  uint64_t warnings = 0;   // report lines about rows that were imported
  // Where the time went, for benchmarks: the writer waiting for sealed rows
  // (parsing and sealing are the bottleneck) vs. writing them.
  double wait_seconds = 0;
  double write_seconds = 0;
};

// Imports the CSV at `path` into scope's org, writing the report (columns
// line, column, action, problem, excerpt; see io/import_report.h) to
// `report` when not null. Rows created without a problem are not reported
// unless options.report_clean_rows.
// Success: the summary; in kAtomic mode with rejected rows, summary.committed
// is false and nothing was written (except the failed import's record and
// audit event).
// Errors: kInvalidInput (field "file") when the file cannot be read as CSV
// or has no name column, (field "region") for an unknown region, (field
// "columns") for a bad options.mapping, (field "tags") for a bad tag;
// kNotFound when the org has no keys; kUnavailable when the database is
// unreachable or stayed busy; kInternal when a stored value does not
// decrypt. A failed transaction rolls back; a partial import stays resumable.
Result<ImportSummary> ImportCsv(Database& db, KeyService& keys, const Scope& scope, const std::string& path,
                                const ImportOptions& options, std::ostream* report);

}  // namespace hotshop::store
