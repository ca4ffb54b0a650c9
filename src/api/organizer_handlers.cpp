// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/organizer_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/match_util.h"
#include "core/zip_centroids.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/account_repo.h"
#include "store/organizer_repo.h"
#include "store/sql_rewrite.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using security::Action;

const Error kDenied = Error::NotFound("nothing is here, or you don't have access to it");

http::Response WithETag(http::Response res, int64_t version) {
  res.set(http::bhttp::field::etag, http::ETagFor(version));
  return res;
}

// The profile of {id}: admins and dispatchers any, an organizer their own.
Result<store::Scope> ProfileAccess(const http::Request& req, Context& ctx, bool* manager) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return org.error();
  Result<store::Scope> scope = security::Authorize(*ctx.actor, Action::kManageOrganizers, {*org, ""}, ctx.now_ms);
  *manager = scope.ok();
  if (!scope && req.path_param("id") == ctx.actor->user_id) {
    scope = security::Authorize(*ctx.actor, Action::kOwnOrganizerProfile, {*org, ""}, ctx.now_ms);
  }
  if (!scope) AuditAlone(ctx, ctx.actor->org_id, security::ActionName(Action::kManageOrganizers), "route:" + req.route, "denied");
  return scope;
}

// Is user_id a member of the org? (profiles are for the org's own accounts)
Result<bool> IsMember(store::Tx& tx, const std::string& org_id, const std::string& user_id) {
  if (!store::IsCanonicalUuid(user_id)) return false;
  Result<store::Rows> r =
      tx.Query("SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2", {org_id, user_id});
  if (!r) return r.error();
  return !r->empty();
}

Result<store::OrganizerProfile> ParseProfile(const json& body, const std::string& user_id) {
  store::OrganizerProfile p;
  p.user_id = user_id;
  Result<std::optional<std::string>> zip = OptString(body, "home_zip", 10);
  if (!zip) return zip.error();
  p.home_zip = zip->value_or("");
  if (!p.home_zip.empty() && !core::LookupZip(p.home_zip)) {
    return Error::InvalidInput("home_zip", "home_zip must be a US ZIP code of five digits that exists, like 78701");
  }
  if (p.home_zip.size() > 5) p.home_zip = p.home_zip.substr(0, 5);
  auto int_field = [&](const char* name, int64_t lo, int64_t hi, int64_t def) -> Result<int64_t> {
    if (!body.contains(name)) return def;
    if (!body[name].is_number_integer() || body[name].get<int64_t>() < lo || body[name].get<int64_t>() > hi) {
      return Error::InvalidInput(name, std::string(name) + " must be a whole number from " + std::to_string(lo) +
                                           " to " + std::to_string(hi));
    }
    return body[name].get<int64_t>();
  };
  Result<int64_t> radius = int_field("radius_km", 1, 1000, 25);
  if (!radius) return radius.error();
  p.radius_km = *radius;
  Result<int64_t> capacity = int_field("capacity", 0, 50, 2);
  if (!capacity) return capacity.error();
  p.capacity = *capacity;
  Result<int64_t> done = int_field("completed_campaigns", 0, 10000, 0);
  if (!done) return done.error();
  p.completed_campaigns = *done;
  Result<std::optional<std::vector<std::string>>> langs = OptStringList(body, "languages", 10, 12);
  if (!langs) return langs.error();
  for (const auto& l : langs->value_or(std::vector<std::string>{})) {
    std::string primary = core::PrimaryLanguage(l);
    if (primary.size() < 2 || primary.size() > 3) {
      return Error::InvalidInput("languages", "languages are codes like es or en; \"" + l + "\" is not one");
    }
    if (std::find(p.languages.begin(), p.languages.end(), primary) == p.languages.end()) p.languages.push_back(primary);
  }
  Result<std::optional<std::vector<std::string>>> industries = OptStringList(body, "industries", 20, 40);
  if (!industries) return industries.error();
  for (auto s : industries->value_or(std::vector<std::string>{})) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.industries.push_back(s);
  }
  Result<std::optional<std::vector<std::string>>> training = OptStringList(body, "training", 10, 20);
  if (!training) return training.error();
  for (const auto& t : training->value_or(std::vector<std::string>{})) {
    if (!core::ParseTrainingModule(t)) {
      return Error::InvalidInput("training", "\"" + t + "\" is not a training module; use charting, conversation, campaign_arc or inoculation");
    }
    p.training.push_back(t);
  }
  Result<std::optional<std::string>> mentor = OptString(body, "mentor_id", 40);
  if (!mentor) return mentor.error();
  p.mentor_id = mentor->value_or("");
  if (p.mentor_id == user_id) return Error::InvalidInput("mentor_id", "an organizer cannot be their own mentor");
  if (body.contains("available") && !body["available"].is_boolean()) {
    return Error::InvalidInput("available", "available must be true or false");
  }
  p.available = body.value("available", true);
  return p;
}

}  // namespace

