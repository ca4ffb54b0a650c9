// SPDX-License-Identifier: AGPL-3.0-or-later
// Migrations: the numbered schema changes in src/store/migrations/, embedded
// in the binary, applied in order by `hotshop migrate` and checked by
// `hotshop serve` at start. The same files build equivalent schemas on
// SQLite and PostgreSQL (dialect sections and {{type}} tokens).
//
// On PostgreSQL, after the files run, every table registered as 'tenant' in
// table_kinds gets row-level security by org_id (enabled and forced), and
// the application role (kAppRole) gets the privileges it needs and no more:
// no UPDATE of org_id, and INSERT-only on the audit log.
//
// Thread rule: call from one thread; the database serializes concurrent runs.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace hotshop::store {

struct MigrationSource {
  int version;
  const char* name;
  const char* sql;
};

// Every migration compiled into this binary, in version order.
const std::vector<MigrationSource>& EmbeddedMigrations();

// The PostgreSQL role that `serve` connects as; it owns nothing.
inline constexpr const char* kAppRole = "hotshop_app";

// The SQL of one migration for a dialect: sections selected, tokens replaced.
std::string RenderMigration(std::string_view sql, Dialect dialect);

struct MigrationState {
  int current = 0;   // highest applied version (0 = empty database)
  int latest = 0;    // highest version in this binary
  bool up_to_date() const { return current == latest; }
};

Result<MigrationState> ReadMigrationState(Database& db);

// Applies every pending migration, each in its own transaction, then the
// PostgreSQL security step. Returns the versions applied (may be empty).
Result<std::vector<int>> ApplyMigrations(Database& db, int64_t now_ms);

}  // namespace hotshop::store
