// SPDX-License-Identifier: AGPL-3.0-or-later
// Cards over HTTP (docs/api.md "Campaign workplace"; domain-rules.md R1-R4).
// RULE R2: a card without the date the worker wrote is refused at the door:
//   it would never count. RULE R3: a card older than 12 months is listed as
//   counts_stale with a re-sign prompt and still counted. RULE R4: the list
//   names signers, so it is for the unit's staff, organizers and
//   worker-leaders only and every read is audited; the meters carry counts.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetCards(const http::Request& req, Context& ctx);
http::Response PostCard(const http::Request& req, Context& ctx);
http::Response PostCardRevoke(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
