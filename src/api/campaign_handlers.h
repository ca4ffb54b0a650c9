// SPDX-License-Identifier: AGPL-3.0-or-later
// Campaigns and the people in them (docs/api.md). Reads of a person are
// sensitive and audited; writes are versioned (If-Match).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetCampaigns(const http::Request& req, Context& ctx);
http::Response GetCampaign(const http::Request& req, Context& ctx);
http::Response PatchCampaign(const http::Request& req, Context& ctx);
// Aggregates of a campaign (people by preferred language); viewers get
// cells under 5 suppressed.
http::Response GetCampaignSummary(const http::Request& req, Context& ctx);
http::Response PostPerson(const http::Request& req, Context& ctx);
http::Response GetPerson(const http::Request& req, Context& ctx);
http::Response PatchPerson(const http::Request& req, Context& ctx);
http::Response SearchPeople(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
