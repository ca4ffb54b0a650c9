// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/workplace_repo.h"

#include <algorithm>
#include <set>

#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kEmployerCols = "id, campaign_id, name, version";
constexpr const char* kWorksiteCols = "id, employer_id, name, address_ct, time_zone, region, version";
constexpr const char* kUnitCols =
    "id, campaign_id, employer_id, name, eligibility, size_override, card_percent, support_percent, "
    "committee_percent, go_public_percent, version";
constexpr const char* kAreaCols = "id, unit_id, kind, name, worksite_id, version";

Employer EmployerFromRow(const Row& r) { return Employer{r.Text(0), r.Text(1), r.Text(2), r.Int(3)}; }

Area AreaFromRow(const Row& r) {
  return Area{r.Text(0), r.Text(1), ParseAreaKind(r.Text(2)).value_or(AreaKind::kDepartment), r.Text(3), r.Text(4),
              r.Int(5)};
}

Error Stale(const char* what, int64_t now_version) {
  return Error::PreconditionFailed(std::string("someone else changed this ") + what + " (now version " +
                                   std::to_string(now_version) + "); reload to see their change");
}

}  // namespace

const char* AreaKindName(AreaKind k) {
  switch (k) {
    case AreaKind::kDepartment: return "department";
    case AreaKind::kShift: return "shift";
    case AreaKind::kJobClass: return "job_class";
  }
  return "department";
}

std::optional<AreaKind> ParseAreaKind(std::string_view name) {
  if (name == "department") return AreaKind::kDepartment;
  if (name == "shift") return AreaKind::kShift;
  if (name == "job_class") return AreaKind::kJobClass;
  return std::nullopt;
}

// ------------------------------------------------------------------ employers

Result<Employer> WorkplaceRepo::CreateEmployer(const std::string& campaign_id, const std::string& name,
                                               int64_t now_ms) {
  if (!IsCanonicalUuid(campaign_id)) return Error::NotFound("no such campaign");
  Result<Rows> c = tx_.Query("SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2", {scope_.org_id(), campaign_id});
  if (!c) return c.error();
  if (c->empty()) return Error::NotFound("no such campaign");
  Employer e{NewId(), campaign_id, name, 1};
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO employers (org_id, id, campaign_id, name, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, 1, $5, $5)",
      {scope_.org_id(), e.id, campaign_id, name, now_ms});
  if (!n) return n.error();
  return e;
}

Result<Employer> WorkplaceRepo::GetEmployer(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such employer");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kEmployerCols + " FROM employers WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such employer");
  return EmployerFromRow((*r)[0]);
}

Result<std::vector<Employer>> WorkplaceRepo::ListEmployers(const std::string& campaign_id) {
  if (!IsCanonicalUuid(campaign_id)) return std::vector<Employer>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kEmployerCols +
                                 " FROM employers WHERE org_id = $1 AND campaign_id = $2 ORDER BY name, id",
                             {scope_.org_id(), campaign_id});
  if (!r) return r.error();
  std::vector<Employer> out;
  for (const Row& row : *r) out.push_back(EmployerFromRow(row));
  return out;
}

