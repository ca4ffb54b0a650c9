// SPDX-License-Identifier: AGPL-3.0-or-later
// Organization administration: users, invitations, the kill switch, grants
// and the audit view (docs/api.md; security-model.md §2.5, §2.10, §3).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetOrgUsers(const http::Request& req, Context& ctx);
http::Response PostInvitation(const http::Request& req, Context& ctx);
http::Response PostInvitationLookup(const http::Request& req, Context& ctx);
http::Response PostInvitationAccept(const http::Request& req, Context& ctx);
http::Response PostSuspendUser(const http::Request& req, Context& ctx);
http::Response PostSignOutUser(const http::Request& req, Context& ctx);
http::Response PostReactivateUser(const http::Request& req, Context& ctx);
http::Response PostGrant(const http::Request& req, Context& ctx);
http::Response DeleteGrant(const http::Request& req, Context& ctx);
http::Response GetAudit(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
