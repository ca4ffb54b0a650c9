// SPDX-License-Identifier: AGPL-3.0-or-later
// Import history: the imports of one org as organizers see them afterwards,
// newest first, with the sealed file name and row-level report that an
// import started from the web keeps (migration 0005).
//
// The import engine (store/import_engine.h) writes the counts; this class
// reads them and attaches the two sealed values once the run has ended.
// Sealing follows security-model.md §2.3 exactly as PersonRepo does:
// XChaCha20-Poly1305 under the org's newest data key, AD = imports | column |
// import id | org id | key id.
//
// Thread rule: one ImportHistory per transaction, like every repository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct ImportRecord {
  std::string id;
  std::string filename;  // "" when imported from the command line
  std::string format;
  std::string mode;    // "atomic", "partial"
  std::string policy;  // "fill", "overwrite", "skip"
  std::string state;   // "running", "completed", "failed"
  int64_t rows_done = 0;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t skipped = 0;
  int64_t rejected = 0;
  int64_t suggested = 0;
  std::string actor;
  int64_t started_at_ms = 0;
  std::optional<int64_t> finished_at_ms;
  bool has_report = false;
  int64_t report_lines = 0;
};

class ImportHistory {
 public:
  ImportHistory(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Seals and stores the file name and the report (CSV text) of import `id`.
  // Errors: kNotFound when the org has no such import.
  Status Attach(const std::string& id, const std::string& filename, const std::string& report, int64_t report_lines);

  // The newest `limit` imports, newest first (file names opened).
  Result<std::vector<ImportRecord>> List(int limit);
  // One import. Errors: kNotFound (also for a malformed id).
  Result<ImportRecord> Get(const std::string& id);
  // The report CSV. Errors: kNotFound when the import has none.
  Result<std::string> Report(const std::string& id);

  // Key rotation (`hotshop keys rotate`): re-seals up to `batch` imports
  // whose file name or report is under an older data key; returns how many
  // (0 when none is left). Must run before the old key is retired.
  Result<int64_t> ReencryptBatch(int batch);

 private:
  Result<ImportRecord> FromRow(const Row& r);

  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
