// SPDX-License-Identifier: AGPL-3.0-or-later
// Volunteer organizer profiles (issue #5; docs/api.md "Organizers"): home
// ZIP and radius, languages, industries, capacity, training modules,
// mentor. Org admins and dispatchers list and edit them; an organizer reads
// their own and switches their own availability. Everyone else: 404.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetOrganizers(const http::Request& req, Context& ctx);
http::Response GetOrganizer(const http::Request& req, Context& ctx);
http::Response PutOrganizer(const http::Request& req, Context& ctx);
http::Response PutOrganizerAvailability(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
