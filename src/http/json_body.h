// SPDX-License-Identifier: AGPL-3.0-or-later
// Strict JSON for request bodies: a duplicate key, nesting deeper than 64,
// a number that isn't finite (1e400), invalid UTF-8 or trailing data is a
// 400 naming what is wrong, never a silent choice (security-model.md §4 #15).
//
// Thread rule: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/result.h"

namespace hotshop::http {

inline constexpr int kMaxJsonDepth = 64;

Result<nlohmann::json> ParseJsonStrict(std::string_view text, int max_depth = kMaxJsonDepth);

// Refuses any key of `body` not in `allowed`, so a client can't set fields
// it must not (mass assignment, ASVS 5.1.2): the error names the field.
Status OnlyFields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed);

}  // namespace hotshop::http
