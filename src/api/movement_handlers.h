// SPDX-License-Identifier: AGPL-3.0-or-later
// The movement view (issue #5; docs/api.md "Movement view"): an org's
// requests by stage, median and 90th-percentile time to first contact,
// organizers' load and capacity, overall and by region and industry.
// Aggregates only. Org admins, dispatchers and org-wide staff see the
// counts; anyone else allowed (viewers, campaign-scope staff) sees counts
// under 5 suppressed as "<5" (security-model.md §3).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetMovement(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
