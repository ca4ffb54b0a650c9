// SPDX-License-Identifier: AGPL-3.0-or-later
// Import jobs: the web's way into the import engine (store/import_engine.h).
// An organizer uploads a file (Stage), looks at the detected mapping and a
// preview, corrects it, and starts the import (Start), which runs on a
// thread of its own while the page polls its progress (Get).
//
// Spec: issue #6 ("a preview and a mapping screen in the UI for anything
// unmapped; unknown columns become custom fields or are skipped by choice";
// "Progress: a live bar in the UI"), journeys.md J5.3 ("Never: a silently
// dropped row; a blocked UI with no progress"), security-model.md §2.3.
//
//   - The uploaded file is held in memory only (an anonymous memfd, never a
//     path on disk): a list of workers must not linger in /tmp. It is dropped
//     as soon as its import ends, or `stage_ttl_ms` after the upload.
//   - Only the user who uploaded a file sees its staged preview and may start
//     it; anyone else gets kNotFound, as for a missing id.
//   - One import runs per org at a time (kConflict for a second), so two
//     organizers importing overlapping lists cannot both create the same
//     person: the engine's deduplication sees the first one's rows.
//   - When a run ends, its row report and file name are sealed into the
//     org's import history (store/import_history.h) for later download.
//   - Shutdown() (and the destructor) asks running imports to stop as a crash
//     would (a partial import stays resumable; an atomic one rolls back) and
//     waits for them.
//
// Thread rule: every method is safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.h"
#include "io/csv_reader.h"
#include "io/header_mapping.h"
#include "store/database.h"
#include "store/import_engine.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::api {

struct ImportLimits {
  size_t max_file_bytes = size_t{128} << 20;    // one upload
  size_t max_staged_bytes = size_t{512} << 20;  // every waiting upload together
  int64_t stage_ttl_ms = 60 * 60 * 1000;        // an upload not started is dropped after this
  int64_t finished_ttl_ms = 60 * 60 * 1000;     // a finished job's in-memory status
  size_t preview_rows = 5;
  size_t sample_values = 3;       // per column, non-empty
  size_t sample_scan_rows = 200;  // rows read to find them
  size_t preview_cell_chars = 120;
};

// What the organizer chose on the mapping screen for one column.
struct ColumnChoice {
  size_t index = 0;
  io::ColumnAction action = io::ColumnAction::kCustom;
  std::optional<io::ContactField> field;  // iff action == kField
};

struct ImportChoices {
  std::vector<ColumnChoice> columns;  // columns not listed keep the detected mapping
  store::ImportMode mode = store::ImportMode::kPartial;
  store::DuplicatePolicy policy = store::DuplicatePolicy::kFillBlanks;
  std::vector<std::string> tags;
  io::TextEncoding encoding = io::TextEncoding::kAuto;  // as the organizer declared it
};

struct StagedPreview {
  std::string id;
  std::string filename;
  uint64_t bytes = 0;
  int64_t expires_at_ms = 0;
  io::HeaderMapping mapping;
  bool transcoded = false;  // the preview held Windows-1252 text
  std::vector<std::vector<std::string>> samples;  // per column
  std::vector<std::vector<std::string>> preview;  // first rows, cells shortened
};

enum class ImportJobState : uint8_t { kStaged, kRunning, kCompleted, kFailed };
std::string_view ImportJobStateName(ImportJobState s);  // "staged", ...

struct ImportStatus {
  std::string id;
  std::string filename;
  ImportJobState state = ImportJobState::kStaged;
  uint64_t bytes_total = 0;
  uint64_t bytes_done = 0;
  uint64_t rows_done = 0;
  std::optional<store::ImportSummary> summary;
  std::optional<store::ImportMode> mode;
  std::optional<store::DuplicatePolicy> policy;
  std::optional<Error> error;  // why a failed import failed
  std::string record_id;       // the import's row in the org's history, once known
  bool report_available = false;
};

// Applies the organizer's column choices to a detected mapping.
// Errors: kInvalidInput field "columns[i]" (index out of range, a field
// action without a field, a column listed twice), kConflict field
// "columns[i].field" when two columns would hold one field.
Result<io::HeaderMapping> ApplyColumnChoices(io::HeaderMapping mapping, const std::vector<ColumnChoice>& choices);

class ImportJobs {
 public:
  ImportJobs(store::Database& db, store::KeyService& keys, ImportLimits limits = {});
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Holds `bytes` for the user and reads its header and first rows.
  // Errors: kTooLarge over max_file_bytes; kUnavailable when the uploads
  // waiting would exceed max_staged_bytes; kInvalidInput field "file" when
  // it is empty, not text, or has no header row.
  Result<StagedPreview> Stage(const store::Scope& scope, const std::string& user_id, std::string filename,
                              std::string_view bytes, int64_t now_ms);

  // Starts the import of a staged upload with the user's choices.
  // Errors: kNotFound (unknown, expired, another user's), kConflict when it
  // already started or another import of the org is running, and
  // ApplyColumnChoices' errors (nothing is started then).
  Result<ImportStatus> Start(const store::Scope& scope, const std::string& user_id, const std::string& id,
                             const ImportChoices& choices, int64_t now_ms);

  // The job's status while it is in memory (kNotFound otherwise, or when
  // another user's staged upload).
  Result<ImportStatus> Get(const store::Scope& scope, const std::string& user_id, const std::string& id,
                           int64_t now_ms);

  // Stops running imports (as a crash would) and waits for them.
  void Shutdown();

 private:
  struct Job;
  void Run(std::shared_ptr<Job> job, ImportChoices choices, io::HeaderMapping mapping, std::string actor);
  void SweepLocked(int64_t now_ms);
  ImportStatus StatusOf(const Job& job) const;

  store::Database& db_;
  store::KeyService& keys_;
  ImportLimits limits_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  // Each running (or just finished) import's thread; finished ones are
  // joined by the next sweep so a long-lived server keeps no dead stacks.
  std::vector<std::pair<std::shared_ptr<Job>, std::thread>> threads_;
  size_t staged_bytes_ = 0;
};

}  // namespace hotshop::api
