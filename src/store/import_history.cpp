// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/import_history.h"

#include "security/field_cipher.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kColumns =
    "id, filename_ct, format, mode, policy, state, rows_done, created, updated, skipped, rejected, suggested, "
    "actor, started_at_ms, finished_at_ms, report_ct IS NOT NULL, report_lines";

}  // namespace

Result<ImportRecord> ImportHistory::FromRow(const Row& r) {
  ImportRecord rec;
  rec.id = r.Text(0);
  if (!r.IsNull(1)) {
    Result<std::string> name = security::Decrypt(keys_.data, r.Blob(1),
                                                 security::FieldAd{"imports", "filename", rec.id, scope_.org_id()});
    if (!name) return name.error();
    rec.filename = std::move(*name);
  }
  rec.format = r.Text(2);
  rec.mode = r.Text(3);
  rec.policy = r.Text(4);
  rec.state = r.Text(5);
  rec.rows_done = r.Int(6);
  rec.created = r.Int(7);
  rec.updated = r.Int(8);
  rec.skipped = r.Int(9);
  rec.rejected = r.Int(10);
  rec.suggested = r.Int(11);
  rec.actor = r.Text(12);
  rec.started_at_ms = r.Int(13);
  rec.finished_at_ms = r.OptInt(14);
  rec.has_report = r.Int(15) != 0;
  rec.report_lines = r.Int(16);
  return rec;
}

Status ImportHistory::Attach(const std::string& id, const std::string& filename, const std::string& report,
                             int64_t report_lines) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such import");
  const security::DataKey& key = *keys_.data.Newest();
  Value name = filename.empty() ? Value(nullptr)
                                : Value(Bytes{security::Encrypt(
                                      key, filename, security::FieldAd{"imports", "filename", id, scope_.org_id()})});
  Bytes sealed{security::Encrypt(key, report, security::FieldAd{"imports", "report", id, scope_.org_id()})};
  Result<int64_t> n = tx_.Exec(
      "UPDATE imports SET filename_ct = $3, report_ct = $4, report_lines = $5 WHERE org_id = $1 AND id = $2",
      {scope_.org_id(), id, name, sealed, report_lines});
  if (!n) return n.error();
  if (*n == 0) return Error::NotFound("no such import");
  return Ok();
}

Result<std::vector<ImportRecord>> ImportHistory::List(int limit) {
  Result<Rows> rows = tx_.Query(std::string("SELECT ") + kColumns +
                                    " FROM imports WHERE org_id = $1 ORDER BY started_at_ms DESC, id DESC LIMIT $2",
                                {scope_.org_id(), int64_t{limit}});
  if (!rows) return rows.error();
  std::vector<ImportRecord> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) {
    Result<ImportRecord> rec = FromRow(r);
    if (!rec) return rec.error();
    out.push_back(std::move(*rec));
  }
  return out;
}

Result<ImportRecord> ImportHistory::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such import");
  Result<Rows> rows = tx_.Query(std::string("SELECT ") + kColumns + " FROM imports WHERE org_id = $1 AND id = $2",
                                {scope_.org_id(), id});
  if (!rows) return rows.error();
  if (rows->empty()) return Error::NotFound("no such import");
  return FromRow((*rows)[0]);
}

Result<std::string> ImportHistory::Report(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such import");
  Result<Rows> rows = tx_.Query("SELECT report_ct FROM imports WHERE org_id = $1 AND id = $2 AND report_ct IS NOT NULL",
                                {scope_.org_id(), id});
  if (!rows) return rows.error();
  if (rows->empty()) return Error::NotFound("this import has no report");
  return security::Decrypt(keys_.data, (*rows)[0].Blob(0),
                           security::FieldAd{"imports", "report", id, scope_.org_id()});
}

Result<int64_t> ImportHistory::ReencryptBatch(int batch) {
  const std::string& org = scope_.org_id();
  const uint32_t newest = keys_.data.Newest()->key_id;
  Result<Rows> rows = tx_.Query(
      "SELECT id, filename_ct, report_ct FROM imports WHERE org_id = $1 AND (filename_ct IS NOT NULL OR report_ct IS "
      "NOT NULL) ORDER BY id",
      {org});
  if (!rows) return rows.error();
  int64_t changed = 0;
  for (const Row& r : *rows) {
    if (changed >= batch) break;
    const std::string id = r.Text(0);
    const bool stale = (!r.IsNull(1) && security::BlobKeyId(r.Blob(1)) != newest) ||
                       (!r.IsNull(2) && security::BlobKeyId(r.Blob(2)) != newest);
    if (!stale) continue;
    Params p{org, id};
    const char* columns[] = {"filename", "report"};
    for (size_t i = 0; i < 2; ++i) {
      if (r.IsNull(1 + i)) {
        p.emplace_back(nullptr);
        continue;
      }
      Result<std::string> re = security::Reencrypt(keys_.data, r.Blob(1 + i), security::FieldAd{"imports", columns[i], id, org});
      if (!re) return re.error();
      p.emplace_back(Bytes{std::move(*re)});
    }
    Result<int64_t> n = tx_.Exec("UPDATE imports SET filename_ct = $3, report_ct = $4 WHERE org_id = $1 AND id = $2", p);
    if (!n) return n.error();
    ++changed;
  }
  return changed;
}

}  // namespace hotshop::store
