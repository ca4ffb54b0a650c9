// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/session_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/second_factor.h"
#include "api/session_auth.h"
#include "http/problem.h"
#include "security/blind_index.h"
#include "security/password.h"
#include "security/recovery_codes.h"
#include "security/session_token.h"
#include "security/totp.h"
#include "store/account_repo.h"
#include "store/audit_log.h"
#include "store/org_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;

http::Response Unauthorized(const std::string& code, const std::string& detail) {
  return http::Problem(HttpStatus::unauthorized, code, detail);
}

http::Response RateLimited(int64_t wait) {
  http::Response res = http::Problem(HttpStatus::too_many_requests, "rate_limited",
                                     "Too many sign-in attempts for this account. Wait " + std::to_string(wait) +
                                         " seconds and try again; the account is not locked.");
  res.set(http::bhttp::field::retry_after, std::to_string(wait));
  return res;
}

// Verifying against this keeps an unknown email as slow as a known one.
const std::string& DummyHash(const Context& ctx) {
  static const std::string kHash = [&] {
    Result<std::string> h = security::HashPassword("not-a-real-password-for-timing", ctx.services.pwhash);
    return h ? *h : std::string();
  }();
  return kHash;
}

// Audits a sign-in event in every org the user belongs to.
void AuditLogin(const Context& ctx, const std::string& user_id, const std::string& action, const std::string& outcome) {
  (void)ctx.db.Transact([&](store::Tx& tx) -> Status {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<std::vector<std::string>> orgs = accounts.Memberships(user_id);
    if (!orgs) return orgs.error();
    for (const auto& org : *orgs) {
      if (Status s = tx.SetOrg(org); !s) return s;
      Result<int64_t> seq = store::AppendAudit(tx, org, "user:" + user_id, action, "user:" + user_id, outcome, ctx.now_ms);
      if (!seq) return seq.error();
    }
    return Ok();
  });
}

}  // namespace

Result<json> SessionJson(store::Tx& tx, const Context& ctx, const std::string& user_id, const std::string& org_id) {
  store::AccountRepo accounts(tx, ctx.services.keys);
  Result<store::User> u = accounts.Get(user_id);
  if (!u) return u.error();
  Result<store::Rows> org = tx.Query("SELECT id, slug, name FROM orgs WHERE id = $1", {org_id});
  if (!org) return org.error();
  if (org->empty()) return Error::NotFound("no such organization");
  if (Status s = tx.SetOrg(org_id); !s) return s.error();
  Result<std::vector<security::Grant>> grants = accounts.Grants(org_id, user_id);
  if (!grants) return grants.error();
  Result<store::Credentials> cred = accounts.GetCredentials(user_id);
  if (!cred) return cred.error();
  json needs = json::array();
  if (cred->must_change) needs.push_back("password");
  if (!cred->totp_secret || cred->reenroll) needs.push_back("totp");
  json roles = json::array();
  for (const auto& g : *grants) roles.push_back(GrantJson(g));
  const store::Row& o = (*org)[0];
  // The notification of §2.9: failed or throttled sign-ins since the one
  // before this session, so the owner learns someone tried their account.
  Result<store::Rows> prev = tx.Query(
      "SELECT created_at_ms FROM sessions WHERE user_id = $1 ORDER BY created_at_ms DESC LIMIT 1 OFFSET 1", {user_id});
  if (!prev) return prev.error();
  int64_t since = prev->empty() ? 0 : (*prev)[0].Int(0);
  Result<store::Rows> attempts = tx.Query(
      "SELECT count(*) FROM audit_events WHERE org_id = $1 AND actor = $2 AND ts_ms > $3 AND action IN "
      "('login.failed', 'login.throttled', 'login.totp_failed', 'login.totp_replayed')",
      {org_id, "user:" + user_id, since});
  if (!attempts) return attempts.error();
  return json{{"user", {{"id", u->id}, {"name", u->name}, {"email", u->email}}},
              {"org", {{"id", o.Text(0)}, {"slug", o.Text(1)}, {"name", o.Text(2)}}},
              {"roles", roles},
              {"needs", needs},
              {"notices", {{"failed_sign_ins_since_last_visit", (*attempts)[0].Int(0)}}},
              {"csrf", "hotshop"}};
}

