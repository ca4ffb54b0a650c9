// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/charge_repo.h"

#include "core/legal_codes.h"
#include "store/election_repo.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, campaign_id, unit_id, person_id, kind, conduct_on, filed_on, served_on, case_number, stage, blocking, "
    "description_ct, version";

Value OrNull(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }

}  // namespace

Result<Charge> ChargeRepo::FromRow(const Row& r) {
  Charge c;
  c.id = r.Text(0);
  c.campaign_id = r.Text(1);
  c.unit_id = r.Text(2);
  c.person_id = r.Text(3);
  c.kind = r.Text(4);
  c.conduct_on = r.Text(5);
  c.filed_on = r.Text(6);
  c.served_on = r.Text(7);
  c.case_number = r.Text(8);
  c.stage = r.Text(9);
  c.blocking = r.Int(10) != 0;
  Result<std::string> d = OpenText(keys_, r, 11, "ulp_charges", "description", c.id, scope_.org_id());
  if (!d) return d.error();
  c.description = std::move(*d);
  c.version = r.Int(12);
  return c;
}

Status ChargeRepo::Check(const Charge& c) {
  const std::string& org = scope_.org_id();
  if (!c.unit_id.empty()) {
    Result<Rows> u = IsCanonicalUuid(c.unit_id)
                         ? tx_.Query("SELECT 1 FROM units WHERE org_id = $1 AND id = $2 AND campaign_id = $3",
                                     {org, c.unit_id, c.campaign_id})
                         : Result<Rows>(Rows{});
    if (!u) return u.error();
    if (u->empty()) return Error::InvalidInput("unit_id", "no such unit in this campaign");
  }
  if (!c.person_id.empty()) {
    Result<Rows> p = IsCanonicalUuid(c.person_id)
                         ? tx_.Query("SELECT 1 FROM people WHERE org_id = $1 AND id = $2 AND campaign_id = $3",
                                     {org, c.person_id, c.campaign_id})
                         : Result<Rows>(Rows{});
    if (!p) return p.error();
    if (p->empty()) return Error::InvalidInput("person_id", "no such person in this campaign");
  }
  if (!c.filed_on.empty() && c.filed_on < c.conduct_on) {
    return Error::InvalidInput("filed_on", "a charge cannot be filed before the conduct it is about");
  }
  if (!c.served_on.empty() && c.served_on < c.conduct_on) {
    return Error::InvalidInput("served_on", "a charge cannot be served before the conduct it is about");
  }
  if (!c.served_on.empty() && !c.filed_on.empty() && c.served_on < c.filed_on) {
    return Error::InvalidInput("served_on", "the charge is served after it is filed with the Region");
  }
  return Ok();
}

namespace {
void Merge(Charge& c, const ChargeFields& f) {
  auto set = [](std::string& to, const std::optional<std::string>& v) {
    if (v) to = *v;
  };
  set(c.unit_id, f.unit_id);
  set(c.person_id, f.person_id);
  set(c.kind, f.kind);
  set(c.conduct_on, f.conduct_on);
  set(c.filed_on, f.filed_on);
  set(c.served_on, f.served_on);
  set(c.case_number, f.case_number);
  set(c.description, f.description);
  if (f.blocking) c.blocking = *f.blocking;
}
}  // namespace

Result<Charge> ChargeRepo::Add(const std::string& campaign_id, const ChargeFields& f, const std::string& by,
                               int64_t now_ms) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(campaign_id)) return Error::NotFound("no such campaign");
  Result<Rows> cam = tx_.Query("SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2", {org, campaign_id});
  if (!cam) return cam.error();
  if (cam->empty()) return Error::NotFound("no such campaign");
  Charge c;
  c.id = NewId();
  c.campaign_id = campaign_id;
  c.stage = core::ChargeStageCode(core::ChargeStage::kInvestigation);
  Merge(c, f);
  if (Status s = Check(c); !s) return s.error();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO ulp_charges (org_id, id, campaign_id, unit_id, person_id, kind, conduct_on, filed_on, served_on, "
      "case_number, stage, blocking, description_ct, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)",
      {org, c.id, campaign_id, OrNull(c.unit_id), OrNull(c.person_id), c.kind, c.conduct_on, OrNull(c.filed_on),
       OrNull(c.served_on), c.case_number, c.stage, int64_t{c.blocking ? 1 : 0},
       SealText(keys_, "ulp_charges", "description", c.id, org, c.description), now_ms});
  if (!n) return n.error();
  Result<int64_t> h = tx_.Exec(
      "INSERT INTO ulp_charge_stages (org_id, id, charge_id, stage, on_date, by_actor, created_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {org, NewId(), c.id, c.stage, c.filed_on.empty() ? c.conduct_on : c.filed_on, by, now_ms});
  if (!h) return h.error();
  return Get(c.id);
}

