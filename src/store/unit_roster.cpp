// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/unit_roster.h"

#include <algorithm>
#include <tuple>

#include "security/field_cipher.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

core::AssessmentRecord Record(const Row& r, size_t first) {
  core::AssessmentRecord a;
  a.value = r.Int(first);
  a.at = std::chrono::sys_seconds{std::chrono::seconds{r.Int(first + 1) / 1000}};
  a.source = r.Text(first + 2) == "rule" ? core::AssessmentSource::kRule : core::AssessmentSource::kHuman;
  a.by_user = r.Text(first + 3);
  return a;
}

Result<std::string> OpenPersonField(const OrgKeys& keys, const Row& r, size_t i, const char* column,
                                    const std::string& person_id, const std::string& org) {
  if (r.IsNull(i)) return std::string();
  return security::Decrypt(keys.data, r.Blob(i), security::FieldAd{"people", column, person_id, org});
}

// The cards of an employer or unit without their sealed notes: what a tally needs.
CardRecord TallyCard(const Row& r) {
  CardRecord c;
  c.id = r.Text(0);
  c.person_id = r.Text(1);
  c.unit_id = r.Text(2);
  c.signed_on = r.Text(3);
  c.method = r.Text(4);
  c.has_signature = r.Int(5) != 0;
  c.revoked_on = r.Text(6);
  return c;
}

// The last contact of each worker the CTE `workers` (columns person_id,
// worksite_id) lists, in one query: per worker, the newest human assessment
// and the newest note that is not staff-only, each with who made it. With
// per_worksite, only the most recently contacted worker of each worksite
// (who made it is looked up for those only: the rollup needs one a shop).
Result<std::map<std::string, LastContact>> LastContacts(Tx& tx, const std::string& workers_sql, const Params& params,
                                                        bool per_worksite) {
  const std::string newest = "CASE WHEN n_at IS NULL OR (a_at IS NOT NULL AND a_at >= n_at) THEN a_at ELSE n_at END";
  const std::string rows =
      per_worksite ? "(SELECT person_id, a_at, n_at, ROW_NUMBER() OVER (PARTITION BY worksite_id ORDER BY " + newest +
                         " DESC, person_id) AS rn FROM latest WHERE a_at IS NOT NULL OR n_at IS NOT NULL) l WHERE l.rn = 1"
                   : "latest l WHERE l.a_at IS NOT NULL OR l.n_at IS NOT NULL";
  Result<Rows> r = tx.Query(
      "WITH workers AS MATERIALIZED (" + workers_sql + "), "
      "latest AS MATERIALIZED (SELECT k.person_id, k.worksite_id, "
      "(SELECT max(a.at_ms) FROM assessments a WHERE a.org_id = $1 AND a.person_id = k.person_id "
      "AND a.source = 'human') AS a_at, "
      "(SELECT max(n.created_at_ms) FROM notes n WHERE n.org_id = $1 AND n.person_id = k.person_id "
      "AND n.staff_only = 0) AS n_at FROM workers k) "
      "SELECT l.person_id, l.a_at, "
      "(SELECT a.by_actor FROM assessments a WHERE a.org_id = $1 AND a.person_id = l.person_id AND a.source = 'human' "
      "AND a.at_ms = l.a_at ORDER BY a.created_at_ms DESC, a.id DESC LIMIT 1), l.n_at, "
      "(SELECT n.author_id FROM notes n WHERE n.org_id = $1 AND n.person_id = l.person_id AND n.staff_only = 0 "
      "AND n.created_at_ms = l.n_at ORDER BY n.id DESC LIMIT 1) "
      "FROM " + rows,
      params);
  if (!r) return r.error();
  std::map<std::string, LastContact> out;
  for (const Row& row : *r) {
    LastContact c;
    if (!row.IsNull(1)) c = {row.Int(1), row.Text(2)};
    if (!row.IsNull(3) && (row.IsNull(1) || row.Int(3) > c.at_ms)) c = {row.Int(3), "user:" + row.Text(4)};
    out[row.Text(0)] = std::move(c);
  }
  return out;
}

}  // namespace