http::Response GetOrganizers(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kManageOrganizers);
  if (!scope) return http::Problem(scope.error());
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys&) -> Result<json> {
    Result<std::vector<store::OrganizerProfile>> all = store::OrganizerRepo(tx, *scope).List();
    if (!all) return all.error();
    Result<std::map<std::string, std::string>> names = UserNames(tx, ctx, scope->org_id());
    if (!names) return names.error();
    json list = json::array();
    for (const auto& p : *all) list.push_back(ProfileJson(p, (*names)[p.user_id]));
    // The org's accounts without a profile yet, to start one from.
    json others = json::array();
    for (const auto& [id, name] : *names) {
      if (std::none_of(all->begin(), all->end(), [&](const auto& p) { return p.user_id == id; })) {
        others.push_back({{"user_id", id}, {"name", name}});
      }
    }
    return json{{"organizers", list}, {"without_profile", others}};
  }, store::TxMode::kRead);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetOrganizer(const http::Request& req, Context& ctx) {
  bool manager = false;
  Result<store::Scope> scope = ProfileAccess(req, ctx, &manager);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys&) -> Result<json> {
    Result<bool> member = IsMember(tx, scope->org_id(), id);
    if (!member) return member.error();
    if (!*member) return kDenied;
    Result<std::optional<store::OrganizerProfile>> p = store::OrganizerRepo(tx, *scope).Get(id);
    if (!p) return p.error();
    Result<store::User> u = store::AccountRepo(tx, ctx.services.keys).Get(id);
    if (!u) return u.error();
    store::OrganizerProfile shown = *p ? **p : store::OrganizerProfile{};
    shown.user_id = id;
    if (!*p) shown.version = 0;
    return ProfileJson(shown, u->name);
  }, store::TxMode::kRead);
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

http::Response PutOrganizer(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kManageOrganizers);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"home_zip", "radius_km", "languages", "industries", "capacity", "training",
                                 "mentor_id", "completed_campaigns", "available"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = IfMatchVersionOrNew(req);
  if (!version) return http::Problem(version.error());
  Result<store::OrganizerProfile> p = ParseProfile(*body, id);
  if (!p) return http::Problem(p.error());
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys&) -> Result<json> {
    Result<bool> member = IsMember(tx, scope->org_id(), id);
    if (!member) return member.error();
    if (!*member) return kDenied;
    if (!p->mentor_id.empty()) {
      Result<bool> m = IsMember(tx, scope->org_id(), p->mentor_id);
      if (!m) return m.error();
      if (!*m) return Error::InvalidInput("mentor_id", "choose a mentor among this organization's people");
    }
    Result<store::OrganizerProfile> saved = store::OrganizerRepo(tx, *scope).Put(*p, *version, ctx.now_ms);
    if (!saved) return saved.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "organizer.profile_edited", "user:" + id, "allowed"); !a) return a.error();
    Result<store::User> u = store::AccountRepo(tx, ctx.services.keys).Get(id);
    if (!u) return u.error();
    return ProfileJson(*saved, u->name);
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

http::Response PutOrganizerAvailability(const http::Request& req, Context& ctx) {
  bool manager = false;
  Result<store::Scope> scope = ProfileAccess(req, ctx, &manager);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"available"});
  if (!body) return http::Problem(body.error());
  if (!body->contains("available") || !(*body)["available"].is_boolean()) {
    return http::Problem(Error::InvalidInput("available", "available must be true or false"));
  }
  Result<int64_t> version = IfMatchVersionOrNew(req);
  if (!version) return http::Problem(version.error());
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys&) -> Result<json> {
    Result<store::OrganizerProfile> saved =
        store::OrganizerRepo(tx, *scope).SetAvailable(id, (*body)["available"].get<bool>(), *version, ctx.now_ms);
    if (!saved) return saved.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "organizer.availability", "user:" + id, "allowed"); !a) return a.error();
    Result<store::User> u = store::AccountRepo(tx, ctx.services.keys).Get(id);
    if (!u) return u.error();
    return ProfileJson(*saved, u->name);
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

}  // namespace hotshop::api
