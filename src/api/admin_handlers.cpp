// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/admin_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/session_auth.h"
#include "api/session_handlers.h"
#include "http/problem.h"
#include "security/confusables.h"
#include "security/password.h"
#include "security/session_token.h"
#include "store/account_repo.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;

constexpr int64_t kInvitationValidMs = 72LL * 60 * 60 * 1000;  // J8.1: three days

http::Response StepUpProblem(const Error& e) {
  if (e.code() == ErrorCode::kUnauthenticated && e.field() == "step_up") {
    return http::Problem(HttpStatus::unauthorized, "step_up_required", e.message());
  }
  return http::Problem(e);
}

// A grant from a request body: role, scope_kind, scope_id, flags. The scope
// must be a campaign of this org, or for a worker-leader a unit of this org
// (security-model.md §3); security::CheckGrantScope says which role may
// have which scope.
Result<security::Grant> ParseGrant(store::Tx& tx, const json& body, const std::string& org_id) {
  Result<std::string> role = ReqString(body, "role", 40);
  if (!role) return role.error();
  auto r = security::ParseRole(*role);
  if (!r) return Error::InvalidInput("role", "unknown role \"" + role->substr(0, 40) + "\"");
  Result<std::string> kind = ReqString(body, "scope_kind", 20);
  if (!kind) return kind.error();
  auto k = security::ParseScopeKind(*kind);
  if (!k) return Error::InvalidInput("scope_kind", "scope_kind must be org, campaign or unit");
  if (Status fits = security::CheckGrantScope(*r, *k); !fits) return fits.error();
  security::Grant g;
  g.role = *r;
  g.scope_kind = *k;
  if (*k != security::ScopeKind::kOrg) {
    Result<std::string> sid = ReqString(body, "scope_id", 40);
    if (!sid) return sid.error();
    if (!store::IsCanonicalUuid(*sid)) return Error::InvalidInput("scope_id", "scope_id is not an id");
    const bool unit = *k == security::ScopeKind::kUnit;
    Result<store::Rows> c = tx.Query(unit ? "SELECT campaign_id FROM units WHERE org_id = $1 AND id = $2"
                                          : "SELECT id FROM campaigns WHERE org_id = $1 AND id = $2",
                                     {org_id, *sid});
    if (!c) return c.error();
    if (c->empty()) {
      return Error::InvalidInput("scope_id", unit ? "no such unit in this organization" : "no such campaign in this organization");
    }
    g.scope_id = *sid;
    if (unit) g.unit_campaign_id = (*c)[0].Text(0);
  }
  if (auto f = body.find("flags"); f != body.end() && !f->is_null()) {
    if (!f->is_array()) return Error::InvalidInput("flags", "flags must be a list");
    std::string list;
    for (const auto& x : *f) {
      if (!x.is_string()) return Error::InvalidInput("flags", "flags must be a list of names");
      list += (list.empty() ? "" : ",") + x.get<std::string>();
    }
    Result<unsigned> parsed = security::ParseFlags(list);
    if (!parsed) return parsed.error();
    g.flags = *parsed;
  }
  return g;
}

// The target user must belong to the org, else 404 like missing.
Status UserInOrg(store::Tx& tx, const std::string& org_id, const std::string& user_id) {
  if (!store::IsCanonicalUuid(user_id)) return Error::NotFound("no such user");
  Result<store::Rows> r = tx.Query("SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2", {org_id, user_id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such user");
  return Ok();
}

using UserOp = std::function<Status(store::Tx&, store::AccountRepo&, const std::string& user_id)>;

http::Response UserAction(const http::Request& req, Context& ctx, const char* audit_action, const UserOp& op) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kManageUsers);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {});
  if (!body) return http::Problem(body.error());
  std::string user_id = req.path_param("id");
  Status s = ctx.db.Transact([&](store::Tx& tx) -> Status {
    if (Status m = UserInOrg(tx, scope->org_id(), user_id); !m) return m;
    store::AccountRepo accounts(tx, ctx.services.keys);
    if (Status o = op(tx, accounts, user_id); !o) return o;
    return Audit(tx, ctx, scope->org_id(), audit_action, "user:" + user_id, "allowed");
  }, store::TxMode::kWrite, scope->org_id());
  if (!s) return http::Problem(s.error());
  return Json({{"ok", true}});
}

}  // namespace

