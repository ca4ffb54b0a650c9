// SPDX-License-Identifier: AGPL-3.0-or-later
// Exports of one org (security-model.md §2.12; migration 0006): reading the
// people an export covers, keeping the export log, and the single-use,
// 10-minute download.
//
// An export row holds who made it, the campaign it was limited to (if any),
// the fields, the row count, the reason and, until it is downloaded or
// expires, the file. The reason and the file are sealed under the org's data
// key with AD = exports | column | export id | org id (§2.3), so a blob
// pasted into another export does not open. The file is set to NULL at its
// download (single use) and by PurgeExpired; the row stays as the export log
// and as what `hotshop export trace` rebuilds the decoys from.
//
// Decision, download: only the user who made the export may download it,
// once, within kExportLinkValidMs of its creation. A second try, or one
// after the expiry, is refused as "gone" (the handler answers 410 to that
// user; to anyone else the export does not exist: 404).
//
// Rotation: ReencryptBatch re-seals reasons and pending files under the
// newest data key, like PersonRepo::ReencryptBatch; `keys rotate` must call
// both before it retires the old key.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/export_csv.h"
#include "security/secret.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

// The download link works for 10 minutes after the export is made (§2.12).
inline constexpr int64_t kExportLinkValidMs = 10 * 60 * 1000;

struct NewExport {
  std::string id;           // a fresh UUIDv7
  std::string created_by;   // the user's id
  std::string campaign_id;  // "" when not limited to one campaign
  std::vector<io::ExportField> fields;
  std::string reason;
  int64_t row_count = 0;
  int64_t decoy_count = 0;
  std::string content;      // the CSV file
};

struct ExportInfo {
  std::string id;
  std::string created_by;
  std::string campaign_id;
  std::vector<io::ExportField> fields;
  std::string reason;  // "" when it no longer opens (see ReencryptBatch)
  int64_t row_count = 0;
  int64_t decoy_count = 0;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> downloaded_at_ms;
  bool has_content = false;
};

class ExportRepo {
 public:
  ExportRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Calls `each` for every person of the org (campaigns == nullopt: everyone,
  // including people outside any campaign) or of the listed campaigns, in
  // campaign order then id order, with the exported fields decrypted (and
  // only those). Pages through the table so memory does not grow with it.
  // Errors: kInternal when a field does not decrypt (tampered), or the
  // database's.
  // With keep set, each person's tags (from the sealed details) are read
  // whatever the fields, and a person keep refuses is not passed to each
  // (voter-list rows tagged restricted-use: domain-rules.md R7).
  Status ForEachPerson(const std::optional<std::vector<std::string>>& campaigns,
                       const std::vector<io::ExportField>& fields,
                       const std::function<void(const io::ExportRecord&)>& each,
                       const std::function<bool(const std::vector<std::string>& tags)>& keep = nullptr);

  // How many people ForEachPerson would visit (it places the decoys).
  Result<int64_t> CountPeople(const std::optional<std::vector<std::string>>& campaigns);

  // Names of the campaigns, in the order given (ids of no campaign skipped),
  // or of every campaign of the org for nullopt, for the decoys' campaign.
  Result<std::vector<std::string>> CampaignNames(const std::optional<std::vector<std::string>>& campaigns);

  // REQUIRES: e.id a fresh UUIDv7, fields not empty.
  Status Create(const NewExport& e, int64_t now_ms);
  // Errors: kNotFound when missing in this org.
  Result<ExportInfo> Get(const std::string& id);
  // The export log, newest first (at most limit rows).
  Result<std::vector<ExportInfo>> List(int limit);

  // The single download: the file, and the row marked downloaded with its
  // file dropped, in this transaction. Errors: kNotFound when missing or
  // made by another user; kConflict on field "gone" when already
  // downloaded or expired at now_ms (nothing changes then).
  Result<std::string> Claim(const std::string& id, const std::string& user_id, int64_t now_ms);

  // Drops the files of expired exports. Returns how many.
  Result<int64_t> PurgeExpired(int64_t now_ms);

  // Rotation: re-seals up to batch rows not under the newest data key.
  // Returns how many rows changed (0 = done).
  Result<int64_t> ReencryptBatch(int batch);

 private:
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

// The org's secret for decoy rows (io/export_decoys.h): subkey 1 of the
// org's blind-index root in context "expdecoy". The root is never rotated
// (security/blind_index.h), so every past export stays traceable.
// Errors: kNotFound without an index key; kInternal when it does not open.
Result<security::SecretBytes> ExportDecoyKey(Tx& tx, const KeyService& keys, const std::string& org_id);

}  // namespace hotshop::store