http::Response PostSession(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {"email", "password", "code"});
  if (!body) return http::Problem(body.error());
  Result<std::string> email = ReqString(*body, "email", 320);
  if (!email) return http::Problem(email.error());
  auto pw_it = body->find("password");
  if (pw_it == body->end() || !pw_it->is_string()) {
    return http::Problem(Error::InvalidInput("password", "password is required"));
  }
  const std::string& password = pw_it->get_ref<const std::string&>();
  // §4 #5: an oversized password is refused before any hashing.
  if (Status s = security::CheckPasswordInputSize(password); !s) return http::Problem(s.error());
  Result<std::optional<std::string>> code = OptString(*body, "code", 64);
  if (!code) return http::Problem(code.error());

  std::string account_key = security::NormalizeEmailForIndex(*email).ok()
                                ? ctx.services.keys.AccountEmailIndex(*security::NormalizeEmailForIndex(*email))
                                : *email;
  if (int64_t w = ctx.services.login_per_client.Take("ip:" + req.client_addr, ctx.now_ms); w > 0) return RateLimited(w);
  if (int64_t w = ctx.services.login_per_account.Take(account_key, ctx.now_ms); w > 0) {
    Result<std::optional<store::User>> u = store::TransactValue<std::optional<store::User>>(ctx.db, [&](store::Tx& tx) {
      return store::AccountRepo(tx, ctx.services.keys).FindByEmail(*email);
    }, store::TxMode::kRead);
    if (u && *u) AuditLogin(ctx, (*u)->id, "login.throttled", "denied");
    return RateLimited(w);
  }

  std::optional<security::HashLimiter::Permit> permit = ctx.services.hash_limiter.TryAcquire();
  if (!permit) {
    http::Response res = http::Problem(Error::Unavailable("the server is busy checking other sign-ins; try again in a moment"));
    res.set(http::bhttp::field::retry_after, "1");
    return res;
  }

  struct Found { std::optional<store::User> user; std::optional<store::Credentials> cred; };
  Result<Found> found = store::TransactValue<Found>(ctx.db, [&](store::Tx& tx) -> Result<Found> {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<std::optional<store::User>> u = accounts.FindByEmail(*email);
    if (!u) return u.error();
    Found f{*u, std::nullopt};
    if (*u) {
      Result<store::Credentials> c = accounts.GetCredentials((*u)->id);
      if (!c) return c.error();
      f.cred = *c;
    }
    return f;
  }, store::TxMode::kRead);
  if (!found) return http::Problem(found.error());
  if (!found->user) {
    (void)security::VerifyPassword(DummyHash(ctx), password);
    return Unauthorized("invalid_credentials", "That email and password don't match an account. Check both and try again.");
  }
  const store::User& user = *found->user;
  const store::Credentials& cred = *found->cred;
  if (!security::VerifyPassword(cred.password_hash, password)) {
    ctx.services.failures_per_account.Take(account_key, ctx.now_ms);
    AuditLogin(ctx, user.id, "login.failed", "denied");
    return Unauthorized("invalid_credentials", "That email and password don't match an account. Check both and try again.");
  }
  permit.reset();
  if (user.status != "active") {
    AuditLogin(ctx, user.id, "login.suspended", "denied");
    return Unauthorized("account_suspended", "This account is suspended. Ask your organization's admin to reactivate it.");
  }
  bool has_totp = cred.totp_secret && !cred.reenroll;
  if (has_totp && (!*code || (*code)->empty())) {
    // The first half of a two-step sign-in: the password was right, and the
    // request with the code is the one that counts against the limit.
    ctx.services.login_per_account.Refund(account_key);
    return Unauthorized("totp_required", "Enter the 6-digit code from your authenticator app, or a recovery code.");
  }

  std::string token = security::NewSessionToken();
  Result<json> session = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    if (has_totp) {
      if (Status s = CheckSecondFactor(tx, ctx, user.id, **code); !s) return s.error();
    }
    store::AccountRepo accounts(tx, ctx.services.keys);
    if (security::NeedsRehash(cred.password_hash, ctx.services.pwhash)) {
      Result<std::string> h = security::HashPassword(password, ctx.services.pwhash);
      if (h) {
        if (Status s = accounts.SetPassword(user.id, *h, cred.must_change, ctx.now_ms); !s) return s.error();
      }
    }
    Result<std::vector<std::string>> orgs = accounts.Memberships(user.id);
    if (!orgs) return orgs.error();
    if (orgs->empty()) return Error(ErrorCode::kUnauthenticated, "no_org", "this account belongs to no organization yet");
    // A fresh token at every sign-in: a cookie planted before login is never promoted (fixation, §4 #4).
    Result<store::SessionRow> s = accounts.CreateSession(security::TokenHash(token), user.id, orgs->front(),
                                                         DeviceLabel(req.header("User-Agent")), ctx.now_ms,
                                                         ctx.now_ms + kSessionAbsoluteMs);
    if (!s) return s.error();
    if (Status o = tx.SetOrg(orgs->front()); !o) return o.error();
    Result<int64_t> seq = store::AppendAudit(tx, orgs->front(), "user:" + user.id, "login.success",
                                             "session:" + s->id, "allowed", ctx.now_ms);
    if (!seq) return seq.error();
    return SessionJson(tx, ctx, user.id, orgs->front());
  });
  if (!session) {
    const Error& e = session.error();
    if (e.field() == "totp_replayed") {
      AuditLogin(ctx, user.id, "login.totp_replayed", "denied");
      return Unauthorized("totp_replayed", e.message());
    }
    if (e.field() == "code") {
      ctx.services.failures_per_account.Take(account_key, ctx.now_ms);
      AuditLogin(ctx, user.id, "login.totp_failed", "denied");
      return Unauthorized("totp_invalid", e.message());
    }
    if (e.field() == "no_org") return Unauthorized("no_org", e.message());
    return http::Problem(e);
  }
  http::Response res = Json(*session);
  SetSessionCookie(res, token);
  return res;
}

