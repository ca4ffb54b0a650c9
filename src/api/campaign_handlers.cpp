// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/campaign_handlers.h"

#include "api/handler_util.h"
#include "api/page.h"
#include "api/workplace_access.h"
#include "api/json_response.h"
#include "core/small_cells.h"
#include "http/etag.h"
#include "http/problem.h"
#include "io/email.h"
#include "io/phone.h"
#include "store/campaign_repo.h"
#include "store/employment_repo.h"
#include "store/person_repo.h"
#include "store/sql_rewrite.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;

json CampaignJson(const store::Campaign& c) {
  return {{"id", c.id}, {"name", c.name}, {"status", c.status}, {"version", c.version}};
}

json PersonJson(const store::Person& p) {
  return {{"id", p.id}, {"campaign_id", p.campaign_id.empty() ? json(nullptr) : json(p.campaign_id)},
          {"name", p.name}, {"phone", p.phone}, {"email", p.email}, {"address", p.address}, {"notes", p.notes},
          {"preferred_language", p.preferred_language}, {"version", p.version}};
}

// Authorizes action on the campaign in the path.
Result<store::Scope> CampaignAction(const http::Request& req, Context& ctx, security::Action action,
                                    const std::string& campaign_id) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return org.error();
  Result<store::Scope> scope = security::Authorize(*ctx.actor, action, {*org, campaign_id}, ctx.now_ms);
  if (!scope && scope.error().code() == ErrorCode::kNotFound) {
    AuditAlone(ctx, *org, security::ActionName(action), "route:" + req.route, "denied");
    return scope;
  }
  if (scope && !campaign_id.empty()) {
    // An id of another org's (or no) campaign is audited like any denial.
    Result<store::Campaign> c = store::TransactValue<store::Campaign>(ctx.db, [&](store::Tx& tx) {
      return store::CampaignRepo(tx, *scope).Get(campaign_id);
    }, store::TxMode::kRead, scope->org_id());
    if (!c) {
      if (c.error().code() == ErrorCode::kNotFound) {
        AuditAlone(ctx, *org, security::ActionName(action), "route:" + req.route, "denied");
      }
      return c.error();
    }
  }
  return scope;
}

Result<store::PersonFields> ParsePersonFields(const json& body, bool require_name) {
  store::PersonFields f;
  for (auto [field, slot] : std::initializer_list<std::pair<const char*, std::optional<std::string>*>>{
           {"name", &f.name}, {"address", &f.address}, {"notes", &f.notes}, {"preferred_language", &f.preferred_language}}) {
    const std::string f_name = field;
    Result<std::optional<std::string>> v =
        f_name == "name" ? OptName(body, f_name, 500) : OptString(body, f_name, f_name == "notes" ? 20000 : 500);
    if (!v) return v.error();
    *slot = *v;
  }
  if (require_name && (!f.name || f.name->empty())) return Error::InvalidInput("name", "name is required");
  if (f.name && f.name->empty()) return Error::InvalidInput("name", "name cannot be empty");
  Result<std::optional<std::string>> phone = OptString(body, "phone", 64);
  if (!phone) return phone.error();
  if (*phone && !(*phone)->empty()) {
    Result<io::E164Phone> p = io::NormalizePhone(**phone);
    if (!p) return Error::InvalidInput("phone", p.error().message());
    f.phone = p->e164;
  }
  Result<std::optional<std::string>> email = OptString(body, "email", 320);
  if (!email) return email.error();
  if (*email && !(*email)->empty()) {
    Result<std::string> e = io::NormalizeEmail(**email);
    if (!e) return Error::InvalidInput("email", e.error().message());
    f.email = *e;
  }
  return f;
}


}  // namespace

