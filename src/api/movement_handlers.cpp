// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/movement_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "core/movement_view.h"
#include "core/small_cells.h"
#include "http/problem.h"
#include "store/movement_repo.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using security::Action;

// Full counts for org-wide admins, dispatchers and staff; suppressed for
// everyone else (viewers).
bool SeesFullCounts(const security::Actor& a) {
  return std::any_of(a.grants.begin(), a.grants.end(), [](const security::Grant& g) {
    return g.scope_kind == security::ScopeKind::kOrg &&
           (g.role == security::Role::kOrgAdmin || g.role == security::Role::kDispatcher ||
            g.role == security::Role::kStaffOrganizer);
  });
}

json GroupJson(const core::MovementGroup& g, bool full) {
  auto count = [&](int64_t n) { return full ? json(n) : json(core::SuppressedCount(n)); };
  json stages = json::object();
  for (const auto& [stage, n] : g.stages) stages[stage] = count(n);
  // Percentiles of a suppressed group would single people out: hidden too.
  const bool hide_times = !full && g.to_first_contact.count > 0 && g.to_first_contact.count < core::kSmallCellThreshold;
  auto ms = [&](const std::optional<int64_t>& v) { return v && !hide_times ? json(*v) : json(nullptr); };
  return {{"key", g.key},
          {"intakes", count(g.intakes)},
          {"stages", stages},
          {"first_contact", {{"count", count(g.to_first_contact.count)},
                             {"median_ms", ms(g.to_first_contact.median_ms)},
                             {"p90_ms", ms(g.to_first_contact.p90_ms)}}},
          {"organizers", count(g.organizers)},
          {"load", count(g.load)},
          {"capacity", count(g.capacity)}};
}

}  // namespace

http::Response GetMovement(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kViewMovement);
  if (!scope) return http::Problem(scope.error());
  const bool full = SeesFullCounts(*ctx.actor);
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<std::vector<core::MovementIntake>> intakes = store::MovementIntakes(tx, *scope);
    if (!intakes) return intakes.error();
    Result<std::vector<core::MovementOrganizer>> organizers = store::MovementOrganizers(tx, *scope);
    if (!organizers) return organizers.error();
    core::MovementView v = core::SummarizeMovement(*intakes, *organizers);
    json regions = json::array(), industries = json::array();
    for (const auto& g : v.by_region) regions.push_back(GroupJson(g, full));
    for (const auto& g : v.by_industry) industries.push_back(GroupJson(g, full));
    return json{{"suppressed", !full}, {"total", GroupJson(v.total, full)}, {"by_region", regions},
                {"by_industry", industries}};
  }, store::TxMode::kRead, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

}  // namespace hotshop::api
