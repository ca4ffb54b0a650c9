// SPDX-License-Identifier: AGPL-3.0-or-later
// SQL text rewrites shared by the backends.
//
// Thread rule: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace hotshop::store {

// Rewrites PostgreSQL-style $1..$n placeholders to SQLite's ?1..?n, leaving
// quoted strings, quoted identifiers and comments untouched.
std::string DollarToQuestion(std::string_view sql);

// True for a canonical lowercase UUID text (8-4-4-4-12 hex).
bool IsCanonicalUuid(std::string_view s);

}  // namespace hotshop::store
