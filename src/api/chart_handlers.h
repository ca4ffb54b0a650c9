// SPDX-License-Identifier: AGPL-3.0-or-later
// The wall chart, the unit meters, the employer rollup and assessments over
// HTTP (docs/api.md "Campaign workplace"; issue #4; domain-rules.md R1,
// R5, R18-R20). The chart and a person's assessment history name people:
// staff, organizers, mentors and the unit's own worker-leaders only, and
// every read is audited. Meters and the rollup are counts only: viewers see
// them with cells under 5 suppressed (security-model.md §3).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetChart(const http::Request& req, Context& ctx);
http::Response GetMeters(const http::Request& req, Context& ctx);
http::Response GetRollup(const http::Request& req, Context& ctx);
http::Response GetAssessments(const http::Request& req, Context& ctx);
http::Response PostAssessment(const http::Request& req, Context& ctx);
http::Response GetScales(const http::Request& req, Context& ctx);
http::Response PostScale(const http::Request& req, Context& ctx);
http::Response PatchScale(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