Result<UnitRoster> LoadUnitRoster(Tx& tx, const Scope& scope, const OrgKeys& keys, const std::string& unit_id,
                                  const std::string& scale_id, bool with_names) {
  const std::string& org = scope.org_id();
  WorkplaceRepo places(tx, scope, keys);
  UnitRoster out;
  Result<Unit> unit = places.GetUnit(unit_id);
  if (!unit) return unit.error();
  out.unit = std::move(*unit);
  Result<std::vector<Area>> areas = places.ListAreas(unit_id);
  if (!areas) return areas.error();
  for (const Area& a : *areas) {
    if (a.kind == AreaKind::kDepartment) out.departments.push_back(a.name);
    if (a.kind == AreaKind::kShift) out.shifts.push_back(a.name);
  }
  std::sort(out.departments.begin(), out.departments.end());
  std::sort(out.shifts.begin(), out.shifts.end());

  Result<Rows> w = tx.Query(
      std::string("SELECT e.person_id, p.preferred_language, e.worksite_id, w.name, d.name, s.name, j.name, "
                  "e.employment_type, e.supervisor, e.started_on") +
          (with_names ? ", p.name_ct, p.phone_ct, p.email_ct" : "") +
          " FROM employment e JOIN people p ON p.org_id = e.org_id AND p.id = e.person_id "
          "JOIN worksites w ON w.org_id = e.org_id AND w.id = e.worksite_id "
          "LEFT JOIN unit_areas d ON d.org_id = e.org_id AND d.id = e.department_id "
          "LEFT JOIN unit_areas s ON s.org_id = e.org_id AND s.id = e.shift_id "
          "LEFT JOIN unit_areas j ON j.org_id = e.org_id AND j.id = e.job_class_id "
          "WHERE e.org_id = $1 AND e.unit_id = $2 AND e.valid_to_ms IS NULL ORDER BY e.person_id",
      {org, unit_id});
  if (!w) return w.error();
  for (const Row& r : *w) {
    RosterWorker rw;
    rw.person_id = r.Text(0);
    rw.preferred_language = r.Text(1);
    rw.worksite_id = r.Text(2);
    rw.worksite = r.Text(3);
    rw.department = r.Text(4);
    rw.shift = r.Text(5);
    rw.job_class = r.Text(6);
    rw.employment_type = r.Text(7);
    rw.supervisor = r.Int(8) != 0;
    rw.started_on = r.Text(9);
    if (with_names) {
      std::string* slots[] = {&rw.name, &rw.phone, &rw.email};
      const char* cols[] = {"name", "phone", "email"};
      for (size_t i = 0; i < 3; ++i) {
        Result<std::string> v = OpenPersonField(keys, r, 10 + i, cols[i], rw.person_id, org);
        if (!v) return v.error();
        *slots[i] = std::move(*v);
      }
    }
    out.workers.push_back(std::move(rw));
  }

  if (IsCanonicalUuid(scale_id)) {
    // CROSS JOIN: from the unit's workers to their histories, in that order.
    // No ORDER BY: SQLite without statistics let it pick an org-wide index
    // (every assessment, or every current employment, of the org); the
    // histories are put in order here instead (bench/README.md "workplace").
    Result<Rows> a = tx.Query(
        "SELECT a.person_id, a.value, a.at_ms, a.source, a.by_actor, a.created_at_ms, a.id "
        "FROM employment e CROSS JOIN assessments a "
        "WHERE e.org_id = $1 AND e.unit_id = $2 AND e.valid_to_ms IS NULL AND a.org_id = e.org_id "
        "AND a.person_id = e.person_id AND a.scale_id = $3",
        {org, unit_id, scale_id});
    if (!a) return a.error();
    std::vector<const Row*> rows;
    rows.reserve(a->size());
    for (const Row& r : *a) rows.push_back(&r);
    auto key = [](const Row* r) { return std::make_tuple(r->Text(0), r->Int(2), r->Int(5), r->Text(6)); };
    std::sort(rows.begin(), rows.end(), [&](const Row* x, const Row* y) { return key(x) < key(y); });
    for (const Row* r : rows) out.assessments[r->Text(0)].push_back(RosterAssessment{Record(*r, 1), r->Int(2)});
  }

  Result<Rows> c = tx.Query(
      "SELECT id, person_id, unit_id, signed_on, method, has_signature, revoked_on FROM cards "
      "WHERE org_id = $1 AND unit_id = $2 ORDER BY signed_on, created_at_ms, id",
      {org, unit_id});
  if (!c) return c.error();
  for (const Row& r : *c) out.cards.push_back(TallyCard(r));

  // The campaign's current committee members who work on this unit (a
  // campaign of 521 shops has a thousand members; the chart needs its 2).
  Result<Rows> m = tx.Query(
      "SELECT m.person_id, m.role FROM employment e CROSS JOIN committee_members m "
      "WHERE e.org_id = $1 AND e.unit_id = $2 AND e.valid_to_ms IS NULL AND m.org_id = e.org_id "
      "AND m.campaign_id = $3 AND m.person_id = e.person_id AND m.until_on IS NULL",
      {org, unit_id, out.unit.campaign_id});
  if (!m) return m.error();
  for (const Row& r : *m) out.committee[r.Text(0)] = r.Text(1);

  if (with_names) {
    // Only connections with both people on this unit: the chart never names
    // someone the reader could not see anyway.
    Result<Rows> k = tx.Query(
        "SELECT c.id, c.person_id, c.other_person_id, c.kind, c.created_by, c.created_at_ms FROM employment a "
        "CROSS JOIN connections c CROSS JOIN employment b "
        "WHERE a.org_id = $1 AND a.unit_id = $2 AND a.valid_to_ms IS NULL AND c.org_id = a.org_id "
        "AND c.person_id = a.person_id AND b.org_id = c.org_id AND b.person_id = c.other_person_id "
        "AND b.valid_to_ms IS NULL AND b.unit_id = $2 ORDER BY c.created_at_ms, c.id",
        {org, unit_id});
    if (!k) return k.error();
    for (const Row& r : *k) {
      out.connections.push_back(Connection{r.Text(0), r.Text(1), r.Text(2),
                                           ParseConnectionKind(r.Text(3)).value_or(ConnectionKind::kFriend), r.Text(4),
                                           r.Int(5)});
    }
    Result<std::map<std::string, LastContact>> last = LastContacts(
        tx, "SELECT person_id, worksite_id FROM employment WHERE org_id = $1 AND unit_id = $2 AND valid_to_ms IS NULL",
        {org, unit_id}, false);
    if (!last) return last.error();
    out.last_contacts = std::move(*last);
  }
  return out;
}

