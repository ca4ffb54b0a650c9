// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/export_repo.h"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "io/header_mapping.h"
#include "security/field_cipher.h"
#include "security/keyring.h"
#include "store/import_row.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr int64_t kPage = 2000;
constexpr uint64_t kDecoySubkey = 1;
constexpr char kDecoyContext[] = "expdecoy";
constexpr const char* kInfoCols =
    "id, created_by, campaign_id, fields, reason_ct, row_count, decoy_count, created_at_ms, expires_at_ms, "
    "downloaded_at_ms, CASE WHEN content_ct IS NULL THEN 0 ELSE 1 END";

size_t Slot(io::ExportField f) { return static_cast<size_t>(f); }

bool Wants(const std::vector<io::ExportField>& fields, io::ExportField f) {
  return std::find(fields.begin(), fields.end(), f) != fields.end();
}

security::FieldAd PeopleAd(const char* column, const std::string& id, const std::string& org) {
  return security::FieldAd{"people", column, id, org};
}

security::FieldAd ExportAd(const char* column, const std::string& id, const std::string& org) {
  return security::FieldAd{"exports", column, id, org};
}

Result<ExportInfo> InfoFromRow(const Row& r, const OrgKeys& keys, const std::string& org) {
  ExportInfo e;
  e.id = r.Text(0);
  e.created_by = r.Text(1);
  e.campaign_id = r.Text(2);
  Result<std::vector<io::ExportField>> fields = io::ExportFieldsFromText(r.Text(3));
  if (!fields) return fields.error();
  e.fields = std::move(*fields);
  // A reason sealed under a retired key reads as "": the log and the trace
  // still work without it.
  if (Result<std::string> reason = security::Decrypt(keys.data, r.Blob(4), ExportAd("reason", e.id, org))) {
    e.reason = std::move(*reason);
  }
  e.row_count = r.Int(5);
  e.decoy_count = r.Int(6);
  e.created_at_ms = r.Int(7);
  e.expires_at_ms = r.Int(8);
  e.downloaded_at_ms = r.OptInt(9);
  e.has_content = r.Int(10) != 0;
  return e;
}

}  // namespace

Status ExportRepo::ForEachPerson(const std::optional<std::vector<std::string>>& campaigns,
                                 const std::vector<io::ExportField>& fields,
                                 const std::function<void(const io::ExportRecord&)>& each,
                                 const std::function<bool(const std::vector<std::string>& tags)>& keep) {
  using F = io::ExportField;
  const std::string& org = scope_.org_id();
  std::map<std::string, std::string> campaign_name;
  {
    Result<Rows> c = tx_.Query("SELECT id, name FROM campaigns WHERE org_id = $1", {org});
    if (!c) return c.error();
    for (const Row& row : *c) campaign_name[row.Text(0)] = row.Text(1);
  }
  const bool want_details = Wants(fields, F::kFirstName) || Wants(fields, F::kLastName) || Wants(fields, F::kExternalId);
  // The blobs of the fields not exported are not even selected.
  std::string cols = "id, campaign_id, preferred_language";
  cols += Wants(fields, F::kName) ? ", name_ct" : ", NULL";
  cols += Wants(fields, F::kPhone) ? ", phone_ct" : ", NULL";
  cols += Wants(fields, F::kEmail) ? ", email_ct" : ", NULL";
  cols += Wants(fields, F::kAddress) ? ", address_ct" : ", NULL";
  cols += want_details || keep ? ", details_ct" : ", NULL";
  const char* kBlobColumns[] = {"name", "phone", "email", "address"};
  const F kBlobFields[] = {F::kName, F::kPhone, F::kEmail, F::kAddress};

  std::vector<std::optional<std::string>> passes;
  if (campaigns) {
    for (const auto& c : *campaigns) passes.emplace_back(c);
  } else {
    passes.emplace_back(std::nullopt);
  }
  io::ExportRecord rec;
  for (const auto& campaign : passes) {
    // Keyset paging by id (no OFFSET scans); every UUIDv7 sorts after nil,
    // in SQLite's text order as in PostgreSQL's uuid order.
    std::string after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      Params params{org, after, kPage};
      std::string sql = "SELECT " + cols + " FROM people WHERE org_id = $1 AND id > $2";
      if (campaign) {
        sql += " AND campaign_id = $4";
        params.emplace_back(*campaign);
      }
      sql += " ORDER BY id LIMIT $3";
      Result<Rows> rows = tx_.Query(sql, params);
      if (!rows) return rows.error();
      for (const Row& r : *rows) {
        for (auto& cell : rec) cell.clear();
        const std::string id = r.Text(0);
        std::string campaign_id = r.Text(1);
        rec[Slot(F::kPreferredLanguage)] = r.Text(2);
        if (auto it = campaign_name.find(campaign_id); it != campaign_name.end()) rec[Slot(F::kCampaign)] = it->second;
        for (size_t i = 0; i < 4; ++i) {
          if (r.IsNull(3 + i)) continue;
          Result<std::string> v = security::Decrypt(keys_.data, r.Blob(3 + i), PeopleAd(kBlobColumns[i], id, org));
          if (!v) return v.error();
          rec[Slot(kBlobFields[i])] = std::move(*v);
        }
        if (!r.IsNull(7)) {
          Result<std::string> json = security::Decrypt(keys_.data, r.Blob(7), PeopleAd("details", id, org));
          if (!json) return json.error();
          Result<Details> d = DetailsFromJson(*json);
          sodium_memzero(json->data(), json->size());
          if (!d) return d.error();
          if (keep && !keep(SplitTags(d->Get("tags")))) continue;
          if (want_details) {
            rec[Slot(F::kFirstName)] = d->Get(io::ContactFieldName(io::ContactField::kFirstName));
            rec[Slot(F::kLastName)] = d->Get(io::ContactFieldName(io::ContactField::kLastName));
            rec[Slot(F::kExternalId)] = d->Get(io::ContactFieldName(io::ContactField::kExternalId));
          }
        } else if (keep && !keep({})) {
          continue;
        }
        each(rec);
      }
      if (static_cast<int64_t>(rows->size()) < kPage) break;
      after = rows->back().Text(0);
    }
  }
  for (auto& cell : rec) sodium_memzero(cell.data(), cell.size());
  return Ok();
}

