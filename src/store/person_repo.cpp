// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/person_repo.h"

#include "security/blind_index.h"
#include "security/field_cipher.h"
#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, campaign_id, name_ct, phone_ct, email_ct, address_ct, notes_ct, preferred_language, version";
constexpr const char* kEncryptedColumns[] = {"name", "phone", "email", "address", "notes"};
// Every encrypted column of people, for rotation: the five above plus
// details (an import's other fields, migration 0004).
constexpr const char* kRotatedColumns[] = {"name", "phone", "email", "address", "notes", "details"};

}  // namespace

namespace {

Value Seal(const OrgKeys& k, const std::optional<std::string>& v, const char* column, const std::string& row,
           const std::string& org) {
  if (!v || v->empty()) return nullptr;
  return Bytes{security::Encrypt(*k.data.Newest(), *v, security::FieldAd{"people", column, row, org})};
}

Value Index(const security::SecretBytes& key, const std::optional<std::string>& v) {
  if (!v || v->empty()) return nullptr;
  return static_cast<int64_t>(security::BlindIndex(key, *v));
}

Result<Person> FromRow(const Row& r, const OrgKeys& k, const std::string& org) {
  Person p;
  p.id = r.Text(0);
  p.campaign_id = r.Text(1);
  std::string* out[] = {&p.name, &p.phone, &p.email, &p.address, &p.notes};
  for (size_t i = 0; i < 5; ++i) {
    if (r.IsNull(2 + i)) continue;
    Result<std::string> v = security::Decrypt(k.data, r.Blob(2 + i), security::FieldAd{"people", kEncryptedColumns[i], p.id, org});
    if (!v) return v.error();
    *out[i] = std::move(*v);
  }
  p.preferred_language = r.Text(7);
  p.version = r.Int(8);
  return p;
}

}  // namespace

Result<Person> PersonRepo::Create(const std::string& campaign_id, const PersonFields& f, int64_t now_ms) {
  std::string id = NewId();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO people (org_id, id, campaign_id, name_ct, phone_ct, phone_bidx, email_ct, email_bidx, address_ct, "
      "notes_ct, preferred_language, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
      {org, id, campaign_id.empty() ? Value(nullptr) : Value(campaign_id), Seal(keys_, f.name, "name", id, org),
       Seal(keys_, f.phone, "phone", id, org), Index(keys_.phone_index, f.phone), Seal(keys_, f.email, "email", id, org),
       Index(keys_.email_index, f.email), Seal(keys_, f.address, "address", id, org),
       Seal(keys_, f.notes, "notes", id, org), f.preferred_language.value_or(""), now_ms});
  if (!n) return n.error();
  return Get(id);
}

Result<Person> PersonRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such person");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM people WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such person");
  return FromRow((*r)[0], keys_, scope_.org_id());
}

Result<std::string> PersonRepo::CampaignOf(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such person");
  Result<Rows> r = tx_.Query("SELECT campaign_id FROM people WHERE org_id = $1 AND id = $2", {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such person");
  return (*r)[0].Text(0);
}

Result<Person> PersonRepo::Update(const std::string& id, int64_t expected_version, const PersonFields& c,
                                  int64_t now_ms) {
  Result<Person> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this person's record (now version " +
                                     std::to_string(cur->version) + "); reload to see their change");
  }
  PersonFields f;
  f.name = c.name ? c.name : std::optional<std::string>(cur->name);
  f.phone = c.phone ? c.phone : std::optional<std::string>(cur->phone);
  f.email = c.email ? c.email : std::optional<std::string>(cur->email);
  f.address = c.address ? c.address : std::optional<std::string>(cur->address);
  f.notes = c.notes ? c.notes : std::optional<std::string>(cur->notes);
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE people SET name_ct = $3, phone_ct = $4, phone_bidx = $5, email_ct = $6, email_bidx = $7, address_ct = $8, "
      "notes_ct = $9, preferred_language = $10, version = version + 1, updated_at_ms = $11 "
      "WHERE org_id = $1 AND id = $2 AND version = $12",
      {org, id, Seal(keys_, f.name, "name", id, org), Seal(keys_, f.phone, "phone", id, org),
       Index(keys_.phone_index, f.phone), Seal(keys_, f.email, "email", id, org), Index(keys_.email_index, f.email),
       Seal(keys_, f.address, "address", id, org), Seal(keys_, f.notes, "notes", id, org),
       c.preferred_language.value_or(cur->preferred_language), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this person's record; reload to see their change");
  return Get(id);
}

Result<std::vector<Person>> PersonRepo::FindByPhone(const std::string& e164) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM people WHERE org_id = $1 AND phone_bidx = $2",
                             {scope_.org_id(), static_cast<int64_t>(security::BlindIndex(keys_.phone_index, e164))});
  if (!r) return r.error();
  std::vector<Person> out;
  for (const Row& row : *r) {
    Result<Person> p = FromRow(row, keys_, scope_.org_id());
    if (p && p->phone == e164) out.push_back(std::move(*p));
  }
  return out;
}

Result<std::vector<Person>> PersonRepo::FindByEmail(const std::string& email) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM people WHERE org_id = $1 AND email_bidx = $2",
                             {scope_.org_id(), static_cast<int64_t>(security::BlindIndex(keys_.email_index, email))});
  if (!r) return r.error();
  std::vector<Person> out;
  for (const Row& row : *r) {
    Result<Person> p = FromRow(row, keys_, scope_.org_id());
    if (p && p->email == email) out.push_back(std::move(*p));
  }
  return out;
}

Result<int64_t> PersonRepo::ReencryptBatch(int batch) {
  const std::string& org = scope_.org_id();
  uint32_t newest = keys_.data.Newest()->key_id;
  // Candidates: rows with any blob under an older key. Blob byte 1..4 is the
  // key id; reading a batch and checking in C++ keeps the SQL portable.
  Result<Rows> r = tx_.Query(
      "SELECT id, name_ct, phone_ct, email_ct, address_ct, notes_ct, details_ct FROM people WHERE org_id = $1 ORDER BY id",
      {org});
  if (!r) return r.error();
  int64_t changed = 0;
  for (const Row& row : *r) {
    if (changed >= batch) break;
    std::string id = row.Text(0);
    bool stale = false;
    for (size_t i = 0; i < 6; ++i) {
      if (!row.IsNull(1 + i) && security::BlobKeyId(row.Blob(1 + i)) != newest) stale = true;
    }
    if (!stale) continue;
    Params p{org, id};
    for (size_t i = 0; i < 6; ++i) {
      if (row.IsNull(1 + i)) {
        p.emplace_back(nullptr);
        continue;
      }
      Result<std::string> re = security::Reencrypt(keys_.data, row.Blob(1 + i),
                                                   security::FieldAd{"people", kRotatedColumns[i], id, org});
      if (!re) return re.error();
      p.emplace_back(Bytes{*re});
    }
    Result<int64_t> n = tx_.Exec(
        "UPDATE people SET name_ct = $3, phone_ct = $4, email_ct = $5, address_ct = $6, notes_ct = $7, "
        "details_ct = $8 WHERE org_id = $1 AND id = $2",
        p);
    if (!n) return n.error();
    ++changed;
  }
  return changed;
}

}  // namespace hotshop::store
