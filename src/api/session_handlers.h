// SPDX-License-Identifier: AGPL-3.0-or-later
// /api/session and /api/me/*: signing in and out, step-up, password and
// two-factor setup, recovery codes, devices (docs/api.md, security-model.md
// §2.1, §2.5, §2.6, §2.9).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response PostSession(const http::Request& req, Context& ctx);
http::Response GetSession(const http::Request& req, Context& ctx);
http::Response DeleteSession(const http::Request& req, Context& ctx);
http::Response PostStepUp(const http::Request& req, Context& ctx);
http::Response PostMyPassword(const http::Request& req, Context& ctx);
http::Response PostTotpSetup(const http::Request& req, Context& ctx);
http::Response PostTotpConfirm(const http::Request& req, Context& ctx);
http::Response PostRecoveryCodes(const http::Request& req, Context& ctx);
http::Response GetMyDevices(const http::Request& req, Context& ctx);
http::Response DeleteMyDevice(const http::Request& req, Context& ctx);

// The Session JSON of docs/api.md for the signed-in user.
Result<nlohmann::json> SessionJson(store::Tx& tx, const Context& ctx, const std::string& user_id,
                                   const std::string& org_id);

}  // namespace hotshop::api
