// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/employment_repo.h"

#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, person_id, worksite_id, unit_id, department_id, shift_id, job_class_id, employment_type, supervisor, "
    "started_on, valid_from_ms, valid_to_ms, recorded_by";

Employment FromRow(const Row& r) {
  Employment e;
  e.id = r.Text(0);
  e.person_id = r.Text(1);
  e.worksite_id = r.Text(2);
  e.unit_id = r.Text(3);
  e.department_id = r.Text(4);
  e.shift_id = r.Text(5);
  e.job_class_id = r.Text(6);
  e.employment_type = r.Text(7);
  e.supervisor = r.Int(8) != 0;
  e.started_on = r.Text(9);
  e.valid_from_ms = r.Int(10);
  e.valid_to_ms = r.OptInt(11);
  e.recorded_by = r.Text(12);
  return e;
}

Value OptId(const std::string& id) { return id.empty() ? Value(nullptr) : Value(id); }

const Error kStale =
    Error::PreconditionFailed("someone else changed where this person works; reload to see their change");

}  // namespace

Result<Owner> EmploymentRepo::OwnerOfPerson(const std::string& person_id) {
  if (!IsCanonicalUuid(person_id)) return Error::NotFound("no such person");
  Result<Rows> r = tx_.Query(
      "SELECT p.campaign_id, e.unit_id FROM people p LEFT JOIN employment e ON e.org_id = p.org_id "
      "AND e.person_id = p.id AND e.valid_to_ms IS NULL WHERE p.org_id = $1 AND p.id = $2",
      {scope_.org_id(), person_id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such person");
  return Owner{(*r)[0].Text(0), (*r)[0].Text(1)};
}

Result<std::vector<Employment>> EmploymentRepo::History(const std::string& person_id) {
  if (Result<Owner> o = OwnerOfPerson(person_id); !o) return o.error();
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM employment WHERE org_id = $1 AND person_id = $2 "
                                 "ORDER BY (valid_to_ms IS NULL) DESC, valid_from_ms DESC, valid_to_ms DESC, id DESC",
                             {scope_.org_id(), person_id});
  if (!r) return r.error();
  std::vector<Employment> out;
  for (const Row& row : *r) out.push_back(FromRow(row));
  return out;
}

Result<std::optional<Employment>> EmploymentRepo::Current(const std::string& person_id) {
  if (Result<Owner> o = OwnerOfPerson(person_id); !o) return o.error();
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM employment WHERE org_id = $1 AND person_id = $2 AND valid_to_ms IS NULL",
                             {scope_.org_id(), person_id});
  if (!r) return r.error();
  if (r->empty()) return std::optional<Employment>();
  return std::optional<Employment>(FromRow((*r)[0]));
}

Result<int64_t> EmploymentRepo::Version(const std::string& person_id) {
  if (Result<Owner> o = OwnerOfPerson(person_id); !o) return o.error();
  // Every Set adds a row and every close fills valid_to_ms, so this only grows.
  Result<Rows> r = tx_.Query("SELECT count(*) + count(valid_to_ms) FROM employment WHERE org_id = $1 AND person_id = $2",
                             {scope_.org_id(), person_id});
  if (!r) return r.error();
  return 1 + (*r)[0].Int(0);
}

Status EmploymentRepo::CheckFields(const EmploymentFields& f, std::string* campaign_id) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(f.worksite_id)) return Error::InvalidInput("worksite_id", "no such worksite");
  Result<Rows> w = tx_.Query(
      "SELECT e.campaign_id FROM worksites w JOIN employers e ON e.org_id = w.org_id AND e.id = w.employer_id "
      "WHERE w.org_id = $1 AND w.id = $2",
      {org, f.worksite_id});
  if (!w) return w.error();
  if (w->empty()) return Error::InvalidInput("worksite_id", "no such worksite");
  *campaign_id = (*w)[0].Text(0);
  if (f.unit_id.empty()) {
    if (!f.department_id.empty() || !f.shift_id.empty() || !f.job_class_id.empty()) {
      return Error::InvalidInput("unit_id", "departments, shifts and job classes belong to a unit: name the unit too");
    }
    return Ok();
  }
  if (!IsCanonicalUuid(f.unit_id)) return Error::InvalidInput("unit_id", "no such unit");
  Result<Rows> u = tx_.Query(
      "SELECT u.campaign_id FROM units u JOIN unit_worksites uw ON uw.org_id = u.org_id AND uw.unit_id = u.id "
      "WHERE u.org_id = $1 AND u.id = $2 AND uw.worksite_id = $3",
      {org, f.unit_id, f.worksite_id});
  if (!u) return u.error();
  if (u->empty()) return Error::InvalidInput("unit_id", "no such unit at this worksite");
  *campaign_id = (*u)[0].Text(0);
  struct AreaField {
    const std::string& id;
    const char* field;
    const char* kind;
  };
  for (const AreaField& a : {AreaField{f.department_id, "department_id", "department"},
                             AreaField{f.shift_id, "shift_id", "shift"},
                             AreaField{f.job_class_id, "job_class_id", "job_class"}}) {
    if (a.id.empty()) continue;
    const std::string msg = std::string("no such ") + (std::string(a.kind) == "job_class" ? "job class" : a.kind) +
                            " in this unit";
    if (!IsCanonicalUuid(a.id)) return Error::InvalidInput(a.field, msg);
    Result<Rows> r = tx_.Query("SELECT 1 FROM unit_areas WHERE org_id = $1 AND id = $2 AND unit_id = $3 AND kind = $4",
                               {org, a.id, f.unit_id, std::string(a.kind)});
    if (!r) return r.error();
    if (r->empty()) return Error::InvalidInput(a.field, msg);
  }
  return Ok();
}

