// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/campaign_handlers.h"

#include "api/handler_util.h"
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

http::Response WithETag(http::Response res, int64_t version) {
  res.set(http::bhttp::field::etag, http::ETagFor(version));
  return res;
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
    Result<std::optional<std::string>> v = OptString(body, field, std::string(field) == "notes" ? 20000 : 500);
    if (!v) return v.error();
    *slot = *v;
  }
  if (require_name && (!f.name || f.name->empty())) return Error::InvalidInput("name", "name is required");
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
  return Json({{"campaigns", list}});
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
  Result<std::optional<std::string>> name = OptString(*body, "name", 200);
  if (!name) return http::Problem(name.error());
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
  // Only a viewer's sole view is aggregates; everyone else may count exactly.
  // Suppress unless a grant reaching this campaign has a role that may see people.
  bool suppress = std::none_of(ctx.actor->grants.begin(), ctx.actor->grants.end(), [&](const security::Grant& g) {
    bool reaches = g.scope_kind == security::ScopeKind::kOrg || g.scope_id == id;
    return reaches && g.role != security::Role::kViewer && g.role != security::Role::kDispatcher &&
           g.role != security::Role::kCaller;
  });
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    if (Result<store::Campaign> c = store::CampaignRepo(tx, *scope).Get(id); !c) return c.error();
    Result<store::Rows> rows = tx.Query(
        "SELECT preferred_language, count(*) FROM people WHERE org_id = $1 AND campaign_id = $2 "
        "GROUP BY preferred_language ORDER BY preferred_language",
        {scope->org_id(), id});
    if (!rows) return rows.error();
    json by_language = json::object();
    int64_t total = 0;
    for (const auto& r : *rows) {
      total += r.Int(1);
      std::string lang = r.Text(0).empty() ? "unknown" : r.Text(0);
      by_language[lang] = suppress ? json(core::SuppressedCount(r.Int(1))) : json(r.Int(1));
    }
    return json{{"people", suppress ? json(core::SuppressedCount(total)) : json(total)},
                {"by_language", by_language}, {"suppressed_below", suppress ? json(core::kSmallCellThreshold) : json(nullptr)}};
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

namespace {
// Finds the person's campaign, then authorizes: out of scope is 404 like missing.
Result<store::Scope> PersonAction(const http::Request& req, Context& ctx, security::Action action, const std::string& id,
                                  security::Resource* resource = nullptr) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return org.error();
  store::Scope org_scope = store::Scope::ForOrg(*org);
  // The person's campaign and current unit: a unit-scoped grant (a
  // worker-leader) reaches the people of its unit (security-model.md §3).
  Result<store::Owner> owner = store::TransactValue<store::Owner>(ctx.db, [&](store::Tx& tx) -> Result<store::Owner> {
    auto keys = ctx.services.keys.ForOrg(tx, *org);
    if (!keys) return keys.error();
    Result<std::string> campaign = store::PersonRepo(tx, org_scope, **keys).CampaignOf(id);
    if (!campaign) return campaign.error();
    Result<store::Owner> o = store::EmploymentRepo(tx, org_scope).OwnerOfPerson(id);
    if (!o) return o.error();
    return store::Owner{*campaign, o->unit_id};
  }, store::TxMode::kRead, *org);
  if (!owner) {
    if (owner.error().code() == ErrorCode::kNotFound) {
      AuditAlone(ctx, *org, security::ActionName(action), "route:" + req.route, "denied");
      return Error::NotFound("nothing is here, or you don't have access to it");
    }
    return owner.error();
  }
  if (resource) *resource = {*org, owner->campaign_id, owner->unit_id};
  Result<store::Scope> scope =
      security::Authorize(*ctx.actor, action, {*org, owner->campaign_id, owner->unit_id}, ctx.now_ms);
  if (!scope && scope.error().code() == ErrorCode::kNotFound) {
    AuditAlone(ctx, *org, security::ActionName(action), "person:" + id, "denied");
  }
  return scope;
}
}  // namespace

http::Response GetPerson(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  security::Resource resource;
  Result<store::Scope> scope = PersonAction(req, ctx, security::Action::kViewPerson, id, &resource);
  if (!scope) return http::Problem(scope.error());
  // Staff notes are organizers' (those who manage the committee): a
  // worker-leader or mentor reads the person without them (J4.2).
  const bool staff = security::Authorize(*ctx.actor, security::Action::kManageCommittee, resource, ctx.now_ms).ok();
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
  Result<store::Scope> scope = PersonAction(req, ctx, security::Action::kEditPerson, id);
  if (!scope) return http::Problem(scope.error());
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
  std::optional<std::vector<std::string>> visible = security::VisibleCampaigns(*ctx.actor);
  // Dispatchers dedupe intake against people not yet in any campaign; a
  // campaign's people are for its own organizers (§3 table).
  bool dispatcher = security::HasRole(*ctx.actor, security::Role::kDispatcher);
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    auto keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    store::PersonRepo people(tx, *scope, **keys);
    Result<std::vector<store::Person>> found = phone ? people.FindByPhone(key) : people.FindByEmail(key);
    if (!found) return found.error();
    json list = json::array();
    for (const auto& p : *found) {
      bool in_scope = !visible || std::find(visible->begin(), visible->end(), p.campaign_id) != visible->end() ||
                      (dispatcher && p.campaign_id.empty());
      if (in_scope) list.push_back(PersonJson(p));
    }
    if (Status a = Audit(tx, ctx, scope->org_id(), "people.searched", phone ? "by:phone" : "by:email", "allowed"); !a) {
      return a.error();
    }
    return json{{"people", list}};
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

}  // namespace hotshop::api
