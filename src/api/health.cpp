// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/health.h"

#include "api/json_response.h"
#include "http/problem.h"
#include "store/migrations.h"

namespace hotshop::api {

http::Response GetHealthz(const http::Request&, Context&) { return Json({{"status", "ok"}}); }

http::Response GetReadyz(const http::Request&, Context& ctx) {
  Result<store::MigrationState> st = store::ReadMigrationState(ctx.db);
  if (!st) return http::Problem(Error::Unavailable("the database does not answer: " + st.error().message()));
  if (!st->up_to_date()) {
    return http::Problem(Error::Unavailable("the database is at migration " + std::to_string(st->current) +
                                            ", this server needs " + std::to_string(st->latest) +
                                            ": run `hotshop migrate`"));
  }
  return Json({{"status", "ready"}, {"migration", st->current}});
}

}  // namespace hotshop::api