Status EmploymentRepo::LockPerson(const std::string& person_id) {
  if (!IsCanonicalUuid(person_id)) return Error::NotFound("no such person");
  // A no-op write takes the person's row lock (PostgreSQL; SQLite writers
  // are serialized anyway), so the version read after it is the latest
  // committed one: under READ COMMITTED two writers could otherwise both
  // read the same version and both write.
  Result<int64_t> n =
      tx_.Exec("UPDATE people SET version = version WHERE org_id = $1 AND id = $2", {scope_.org_id(), person_id});
  if (!n) return n.error();
  if (*n == 0) return Error::NotFound("no such person");
  return Ok();
}

Result<Employment> EmploymentRepo::Set(const std::string& person_id, int64_t expected_version,
                                       const EmploymentFields& f, const std::string& recorded_by, int64_t now_ms) {
  if (Status l = LockPerson(person_id); !l) return l.error();
  Result<Owner> owner = OwnerOfPerson(person_id);
  if (!owner) return owner.error();
  Result<int64_t> version = Version(person_id);
  if (!version) return version.error();
  if (*version != expected_version) return kStale;
  std::string campaign;
  if (Status s = CheckFields(f, &campaign); !s) return s.error();
  const std::string& org = scope_.org_id();
  if (!owner->campaign_id.empty() && owner->campaign_id != campaign) {
    return Error::InvalidInput("unit_id", "this person belongs to another campaign");
  }
  if (owner->campaign_id.empty()) {
    Result<int64_t> n = tx_.Exec(
        "UPDATE people SET campaign_id = $3, version = version + 1, updated_at_ms = $4 "
        "WHERE org_id = $1 AND id = $2 AND campaign_id IS NULL",
        {org, person_id, campaign, now_ms});
    if (!n) return n.error();
    if (*n == 0) return kStale;
  }
  Result<std::optional<Employment>> cur = Current(person_id);
  if (!cur) return cur.error();
  if (*cur) {
    // Under READ COMMITTED a concurrent writer that closed the row first
    // leaves nothing for this UPDATE: that is a stale write, not a retry.
    Result<int64_t> n = tx_.Exec(
        "UPDATE employment SET valid_to_ms = $3 WHERE org_id = $1 AND id = $2 AND valid_to_ms IS NULL",
        {org, (*cur)->id, now_ms});
    if (!n) return n.error();
    if (*n == 0) return kStale;
  }
  Employment e;
  e.id = NewId();
  e.person_id = person_id;
  e.worksite_id = f.worksite_id;
  e.unit_id = f.unit_id;
  e.department_id = f.department_id;
  e.shift_id = f.shift_id;
  e.job_class_id = f.job_class_id;
  e.employment_type = f.employment_type;
  e.supervisor = f.supervisor;
  e.started_on = f.started_on;
  e.valid_from_ms = now_ms;
  e.recorded_by = recorded_by;
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO employment (org_id, id, person_id, worksite_id, unit_id, department_id, shift_id, job_class_id, "
      "employment_type, supervisor, started_on, valid_from_ms, valid_to_ms, recorded_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13)",
      {org, e.id, person_id, f.worksite_id, OptId(f.unit_id), OptId(f.department_id), OptId(f.shift_id),
       OptId(f.job_class_id), f.employment_type, int64_t{f.supervisor ? 1 : 0},
       f.started_on.empty() ? Value(nullptr) : Value(f.started_on), now_ms, recorded_by});
  if (!n) {
    // The one-current-row index refused a concurrent first employment.
    if (n.error().code() == ErrorCode::kConflict) return kStale;
    return n.error();
  }
  return e;
}

Status EmploymentRepo::End(const std::string& person_id, int64_t expected_version, int64_t now_ms) {
  if (Status l = LockPerson(person_id); !l) return l;
  Result<int64_t> version = Version(person_id);
  if (!version) return version.error();
  if (*version != expected_version) return kStale;
  Result<std::optional<Employment>> cur = Current(person_id);
  if (!cur) return cur.error();
  if (!*cur) return Error::Conflict("employment", "this person has no current job to end");
  Result<int64_t> n = tx_.Exec("UPDATE employment SET valid_to_ms = $3 WHERE org_id = $1 AND id = $2 AND valid_to_ms IS NULL",
                               {scope_.org_id(), (*cur)->id, now_ms});
  if (!n) return n.error();
  if (*n == 0) return kStale;
  return Ok();
}

}  // namespace hotshop::store
