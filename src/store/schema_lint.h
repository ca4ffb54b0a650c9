// SPDX-License-Identifier: AGPL-3.0-or-later
// Schema lint (scale-out.md §3.1): the rules that keep one org's data
// movable to a distributed PostgreSQL (Citus, row-based by org_id) without
// rewrites. Reads the live catalog of either database; each returned line is
// one violation naming the table and the rule.
//
// Rules: every table is registered in table_kinds; a tenant table has
// org_id NOT NULL (uuid on PostgreSQL) leading its primary key; every unique
// index of a tenant table includes org_id; tenant→tenant foreign keys pair
// org_id with org_id and never SET NULL/SET DEFAULT on delete nor cascade on
// update; no reference→tenant or tenant→local keys; no sequences or
// identity columns; (PostgreSQL) no triggers or rules on tenant tables,
// row-level security enabled and forced with an org_id policy, and the app
// role cannot UPDATE org_id.
//
// Thread rule: stateless.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace hotshop::store {

Result<std::vector<std::string>> LintSchema(Database& db);

}  // namespace hotshop::store
