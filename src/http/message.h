// SPDX-License-Identifier: AGPL-3.0-or-later
// Request and Response: what a handler sees and returns, apart from the
// transport (Beast's model: the session reads, calls one function, writes).
//
// Thread rule: a Request belongs to the thread handling it.
#pragma once

#include <boost/beast/http.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hotshop::http {

namespace bhttp = boost::beast::http;
using Verb = bhttp::verb;
using HttpStatus = bhttp::status;
using RawRequest = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

struct Request {
  RawRequest raw;
  std::string path;                                // decoded path, no query
  std::string query;                               // raw query string
  std::map<std::string, std::string> path_params;  // from the route pattern
  std::string route;                               // the matched pattern ("" if none)
  std::string client_addr;  // for rate-limit buckets only; never logged or stored

  Verb method() const { return raw.method(); }
  std::string_view header(std::string_view name) const;
  std::string path_param(const std::string& name) const;
  // The first value of a query parameter, percent-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  const std::string& body() const { return raw.body(); }
};

// Percent-decodes s ('+' stays '+'); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space = false);

}  // namespace hotshop::http
