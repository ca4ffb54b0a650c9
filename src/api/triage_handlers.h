// SPDX-License-Identifier: AGPL-3.0-or-later
// The dispatcher's side of intake (issue #5; docs/api.md "Intake"): the
// triage queue with SLA badges and filters, a request's details and
// history, pipeline steps (R22), spam marks, duplicate suggestions and
// merges by a person with a reason, legal holds (R40), decline (J2.2),
// "open a campaign", and the org's intake settings. Dispatchers and org
// admins see the queue; an organizer sees only a request assigned to them
// (J2.1 never-line); everyone else gets 404.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetIntakes(const http::Request& req, Context& ctx);
http::Response GetIntake(const http::Request& req, Context& ctx);
http::Response PostIntakeStage(const http::Request& req, Context& ctx);
http::Response PostIntakeSpam(const http::Request& req, Context& ctx);
http::Response GetIntakeDuplicates(const http::Request& req, Context& ctx);
http::Response PostIntakeMerge(const http::Request& req, Context& ctx);
http::Response PostIntakeLegalHold(const http::Request& req, Context& ctx);
http::Response PostIntakeDecline(const http::Request& req, Context& ctx);
http::Response PostIntakeCampaign(const http::Request& req, Context& ctx);
http::Response GetIntakeSettingsRoute(const http::Request& req, Context& ctx);
http::Response PutIntakeSettingsRoute(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
