// SPDX-License-Identifier: AGPL-3.0-or-later
// GET /healthz: the process is up. GET /readyz: the database answers and its
// migrations are the ones this binary expects (a load balancer's checks).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetHealthz(const http::Request& req, Context& ctx);
http::Response GetReadyz(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
