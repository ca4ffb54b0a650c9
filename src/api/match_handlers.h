// SPDX-License-Identifier: AGPL-3.0-or-later
// Matching a request to an organizer (issue #5; journeys J2.1, J2.2;
// docs/api.md "Matching"): the ranked organizers for one request, with the
// reasons as codes (greyed ones too), and the dispatcher's assignment.
// Dispatchers and org admins only; everyone else 404.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetIntakeOrganizers(const http::Request& req, Context& ctx);
http::Response PostIntakeAssign(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
