// SPDX-License-Identifier: AGPL-3.0-or-later
// The public intake routes (issue #5, no login): a proof-of-work challenge
// and a worker's request for help, landing in the org's quarantine queue
// (security-model.md §2.9; §4 #22, #23; docs/api.md "Intake").
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

// GET /api/intake/{org}/challenge
http::Response GetIntakeChallenge(const http::Request& req, Context& ctx);
// POST /api/intake/{org}/requests (16 KiB body cap)
http::Response PostIntakeRequest(const http::Request& req, Context& ctx);

// The consent text versions the page may show (web/src/intake/consent.ts).
inline constexpr const char* kIntakeConsentVersion = "2026-12-v1";

}  // namespace hotshop::api
