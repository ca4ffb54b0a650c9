// SPDX-License-Identifier: AGPL-3.0-or-later
// Router: method + path pattern ("/api/orgs/{org}/campaigns/{id}") to a
// handler, with per-route options (body limit, whether a JSON body is
// expected). Every route is listed by routes(), which the authorization
// matrix test walks so that no route escapes the policy.
//
// Thread rule: build on one thread before serving; Find() is then const and
// safe from any thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.h"

namespace hotshop::http {

// Why 1 MiB: the largest JSON a person's edit produces is a few KiB; file
// uploads get their own routes with their own limits.
inline constexpr size_t kDefaultBodyLimit = 1 << 20;

using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
  size_t body_limit = kDefaultBodyLimit;
  bool public_route = false;  // reachable without a session (healthz, login)
  bool setup_ok = false;      // reachable while password/two-factor setup is pending
  // Takes an uploaded file as the raw body (text/csv and the types browsers
  // give a .csv) instead of JSON. Such routes must not be public: the
  // X-Requested-With check is what keeps a cross-site form from posting.
  bool file_body = false;
};

struct Route {
  Verb method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
};

struct RouteMatch {
  enum Kind { kFound, kNotFound, kMethodNotAllowed } kind = kNotFound;
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::string allow;  // for 405: the methods this path answers
};

class Router {
 public:
  void Add(Verb method, std::string pattern, Handler handler, RouteOptions options = {});
  RouteMatch Find(Verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The body limit for a request before it is read: the route's, or the
  // default when nothing matches (the 404 will follow).
  size_t BodyLimit(Verb method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace hotshop::http
