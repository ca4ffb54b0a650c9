// SPDX-License-Identifier: AGPL-3.0-or-later
// Sessions over HTTP (security-model.md §2.5): the __Host-sid cookie, its
// lookup by BLAKE2b hash, idle (30 min) and absolute (12 h) expiry, the
// suspended-account check on every request, and what setup remains.
// Session tokens are read only from the cookie, never from the URL.
#pragma once

#include <string>

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

inline constexpr const char* kSessionCookie = "__Host-sid";
inline constexpr int64_t kSessionIdleMs = 30LL * 60 * 1000;
inline constexpr int64_t kSessionAbsoluteMs = 12LL * 60 * 60 * 1000;

// The session token in the request's cookie, or "".
std::string SessionToken(const http::Request& req);

// Loads the session and actor into ctx when the cookie names a live session
// of an active account. Errors only for database failures; a missing or
// dead session just leaves ctx.actor empty.
Status ResolveSession(const http::Request& req, Context& ctx);

void SetSessionCookie(http::Response& res, const std::string& token);
void ClearSessionCookie(http::Response& res);

// A short, non-identifying device label from the User-Agent ("Chrome on Android").
std::string DeviceLabel(std::string_view user_agent);

}  // namespace hotshop::api
