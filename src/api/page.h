// SPDX-License-Identifier: AGPL-3.0-or-later
// Pages of a list: ?limit=N&offset=M on every list route. Everyone may ask
// for a page; worker-leaders always get one, of at most
// security::kLeaderPageRows rows (security-model.md §3: "pages >50 rows" is
// on their "may not" list; journeys J4.2 "requesting row 51 -> refused"):
// their limit defaults to 50 and a larger one is refused, naming "limit".
// A paged response carries "page": {offset, limit, total, next_offset}.
//
// Thread rule: stateless.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/context.h"
#include "core/result.h"
#include "http/message.h"

namespace hotshop::api {

struct Page {
  int64_t offset = 0;
  std::optional<int64_t> limit;  // nullopt: every row from offset on
};

// Errors: kInvalidInput "limit" or "offset" (not a whole number, out of
// range, or a limit over 50 for a worker-leader).
Result<Page> ReadPage(const http::Request& req, const Context& ctx);

// Keeps the page of out[key] (an array) and adds out["page"] when the
// request asked for a page or the list was capped.
void ApplyPage(nlohmann::json& out, const std::string& key, const Page& page);

// The wall chart's rows are grouped (departments -> shifts -> rows): keeps
// the page of rows in that order, drops groups left empty, adds "page".
void ApplyChartPage(nlohmann::json& chart, const Page& page);

}  // namespace hotshop::api
