// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/cemex_repo.h"

#include "store/election_repo.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, unit_id, demanded_on, method, evidence, supporters, unit_size, state_code, response, responded_on, note_ct, "
    "version";

}  // namespace

Result<ElectionSettings> GetElectionSettings(Tx& tx, const Scope& scope) {
  Result<Rows> r = tx.Query("SELECT cemex_enabled, version FROM org_election_settings WHERE org_id = $1",
                            {scope.org_id()});
  if (!r) return r.error();
  if (r->empty()) return ElectionSettings{false, 1};  // never set: the defaults, as version 1
  return ElectionSettings{(*r)[0].Int(0) != 0, (*r)[0].Int(1)};
}

Result<ElectionSettings> SetElectionSettings(Tx& tx, const Scope& scope, int64_t expected_version,
                                             const ElectionSettings& s, int64_t now_ms) {
  Result<ElectionSettings> cur = GetElectionSettings(tx, scope);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed these settings; reload to see their change");
  }
  Result<Rows> stored = tx.Query("SELECT 1 FROM org_election_settings WHERE org_id = $1", {scope.org_id()});
  if (!stored) return stored.error();
  Result<int64_t> n = stored->empty()
                          ? tx.Exec("INSERT INTO org_election_settings (org_id, cemex_enabled, version, updated_at_ms) "
                                    "VALUES ($1, $2, 2, $3)",
                                    {scope.org_id(), int64_t{s.cemex_enabled ? 1 : 0}, now_ms})
                          : tx.Exec("UPDATE org_election_settings SET cemex_enabled = $2, version = version + 1, "
                                    "updated_at_ms = $3 WHERE org_id = $1 AND version = $4",
                                    {scope.org_id(), int64_t{s.cemex_enabled ? 1 : 0}, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed these settings; reload to see their change");
  return GetElectionSettings(tx, scope);
}

CemexDemand MergeDemand(CemexDemand d, const CemexDemandFields& f) {
  auto set = [](std::string& to, const std::optional<std::string>& v) {
    if (v) to = *v;
  };
  set(d.demanded_on, f.demanded_on);
  set(d.method, f.method);
  set(d.evidence, f.evidence);
  set(d.state_code, f.state_code);
  set(d.response, f.response);
  set(d.responded_on, f.responded_on);
  set(d.note, f.note);
  if (f.supporters) d.supporters = *f.supporters;
  if (f.unit_size) d.unit_size = *f.unit_size;
  return d;
}

Result<CemexDemand> CemexRepo::FromRow(const Row& r) {
  CemexDemand d;
  d.id = r.Text(0);
  d.unit_id = r.Text(1);
  d.demanded_on = r.Text(2);
  d.method = r.Text(3);
  d.evidence = r.Text(4);
  d.supporters = r.Int(5);
  d.unit_size = r.Int(6);
  d.state_code = r.Text(7);
  d.response = r.Text(8);
  d.responded_on = r.Text(9);
  Result<std::string> note = OpenText(keys_, r, 10, "cemex_demands", "note", d.id, scope_.org_id());
  if (!note) return note.error();
  d.note = std::move(*note);
  d.version = r.Int(11);
  return d;
}

Result<CemexDemand> CemexRepo::Add(const std::string& unit_id, const CemexDemand& d, int64_t now_ms) {
  if (!IsCanonicalUuid(unit_id)) return Error::NotFound("no such unit");
  Result<Rows> u = tx_.Query("SELECT 1 FROM units WHERE org_id = $1 AND id = $2", {scope_.org_id(), unit_id});
  if (!u) return u.error();
  if (u->empty()) return Error::NotFound("no such unit");
  const std::string& org = scope_.org_id();
  std::string id = NewId();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO cemex_demands (org_id, id, unit_id, demanded_on, method, evidence, supporters, unit_size, "
      "state_code, response, responded_on, note_ct, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13)",
      {org, id, unit_id, d.demanded_on, d.method, d.evidence, d.supporters, d.unit_size, d.state_code, d.response,
       d.responded_on.empty() ? Value(nullptr) : Value(d.responded_on),
       SealText(keys_, "cemex_demands", "note", id, org, d.note), now_ms});
  if (!n) return n.error();
  return Get(id);
}

Result<CemexDemand> CemexRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such demand");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM cemex_demands WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such demand");
  return FromRow((*r)[0]);
}

Result<CemexDemand> CemexRepo::Update(const std::string& id, int64_t expected_version, const CemexDemand& d,
                                      int64_t now_ms) {
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE cemex_demands SET demanded_on = $3, method = $4, evidence = $5, supporters = $6, unit_size = $7, "
      "state_code = $8, response = $9, responded_on = $10, note_ct = $11, version = version + 1, updated_at_ms = $12 "
      "WHERE org_id = $1 AND id = $2 AND version = $13",
      {org, id, d.demanded_on, d.method, d.evidence, d.supporters, d.unit_size, d.state_code, d.response,
       d.responded_on.empty() ? Value(nullptr) : Value(d.responded_on),
       SealText(keys_, "cemex_demands", "note", id, org, d.note), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this demand; reload to see their change");
  return Get(id);
}

Result<std::vector<CemexDemand>> CemexRepo::OfUnit(const std::string& unit_id) {
  std::vector<CemexDemand> out;
  if (!IsCanonicalUuid(unit_id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM cemex_demands WHERE org_id = $1 AND unit_id = $2 ORDER BY demanded_on, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<CemexDemand> d = FromRow(row);
    if (!d) return d.error();
    out.push_back(std::move(*d));
  }
  return out;
}

Result<Owner> CemexRepo::OwnerOf(const std::string& id) {
  return OwnerByQuery(tx_, scope_,
                      "SELECT u.campaign_id, u.id FROM cemex_demands d JOIN units u ON u.org_id = d.org_id AND "
                      "u.id = d.unit_id WHERE d.org_id = $1 AND d.id = $2",
                      id, "demand");
}

}  // namespace hotshop::store
