// SPDX-License-Identifier: AGPL-3.0-or-later
#include "support/api_actor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>

#include "security/totp.h"

namespace hotshop::testing {
namespace {

std::map<std::string, std::string> g_demo_password;  // by database URL

std::string Between(const std::string& s, const std::string& start) {
  auto p = s.find(start);
  if (p == std::string::npos) return "";
  p += start.size();
  while (p < s.size() && s[p] == ' ') ++p;
  auto e = s.find('\n', p);
  return s.substr(p, e - p);
}

std::string FromBase32(const std::string& b32) {
  std::string out;
  int bits = 0, value = 0;
  for (char c : b32) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    else continue;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((value >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string CookieToken(const HttpResult& r) {
  std::string sc = r.header("set-cookie");
  auto p = sc.find("__Host-sid=");
  if (p == std::string::npos) return "";
  p += 11;
  return sc.substr(p, sc.find(';', p) - p);
}

std::string LoadDemo(const TestDb& db, const ServerProcess& server) {
  auto it = g_demo_password.find(db.url());
  if (it != g_demo_password.end()) return it->second;
  CommandResult r = RunHotshop({"demo", "--db", db.url(), "--key-file", server.key_file()});
  if (r.exit_code != 0) throw std::runtime_error("demo failed: " + r.out);
  std::string pw = Between(r.out, "one-time password:");
  g_demo_password[db.url()] = pw;
  return pw;
}

ApiActor ApiActor::DemoAdmin(const TestDb& db, const ServerProcess& server) {
  std::string otp = LoadDemo(db, server);
  ApiActor a(server.port());
  a.email_ = "admin@demo.hotshop.invalid";
  a.CompleteSetup(otp);
  return a;
}

ApiActor ApiActor::Provision(const TestDb& db, const ServerProcess& server, const std::string& email,
                             const std::string& role, const std::string& campaign, const std::string& unit) {
  return ProvisionIn(db, server, "demo", email, role, "Test " + role, campaign, unit);
}

ApiActor ApiActor::ProvisionIn(const TestDb& db, const ServerProcess& server, const std::string& org_slug,
                               const std::string& email, const std::string& role, const std::string& display_name,
                               const std::string& campaign, const std::string& unit) {
  LoadDemo(db, server);
  std::vector<std::string> args = {"user", "add", "--db", db.url(), "--key-file", server.key_file(), "--org", org_slug,
                                   "--email", email, "--name", display_name, "--role", role};
  if (!campaign.empty()) {
    args.push_back("--campaign");
    args.push_back(campaign);
  }
  if (!unit.empty()) {
    args.push_back("--unit");
    args.push_back(unit);
  }
  CommandResult r = RunHotshop(args);
  if (r.exit_code != 0) throw std::runtime_error("user add failed: " + r.out);
  ApiActor a(server.port());
  a.email_ = email;
  a.CompleteSetup(Between(r.out, "one-time password:"));
  return a;
}

ApiActor ApiActor::FromInvitation(const ServerProcess& server, const std::string& token, const std::string& email) {
  using nlohmann::json;
  ApiActor a(server.port());
  a.email_ = email;
  HttpResult accepted = a.client_->Send("POST", "/api/invitations/accept",
                                        json{{"token", token}, {"password", kTestPassword}}.dump(),
                                        {{"Content-Type", "application/json"}});
  if (accepted.status != 200) throw std::runtime_error("accepting the invitation failed: " + accepted.body);
  a.token_ = CookieToken(accepted);
  a.user_id_ = json::parse(accepted.body)["user"]["id"];
  HttpResult setup = a.Post("/api/me/totp/setup", json::object());
  if (setup.status != 200) throw std::runtime_error("totp setup failed: " + setup.body);
  a.totp_secret_ = FromBase32(json::parse(setup.body)["secret_base32"].get<std::string>());
  HttpResult confirm = a.Post("/api/me/totp/confirm", {{"code", a.NextTotpCode()}});
  if (confirm.status != 200) throw std::runtime_error("totp confirm failed: " + confirm.body);
  return a;
}

void ApiActor::CompleteSetup(const std::string& otp) {
  using nlohmann::json;
  HttpResult login = client_->Send("POST", "/api/session", json{{"email", email_}, {"password", otp}}.dump(),
                                   {{"Content-Type", "application/json"}});
  if (login.status != 200) throw std::runtime_error("first sign-in failed: " + login.body);
  token_ = CookieToken(login);
  user_id_ = json::parse(login.body)["user"]["id"];
  HttpResult pw = Post("/api/me/password", {{"current_password", otp}, {"new_password", kTestPassword}});
  if (pw.status != 200) throw std::runtime_error("password change failed: " + pw.body);
  HttpResult setup = Post("/api/me/totp/setup", json::object());
  if (setup.status != 200) throw std::runtime_error("totp setup failed: " + setup.body);
  totp_secret_ = FromBase32(json::parse(setup.body)["secret_base32"].get<std::string>());
  HttpResult confirm = Post("/api/me/totp/confirm", {{"code", NextTotpCode()}});
  if (confirm.status != 200) throw std::runtime_error("totp confirm failed: " + confirm.body);
}

HttpResult ApiActor::SignInAgain() {
  using nlohmann::json;
  HttpResult r = client_->Send("POST", "/api/session",
                               json{{"email", email_}, {"password", kTestPassword}, {"code", NextTotpCode()}}.dump(),
                               {{"Content-Type", "application/json"}});
  if (r.status == 200) token_ = CookieToken(r);
  return r;
}

std::string ApiActor::NextTotpCode() {
  // The server accepts the steps t-1, t and t+1, each once and in order: use
  // the lowest unused one, waiting only when all three are spent.
  for (;;) {
    int64_t step = NowSeconds() / 30;
    for (int64_t c = step - 1; c <= step + 1; ++c) {
      if (c > last_counter_) {
        last_counter_ = c;
        return security::TotpCode(totp_secret_, c * 30);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

HttpResult ApiActor::Send(const std::string& method, const std::string& path, const std::string& body,
                          std::map<std::string, std::string> headers) {
  headers["Cookie"] = cookie();
  if (method != "GET") headers["X-Requested-With"] = "hotshop";
  if (!body.empty() && !headers.count("Content-Type")) headers["Content-Type"] = "application/json";
  return client_->Send(method, path, body, headers);
}

HttpResult ApiActor::Get(const std::string& path) { return Send("GET", path, "", {}); }

HttpResult ApiActor::Post(const std::string& path, const nlohmann::json& body, std::map<std::string, std::string> extra) {
  return Send("POST", path, body.dump(), std::move(extra));
}

HttpResult ApiActor::Patch(const std::string& path, const nlohmann::json& body, const std::string& if_match) {
  std::map<std::string, std::string> h;
  if (!if_match.empty()) h["If-Match"] = if_match;
  return Send("PATCH", path, body.dump(), h);
}

HttpResult ApiActor::Delete(const std::string& path) { return Send("DELETE", path, "", {}); }

void ApiActor::StepUp() {
  HttpResult r = Post("/api/session/step-up", {{"password", kTestPassword}, {"code", NextTotpCode()}});
  if (r.status != 200) throw std::runtime_error("step-up failed: " + r.body);
}

}  // namespace hotshop::testing
