// SPDX-License-Identifier: AGPL-3.0-or-later
// ULP charges over HTTP (docs/api.md "Elections, charges and deadlines";
// domain-rules.md R15-R17). RULE R15: each charge carries its 10(b)
// deadline (file AND serve within 6 months) and the 30/14/7-day warning.
// RULE R16: the kind is one of the taxonomy's. RULE R17: the stage moves
// only to one of core::NextStages; anything else is 400 "stage" and
// nothing changes.
//
// Access: every campaign role lists charges (kind, dates, stage, case
// number). Who a charge names (person_id) and its description go only to
// those with kViewChargeDetails (organizers, org admins, mentors); for
// worker-leaders and viewers a charge that names a worker is left out of
// lists and only counted (withheld_naming_people), and reading it alone
// answers 404. Organizers and org admins record and move charges.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetCharges(const http::Request& req, Context& ctx);
http::Response PostCharge(const http::Request& req, Context& ctx);
http::Response GetCharge(const http::Request& req, Context& ctx);
http::Response PatchCharge(const http::Request& req, Context& ctx);
http::Response PostChargeStage(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
