// SPDX-License-Identifier: AGPL-3.0-or-later
// Helpers the matching, organizer, "my" and referral handlers share: a
// transaction with the org's keys, list fields of a JSON body, and the JSON
// of an organizer profile and of ranking reasons.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/context.h"
#include "core/organizer_match.h"
#include "core/result.h"
#include "http/message.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/organizer_repo.h"

namespace hotshop::api {

// Runs fn in one transaction of scope's org, with the org's keys.
template <typename T>
Result<T> WithOrgKeys(Context& ctx, const store::Scope& scope,
                      const std::function<Result<T>(store::Tx&, const store::OrgKeys&)>& fn,
                      store::TxMode mode = store::TxMode::kWrite) {
  return store::TransactValue<T>(ctx.db, [&](store::Tx& tx) -> Result<T> {
    auto keys = ctx.services.keys.ForOrg(tx, scope.org_id());
    if (!keys) return keys.error();
    return fn(tx, **keys);
  }, mode, scope.org_id());
}

// A list of short strings: absent -> nullopt; not an array of strings, more
// than max_items, or an item longer than max_chars / with a comma or
// control character -> kInvalidInput naming the field.
Result<std::optional<std::vector<std::string>>> OptStringList(const nlohmann::json& body, const std::string& field,
                                                              size_t max_items = 20, size_t max_chars = 40);

// The display names of the org's users, by id (decrypted account names).
Result<std::map<std::string, std::string>> UserNames(store::Tx& tx, Context& ctx, const std::string& org_id);

// Like http::IfMatchVersion, but also accepts "v0": the version of a
// profile nobody wrote yet (the PUT that creates it).
Result<int64_t> IfMatchVersionOrNew(const http::Request& req);

nlohmann::json ReasonJson(const core::MatchReason& r);
nlohmann::json ProfileJson(const store::OrganizerProfile& p, const std::string& name);

}  // namespace hotshop::api
