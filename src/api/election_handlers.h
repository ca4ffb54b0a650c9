// SPDX-License-Identifier: AGPL-3.0-or-later
// Petitions, election attempts, tallies, contracts and recognitions, bars,
// and the Cemex clock over HTTP (docs/api.md "Elections, charges and
// deadlines"; domain-rules.md R6-R14). Thin: fields are checked here, the
// rows kept by store/election_repo.h and friends, everything computed by
// src/core through api/election_views.h.
//
// Access (security-model.md §3): every campaign role reads a unit's
// election history (dates, counts: no names); organizers (staff,
// volunteer) and org admins record; notes only for those who may see the
// unit's workers. A unit-scoped worker-leader reaches their unit's only.
// RULE R14: the Cemex routes answer 404, like a missing object, while the
// org's cemex_enabled setting is off (the default).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetUnitElections(const http::Request& req, Context& ctx);
http::Response PostPetition(const http::Request& req, Context& ctx);
http::Response PatchPetition(const http::Request& req, Context& ctx);
http::Response PostElection(const http::Request& req, Context& ctx);
http::Response PatchElection(const http::Request& req, Context& ctx);
http::Response PutTally(const http::Request& req, Context& ctx);
http::Response PostAgreement(const http::Request& req, Context& ctx);
http::Response PatchAgreement(const http::Request& req, Context& ctx);
http::Response GetBars(const http::Request& req, Context& ctx);
http::Response GetElectionSettings(const http::Request& req, Context& ctx);
http::Response PutElectionSettings(const http::Request& req, Context& ctx);
http::Response GetCemexDemands(const http::Request& req, Context& ctx);
http::Response PostCemexDemand(const http::Request& req, Context& ctx);
http::Response PatchCemexDemand(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
