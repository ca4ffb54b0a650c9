// SPDX-License-Identifier: AGPL-3.0-or-later
// ApiActor: a signed-in person for API tests. Provisions an account with
// `hotshop user add`, signs in over HTTP, replaces the one-time password and
// enrols TOTP the way the UI does, and then sends requests with its cookie
// and the CSRF header.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "support/http_client.h"
#include "support/server_process.h"

namespace hotshop::testing {

inline constexpr const char* kTestPassword = "correct horse battery staple 42";

class ApiActor {
 public:
  // Adds the user (role, optional campaign name) to org "demo" and signs in
  // fully (password changed, TOTP enrolled). REQUIRES: demo data loaded.
  // With unit (a name or id): `--unit`, a unit-scoped grant.
  static ApiActor Provision(const TestDb& db, const ServerProcess& server, const std::string& email,
                            const std::string& role, const std::string& campaign = "", const std::string& unit = "");
  // Like Provision, in the org with slug org_slug (which must exist);
  // display_name is the account's name.
  static ApiActor ProvisionIn(const TestDb& db, const ServerProcess& server, const std::string& org_slug,
                              const std::string& email, const std::string& role, const std::string& display_name,
                              const std::string& campaign = "", const std::string& unit = "");
  // Accepts an invitation (the token after /invite#) with kTestPassword and
  // enrols TOTP, as the invite page does.
  static ApiActor FromInvitation(const ServerProcess& server, const std::string& token, const std::string& email);
  // Signs in the demo admin (from `hotshop demo` output).
  static ApiActor DemoAdmin(const TestDb& db, const ServerProcess& server);

  HttpResult Get(const std::string& path);
  HttpResult Post(const std::string& path, const nlohmann::json& body,
                  std::map<std::string, std::string> extra = {});
  HttpResult Patch(const std::string& path, const nlohmann::json& body, const std::string& if_match);
  HttpResult Delete(const std::string& path);
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body,
                  std::map<std::string, std::string> headers);
  // Signs in again (password + a fresh TOTP code) after the server ended
  // the session; returns the sign-in's response.
  HttpResult SignInAgain();
  // Step-up with password + a fresh TOTP code (waits for the next step if needed).
  void StepUp();
  std::string NextTotpCode();

  const std::string& user_id() const { return user_id_; }
  const std::string& email() const { return email_; }
  const std::string& token() const { return token_; }
  const std::string& totp_secret() const { return totp_secret_; }
  std::string cookie() const { return std::string("__Host-sid=") + token_; }

 private:
  ApiActor(int port) : client_(std::make_shared<HttpClient>(port)), port_(port) {}
  void CompleteSetup(const std::string& one_time_password);
  std::shared_ptr<HttpClient> client_;
  int port_;
  std::string user_id_, email_, token_, totp_secret_;
  int64_t last_counter_ = -1;
};

// Loads demo data into the server's database; returns the admin's one-time password.
std::string LoadDemo(const TestDb& db, const ServerProcess& server);

// The cookie value from a Set-Cookie header, or "".
std::string CookieToken(const HttpResult& r);

}  // namespace hotshop::testing
