// SPDX-License-Identifier: AGPL-3.0-or-later
// The organizer's side (issue #5; journeys J3.1; docs/api.md "My
// requests"): the requests assigned to the signed-in organizer and their
// notifications, one request's worker card (audited), accept, decline
// (back to the queue, J2.2), and the conversation log, idempotent by the
// device's record id. Only the assigned organizer reaches a request (J2.1
// never-line); anyone else gets 404.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetMyIntakes(const http::Request& req, Context& ctx);
http::Response GetMyIntake(const http::Request& req, Context& ctx);
http::Response PostMyIntakeAccept(const http::Request& req, Context& ctx);
http::Response PostMyIntakeDecline(const http::Request& req, Context& ctx);
http::Response PostMyConversation(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
