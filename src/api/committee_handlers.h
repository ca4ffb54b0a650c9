// SPDX-License-Identifier: AGPL-3.0-or-later
// The organizing committee over HTTP (docs/api.md "Campaign workplace";
// domain-rules.md R20): the members of a campaign's committee, adding one
// (never a supervisor) and ending a membership (kept as history). Coverage
// per department and shift is part of the unit meters (chart_handlers.h).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetCommittee(const http::Request& req, Context& ctx);
http::Response PostCommitteeMember(const http::Request& req, Context& ctx);
http::Response PostCommitteeMemberEnd(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