Result<std::vector<UnitEmploymentRow>> LoadUnitEmploymentHistory(Tx& tx, const Scope& scope, const std::string& unit_id) {
  std::vector<UnitEmploymentRow> out;
  if (!IsCanonicalUuid(unit_id)) return out;
  Result<Rows> rows = tx.Query(
      "SELECT e.person_id, d.name, s.name, p.preferred_language, e.supervisor, e.started_on, e.valid_to_ms "
      "FROM employment e JOIN people p ON p.org_id = e.org_id AND p.id = e.person_id "
      "LEFT JOIN unit_areas d ON d.org_id = e.org_id AND d.id = e.department_id "
      "LEFT JOIN unit_areas s ON s.org_id = e.org_id AND s.id = e.shift_id "
      "WHERE e.org_id = $1 AND e.unit_id = $2 ORDER BY e.person_id, e.valid_from_ms, e.id",
      {scope.org_id(), unit_id});
  if (!rows) return rows.error();
  for (const Row& r : *rows) {
    UnitEmploymentRow u;
    u.person_id = r.Text(0);
    u.department = r.Text(1);
    u.shift = r.Text(2);
    u.preferred_language = r.Text(3);
    u.supervisor = r.Int(4) != 0;
    u.started_on = r.Text(5);
    if (!r.IsNull(6)) u.valid_to_ms = r.Int(6);
    out.push_back(std::move(u));
  }
  return out;
}