http::Response GetCampaigns(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = CampaignAction(req, ctx, security::Action::kListCampaigns, "");
  if (!scope) return http::Problem(scope.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  std::optional<std::vector<std::string>> visible = security::VisibleCampaigns(*ctx.actor);
  Result<std::vector<store::Campaign>> all = store::TransactValue<std::vector<store::Campaign>>(ctx.db, [&](store::Tx& tx) {
    return store::CampaignRepo(tx, *scope).List();
  }, store::TxMode::kRead, scope->org_id());
  if (!all) return http::Problem(all.error());
  json list = json::array();
  for (const auto& c : *all) {
    if (visible && std::find(visible->begin(), visible->end(), c.id) == visible->end()) continue;
    list.push_back(CampaignJson(c));
  }
  json out = {{"campaigns", list}};
  ApplyPage(out, "campaigns", *page);
  return Json(out);
}

http::Response GetCampaign(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<store::Scope> scope = CampaignAction(req, ctx, security::Action::kViewCampaign, id);
  if (!scope) return http::Problem(scope.error());
  Result<store::Campaign> c = store::TransactValue<store::Campaign>(ctx.db, [&](store::Tx& tx) {
    return store::CampaignRepo(tx, *scope).Get(id);
  }, store::TxMode::kRead, scope->org_id());
  if (!c) return http::Problem(c.error());
  return WithETag(Json(CampaignJson(*c)), c->version);
}

http::Response PatchCampaign(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<store::Scope> scope = CampaignAction(req, ctx, security::Action::kEditCampaign, id);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"name", "status"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  store::CampaignChanges ch;
  Result<std::optional<std::string>> name = OptName(*body, "name", 200);
  if (!name) return http::Problem(name.error());
  if (*name && (*name)->empty()) return http::Problem(Error::InvalidInput("name", "name cannot be empty"));
  ch.name = *name;
  Result<std::optional<std::string>> status = OptString(*body, "status", 20);
  if (!status) return http::Problem(status.error());
  if (*status && **status != "active" && **status != "won" && **status != "lost" && **status != "closed") {
    return http::Problem(Error::InvalidInput("status", "status must be active, won, lost or closed"));
  }
  ch.status = *status;
  Result<store::Campaign> c = store::TransactValue<store::Campaign>(ctx.db, [&](store::Tx& tx) -> Result<store::Campaign> {
    Result<store::Campaign> updated = store::CampaignRepo(tx, *scope).Update(id, *version, ch, ctx.now_ms);
    if (!updated) return updated.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "campaign.edited", "campaign:" + id, "allowed"); !a) return a.error();
    return updated;
  }, store::TxMode::kWrite, scope->org_id());
  if (!c) return http::Problem(c.error());
  return WithETag(Json(CampaignJson(*c)), c->version);
}

http::Response GetCampaignSummary(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<store::Scope> scope = CampaignAction(req, ctx, security::Action::kViewCampaign, id);
  if (!scope) return http::Problem(scope.error());
  // A reader whose only way in is a unit grant sees their units' people only.
  std::optional<std::vector<std::string>> units =
      security::UnitsOnly(*ctx.actor, security::Action::kViewCampaign, {scope->org_id(), id});
  // Only a viewer's sole view is aggregates; everyone else may count exactly.
  // Suppress unless a grant reaching this campaign has a role that may see people.
  bool suppress = std::none_of(ctx.actor->grants.begin(), ctx.actor->grants.end(), [&](const security::Grant& g) {
    bool reaches = (g.scope_kind == security::ScopeKind::kOrg && security::CheckGrantScope(g.role, g.scope_kind).ok()) ||
                   g.scope_id == id || g.unit_campaign_id == id;
    return reaches && g.role != security::Role::kViewer && g.role != security::Role::kDispatcher &&
           g.role != security::Role::kCaller;
  });
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    store::CampaignRepo campaigns(tx, *scope);
    if (Result<store::Campaign> c = campaigns.Get(id); !c) return c.error();
    Result<std::map<std::string, int64_t>> counts = campaigns.PeopleByLanguage(id, units);
    if (!counts) return counts.error();
    json by_language = json::object();
    int64_t total = 0;
    for (const auto& [language, n] : *counts) {
      total += n;
      by_language[language.empty() ? "unknown" : language] = suppress ? json(core::SuppressedCount(n)) : json(n);
    }
    return json{{"people", suppress ? json(core::SuppressedCount(total)) : json(total)},
                {"by_language", by_language},
                {"units", units ? json(*units) : json(nullptr)},
                {"suppressed_below", suppress ? json(core::kSmallCellThreshold) : json(nullptr)}};
  }, store::TxMode::kRead, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostPerson(const http::Request& req, Context& ctx) {
  std::string campaign_id = req.path_param("id");
  Result<store::Scope> scope = CampaignAction(req, ctx, security::Action::kAddPerson, campaign_id);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"name", "phone", "email", "address", "notes", "preferred_language"});
  if (!body) return http::Problem(body.error());
  Result<store::PersonFields> fields = ParsePersonFields(*body, true);
  if (!fields) return http::Problem(fields.error());
  Result<store::Person> p = store::TransactValue<store::Person>(ctx.db, [&](store::Tx& tx) -> Result<store::Person> {
    if (Result<store::Campaign> c = store::CampaignRepo(tx, *scope).Get(campaign_id); !c) return c.error();
    auto keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<store::Person> created = store::PersonRepo(tx, *scope, **keys).Create(campaign_id, *fields, ctx.now_ms);
    if (!created) return created.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "person.created", "person:" + created->id, "allowed"); !a) {
      return a.error();
    }
    return created;
  }, store::TxMode::kWrite, scope->org_id());
  if (!p) return http::Problem(p.error());
  return WithETag(Json(PersonJson(*p), HttpStatus::created), p->version);
}