http::Response GetOrgUsers(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kViewUsers);
  if (!scope) return http::Problem(scope.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<std::vector<store::User>> users = accounts.OrgUsers(scope->org_id());
    if (!users) return users.error();
    json list = json::array();
    for (const auto& u : *users) {
      Result<std::vector<security::Grant>> grants = accounts.Grants(scope->org_id(), u.id);
      if (!grants) return grants.error();
      Result<store::Credentials> cred = accounts.GetCredentials(u.id);
      if (!cred) return cred.error();
      Result<int64_t> seen = accounts.LastSeen(u.id);
      if (!seen) return seen.error();
      json g = json::array();
      for (const auto& x : *grants) g.push_back(GrantJson(x));
      list.push_back({{"id", u.id}, {"name", u.name}, {"email", u.email}, {"status", u.status},
                      {"totp_enabled", cred->totp_secret.has_value() && !cred->reenroll},
                      {"last_seen_at", *seen == 0 ? json(nullptr) : json(*seen)}, {"grants", g}});
    }
    if (Status a = Audit(tx, ctx, scope->org_id(), "users.viewed", "org:" + scope->org_id(), "allowed"); !a) return a.error();
    return json{{"users", list}};
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostInvitation(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kManageGrants);
  if (!scope) return StepUpProblem(scope.error());
  Result<json> body = Body(req, {"email", "name", "role", "scope_kind", "scope_id", "flags"});
  if (!body) return http::Problem(body.error());
  Result<std::string> email = ReqString(*body, "email", 320);
  if (!email) return http::Problem(email.error());
  if (Status c = security::CheckNotConfusable(*email, "email"); !c) return http::Problem(c.error());
  Result<std::string> name = ReqString(*body, "name", 200);
  if (!name) return http::Problem(name.error());
  std::string token = security::NewInvitationToken();
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<security::Grant> g = ParseGrant(tx, *body, scope->org_id());
    if (!g) return g.error();
    store::Invitation inv;
    inv.id = store::NewId();
    inv.org_id = scope->org_id();
    inv.email = *email;
    inv.name = *name;
    inv.grant = *g;
    inv.expires_at_ms = ctx.now_ms + kInvitationValidMs;
    if (Status s = store::AccountRepo(tx, ctx.services.keys).CreateInvitation(security::TokenHash(token), inv,
                                                                               ctx.actor->user_id, ctx.now_ms); !s) {
      return s.error();
    }
    if (Status a = Audit(tx, ctx, scope->org_id(), "invitation.created", "invitation:" + inv.id, "allowed"); !a) {
      return a.error();
    }
    return json{{"invitation", {{"id", inv.id}, {"expires_at", inv.expires_at_ms}}}, {"link", "/invite#" + token}};
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out, HttpStatus::created);
}

namespace {
// A live invitation by token, or kNotFound: unknown, used and expired look the same.
Result<store::Invitation> LiveInvitation(store::Tx& tx, const Context& ctx, const std::string& token) {
  if (!security::IsWellFormedToken(token)) return Error::NotFound("this invitation link is not valid, was used already, or has expired");
  Result<std::optional<store::Invitation>> inv = store::AccountRepo(tx, ctx.services.keys).FindInvitation(security::TokenHash(token));
  if (!inv) return inv.error();
  if (!*inv || (*inv)->used || ctx.now_ms >= (*inv)->expires_at_ms) {
    return Error::NotFound("this invitation link is not valid, was used already, or has expired; ask for a new one");
  }
  return **inv;
}
}  // namespace