Result<Employer> WorkplaceRepo::RenameEmployer(const std::string& id, int64_t expected_version,
                                               const std::optional<std::string>& name, int64_t now_ms) {
  Result<Employer> cur = GetEmployer(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("employer", cur->version);
  Result<int64_t> n = tx_.Exec(
      "UPDATE employers SET name = $3, version = version + 1, updated_at_ms = $4 "
      "WHERE org_id = $1 AND id = $2 AND version = $5",
      {scope_.org_id(), id, name.value_or(cur->name), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("employer", expected_version + 1);
  return GetEmployer(id);
}

// ------------------------------------------------------------------ worksites

Result<Worksite> WorkplaceRepo::CreateWorksite(const std::string& employer_id, const WorksiteFields& f,
                                               int64_t now_ms) {
  if (Result<Employer> e = GetEmployer(employer_id); !e) return e.error();
  std::string id = NewId();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO worksites (org_id, id, employer_id, name, address_ct, time_zone, region, version, created_at_ms, "
      "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
      {org, id, employer_id, f.name.value_or(""), SealText(keys_, "worksites", "address", id, org, f.address.value_or("")),
       f.time_zone.value_or(""), f.region.value_or(""), now_ms});
  if (!n) return n.error();
  return GetWorksite(id);
}

Result<Worksite> WorkplaceRepo::GetWorksite(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such worksite");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kWorksiteCols + " FROM worksites WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such worksite");
  const Row& row = (*r)[0];
  Result<std::string> address = OpenText(keys_, row, 3, "worksites", "address", id, scope_.org_id());
  if (!address) return address.error();
  return Worksite{row.Text(0), row.Text(1), row.Text(2), *address, row.Text(4), row.Text(5), row.Int(6)};
}

Result<std::vector<Worksite>> WorkplaceRepo::ListWorksites(const std::string& employer_id) {
  if (!IsCanonicalUuid(employer_id)) return std::vector<Worksite>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kWorksiteCols +
                                 " FROM worksites WHERE org_id = $1 AND employer_id = $2 ORDER BY region, name, id",
                             {scope_.org_id(), employer_id});
  if (!r) return r.error();
  std::vector<Worksite> out;
  for (const Row& row : *r) {
    std::string id = row.Text(0);
    Result<std::string> address = OpenText(keys_, row, 3, "worksites", "address", id, scope_.org_id());
    if (!address) return address.error();
    out.push_back(Worksite{id, row.Text(1), row.Text(2), *address, row.Text(4), row.Text(5), row.Int(6)});
  }
  return out;
}

Result<std::string> WorkplaceRepo::TimeZoneOfUnit(const std::string& unit_id) {
  if (!IsCanonicalUuid(unit_id)) return std::string();
  Result<Rows> r = tx_.Query(
      "SELECT w.time_zone FROM unit_worksites uw JOIN worksites w ON w.org_id = uw.org_id AND w.id = uw.worksite_id "
      "WHERE uw.org_id = $1 AND uw.unit_id = $2 AND w.time_zone <> '' ORDER BY w.created_at_ms, w.id LIMIT 1",
      {scope_.org_id(), unit_id});
  if (!r) return r.error();
  return r->empty() ? std::string() : (*r)[0].Text(0);
}

Result<std::string> WorkplaceRepo::TimeZoneOfCampaign(const std::string& campaign_id) {
  if (!IsCanonicalUuid(campaign_id)) return std::string();
  Result<Rows> r = tx_.Query(
      "SELECT w.time_zone FROM worksites w JOIN employers e ON e.org_id = w.org_id AND e.id = w.employer_id "
      "WHERE w.org_id = $1 AND e.campaign_id = $2 AND w.time_zone <> '' ORDER BY w.created_at_ms, w.id LIMIT 1",
      {scope_.org_id(), campaign_id});
  if (!r) return r.error();
  return r->empty() ? std::string() : (*r)[0].Text(0);
}

Result<Worksite> WorkplaceRepo::UpdateWorksite(const std::string& id, int64_t expected_version,
                                               const WorksiteFields& c, int64_t now_ms) {
  Result<Worksite> cur = GetWorksite(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("worksite", cur->version);
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE worksites SET name = $3, address_ct = $4, time_zone = $5, region = $6, version = version + 1, "
      "updated_at_ms = $7 WHERE org_id = $1 AND id = $2 AND version = $8",
      {org, id, c.name.value_or(cur->name),
       SealText(keys_, "worksites", "address", id, org, c.address.value_or(cur->address)),
       c.time_zone.value_or(cur->time_zone), c.region.value_or(cur->region), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("worksite", expected_version + 1);
  return GetWorksite(id);
}

// ---------------------------------------------------------------------- units

Result<Unit> WorkplaceRepo::UnitFromRow(const Row& r) {
  Unit u;
  u.id = r.Text(0);
  u.campaign_id = r.Text(1);
  u.employer_id = r.Text(2);
  u.name = r.Text(3);
  u.eligibility = r.Text(4);
  u.size_override = r.OptInt(5);
  u.card_percent = r.Int(6);
  u.support_percent = r.Int(7);
  u.committee_percent = r.Int(8);
  u.go_public_percent = r.Int(9);
  u.version = r.Int(10);
  Result<Rows> ws = tx_.Query("SELECT worksite_id FROM unit_worksites WHERE org_id = $1 AND unit_id = $2 ORDER BY worksite_id",
                              {scope_.org_id(), u.id});
  if (!ws) return ws.error();
  for (const Row& w : *ws) u.worksite_ids.push_back(w.Text(0));
  return u;
}

Status WorkplaceRepo::CheckWorksitesOfEmployer(const std::vector<std::string>& ids, const std::string& employer_id) {
  std::set<std::string> seen;
  for (const std::string& w : ids) {
    if (!seen.insert(w).second) return Error::InvalidInput("worksite_ids", "a worksite is listed twice");
    if (!IsCanonicalUuid(w)) return Error::InvalidInput("worksite_ids", "a worksite id is not an id");
    Result<Rows> r = tx_.Query("SELECT 1 FROM worksites WHERE org_id = $1 AND id = $2 AND employer_id = $3",
                               {scope_.org_id(), w, employer_id});
    if (!r) return r.error();
    if (r->empty()) {
      return Error::InvalidInput("worksite_ids", "every worksite of a unit must be one of its employer's worksites");
    }
  }
  return Ok();
}

Status WorkplaceRepo::ReplaceUnitWorksites(const std::string& unit_id, const std::vector<std::string>& ids) {
  Result<int64_t> d = tx_.Exec("DELETE FROM unit_worksites WHERE org_id = $1 AND unit_id = $2", {scope_.org_id(), unit_id});
  if (!d) return d.error();
  for (const std::string& w : ids) {
    Result<int64_t> n = tx_.Exec("INSERT INTO unit_worksites (org_id, unit_id, worksite_id) VALUES ($1, $2, $3)",
                                 {scope_.org_id(), unit_id, w});
    if (!n) return n.error();
  }
  return Ok();
}

Result<Unit> WorkplaceRepo::CreateUnit(const std::string& campaign_id, const std::string& employer_id,
                                       const UnitFields& f, int64_t now_ms) {
  if (!IsCanonicalUuid(campaign_id)) return Error::NotFound("no such campaign");
  Result<Rows> c = tx_.Query("SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2", {scope_.org_id(), campaign_id});
  if (!c) return c.error();
  if (c->empty()) return Error::NotFound("no such campaign");
  Result<Employer> e = GetEmployer(employer_id);
  if (!e) return Error::InvalidInput("employer_id", "no such employer in this campaign");
  if (e->campaign_id != campaign_id) return Error::InvalidInput("employer_id", "no such employer in this campaign");
  std::vector<std::string> sites = f.worksite_ids.value_or(std::vector<std::string>{});
  if (Status s = CheckWorksitesOfEmployer(sites, employer_id); !s) return s.error();
  std::string id = NewId();
  Unit d;  // defaults of the thresholds
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO units (org_id, id, campaign_id, employer_id, name, eligibility, size_override, card_percent, "
      "support_percent, committee_percent, go_public_percent, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
      {scope_.org_id(), id, campaign_id, employer_id, f.name.value_or(""), f.eligibility.value_or(""),
       Nullable(f.size_override.value_or(std::nullopt)), f.card_percent.value_or(d.card_percent),
       f.support_percent.value_or(d.support_percent), f.committee_percent.value_or(d.committee_percent),
       f.go_public_percent.value_or(d.go_public_percent), now_ms});
  if (!n) return n.error();
  if (Status s = ReplaceUnitWorksites(id, sites); !s) return s.error();
  return GetUnit(id);
}

Result<Unit> WorkplaceRepo::GetUnit(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such unit");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kUnitCols + " FROM units WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such unit");
  return UnitFromRow((*r)[0]);
}

Result<std::vector<Unit>> WorkplaceRepo::ListUnits(const std::string& campaign_id) {
  if (!IsCanonicalUuid(campaign_id)) return std::vector<Unit>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kUnitCols +
                                 " FROM units WHERE org_id = $1 AND campaign_id = $2 ORDER BY name, id",
                             {scope_.org_id(), campaign_id});
  if (!r) return r.error();
  std::vector<Unit> out;
  for (const Row& row : *r) {
    Result<Unit> u = UnitFromRow(row);
    if (!u) return u.error();
    out.push_back(std::move(*u));
  }
  return out;
}

Result<std::vector<Unit>> WorkplaceRepo::ListUnitsOfEmployer(const std::string& employer_id) {
  if (!IsCanonicalUuid(employer_id)) return std::vector<Unit>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kUnitCols +
                                 " FROM units WHERE org_id = $1 AND employer_id = $2 ORDER BY name, id",
                             {scope_.org_id(), employer_id});
  if (!r) return r.error();
  std::vector<Unit> out;
  for (const Row& row : *r) {
    Result<Unit> u = UnitFromRow(row);
    if (!u) return u.error();
    out.push_back(std::move(*u));
  }
  return out;
}

Result<Unit> WorkplaceRepo::UpdateUnit(const std::string& id, int64_t expected_version, const UnitFields& c,
                                       int64_t now_ms) {
  Result<Unit> cur = GetUnit(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("unit", cur->version);
  if (c.worksite_ids) {
    if (Status s = CheckWorksitesOfEmployer(*c.worksite_ids, cur->employer_id); !s) return s.error();
  }
  std::optional<int64_t> size = c.size_override ? *c.size_override : cur->size_override;
  Result<int64_t> n = tx_.Exec(
      "UPDATE units SET name = $3, eligibility = $4, size_override = $5, card_percent = $6, support_percent = $7, "
      "committee_percent = $8, go_public_percent = $9, version = version + 1, updated_at_ms = $10 "
      "WHERE org_id = $1 AND id = $2 AND version = $11",
      {scope_.org_id(), id, c.name.value_or(cur->name), c.eligibility.value_or(cur->eligibility), Nullable(size),
       c.card_percent.value_or(cur->card_percent), c.support_percent.value_or(cur->support_percent),
       c.committee_percent.value_or(cur->committee_percent), c.go_public_percent.value_or(cur->go_public_percent),
       now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("unit", expected_version + 1);
  if (c.worksite_ids) {
    if (Status s = ReplaceUnitWorksites(id, *c.worksite_ids); !s) return s.error();
  }
  return GetUnit(id);
}

// ---------------------------------------------------------------------- areas

Result<Area> WorkplaceRepo::CreateArea(const std::string& unit_id, AreaKind kind, const std::string& name,
                                       const std::string& worksite_id, int64_t now_ms) {
  Result<Unit> u = GetUnit(unit_id);
  if (!u) return u.error();
  if (!worksite_id.empty() &&
      std::find(u->worksite_ids.begin(), u->worksite_ids.end(), worksite_id) == u->worksite_ids.end()) {
    return Error::InvalidInput("worksite_id", "the worksite is not one of this unit's worksites");
  }
  Result<Rows> dup = tx_.Query("SELECT 1 FROM unit_areas WHERE org_id = $1 AND unit_id = $2 AND kind = $3 AND name = $4",
                               {scope_.org_id(), unit_id, std::string(AreaKindName(kind)), name});
  if (!dup) return dup.error();
  if (!dup->empty()) {
    return Error::Conflict("name", std::string("this unit already has a ") + AreaKindName(kind) + " called that");
  }
  std::string id = NewId();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO unit_areas (org_id, id, unit_id, kind, name, worksite_id, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
      {scope_.org_id(), id, unit_id, std::string(AreaKindName(kind)), name,
       worksite_id.empty() ? Value(nullptr) : Value(worksite_id), now_ms});
  if (!n) return n.error();
  return Area{id, unit_id, kind, name, worksite_id, 1};
}

Result<Area> WorkplaceRepo::GetArea(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such department, shift or job class");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kAreaCols + " FROM unit_areas WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such department, shift or job class");
  return AreaFromRow((*r)[0]);
}

Result<std::vector<Area>> WorkplaceRepo::ListAreas(const std::string& unit_id) {
  if (!IsCanonicalUuid(unit_id)) return std::vector<Area>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kAreaCols +
                                 " FROM unit_areas WHERE org_id = $1 AND unit_id = $2 ORDER BY kind, name, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  std::vector<Area> out;
  for (const Row& row : *r) out.push_back(AreaFromRow(row));
  return out;
}

Result<Area> WorkplaceRepo::RenameArea(const std::string& id, int64_t expected_version, const std::string& name,
                                       int64_t now_ms) {
  Result<Area> cur = GetArea(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("department, shift or job class", cur->version);
  if (name != cur->name) {
    Result<Rows> dup =
        tx_.Query("SELECT 1 FROM unit_areas WHERE org_id = $1 AND unit_id = $2 AND kind = $3 AND name = $4",
                  {scope_.org_id(), cur->unit_id, std::string(AreaKindName(cur->kind)), name});
    if (!dup) return dup.error();
    if (!dup->empty()) {
      return Error::Conflict("name", std::string("this unit already has a ") + AreaKindName(cur->kind) +
                                         " called that");
    }
  }
  Result<int64_t> n = tx_.Exec(
      "UPDATE unit_areas SET name = $3, version = version + 1, updated_at_ms = $4 "
      "WHERE org_id = $1 AND id = $2 AND version = $5",
      {scope_.org_id(), id, name, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("department, shift or job class", expected_version + 1);
  return GetArea(id);
}

// --------------------------------------------------------------------- delete

namespace {

// One kind of thing that still refers to an object a caller wants deleted:
// how many, said for one and for {n}, and what to do about it.
struct Use {
  int64_t n;
  const char* one;
  const char* many;
  const char* then;
};

// "" when nothing refers to the object; otherwise the organizer's sentence:
// what refers to it and what to do first, then that nothing was deleted.
std::string InUse(const std::vector<Use>& uses) {
  std::string out;
  for (const Use& u : uses) {
    if (u.n <= 0) continue;
    std::string what = u.n == 1 ? u.one : u.many;
    if (auto at = what.find("{n}"); at != std::string::npos) what.replace(at, 3, std::to_string(u.n));
    out += what + "; " + u.then + ". ";
  }
  if (!out.empty()) out += "Nothing was deleted.";
  return out;
}

}  // namespace

Result<int64_t> WorkplaceRepo::Count(const std::string& sql, const Params& params) {
  Result<Rows> r = tx_.Query(sql, params);
  if (!r) return r.error();
  return r->empty() ? 0 : (*r)[0].Int(0);
}

Status WorkplaceRepo::DeleteEmployer(const std::string& id, int64_t expected_version) {
  Result<Employer> cur = GetEmployer(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("employer", cur->version);
  const std::string& org = scope_.org_id();
  Result<int64_t> sites = Count("SELECT COUNT(*) FROM worksites WHERE org_id = $1 AND employer_id = $2", {org, id});
  if (!sites) return sites.error();
  Result<int64_t> units = Count("SELECT COUNT(*) FROM units WHERE org_id = $1 AND employer_id = $2", {org, id});
  if (!units) return units.error();
  std::string used = InUse({
      {*sites, "1 worksite belongs to this employer", "{n} worksites belong to this employer", "delete it first"},
      {*units, "1 bargaining unit belongs to this employer", "{n} bargaining units belong to this employer",
       "delete it first"},
  });
  if (!used.empty()) return Error::Conflict("", used);
  Result<int64_t> n = tx_.Exec("DELETE FROM employers WHERE org_id = $1 AND id = $2 AND version = $3",
                               {org, id, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("employer", expected_version + 1);
  return Ok();
}

Status WorkplaceRepo::DeleteWorksite(const std::string& id, int64_t expected_version) {
  Result<Worksite> cur = GetWorksite(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("worksite", cur->version);
  const std::string& org = scope_.org_id();
  Result<int64_t> now = Count(
      "SELECT COUNT(*) FROM employment WHERE org_id = $1 AND worksite_id = $2 AND valid_to_ms IS NULL", {org, id});
  if (!now) return now.error();
  Result<int64_t> past = Count(
      "SELECT COUNT(*) FROM employment WHERE org_id = $1 AND worksite_id = $2 AND valid_to_ms IS NOT NULL", {org, id});
  if (!past) return past.error();
  Result<int64_t> units = Count("SELECT COUNT(*) FROM unit_worksites WHERE org_id = $1 AND worksite_id = $2", {org, id});
  if (!units) return units.error();
  Result<int64_t> areas = Count("SELECT COUNT(*) FROM unit_areas WHERE org_id = $1 AND worksite_id = $2", {org, id});
  if (!areas) return areas.error();
  std::string used = InUse({
      {*now, "1 worker is employed at this worksite", "{n} workers are employed at this worksite",
       "move or end their employment first"},
      {*units, "1 bargaining unit covers this worksite", "{n} bargaining units cover this worksite",
       "take the worksite off those units first"},
      {*areas, "1 department, shift or job class is at this worksite",
       "{n} departments, shifts or job classes are at this worksite", "delete them first"},
      {*past, "1 past employment record names this worksite", "{n} past employment records name this worksite",
       "employment history is kept, so rename the worksite instead of deleting it"},
  });
  if (!used.empty()) return Error::Conflict("", used);
  Result<int64_t> n = tx_.Exec("DELETE FROM worksites WHERE org_id = $1 AND id = $2 AND version = $3",
                               {org, id, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("worksite", expected_version + 1);
  return Ok();
}

Status WorkplaceRepo::DeleteUnit(const std::string& id, int64_t expected_version) {
  Result<Unit> cur = GetUnit(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("unit", cur->version);
  const std::string& org = scope_.org_id();
  // Employment in the unit or in one of its areas, current and past.
  const std::string employment =
      "SELECT COUNT(*) FROM employment e WHERE e.org_id = $1 AND (e.unit_id = $2 OR EXISTS (SELECT 1 FROM unit_areas a "
      "WHERE a.org_id = e.org_id AND a.unit_id = $2 AND a.id IN (e.department_id, e.shift_id, e.job_class_id))) AND ";
  Result<int64_t> now = Count(employment + "e.valid_to_ms IS NULL", {org, id});
  if (!now) return now.error();
  Result<int64_t> past = Count(employment + "e.valid_to_ms IS NOT NULL", {org, id});
  if (!past) return past.error();
  struct Kept {
    const char* table;
    const char* one;
    const char* many;
  };
  const Kept kept[] = {
      {"cards", "1 card was signed in this unit", "{n} cards were signed in this unit"},
      {"structure_tests", "1 structure test was held in this unit", "{n} structure tests were held in this unit"},
      {"petitions", "1 petition was filed for this unit", "{n} petitions were filed for this unit"},
      {"elections", "1 election is recorded for this unit", "{n} elections are recorded for this unit"},
      {"unit_agreements", "1 contract or recognition is recorded for this unit",
       "{n} contracts or recognitions are recorded for this unit"},
      {"cemex_demands", "1 Cemex demand is recorded for this unit", "{n} Cemex demands are recorded for this unit"},
      {"ulp_charges", "1 unfair labor practice charge names this unit",
       "{n} unfair labor practice charges name this unit"},
  };
  std::vector<Use> uses = {
      {*now, "1 worker is in this unit", "{n} workers are in this unit", "move or end their employment first"},
  };
  Result<int64_t> grants = Count(
      "SELECT COUNT(*) FROM grants WHERE org_id = $1 AND scope_kind = 'unit' AND scope_id = $2", {org, id});
  if (!grants) return grants.error();
  uses.push_back({*grants, "1 person's access is granted on this unit only",
                  "{n} people's access is granted on this unit only", "remove those grants first"});
  uses.push_back({*past, "1 past employment record names this unit", "{n} past employment records name this unit",
                  "employment history is kept, so rename the unit instead of deleting it"});
  for (const Kept& k : kept) {
    Result<int64_t> c = Count(std::string("SELECT COUNT(*) FROM ") + k.table + " WHERE org_id = $1 AND unit_id = $2",
                              {org, id});
    if (!c) return c.error();
    uses.push_back({*c, k.one, k.many, "these records are kept, so rename the unit instead of deleting it"});
  }
  std::string used = InUse(uses);
  if (!used.empty()) return Error::Conflict("", used);
  // Its own departments, shifts, job classes and worksite links go with it.
  for (const char* sql : {"DELETE FROM unit_areas WHERE org_id = $1 AND unit_id = $2",
                          "DELETE FROM unit_worksites WHERE org_id = $1 AND unit_id = $2"}) {
    Result<int64_t> d = tx_.Exec(sql, {org, id});
    if (!d) return d.error();
  }
  Result<int64_t> n = tx_.Exec("DELETE FROM units WHERE org_id = $1 AND id = $2 AND version = $3",
                               {org, id, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("unit", expected_version + 1);
  return Ok();
}

Status WorkplaceRepo::DeleteArea(const std::string& id, int64_t expected_version) {
  Result<Area> cur = GetArea(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("department, shift or job class", cur->version);
  const std::string& org = scope_.org_id();
  const std::string employment =
      "SELECT COUNT(*) FROM employment WHERE org_id = $1 AND (department_id = $2 OR shift_id = $2 OR "
      "job_class_id = $2) AND ";
  Result<int64_t> now = Count(employment + "valid_to_ms IS NULL", {org, id});
  if (!now) return now.error();
  Result<int64_t> past = Count(employment + "valid_to_ms IS NOT NULL", {org, id});
  if (!past) return past.error();
  const char* in = cur->kind == AreaKind::kDepartment ? "department" : cur->kind == AreaKind::kShift ? "shift" : "job class";
  std::string one_now = std::string("1 worker is in this ") + in, many_now = std::string("{n} workers are in this ") + in;
  std::string one_past = std::string("1 past employment record names this ") + in,
              many_past = std::string("{n} past employment records name this ") + in,
              rename = std::string("employment history is kept, so rename the ") + in + " instead of deleting it";
  std::string used = InUse({
      {*now, one_now.c_str(), many_now.c_str(), "move them elsewhere first"},
      {*past, one_past.c_str(), many_past.c_str(), rename.c_str()},
  });
  if (!used.empty()) return Error::Conflict("", used);
  Result<int64_t> n = tx_.Exec("DELETE FROM unit_areas WHERE org_id = $1 AND id = $2 AND version = $3",
                               {org, id, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("department, shift or job class", expected_version + 1);
  return Ok();
}

// ---------------------------------------------------------------------- owners

Result<Owner> WorkplaceRepo::OwnerQuery(const std::string& sql, const std::string& id, const char* what) {
  if (!IsCanonicalUuid(id)) return Error::NotFound(std::string("no such ") + what);
  Result<Rows> r = tx_.Query(sql, {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound(std::string("no such ") + what);
  return Owner{(*r)[0].Text(0), (*r)[0].Text(1)};
}

Result<Owner> WorkplaceRepo::OwnerOfEmployer(const std::string& id) {
  return OwnerQuery("SELECT campaign_id, '' FROM employers WHERE org_id = $1 AND id = $2", id, "employer");
}

Result<Owner> WorkplaceRepo::OwnerOfWorksite(const std::string& id) {
  return OwnerQuery(
      "SELECT e.campaign_id, '' FROM worksites w JOIN employers e ON e.org_id = w.org_id AND e.id = w.employer_id "
      "WHERE w.org_id = $1 AND w.id = $2",
      id, "worksite");
}

Result<Owner> WorkplaceRepo::OwnerOfUnit(const std::string& id) {
  return OwnerQuery("SELECT campaign_id, id FROM units WHERE org_id = $1 AND id = $2", id, "unit");
}

Result<Owner> WorkplaceRepo::OwnerOfArea(const std::string& id) {
  return OwnerQuery(
      "SELECT u.campaign_id, u.id FROM unit_areas a JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id "
      "WHERE a.org_id = $1 AND a.id = $2",
      id, "department, shift or job class");
}

}  // namespace hotshop::store
