// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/campaign_repo.h"

#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kColumns = "id, name, status, version, created_at_ms, updated_at_ms";

Campaign FromRow(const Row& r) {
  return Campaign{r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5)};
}

}  // namespace

Result<Campaign> CampaignRepo::Create(const std::string& name, int64_t now_ms) {
  Campaign c{NewId(), name, "active", 1, now_ms, now_ms};
  Result<int64_t> r = tx_.Exec(
      "INSERT INTO campaigns (org_id, id, name, status, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, 1, $5, $5)",
      {scope_.org_id(), c.id, name, c.status, now_ms});
  if (!r) return r.error();
  return c;
}

Result<Campaign> CampaignRepo::Get(const std::string& id) {
  // A malformed id is simply not found: the same answer as out of scope.
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such campaign");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kColumns +
                                 " FROM campaigns WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such campaign");
  return FromRow((*r)[0]);
}

Result<std::vector<Campaign>> CampaignRepo::List() {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kColumns +
                                 " FROM campaigns WHERE org_id = $1 ORDER BY created_at_ms, id",
                             {scope_.org_id()});
  if (!r) return r.error();
  std::vector<Campaign> out;
  for (const Row& row : *r) out.push_back(FromRow(row));
  return out;
}

Result<Campaign> CampaignRepo::Update(const std::string& id, int64_t expected_version,
                                      const CampaignChanges& changes, int64_t now_ms) {
  Result<Campaign> current = Get(id);
  if (!current) return current.error();
  if (current->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this campaign (now version " +
                                     std::to_string(current->version) + "); reload to see their change");
  }
  Result<int64_t> n = tx_.Exec(
      "UPDATE campaigns SET name = $3, status = $4, version = version + 1, updated_at_ms = $5 "
      "WHERE org_id = $1 AND id = $2 AND version = $6",
      {scope_.org_id(), id, changes.name.value_or(current->name), changes.status.value_or(current->status),
       now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) {
    return Error::PreconditionFailed("someone else changed this campaign; reload to see their change");
  }
  return Get(id);
}

Result<std::map<std::string, int64_t>> CampaignRepo::PeopleByLanguage(
    const std::string& campaign_id, const std::optional<std::vector<std::string>>& units) {
  std::map<std::string, int64_t> out;
  Params params{scope_.org_id(), campaign_id};
  std::string sql;
  if (!units) {
    sql = "SELECT p.preferred_language, count(*) FROM people p WHERE p.org_id = $1 AND p.campaign_id = $2 "
          "GROUP BY p.preferred_language";
  } else {
    if (units->empty()) return out;
    std::string in;
    for (const auto& u : *units) {
      if (!IsCanonicalUuid(u)) continue;
      params.push_back(u);
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    if (in.empty()) return out;
    sql = "SELECT p.preferred_language, count(*) FROM employment e JOIN people p ON p.org_id = e.org_id AND p.id = e.person_id "
          "WHERE e.org_id = $1 AND p.campaign_id = $2 AND e.valid_to_ms IS NULL AND e.unit_id IN (" + in + ") "
          "GROUP BY p.preferred_language";
  }
  Result<Rows> r = tx_.Query(sql, params);
  if (!r) return r.error();
  for (const Row& row : *r) out[row.Text(0)] += row.Int(1);
  return out;
}

}  // namespace hotshop::store
