// SPDX-License-Identifier: AGPL-3.0-or-later
// Structure tests over HTTP (docs/api.md "Campaign workplace"; domain-rules.md
// R21): a unit's planned actions with their targets, results against target
// per unit / department / shift / language / entrance, the trend across
// tests and the go-public check (counts only: viewers see them suppressed);
// who took part (names: staff, organizers, the unit's worker-leaders; read
// audited) and recording it.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetStructureTests(const http::Request& req, Context& ctx);
http::Response PostStructureTest(const http::Request& req, Context& ctx);
http::Response GetStructureTest(const http::Request& req, Context& ctx);
http::Response GetParticipation(const http::Request& req, Context& ctx);
http::Response PutParticipation(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