Result<int64_t> ExportRepo::CountPeople(const std::optional<std::vector<std::string>>& campaigns) {
  if (!campaigns) {
    Result<Rows> r = tx_.Query("SELECT count(*) FROM people WHERE org_id = $1", {scope_.org_id()});
    if (!r) return r.error();
    return (*r)[0].Int(0);
  }
  int64_t n = 0;
  for (const auto& c : *campaigns) {
    Result<Rows> r = tx_.Query("SELECT count(*) FROM people WHERE org_id = $1 AND campaign_id = $2", {scope_.org_id(), c});
    if (!r) return r.error();
    n += (*r)[0].Int(0);
  }
  return n;
}

Result<std::vector<std::string>> ExportRepo::CampaignNames(const std::optional<std::vector<std::string>>& campaigns) {
  Result<Rows> r = tx_.Query("SELECT id, name FROM campaigns WHERE org_id = $1 ORDER BY id", {scope_.org_id()});
  if (!r) return r.error();
  std::vector<std::string> out;
  if (!campaigns) {
    for (const Row& row : *r) out.push_back(row.Text(1));
    return out;
  }
  for (const auto& id : *campaigns) {
    for (const Row& row : *r) {
      if (row.Text(0) == id) out.push_back(row.Text(1));
    }
  }
  return out;
}

Status ExportRepo::Create(const NewExport& e, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  const security::DataKey& key = *keys_.data.Newest();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO exports (org_id, id, created_by, campaign_id, fields, reason_ct, row_count, decoy_count, content_ct, "
      "created_at_ms, expires_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {org, e.id, e.created_by, e.campaign_id.empty() ? Value(nullptr) : Value(e.campaign_id),
       io::ExportFieldsText(e.fields), Bytes{security::Encrypt(key, e.reason, ExportAd("reason", e.id, org))},
       e.row_count, e.decoy_count, Bytes{security::Encrypt(key, e.content, ExportAd("content", e.id, org))}, now_ms,
       now_ms + kExportLinkValidMs});
  if (!n) return n.error();
  return Ok();
}

Result<ExportInfo> ExportRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such export");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kInfoCols + " FROM exports WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such export");
  return InfoFromRow((*r)[0], keys_, scope_.org_id());
}

