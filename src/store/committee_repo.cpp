// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/committee_repo.h"

#include "core/committee_coverage.h"
#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols = "id, campaign_id, person_id, role, since_on, until_on, version";

CommitteeMember FromRow(const Row& r) {
  return CommitteeMember{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6)};
}

}  // namespace

Result<CommitteeMember> CommitteeRepo::Add(const std::string& campaign_id, const std::string& person_id,
                                           const std::string& role, const std::string& since_on, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(campaign_id)) return Error::NotFound("no such campaign");
  Result<Rows> c = tx_.Query("SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2", {org, campaign_id});
  if (!c) return c.error();
  if (c->empty()) return Error::NotFound("no such campaign");
  if (!IsCanonicalUuid(person_id)) return Error::InvalidInput("person_id", "no such person in this campaign");
  Result<Rows> p = tx_.Query(
      "SELECT p.campaign_id, e.supervisor FROM people p LEFT JOIN employment e ON e.org_id = p.org_id "
      "AND e.person_id = p.id AND e.valid_to_ms IS NULL WHERE p.org_id = $1 AND p.id = $2",
      {org, person_id});
  if (!p) return p.error();
  if (p->empty() || (*p)[0].Text(0) != campaign_id) {
    return Error::InvalidInput("person_id", "no such person in this campaign");
  }
  core::CoverageWorker w;
  w.person_id = person_id;
  w.supervisor = (*p)[0].Int(1) != 0;
  if (Status s = core::CheckCommitteeMember(w); !s) {
    return Error::InvalidInput("person_id", "a supervisor cannot be on the organizing committee (R20)");
  }
  Result<Rows> dup = tx_.Query(
      "SELECT 1 FROM committee_members WHERE org_id = $1 AND campaign_id = $2 AND person_id = $3 AND until_on IS NULL",
      {org, campaign_id, person_id});
  if (!dup) return dup.error();
  if (!dup->empty()) return Error::Conflict("person_id", "this person is already on the committee");
  CommitteeMember m{NewId(), campaign_id, person_id, role, since_on, "", 1};
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO committee_members (org_id, id, campaign_id, person_id, role, since_on, until_on, version, "
      "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, NULL, 1, $7, $7)",
      {org, m.id, campaign_id, person_id, role, since_on, now_ms});
  if (!n) {
    if (n.error().code() == ErrorCode::kConflict) {
      return Error::Conflict("person_id", "this person is already on the committee");
    }
    return n.error();
  }
  return m;
}

Result<CommitteeMember> CommitteeRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such committee membership");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM committee_members WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such committee membership");
  return FromRow((*r)[0]);
}

Result<std::vector<CommitteeMember>> CommitteeRepo::OfCampaign(const std::string& campaign_id, bool with_history) {
  if (!IsCanonicalUuid(campaign_id)) return std::vector<CommitteeMember>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM committee_members WHERE org_id = $1 AND campaign_id = $2" +
                                 (with_history ? "" : " AND until_on IS NULL") + " ORDER BY since_on, id",
                             {scope_.org_id(), campaign_id});
  if (!r) return r.error();
  std::vector<CommitteeMember> out;
  for (const Row& row : *r) out.push_back(FromRow(row));
  return out;
}

Result<CommitteeMember> CommitteeRepo::End(const std::string& id, int64_t expected_version,
                                           const std::string& until_on, int64_t now_ms) {
  Result<CommitteeMember> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this membership (now version " +
                                     std::to_string(cur->version) + "); reload to see their change");
  }
  if (!cur->until_on.empty()) return Error::Conflict("until_on", "this membership has already ended");
  // ISO dates compare as text.
  if (until_on < cur->since_on) return Error::InvalidInput("until_on", "until_on is before the member joined");
  Result<int64_t> n = tx_.Exec(
      "UPDATE committee_members SET until_on = $3, version = version + 1, updated_at_ms = $4 "
      "WHERE org_id = $1 AND id = $2 AND version = $5",
      {scope_.org_id(), id, until_on, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this membership; reload to see their change");
  return Get(id);
}

}  // namespace hotshop::store
