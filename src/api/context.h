// SPDX-License-Identifier: AGPL-3.0-or-later
// Context: what a handler may use besides the request: the database, the
// time of the request (handlers never read a clock), and the server's
// configuration. Built once per request by App.
//
// Thread rule: one per request.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.h"

namespace hotshop::api {

struct Config {
  std::string web_dir;
  int latest_migration = 0;
};

struct Context {
  store::Database& db;
  const Config& config;
  int64_t now_ms;
};

}  // namespace hotshop::api
