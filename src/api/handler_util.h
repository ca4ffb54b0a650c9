// SPDX-License-Identifier: AGPL-3.0-or-later
// Small helpers every handler uses: the JSON body, typed fields with
// errors that name them, the org in the path, and audit records.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/context.h"
#include "core/result.h"
#include "http/message.h"
#include "store/database.h"

namespace hotshop::api {

// The request body as a JSON object with only the allowed fields.
Result<nlohmann::json> Body(const http::Request& req, std::initializer_list<std::string_view> allowed);

// A string field: absent → nullopt; present but not a string, or longer than
// max_chars, or with control characters → kInvalidInput naming the field.
Result<std::optional<std::string>> OptString(const nlohmann::json& body, const std::string& field,
                                             size_t max_bytes = 2000);
// Like OptString, but absent or empty is an error.
Result<std::string> ReqString(const nlohmann::json& body, const std::string& field, size_t max_bytes = 2000);

// The org named by {org} in the path, checked against the actor's org: any
// mismatch is kNotFound, the same as a missing org.
Result<std::string> OrgOfPath(const http::Request& req, const Context& ctx);

// Authorizes an org-level action on the org in the path ({org}); a denial
// is audited and answers kNotFound, the same as a missing org.
Result<store::Scope> OrgAction(const http::Request& req, Context& ctx, security::Action action);

// The Grant JSON of docs/api.md.
nlohmann::json GrantJson(const security::Grant& g);

// Appends to the org's audit chain: actor = the signed-in user (or "system").
Status Audit(store::Tx& tx, const Context& ctx, const std::string& org_id, const std::string& action,
             const std::string& object, const std::string& outcome);

// Writes one audit record in its own transaction (for denials and failures,
// whose main transaction rolled back).
void AuditAlone(const Context& ctx, const std::string& org_id, const std::string& action, const std::string& object,
                const std::string& outcome);

}  // namespace hotshop::api