http::Response GetSession(const http::Request&, Context& ctx) {
  Result<json> j = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) {
    return SessionJson(tx, ctx, ctx.session->user_id, ctx.session->org_id);
  }, store::TxMode::kRead, ctx.session->org_id);
  if (!j) return http::Problem(j.error());
  return Json(*j);
}

http::Response DeleteSession(const http::Request&, Context& ctx) {
  Status s = ctx.db.Transact([&](store::Tx& tx) -> Status {
    if (Status r = store::AccountRepo(tx, ctx.services.keys).RevokeSession(ctx.session->session_id, ctx.now_ms); !r) return r;
    return Audit(tx, ctx, ctx.session->org_id, "logout", "session:" + ctx.session->session_id, "allowed");
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!s) return http::Problem(s.error());
  http::Response res{HttpStatus::no_content, 11};
  ClearSessionCookie(res);
  return res;
}

http::Response PostStepUp(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {"password", "code"});
  if (!body) return http::Problem(body.error());
  auto pw = body->find("password");
  if (pw == body->end() || !pw->is_string()) return http::Problem(Error::InvalidInput("password", "password is required"));
  if (Status s = security::CheckPasswordInputSize(pw->get_ref<const std::string&>()); !s) return http::Problem(s.error());
  Result<std::string> code = ReqString(*body, "code", 64);
  if (!code) return http::Problem(code.error());
  std::optional<security::HashLimiter::Permit> permit = ctx.services.hash_limiter.TryAcquire();
  if (!permit) return http::Problem(Error::Unavailable("the server is busy; try again in a moment"));
  Result<store::Credentials> cred = store::TransactValue<store::Credentials>(ctx.db, [&](store::Tx& tx) {
    return store::AccountRepo(tx, ctx.services.keys).GetCredentials(ctx.session->user_id);
  }, store::TxMode::kRead);
  if (!cred) return http::Problem(cred.error());
  if (!security::VerifyPassword(cred->password_hash, pw->get_ref<const std::string&>())) {
    AuditAlone(ctx, ctx.session->org_id, "step_up.failed", "session:" + ctx.session->session_id, "denied");
    return Unauthorized("invalid_credentials", "That password is not right.");
  }
  permit.reset();
  Status s = ctx.db.Transact([&](store::Tx& tx) -> Status {
    if (Status f = CheckSecondFactor(tx, ctx, ctx.session->user_id, *code); !f) return f;
    if (Status u = store::AccountRepo(tx, ctx.services.keys).StepUp(ctx.session->session_id, ctx.now_ms); !u) return u;
    return Audit(tx, ctx, ctx.session->org_id, "step_up", "session:" + ctx.session->session_id, "allowed");
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!s) {
    AuditAlone(ctx, ctx.session->org_id, "step_up.failed", "session:" + ctx.session->session_id, "denied");
    if (s.error().field() == "totp_replayed") return Unauthorized("totp_replayed", s.error().message());
    if (s.error().field() == "code") return Unauthorized("totp_invalid", s.error().message());
    return http::Problem(s.error());
  }
  return Json({{"step_up_until", ctx.now_ms + security::kStepUpValidMs}});
}

http::Response PostMyPassword(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {"current_password", "new_password"});
  if (!body) return http::Problem(body.error());
  auto cur = body->find("current_password");
  auto neu = body->find("new_password");
  if (cur == body->end() || !cur->is_string()) {
    return http::Problem(Error::InvalidInput("current_password", "current_password is required"));
  }
  if (neu == body->end() || !neu->is_string()) return http::Problem(Error::InvalidInput("new_password", "new_password is required"));
  const std::string& np = neu->get_ref<const std::string&>();
  if (Status s = security::CheckPasswordInputSize(cur->get_ref<const std::string&>()); !s) return http::Problem(s.error());
  if (Status s = security::CheckPasswordPolicy(np, ctx.services.common_passwords); !s) {
    return http::Problem(Error::InvalidInput("new_password", s.error().message()));
  }
  std::optional<security::HashLimiter::Permit> permit = ctx.services.hash_limiter.TryAcquire();
  if (!permit) return http::Problem(Error::Unavailable("the server is busy; try again in a moment"));
  Result<store::Credentials> cred = store::TransactValue<store::Credentials>(ctx.db, [&](store::Tx& tx) {
    return store::AccountRepo(tx, ctx.services.keys).GetCredentials(ctx.session->user_id);
  }, store::TxMode::kRead);
  if (!cred) return http::Problem(cred.error());
  if (!security::VerifyPassword(cred->password_hash, cur->get_ref<const std::string&>())) {
    return Unauthorized("invalid_credentials", "Your current password is not right.");
  }
  Result<std::string> hash = security::HashPassword(np, ctx.services.pwhash);
  if (!hash) return http::Problem(hash.error());
  permit.reset();
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    store::AccountRepo accounts(tx, ctx.services.keys);
    if (Status s = accounts.SetPassword(ctx.session->user_id, *hash, false, ctx.now_ms); !s) return s.error();
    if (Status a = Audit(tx, ctx, ctx.session->org_id, "password.changed", "user:" + ctx.session->user_id, "allowed"); !a) {
      return a.error();
    }
    return SessionJson(tx, ctx, ctx.session->user_id, ctx.session->org_id);
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostTotpSetup(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {});
  if (!body) return http::Problem(body.error());
  std::string secret = security::NewTotpSecret();
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<store::Credentials> cred = accounts.GetCredentials(ctx.session->user_id);
    if (!cred) return cred.error();
    // Replacing a working second factor needs a fresh step-up.
    if (cred->totp_secret && !cred->reenroll && ctx.now_ms - ctx.actor->step_up_at_ms > security::kStepUpValidMs) {
      return Error(ErrorCode::kUnauthenticated, "step_up", "confirm it's you before changing two-factor");
    }
    Result<store::User> u = accounts.Get(ctx.session->user_id);
    if (!u) return u.error();
    if (Status s = accounts.SetTotpPending(ctx.session->user_id, secret, ctx.now_ms); !s) return s.error();
    std::string uri = security::OtpauthUri("hotshop", u->email, secret);
    Result<std::string> svg = security::QrSvg(uri);
    if (!svg) return svg.error();
    return json{{"secret_base32", security::Base32(secret)}, {"otpauth_uri", uri}, {"qr_svg", *svg}};
  });
  if (!out) {
    if (out.error().field() == "step_up") return http::Problem(HttpStatus::unauthorized, "step_up_required", out.error().message());
    return http::Problem(out.error());
  }
  return Json(*out);
}

