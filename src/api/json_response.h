// SPDX-License-Identifier: AGPL-3.0-or-later
// Json(): a 200 (or given status) application/json response.
#pragma once

#include <nlohmann/json.hpp>

#include "http/message.h"

namespace hotshop::api {

inline http::Response Json(const nlohmann::json& body, http::HttpStatus status = http::HttpStatus::ok) {
  http::Response res{status, 11};
  res.set(http::bhttp::field::content_type, "application/json");
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.prepare_payload();
  return res;
}

}  // namespace hotshop::api
