// SPDX-License-Identifier: AGPL-3.0-or-later
// Body and query fields the election, charge and deadline handlers share:
// dates that may be cleared, closed lists of codes, the ?as_of= day, case
// numbers. Each error names the field (problem+json "field").
//
// Thread rule: stateless.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/context.h"
#include "api/workplace_access.h"
#include "core/civil_date.h"
#include "core/result.h"
#include "http/message.h"

namespace hotshop::api {

// A date for an edit: absent -> nullopt (unchanged); null -> "" (clear);
// else a real YYYY-MM-DD not after latest (when given), or kInvalidInput.
Result<std::optional<std::string>> EditDate(const nlohmann::json& body, const std::string& field,
                                            std::optional<core::Date> latest = std::nullopt);

// A required real date not after latest (when given).
Result<std::string> RequiredDate(const nlohmann::json& body, const std::string& field,
                                 std::optional<core::Date> latest = std::nullopt);

// Absent -> nullopt; else one of the codes, or kInvalidInput listing them.
Result<std::optional<std::string>> OptCode(const nlohmann::json& body, const std::string& field,
                                           std::initializer_list<std::string_view> codes);

// A case number as the NLRB writes it ("19-RC-123456"): letters, digits,
// dashes, at most 32; "" allowed.
Result<std::optional<std::string>> OptCaseNumber(const nlohmann::json& body, const std::string& field);

// ?as_of=YYYY-MM-DD, else today where the workers are (LocalToday of the
// object the route names). kInvalidInput "as_of".
Result<core::Date> AsOf(const http::Request& req, Context& ctx, const Access& a);

}  // namespace hotshop::api
