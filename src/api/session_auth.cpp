// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/session_auth.h"

#include "security/session_token.h"
#include "store/account_repo.h"

namespace hotshop::api {

std::string SessionToken(const http::Request& req) {
  std::string_view cookies = req.header("Cookie");
  std::string_view name = kSessionCookie;
  while (!cookies.empty()) {
    size_t semi = cookies.find(';');
    std::string_view part = cookies.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      std::string token(part.substr(name.size() + 1));
      return security::IsWellFormedToken(token) ? token : "";
    }
    if (semi == std::string_view::npos) break;
    cookies.remove_prefix(semi + 1);
  }
  return "";
}

Status ResolveSession(const http::Request& req, Context& ctx) {
  std::string token = SessionToken(req);
  if (token.empty()) return Ok();
  std::string hash = security::TokenHash(token);
  return ctx.db.Transact([&](store::Tx& tx) -> Status {
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<std::optional<store::SessionRow>> s = accounts.FindSession(hash);
    if (!s) return s.error();
    if (!*s) return Ok();
    const store::SessionRow& row = **s;
    if (ctx.now_ms >= row.expires_at_ms || ctx.now_ms - row.last_seen_at_ms > kSessionIdleMs) {
      return accounts.RevokeSession(row.id, ctx.now_ms);
    }
    Result<store::User> user = accounts.Get(row.user_id);
    if (!user) return user.error();
    if (user->status != "active") return accounts.RevokeSession(row.id, ctx.now_ms);
    Result<store::Credentials> cred = accounts.GetCredentials(row.user_id);
    if (!cred) return cred.error();
    if (Status o = tx.SetOrg(row.org_id); !o) return o;
    Result<std::vector<security::Grant>> grants = accounts.Grants(row.org_id, row.user_id);
    if (!grants) return grants.error();
    SessionInfo info{row.id, row.user_id, row.org_id, {}};
    if (cred->must_change) info.needs.push_back("password");
    if (!cred->totp_secret || cred->reenroll) info.needs.push_back("totp");
    security::Actor actor;
    actor.user_id = row.user_id;
    actor.org_id = row.org_id;
    actor.session_id = row.id;
    actor.grants = std::move(*grants);
    actor.step_up_at_ms = row.step_up_at_ms;
    ctx.session = std::move(info);
    ctx.actor = std::move(actor);
    // Writing last-seen on every request would make every read a write.
    if (ctx.now_ms - row.last_seen_at_ms > 30'000) return accounts.TouchSession(row.id, ctx.now_ms);
    return Ok();
  });
}

void SetSessionCookie(http::Response& res, const std::string& token) {
  res.set(http::bhttp::field::set_cookie,
          std::string(kSessionCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Lax");
}

void ClearSessionCookie(http::Response& res) {
  res.set(http::bhttp::field::set_cookie,
          std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0");
}

std::string DeviceLabel(std::string_view ua) {
  auto has = [&](std::string_view s) { return ua.find(s) != std::string_view::npos; };
  std::string browser = has("Firefox/") ? "Firefox" : has("Edg/") ? "Edge" : has("Chrome/") ? "Chrome"
                        : has("Safari/") ? "Safari" : "a browser";
  std::string os = has("Android") ? "Android" : (has("iPhone") || has("iPad")) ? "iOS" : has("Windows") ? "Windows"
                   : has("Mac OS") ? "macOS" : has("Linux") ? "Linux" : "";
  return os.empty() ? browser : browser + " on " + os;
}

}  // namespace hotshop::api