http::Response PostInvitationLookup(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {"token"});
  if (!body) return http::Problem(body.error());
  Result<std::string> token = ReqString(*body, "token", 100);
  if (!token) return http::Problem(token.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<store::Invitation> inv = LiveInvitation(tx, ctx, *token);
    if (!inv) return inv.error();
    Result<store::Rows> org = tx.Query("SELECT name FROM orgs WHERE id = $1", {inv->org_id});
    if (!org) return org.error();
    return json{{"org_name", org->empty() ? "" : (*org)[0].Text(0)}, {"role", security::RoleName(inv->grant.role)},
                {"email", inv->email}, {"expires_at", inv->expires_at_ms}};
  }, store::TxMode::kRead);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostInvitationAccept(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {"token", "password"});
  if (!body) return http::Problem(body.error());
  Result<std::string> token = ReqString(*body, "token", 100);
  if (!token) return http::Problem(token.error());
  auto pw = body->find("password");
  if (pw == body->end() || !pw->is_string()) return http::Problem(Error::InvalidInput("password", "password is required"));
  const std::string& password = pw->get_ref<const std::string&>();
  if (Status s = security::CheckPasswordPolicy(password, ctx.services.common_passwords); !s) {
    return http::Problem(Error::InvalidInput("password", s.error().message()));
  }
  std::optional<security::HashLimiter::Permit> permit = ctx.services.hash_limiter.TryAcquire();
  if (!permit) return http::Problem(Error::Unavailable("the server is busy; try again in a moment"));
  Result<std::string> hash = security::HashPassword(password, ctx.services.pwhash);
  if (!hash) return http::Problem(hash.error());
  permit.reset();
  std::string session_token = security::NewSessionToken();
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<store::Invitation> inv = LiveInvitation(tx, ctx, *token);
    if (!inv) return inv.error();
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<bool> used = accounts.UseInvitation(security::TokenHash(*token), ctx.now_ms);
    if (!used) return used.error();
    if (!*used) return Error::NotFound("this invitation link was used already");
    Result<std::optional<store::User>> existing = accounts.FindByEmail(inv->email);
    if (!existing) return existing.error();
    std::string user_id;
    if (*existing) {
      // An existing account joins with its own password; this one is ignored.
      user_id = (*existing)->id;
    } else {
      Result<store::User> u = accounts.CreateUser(inv->email, inv->name, *hash, false, ctx.now_ms);
      if (!u) return u.error();
      user_id = u->id;
    }
    if (Status o = tx.SetOrg(inv->org_id); !o) return o.error();
    Result<security::Grant> g = accounts.AddGrant(inv->org_id, user_id, inv->grant, "", ctx.now_ms);
    if (!g) return g.error();
    Result<store::SessionRow> s = accounts.CreateSession(security::TokenHash(session_token), user_id, inv->org_id,
                                                         DeviceLabel(req.header("User-Agent")), ctx.now_ms,
                                                         ctx.now_ms + kSessionAbsoluteMs);
    if (!s) return s.error();
    Result<int64_t> seq = store::AppendAudit(tx, inv->org_id, "user:" + user_id, "invitation.accepted",
                                             "invitation:" + inv->id, "allowed", ctx.now_ms);
    if (!seq) return seq.error();
    return SessionJson(tx, ctx, user_id, inv->org_id);
  });
  if (!out) return http::Problem(out.error());
  http::Response res = Json(*out);
  SetSessionCookie(res, session_token);
  return res;
}

http::Response PostSuspendUser(const http::Request& req, Context& ctx) {
  return UserAction(req, ctx, "user.suspended", [&](store::Tx&, store::AccountRepo& a, const std::string& id) -> Status {
    if (id == ctx.actor->user_id) return Error::InvalidInput("id", "you can't suspend your own account");
    if (Status s = a.SetStatus(id, "suspended"); !s) return s;
    Result<int64_t> n = a.RevokeAllSessions(id, ctx.now_ms);
    if (!n) return n.error();
    return Ok();
  });
}

