// SPDX-License-Identifier: AGPL-3.0-or-later
// The route table: every route hotshop serves, one line each.
#include "api/app.h"
#include "api/health.h"

namespace hotshop::api {

void RegisterRoutes(App&, const std::function<void(http::Verb, std::string, ApiHandler,
                                                   http::RouteOptions)>& add) {
  using V = http::Verb;
  http::RouteOptions open;
  open.public_route = true;
  add(V::get, "/healthz", GetHealthz, open);
  add(V::get, "/readyz", GetReadyz, open);
}

}  // namespace hotshop::api
