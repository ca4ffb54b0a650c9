// SPDX-License-Identifier: AGPL-3.0-or-later
// App: the request logic of hotshop, apart from the transport. Routes a
// request, applies the cross-cutting guards (content type, CSRF headers),
// calls the handler, turns every failure into problem+json, and sets the
// security headers. The HTTP server calls Handle() and nothing else.
//
// Thread rule: build on one thread; Handle() is then safe from many.
#pragma once

#include <memory>

#include "api/context.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"
#include "store/database.h"

namespace hotshop::api {

using ApiHandler = http::Response (*)(const http::Request&, Context&);

class App {
 public:
  App(store::Database& db, Config config, Services& services);

  http::Response Handle(http::Request& req);
  size_t BodyLimit(http::Verb method, std::string_view path) const;
  const http::Router& router() const { return router_; }

 private:
  void Register(http::Verb method, std::string pattern, ApiHandler handler,
                http::RouteOptions options = {});

  store::Database& db_;
  Config config_;
  Services& services_;
  http::Router router_;
  http::StaticFiles static_files_;
};

// Every route hotshop serves is added here, one line each, so the
// authorization matrix test can walk them.
void RegisterRoutes(App& app, const std::function<void(http::Verb, std::string, ApiHandler,
                                                       http::RouteOptions)>& add);

}  // namespace hotshop::api