http::Response PostTotpConfirm(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {"code"});
  if (!body) return http::Problem(body.error());
  Result<std::string> code = ReqString(*body, "code", 16);
  if (!code) return http::Problem(code.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<store::Credentials> cred = accounts.GetCredentials(ctx.session->user_id);
    if (!cred) return cred.error();
    if (!cred->totp_pending) return Error::InvalidInput("code", "start two-factor setup first");
    Result<int64_t> counter = security::VerifyTotp(*cred->totp_pending, *code, ctx.now_ms / 1000, -1);
    if (!counter) return Error::InvalidInput("code", "that code is not right; check the time on your phone and enter the current code");
    if (Status s = accounts.ActivateTotp(ctx.session->user_id, *counter, ctx.now_ms); !s) return s.error();
    security::RecoveryCodeSet set = security::GenerateRecoveryCodes(ctx.services.keys.recovery_key(), ctx.session->user_id);
    if (Status s = accounts.ReplaceRecoveryCodes(ctx.session->user_id, set.hashes); !s) return s.error();
    if (Status a = Audit(tx, ctx, ctx.session->org_id, "totp.enrolled", "user:" + ctx.session->user_id, "allowed"); !a) {
      return a.error();
    }
    Result<json> session = SessionJson(tx, ctx, ctx.session->user_id, ctx.session->org_id);
    if (!session) return session.error();
    return json{{"recovery_codes", set.codes}, {"session", *session}};
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostRecoveryCodes(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {});
  if (!body) return http::Problem(body.error());
  if (ctx.now_ms - ctx.actor->step_up_at_ms > security::kStepUpValidMs) {
    return http::Problem(HttpStatus::unauthorized, "step_up_required", "confirm it's you: enter your password and a code again");
  }
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    security::RecoveryCodeSet set = security::GenerateRecoveryCodes(ctx.services.keys.recovery_key(), ctx.session->user_id);
    if (Status s = store::AccountRepo(tx, ctx.services.keys).ReplaceRecoveryCodes(ctx.session->user_id, set.hashes); !s) {
      return s.error();
    }
    if (Status a = Audit(tx, ctx, ctx.session->org_id, "recovery_codes.replaced", "user:" + ctx.session->user_id, "allowed"); !a) {
      return a.error();
    }
    return json{{"recovery_codes", set.codes}};
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetMyDevices(const http::Request&, Context& ctx) {
  Result<std::vector<store::SessionRow>> rows = store::TransactValue<std::vector<store::SessionRow>>(ctx.db, [&](store::Tx& tx) {
    return store::AccountRepo(tx, ctx.services.keys).LiveSessions(ctx.session->user_id, ctx.now_ms);
  }, store::TxMode::kRead);
  if (!rows) return http::Problem(rows.error());
  json devices = json::array();
  for (const auto& s : *rows) {
    if (ctx.now_ms - s.last_seen_at_ms > kSessionIdleMs) continue;
    devices.push_back({{"id", s.id}, {"label", s.label}, {"created_at", s.created_at_ms},
                       {"last_seen_at", s.last_seen_at_ms}, {"current", s.id == ctx.session->session_id}});
  }
  return Json({{"devices", devices}});
}

http::Response DeleteMyDevice(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<bool> done = store::TransactValue<bool>(ctx.db, [&](store::Tx& tx) -> Result<bool> {
    Result<bool> r = store::AccountRepo(tx, ctx.services.keys).RevokeOwnSession(ctx.session->user_id, id, ctx.now_ms);
    if (!r) return r.error();
    if (*r) {
      if (Status a = Audit(tx, ctx, ctx.session->org_id, "session.revoked", "session:" + id, "allowed"); !a) return a.error();
    }
    return *r;
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!done) return http::Problem(done.error());
  if (!*done) return http::Problem(Error::NotFound("no such device"));
  return http::Response{HttpStatus::no_content, 11};
}

}  // namespace hotshop::api
