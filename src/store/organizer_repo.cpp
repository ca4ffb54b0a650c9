// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/organizer_repo.h"

#include <map>
#include <set>

#include "core/zip_centroids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kColumns =
    "p.user_id, p.home_zip, p.radius_km, p.languages, p.industries, p.capacity, p.training, p.mentor_id, "
    "p.completed_campaigns, p.available, p.version, p.updated_at_ms";

OrganizerProfile FromRow(const Row& r) {
  OrganizerProfile p;
  p.user_id = r.Text(0);
  p.home_zip = r.Text(1);
  p.radius_km = r.Int(2);
  p.languages = SplitList(r.Text(3));
  p.industries = SplitList(r.Text(4));
  p.capacity = r.Int(5);
  p.training = SplitList(r.Text(6));
  p.mentor_id = r.OptText(7).value_or("");
  p.completed_campaigns = r.Int(8);
  p.available = r.Int(9) != 0;
  p.version = r.Int(10);
  p.updated_at_ms = r.Int(11);
  return p;
}

}  // namespace

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

Result<std::vector<OrganizerProfile>> OrganizerRepo::Load(const std::string& only_user) {
  // Load: open assigned requests + active campaigns with an organizer grant.
  std::string sql = std::string("SELECT ") + kColumns +
                    ", (SELECT count(*) FROM intakes i WHERE i.org_id = p.org_id AND i.assigned_to = p.user_id "
                    "   AND i.stage IN ('matched', 'first_contact', 'assessed'))"
                    ", (SELECT count(DISTINCT g.scope_id) FROM grants g JOIN campaigns c "
                    "     ON c.org_id = g.org_id AND c.id = g.scope_id "
                    "   WHERE g.org_id = p.org_id AND g.user_id = p.user_id AND g.scope_kind = 'campaign' "
                    "     AND g.role IN ('staff_organizer', 'volunteer_organizer') AND c.status = 'active')"
                    " FROM organizer_profiles p WHERE p.org_id = $1";
  Params params = {scope_.org_id()};
  if (!only_user.empty()) {
    sql += " AND p.user_id = $2";
    params.push_back(only_user);
  }
  sql += " ORDER BY p.user_id";
  Result<Rows> rows = tx_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<OrganizerProfile> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) {
    OrganizerProfile p = FromRow(r);
    p.load = r.Int(12) + r.Int(13);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<OrganizerProfile>> OrganizerRepo::Get(const std::string& user_id) {
  if (!IsCanonicalUuid(user_id)) return std::optional<OrganizerProfile>();
  Result<std::vector<OrganizerProfile>> all = Load(user_id);
  if (!all) return all.error();
  if (all->empty()) return std::optional<OrganizerProfile>();
  return std::optional<OrganizerProfile>((*all)[0]);
}

Result<std::vector<OrganizerProfile>> OrganizerRepo::List() { return Load(""); }

Result<OrganizerProfile> OrganizerRepo::Put(const OrganizerProfile& p, int64_t expected_version, int64_t now_ms) {
  Result<std::optional<OrganizerProfile>> cur = Get(p.user_id);
  if (!cur) return cur.error();
  const int64_t current = *cur ? (*cur)->version : 0;
  if (current != expected_version) {
    return Error::PreconditionFailed("someone else changed this profile (now version " + std::to_string(current) +
                                     "); reload to see their change");
  }
  Value mentor = p.mentor_id.empty() ? Value(nullptr) : Value(p.mentor_id);
  Params params = {scope_.org_id(), p.user_id, p.home_zip, p.radius_km, JoinList(p.languages),
                   JoinList(p.industries), p.capacity, JoinList(p.training), mentor, p.completed_campaigns,
                   int64_t{p.available ? 1 : 0}, now_ms, expected_version};
  Result<int64_t> n = expected_version == 0
      ? tx_.Exec("INSERT INTO organizer_profiles (org_id, user_id, home_zip, radius_km, languages, industries, "
                 "capacity, training, mentor_id, completed_campaigns, available, version, created_at_ms, "
                 "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
                 {params.begin(), params.end() - 1})
      : tx_.Exec("UPDATE organizer_profiles SET home_zip = $3, radius_km = $4, languages = $5, industries = $6, "
                 "capacity = $7, training = $8, mentor_id = $9, completed_campaigns = $10, available = $11, "
                 "version = version + 1, updated_at_ms = $12 WHERE org_id = $1 AND user_id = $2 AND version = $13",
                 params);
  if (!n) {
    if (n.error().code() == ErrorCode::kConflict) {
      return Error::PreconditionFailed("someone else created this profile; reload to see it");
    }
    return n.error();
  }
  if (*n == 0) return Error::PreconditionFailed("someone else changed this profile; reload to see their change");
  Result<std::optional<OrganizerProfile>> out = Get(p.user_id);
  if (!out) return out.error();
  return **out;
}

Result<OrganizerProfile> OrganizerRepo::SetAvailable(const std::string& user_id, bool available,
                                                     int64_t expected_version, int64_t now_ms) {
  Result<std::optional<OrganizerProfile>> cur = Get(user_id);
  if (!cur) return cur.error();
  if (!*cur) return Error::NotFound("no organizer profile yet: ask a dispatcher to set yours up");
  OrganizerProfile p = **cur;
  p.available = available;
  return Put(p, expected_version, now_ms);
}

Result<std::vector<core::OrganizerCandidate>> OrganizerRepo::Candidates(const std::string& intake_id) {
  Result<std::vector<OrganizerProfile>> all = Load("");
  if (!all) return all.error();
  std::set<std::string> declined;
  if (IsCanonicalUuid(intake_id)) {
    Result<Rows> d = tx_.Query(
        "SELECT DISTINCT organizer_id FROM intake_assignments WHERE org_id = $1 AND intake_id = $2 "
        "AND end_kind IN ('declined', 'timed_out')",
        {scope_.org_id(), intake_id});
    if (!d) return d.error();
    for (const Row& r : *d) declined.insert(r.Text(0));
  }
  std::vector<core::OrganizerCandidate> out;
  out.reserve(all->size());
  for (const OrganizerProfile& p : *all) {
    core::OrganizerCandidate c;
    c.id = p.user_id;
    c.languages = p.languages;
    c.industries = p.industries;
    if (std::optional<core::ZipCentroid> z = core::LookupZip(p.home_zip)) c.home = z->point;
    c.radius_km = static_cast<double>(p.radius_km);
    c.capacity = p.capacity;
    c.load = p.load;
    for (const auto& t : p.training) {
      if (auto m = core::ParseTrainingModule(t)) c.training |= static_cast<unsigned>(*m);
    }
    c.completed_campaigns = p.completed_campaigns;
    c.has_mentor = !p.mentor_id.empty();
    c.available = p.available;
    c.declined = declined.count(p.user_id) > 0;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace hotshop::store