http::Response PostSignOutUser(const http::Request& req, Context& ctx) {
  return UserAction(req, ctx, "user.signed_out", [&](store::Tx&, store::AccountRepo& a, const std::string& id) -> Status {
    Result<int64_t> n = a.RevokeAllSessions(id, ctx.now_ms);
    if (!n) return n.error();
    return Ok();
  });
}

http::Response PostReactivateUser(const http::Request& req, Context& ctx) {
  return UserAction(req, ctx, "user.reactivated", [&](store::Tx&, store::AccountRepo& a, const std::string& id) -> Status {
    if (Status s = a.SetStatus(id, "active"); !s) return s;
    // A device may have been seized: two-factor must be enrolled again (J8.2).
    return a.RequireReenroll(id, ctx.now_ms);
  });
}

http::Response PostGrant(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kManageGrants);
  if (!scope) return StepUpProblem(scope.error());
  Result<json> body = Body(req, {"role", "scope_kind", "scope_id", "flags"});
  if (!body) return http::Problem(body.error());
  std::string user_id = req.path_param("id");
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    if (Status m = UserInOrg(tx, scope->org_id(), user_id); !m) return m.error();
    Result<security::Grant> g = ParseGrant(tx, *body, scope->org_id());
    if (!g) return g.error();
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<security::Grant> added = accounts.AddGrant(scope->org_id(), user_id, *g, ctx.actor->user_id, ctx.now_ms);
    if (!added) return added.error();
    // A privilege change ends the user's sessions: they sign in again with the new rights.
    if (user_id != ctx.actor->user_id) {
      if (Result<int64_t> n = accounts.RevokeAllSessions(user_id, ctx.now_ms); !n) return n.error();
    }
    if (Status a = Audit(tx, ctx, scope->org_id(), "grant.added",
                         "grant:" + added->id + " user:" + user_id + " role:" + security::RoleName(added->role), "allowed");
        !a) {
      return a.error();
    }
    return GrantJson(*added);
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out, HttpStatus::created);
}

http::Response DeleteGrant(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kManageGrants);
  if (!scope) return StepUpProblem(scope.error());
  std::string grant_id = req.path_param("id");
  if (!store::IsCanonicalUuid(grant_id)) return http::Problem(Error::NotFound("no such grant"));
  Status s = ctx.db.Transact([&](store::Tx& tx) -> Status {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<std::string> user = accounts.RemoveGrant(scope->org_id(), grant_id);
    if (!user) return user.error();
    if (Result<int64_t> n = accounts.RevokeAllSessions(*user, ctx.now_ms); !n) return n.error();
    return Audit(tx, ctx, scope->org_id(), "grant.removed", "grant:" + grant_id + " user:" + *user, "allowed");
  }, store::TxMode::kWrite, scope->org_id());
  if (!s) return http::Problem(s.error());
  return http::Response{HttpStatus::no_content, 11};
}

http::Response GetAudit(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kViewAudit);
  if (!scope) return http::Problem(scope.error());
  int64_t before = 0;
  int limit = 100;
  try {
    if (auto b = req.query_param("before")) before = std::stoll(*b);
    if (auto l = req.query_param("limit")) limit = std::clamp(std::stoi(*l), 1, 500);
  } catch (const std::exception&) {
    return http::Problem(Error::InvalidInput("before", "before and limit must be numbers"));
  }
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<std::vector<security::AuditEvent>> events = store::ListAudit(tx, scope->org_id(), before, limit);
    if (!events) return events.error();
    Result<std::optional<int64_t>> broken = store::VerifyAudit(tx, scope->org_id());
    if (!broken) return broken.error();
    json list = json::array();
    for (const auto& e : *events) {
      list.push_back({{"seq", e.seq}, {"ts", e.ts_ms}, {"actor", e.actor}, {"action", e.action}, {"object", e.object},
                      {"outcome", e.outcome}});
    }
    return json{{"events", list}, {"chain_ok", !broken->has_value()},
                {"first_broken_seq", broken->has_value() ? json(**broken) : json(nullptr)}};
  }, store::TxMode::kRead, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

}  // namespace hotshop::api