Result<std::vector<ExportInfo>> ExportRepo::List(int limit) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kInfoCols +
                                 " FROM exports WHERE org_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT $2",
                             {scope_.org_id(), static_cast<int64_t>(limit)});
  if (!r) return r.error();
  std::vector<ExportInfo> out;
  for (const Row& row : *r) {
    Result<ExportInfo> e = InfoFromRow(row, keys_, scope_.org_id());
    if (!e) return e.error();
    out.push_back(std::move(*e));
  }
  return out;
}

Result<std::string> ExportRepo::Claim(const std::string& id, const std::string& user_id, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such export");
  Result<Rows> r = tx_.Query(
      "SELECT created_by, content_ct, downloaded_at_ms, expires_at_ms FROM exports WHERE org_id = $1 AND id = $2",
      {org, id});
  if (!r) return r.error();
  if (r->empty() || (*r)[0].Text(0) != user_id) return Error::NotFound("no such export");
  const Row& row = (*r)[0];
  const Error gone = Error::Conflict("gone", "this download link was already used or has expired");
  if (!row.IsNull(2) || row.IsNull(1) || now_ms >= row.Int(3)) return gone;
  // The WHERE repeats the checks: of two concurrent downloads, the second
  // waits for the first's row lock, then matches nothing.
  Result<int64_t> n = tx_.Exec(
      "UPDATE exports SET downloaded_at_ms = $3, content_ct = NULL WHERE org_id = $1 AND id = $2 "
      "AND downloaded_at_ms IS NULL AND content_ct IS NOT NULL AND expires_at_ms > $3",
      {org, id, now_ms});
  if (!n) return n.error();
  if (*n != 1) return gone;
  return security::Decrypt(keys_.data, row.Blob(1), ExportAd("content", id, org));
}

Result<int64_t> ExportRepo::PurgeExpired(int64_t now_ms) {
  return tx_.Exec("UPDATE exports SET content_ct = NULL WHERE org_id = $1 AND content_ct IS NOT NULL AND expires_at_ms <= $2",
                  {scope_.org_id(), now_ms});
}

Result<int64_t> ExportRepo::ReencryptBatch(int batch) {
  const std::string& org = scope_.org_id();
  const uint32_t newest = keys_.data.Newest()->key_id;
  Result<Rows> r = tx_.Query("SELECT id, reason_ct, content_ct FROM exports WHERE org_id = $1 ORDER BY id", {org});
  if (!r) return r.error();
  int64_t changed = 0;
  for (const Row& row : *r) {
    if (changed >= batch) break;
    const std::string id = row.Text(0);
    bool stale = security::BlobKeyId(row.Blob(1)) != newest ||
                 (!row.IsNull(2) && security::BlobKeyId(row.Blob(2)) != newest);
    if (!stale) continue;
    Result<std::string> reason = security::Reencrypt(keys_.data, row.Blob(1), ExportAd("reason", id, org));
    if (!reason) return reason.error();
    Value content = nullptr;
    if (!row.IsNull(2)) {
      Result<std::string> c = security::Reencrypt(keys_.data, row.Blob(2), ExportAd("content", id, org));
      if (!c) return c.error();
      content = Bytes{std::move(*c)};
    }
    Result<int64_t> n = tx_.Exec("UPDATE exports SET reason_ct = $3, content_ct = $4 WHERE org_id = $1 AND id = $2",
                                 {org, id, Bytes{std::move(*reason)}, content});
    if (!n) return n.error();
    ++changed;
  }
  return changed;
}

Result<security::SecretBytes> ExportDecoyKey(Tx& tx, const KeyService& keys, const std::string& org_id) {
  Result<Rows> root = tx.Query(
      "SELECT key_id, wrapped FROM org_keys WHERE org_id = $1 AND purpose = 'index' AND state = 'active' "
      "ORDER BY key_id LIMIT 1",
      {org_id});
  if (!root) return root.error();
  if (root->empty()) return Error::NotFound("the organization has no index key");
  Result<security::SecretBytes> r =
      security::UnwrapKey(keys.master_key(), (*root)[0].Blob(1), static_cast<uint32_t>((*root)[0].Int(0)));
  if (!r) return Error::Internal("the organization's index key does not open under this master key");
  return security::DeriveSubkey(*r, kDecoySubkey, kDecoyContext);
}

}  // namespace hotshop::store
