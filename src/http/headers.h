// SPDX-License-Identifier: AGPL-3.0-or-later
// Security headers on every response (security-model.md §2.8): a strict
// CSP, no referrer, nosniff, HSTS, a closed Permissions-Policy, COOP/CORP
// same-origin; API responses are never cached. No CORS headers, ever.
//
// Thread rule: pure functions.
#pragma once

#include "http/message.h"

namespace hotshop::http {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// REQUIRES: called last, after the handler set its own headers.
void ApplySecurityHeaders(Response& res, bool cacheable);

}  // namespace hotshop::http
