// SPDX-License-Identifier: AGPL-3.0-or-later
// The deadlines of a campaign, as a list and as a per-user iCalendar feed
// (docs/api.md "Elections, charges and deadlines"): election timeline
// dates (R6), objection deadlines, election days, 10(b) deadlines of
// charges not yet filed and served (R15, warned at 30/14/7 days), the
// Cemex RM-petition deadline while the clock runs (R14, when the org has it
// on), contract windows (R12) and the ends of bars (R10-R13).
//
// The feed: a calendar app cannot send a cookie, so a user creates a
// secret URL (/api/calendar/{token}.ics; 32 random bytes, only the
// BLAKE2b hash stored), rotates it by creating a new one and revokes it;
// creating and revoking need a step-up and are audited. Every fetch
// re-reads the user's grants: only what they may see now, nothing for a
// suspended account or a revoked token (404, like a wrong token). Events
// carry the kind, the campaign's name and the case number only: never a
// worker's name.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetDeadlines(const http::Request& req, Context& ctx);
http::Response GetMyCalendarFeed(const http::Request& req, Context& ctx);
http::Response PostMyCalendarFeed(const http::Request& req, Context& ctx);
http::Response DeleteMyCalendarFeed(const http::Request& req, Context& ctx);
http::Response GetCalendarFeed(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
