// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/match_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/match_util.h"
#include "core/organizer_match.h"
#include "core/zip_centroids.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/account_repo.h"
#include "store/assignment_repo.h"
#include "store/intake_repo.h"
#include "store/organizer_repo.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using security::Action;

// How many ranked organizers a page shows by default (the rest on request).
constexpr int64_t kDefaultRankLimit = 50;
constexpr int64_t kMaxRankLimit = 5000;

core::IntakeNeeds NeedsOf(const store::Intake& i) {
  core::IntakeNeeds n;
  n.language = i.language;
  n.industry = i.industry;
  if (std::optional<core::ZipCentroid> z = core::LookupZip(i.zip)) n.worksite = z->point;
  return n;
}

json AssignmentJson(const store::Assignment& a, const std::map<std::string, std::string>& names) {
  auto name = names.find(a.organizer_id);
  return {{"id", a.id},
          {"organizer_id", a.organizer_id},
          {"organizer_name", name == names.end() ? "" : name->second},
          {"assigned_at_ms", a.assigned_at_ms},
          {"accepted_at_ms", a.accepted_at_ms ? json(*a.accepted_at_ms) : json(nullptr)},
          {"ended_at_ms", a.ended_at_ms ? json(*a.ended_at_ms) : json(nullptr)},
          {"end_kind", a.end_kind}};
}

Result<int64_t> RankLimit(const http::Request& req) {
  std::string v = req.query_param("limit").value_or("");
  if (v.empty()) return kDefaultRankLimit;
  int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9' || n > kMaxRankLimit) return Error::InvalidInput("limit", "limit must be a number from 1 to 5000");
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > kMaxRankLimit) return Error::InvalidInput("limit", "limit must be a number from 1 to 5000");
  return n;
}

}  // namespace

http::Response GetIntakeOrganizers(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kTriageIntake);
  if (!scope) return http::Problem(scope.error());
  Result<int64_t> limit = RankLimit(req);
  if (!limit) return http::Problem(limit.error());
  const std::string id = req.path_param("id");
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    Result<store::Intake> intake = store::IntakeRepo(tx, *scope, keys).Get(id);
    if (!intake) return intake.error();
    Result<std::vector<core::OrganizerCandidate>> candidates = store::OrganizerRepo(tx, *scope).Candidates(id);
    if (!candidates) return candidates.error();
    // RULE R22: rank by language (required), distance, industry, load, training.
    std::vector<core::RankedOrganizer> ranked = core::RankOrganizers(*candidates, NeedsOf(*intake));
    store::AccountRepo accounts(tx, ctx.services.keys);
    std::map<std::string, std::string> names;
    json list = json::array();
    int64_t assignable = 0;
    for (const auto& r : ranked) assignable += r.assignable ? 1 : 0;
    for (size_t i = 0; i < ranked.size() && static_cast<int64_t>(i) < *limit; ++i) {
      const core::RankedOrganizer& r = ranked[i];
      Result<store::User> u = accounts.Get(r.id);
      if (!u) return u.error();
      names[r.id] = u->name;
      json reasons = json::array();
      for (const auto& m : r.reasons) reasons.push_back(ReasonJson(m));
      list.push_back({{"user_id", r.id},
                      {"name", u->name},
                      {"assignable", r.assignable},
                      {"score", r.score},
                      {"distance_km", r.distance_km ? json(std::llround(*r.distance_km)) : json(nullptr)},
                      {"reasons", reasons}});
    }
    Result<std::vector<store::Assignment>> history = store::AssignmentRepo(tx, *scope, keys).History(id);
    if (!history) return history.error();
    json hist = json::array();
    for (const auto& a : *history) {
      if (!names.count(a.organizer_id)) {
        Result<store::User> u = accounts.Get(a.organizer_id);
        names[a.organizer_id] = u ? u->name : "";
      }
      hist.push_back(AssignmentJson(a, names));
    }
    return json{{"intake", {{"id", intake->id}, {"stage", core::IntakeStageName(intake->stage)},
                            {"version", intake->version}, {"language", intake->language},
                            {"industry", intake->industry}, {"city", intake->city}, {"zip", intake->zip},
                            {"region", intake->region}, {"size_band", intake->size_band},
                            {"assigned_to", intake->assigned_to.empty() ? json(nullptr) : json(intake->assigned_to)}}},
                {"organizers", list},
                {"total", ranked.size()},
                {"assignable", assignable},
                {"history", hist}};
  }, store::TxMode::kRead);
  if (!out) return http::Problem(out.error());
  http::Response res = Json(*out);
  res.set(http::bhttp::field::etag, http::ETagFor((*out)["intake"]["version"].get<int64_t>()));
  return res;
}

http::Response PostIntakeAssign(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kTriageIntake);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"organizer_id"});
  if (!body) return http::Problem(body.error());
  Result<std::string> organizer = ReqString(*body, "organizer_id", 40);
  if (!organizer) return http::Problem(organizer.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    store::IntakeRepo intakes(tx, *scope, keys);
    Result<store::Intake> intake = intakes.Get(id);
    if (!intake) return intake.error();
    Result<std::vector<core::OrganizerCandidate>> candidates = store::OrganizerRepo(tx, *scope).Candidates(id);
    if (!candidates) return candidates.error();
    auto it = std::find_if(candidates->begin(), candidates->end(),
                           [&](const core::OrganizerCandidate& c) { return c.id == *organizer; });
    if (it == candidates->end()) {
      return Error::InvalidInput("organizer_id", "choose an organizer from the ranked list");
    }
    // Greyed organizers cannot be assigned; the reason names why.
    core::RankedOrganizer r = core::ScoreOrganizer(*it, NeedsOf(*intake));
    if (!r.assignable) {
      return Error::Conflict("organizer_id", std::string("this organizer cannot take the request: ") +
                                                 core::ReasonCodeName(r.reasons.front().code));
    }
    Result<store::Assignment> a =
        store::AssignmentRepo(tx, *scope, keys).Assign(id, *version, *organizer, ctx.actor->user_id, ctx.now_ms);
    if (!a) return a.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "intake.assigned", "intake:" + id, "allowed"); !s) return s.error();
    Result<store::Intake> now = intakes.Get(id);
    if (!now) return now.error();
    return json{{"intake_id", id}, {"stage", core::IntakeStageName(now->stage)}, {"version", now->version},
                {"assignment", AssignmentJson(*a, {})}};
  });
  if (!out) return http::Problem(out.error());
  http::Response res = Json(*out);
  res.set(http::bhttp::field::etag, http::ETagFor((*out)["version"].get<int64_t>()));
  return res;
}

}  // namespace hotshop::api