Result<Charge> ChargeRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such charge");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM ulp_charges WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such charge");
  return FromRow((*r)[0]);
}

Result<Charge> ChargeRepo::Update(const std::string& id, int64_t expected_version, const ChargeFields& f,
                                  int64_t now_ms) {
  Result<Charge> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this charge (now version " + std::to_string(cur->version) +
                                     "); reload to see their change");
  }
  Charge c = *cur;
  Merge(c, f);
  if (Status s = Check(c); !s) return s.error();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE ulp_charges SET unit_id = $3, person_id = $4, kind = $5, conduct_on = $6, filed_on = $7, served_on = $8, "
      "case_number = $9, blocking = $10, description_ct = $11, version = version + 1, updated_at_ms = $12 "
      "WHERE org_id = $1 AND id = $2 AND version = $13",
      {org, id, OrNull(c.unit_id), OrNull(c.person_id), c.kind, c.conduct_on, OrNull(c.filed_on), OrNull(c.served_on),
       c.case_number, int64_t{c.blocking ? 1 : 0}, SealText(keys_, "ulp_charges", "description", id, org, c.description),
       now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this charge; reload to see their change");
  return Get(id);
}

Result<Charge> ChargeRepo::MoveStage(const std::string& id, int64_t expected_version, const std::string& stage,
                                     const std::string& on_date, const std::string& by, int64_t now_ms) {
  Result<Charge> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this charge (now version " + std::to_string(cur->version) +
                                     "); reload to see their change");
  }
  std::optional<core::ChargeStage> from = core::ParseChargeStage(cur->stage);
  std::optional<core::ChargeStage> to = core::ParseChargeStage(stage);
  if (!from) return Error::Internal("stored charge stage is unknown");
  if (!to) return Error::InvalidInput("stage", "unknown stage \"" + stage.substr(0, 40) + "\"");
  // RULE R17: only the next stages of the flow.
  if (Status s = core::CheckStageTransition(*from, *to); !s) return s.error();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE ulp_charges SET stage = $3, version = version + 1, updated_at_ms = $4 "
      "WHERE org_id = $1 AND id = $2 AND version = $5",
      {org, id, stage, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this charge; reload to see their change");
  Result<int64_t> h = tx_.Exec(
      "INSERT INTO ulp_charge_stages (org_id, id, charge_id, stage, on_date, by_actor, created_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {org, NewId(), id, stage, on_date, by, now_ms});
  if (!h) return h.error();
  return Get(id);
}

Result<std::vector<StageChange>> ChargeRepo::Stages(const std::string& id) {
  std::vector<StageChange> out;
  if (!IsCanonicalUuid(id)) return out;
  Result<Rows> r = tx_.Query(
      "SELECT stage, on_date, by_actor FROM ulp_charge_stages WHERE org_id = $1 AND charge_id = $2 "
      "ORDER BY created_at_ms, id",
      {scope_.org_id(), id});
  if (!r) return r.error();
  for (const Row& row : *r) out.push_back({row.Text(0), row.Text(1), row.Text(2)});
  return out;
}

Result<std::vector<Charge>> ChargeRepo::OfCampaign(const std::string& campaign_id) {
  std::vector<Charge> out;
  if (!IsCanonicalUuid(campaign_id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM ulp_charges WHERE org_id = $1 AND campaign_id = $2 ORDER BY conduct_on, id",
                             {scope_.org_id(), campaign_id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<Charge> c = FromRow(row);
    if (!c) return c.error();
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::vector<Charge>> ChargeRepo::OpenBlockingOfUnit(const std::string& unit_id) {
  std::vector<Charge> out;
  if (!IsCanonicalUuid(unit_id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM ulp_charges WHERE org_id = $1 AND unit_id = $2 AND blocking = 1 ORDER BY conduct_on, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<Charge> c = FromRow(row);
    if (!c) return c.error();
    std::optional<core::ChargeStage> s = core::ParseChargeStage(c->stage);
    if (s && core::IsFinal(*s)) continue;
    out.push_back(std::move(*c));
  }
  return out;
}

Result<Owner> ChargeRepo::OwnerOf(const std::string& id) {
  return OwnerByQuery(tx_, scope_,
                      "SELECT campaign_id, COALESCE(CAST(unit_id AS TEXT), '') FROM ulp_charges WHERE org_id = $1 AND id = $2", id,
                      "charge");
}

}  // namespace hotshop::store