http::Response GetPerson(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  // The person's campaign and current unit decide (workplace_access.h): a
  // unit-scoped worker-leader reaches their unit's people, no one else's.
  Result<Access> access = AuthorizeObject(req, ctx, security::Action::kViewPerson, ObjectKind::kPerson, id);
  if (!access) return http::Problem(access.error());
  const store::Scope* scope = &access->scope;
  // Staff notes are organizers' (those who manage the committee): a
  // worker-leader or mentor reads the person without them (J4.2).
  const bool staff = Allowed(ctx, scope->org_id(), security::Action::kManageCommittee, access->owner);
  Result<store::Person> p = store::TransactValue<store::Person>(ctx.db, [&](store::Tx& tx) -> Result<store::Person> {
    auto keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<store::Person> got = store::PersonRepo(tx, *scope, **keys).Get(id);
    if (!got) return got.error();
    // A sensitive read: audited (ASVS 8.3.5), ids only.
    if (Status a = Audit(tx, ctx, scope->org_id(), "person.read", "person:" + id, "allowed"); !a) return a.error();
    return got;
  }, store::TxMode::kWrite, scope->org_id());
  if (!p) return http::Problem(p.error());
  json out = PersonJson(*p);
  if (!staff) out.erase("notes");
  return WithETag(Json(out), p->version);
}

http::Response PatchPerson(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> access = AuthorizeObject(req, ctx, security::Action::kEditPerson, ObjectKind::kPerson, id);
  if (!access) return http::Problem(access.error());
  const store::Scope* scope = &access->scope;
  Result<json> body = Body(req, {"name", "phone", "email", "address", "notes", "preferred_language"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::PersonFields> fields = ParsePersonFields(*body, false);
  if (!fields) return http::Problem(fields.error());
  Result<store::Person> p = store::TransactValue<store::Person>(ctx.db, [&](store::Tx& tx) -> Result<store::Person> {
    auto keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<store::Person> updated = store::PersonRepo(tx, *scope, **keys).Update(id, *version, *fields, ctx.now_ms);
    if (!updated) return updated.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "person.edited", "person:" + id, "allowed"); !a) return a.error();
    return updated;
  }, store::TxMode::kWrite, scope->org_id());
  if (!p) return http::Problem(p.error());
  return WithETag(Json(PersonJson(*p)), p->version);
}

http::Response SearchPeople(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = CampaignAction(req, ctx, security::Action::kSearchPeople, "");
  if (!scope) return http::Problem(scope.error());
  std::optional<std::string> phone = req.query_param("phone");
  std::optional<std::string> email = req.query_param("email");
  if (!phone && !email) return http::Problem(Error::InvalidInput("phone", "search by phone= or email="));
  std::string key;
  if (phone) {
    Result<io::E164Phone> p = io::NormalizePhone(*phone);
    if (!p) return http::Problem(Error::InvalidInput("phone", p.error().message()));
    key = p->e164;
  } else {
    Result<std::string> e = io::NormalizeEmail(*email);
    if (!e) return http::Problem(Error::InvalidInput("email", e.error().message()));
    key = *e;
  }
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  // Dispatchers dedupe intake against people not yet in any campaign; a
  // campaign's people are for its own organizers (§3 table).
  bool dispatcher = security::HasRole(*ctx.actor, security::Role::kDispatcher);
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    auto keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    store::PersonRepo people(tx, *scope, **keys);
    Result<std::vector<store::Person>> found = phone ? people.FindByPhone(key) : people.FindByEmail(key);
    if (!found) return found.error();
    store::EmploymentRepo employment(tx, *scope);
    json list = json::array();
    for (const auto& p : *found) {
      // Each match by its campaign and current unit, as GET /people/{id}
      // decides: a unit grant never widens a search to its whole campaign.
      bool in_scope = dispatcher && p.campaign_id.empty();
      if (!in_scope) {
        Result<store::Owner> owner = employment.OwnerOfPerson(p.id);
        if (!owner) return owner.error();
        in_scope = Allowed(ctx, scope->org_id(), security::Action::kViewPerson, *owner);
      }
      if (in_scope) list.push_back(PersonJson(p));
    }
    if (Status a = Audit(tx, ctx, scope->org_id(), "people.searched", phone ? "by:phone" : "by:email", "allowed"); !a) {
      return a.error();
    }
    return json{{"people", list}};
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "people", *page);
  return Json(*out);
}

}  // namespace hotshop::api
