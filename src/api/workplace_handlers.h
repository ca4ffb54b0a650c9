// SPDX-License-Identifier: AGPL-3.0-or-later
// The workplace of a campaign over HTTP (docs/api.md "Campaign workplace";
// issue #4 "The workplace"): employers, worksites, bargaining units and
// their departments / shifts / job classes; a person's employment (with
// history) and connections. Every route authorizes the object's campaign
// and unit (api/workplace_access.h); edits of versioned rows need If-Match
// and answer 412 when stale; reads naming people are audited.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetEmployers(const http::Request& req, Context& ctx);
http::Response PostEmployer(const http::Request& req, Context& ctx);
http::Response GetEmployer(const http::Request& req, Context& ctx);
http::Response PatchEmployer(const http::Request& req, Context& ctx);
http::Response DeleteEmployer(const http::Request& req, Context& ctx);
http::Response PostWorksite(const http::Request& req, Context& ctx);
http::Response GetWorksite(const http::Request& req, Context& ctx);
http::Response PatchWorksite(const http::Request& req, Context& ctx);
http::Response DeleteWorksite(const http::Request& req, Context& ctx);
http::Response GetUnits(const http::Request& req, Context& ctx);
http::Response PostUnit(const http::Request& req, Context& ctx);
http::Response GetUnit(const http::Request& req, Context& ctx);
http::Response PatchUnit(const http::Request& req, Context& ctx);
http::Response DeleteUnit(const http::Request& req, Context& ctx);
http::Response PostArea(const http::Request& req, Context& ctx);
http::Response PatchArea(const http::Request& req, Context& ctx);
http::Response DeleteArea(const http::Request& req, Context& ctx);

// A new person placed on the unit in one step: how a unit-scoped
// worker-leader adds a coworker (they cannot reach the campaign's people).
http::Response PostUnitPerson(const http::Request& req, Context& ctx);
http::Response GetEmployment(const http::Request& req, Context& ctx);
http::Response PutEmployment(const http::Request& req, Context& ctx);
http::Response DeleteEmployment(const http::Request& req, Context& ctx);
http::Response GetConnections(const http::Request& req, Context& ctx);
http::Response PostConnection(const http::Request& req, Context& ctx);
http::Response DeleteConnection(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