Result<EmployerRollupData> LoadEmployerRollup(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                              const std::string& employer_id, const std::string& scale_id) {
  const std::string& org = scope.org_id();
  EmployerRollupData out;
  Result<Employer> e = WorkplaceRepo(tx, scope, keys).GetEmployer(employer_id);
  if (!e) return e.error();
  out.employer = std::move(*e);
  Result<Rows> s = tx.Query(
      "SELECT id, name, time_zone, region, version FROM worksites WHERE org_id = $1 AND employer_id = $2 "
      "ORDER BY region, name, id",
      {org, employer_id});
  if (!s) return s.error();
  std::map<std::string, size_t> index;
  for (const Row& r : *s) {
    RollupSite site;
    site.site.id = r.Text(0);
    site.site.employer_id = employer_id;
    site.site.name = r.Text(1);
    site.site.time_zone = r.Text(2);
    site.site.region = r.Text(3);
    site.site.version = r.Int(4);
    index[site.site.id] = out.sites.size();
    out.sites.push_back(std::move(site));
  }
  Result<Rows> u = tx.Query(
      "SELECT uw.worksite_id, u.name FROM unit_worksites uw JOIN units u ON u.org_id = uw.org_id AND u.id = uw.unit_id "
      "WHERE uw.org_id = $1 AND u.employer_id = $2 ORDER BY u.name",
      {org, employer_id});
  if (!u) return u.error();
  for (const Row& r : *u) {
    auto it = index.find(r.Text(0));
    if (it != index.end()) out.sites[it->second].unit_names.push_back(r.Text(1));
  }
  Result<Rows> w = tx.Query(
      "SELECT e.person_id, e.worksite_id, e.supervisor FROM worksites w CROSS JOIN employment e "
      "WHERE w.org_id = $1 AND w.employer_id = $2 AND e.org_id = w.org_id AND e.worksite_id = w.id "
      "AND e.valid_to_ms IS NULL ORDER BY e.person_id",
      {org, employer_id});
  if (!w) return w.error();
  for (const Row& r : *w) out.workers.push_back(RollupWorker{r.Text(0), r.Text(1), r.Int(2) != 0});
  if (IsCanonicalUuid(scale_id)) {
    // Only what the effective assessment (R18, core::EffectiveAssessment) can
    // be: the records of each worker's newest second (the core compares
    // instants in seconds; a human record wins a tie). The rest of the
    // history never changes the answer, and reading it all was most of the
    // rollup's time (bench/README.md "workplace").
    // The newest second of each worker first (once per worker: as a join
    // filter PostgreSQL re-ran it for every assessment), then its records.
    Result<Rows> a = tx.Query(
        "WITH top AS MATERIALIZED (SELECT e.person_id, (SELECT max(m.at_ms) FROM assessments m "
        "WHERE m.org_id = e.org_id AND m.person_id = e.person_id AND m.scale_id = $3) / 1000 * 1000 AS since "
        "FROM worksites w CROSS JOIN employment e WHERE w.org_id = $1 AND w.employer_id = $2 "
        "AND e.org_id = w.org_id AND e.worksite_id = w.id AND e.valid_to_ms IS NULL) "
        "SELECT a.person_id, a.value, a.at_ms, a.source, a.by_actor FROM top t CROSS JOIN assessments a "
        "WHERE a.org_id = $1 AND a.person_id = t.person_id AND a.scale_id = $3 AND a.at_ms >= t.since "
        "ORDER BY a.person_id, a.at_ms, a.created_at_ms, a.id",
        {org, employer_id, scale_id});
    if (!a) return a.error();
    for (const Row& r : *a) out.assessments[r.Text(0)].push_back(Record(r, 1));
  }
  Result<Rows> c = tx.Query(
      "SELECT c.id, c.person_id, c.unit_id, c.signed_on, c.method, c.has_signature, c.revoked_on FROM units u "
      "CROSS JOIN cards c WHERE u.org_id = $1 AND u.employer_id = $2 AND c.org_id = u.org_id AND c.unit_id = u.id "
      "ORDER BY c.person_id, c.signed_on, c.created_at_ms, c.id",
      {org, employer_id});
  if (!c) return c.error();
  for (const Row& r : *c) out.cards[r.Text(1)].push_back(TallyCard(r));
  Result<Rows> m = tx.Query(
      "SELECT person_id FROM committee_members WHERE org_id = $1 AND campaign_id = $2 AND until_on IS NULL "
      "AND role = 'committee'",
      {org, out.employer.campaign_id});
  if (!m) return m.error();
  for (const Row& r : *m) out.committee.insert(r.Text(0));
  Result<std::map<std::string, LastContact>> last = LastContacts(
      tx,
      "SELECT e.person_id, e.worksite_id FROM worksites w CROSS JOIN employment e WHERE w.org_id = $1 "
      "AND w.employer_id = $2 AND e.org_id = w.org_id AND e.worksite_id = w.id AND e.valid_to_ms IS NULL "
      "AND e.supervisor = 0",
      {org, employer_id}, true);
  if (!last) return last.error();
  out.last_contacts = std::move(*last);
  return out;
}

}  // namespace hotshop::store
