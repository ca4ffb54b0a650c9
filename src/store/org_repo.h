// SPDX-License-Identifier: AGPL-3.0-or-later
// Orgs: the tenants (a reference table: small, shared, rarely written).
//
// Thread rule: stateless functions over a Tx.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace hotshop::store {

struct Org {
  std::string id;
  std::string slug;
  std::string name;
  std::string status;
};

// Creates the org and its org_state row. Errors: kConflict if the slug is taken.
Result<Org> CreateOrg(Tx& tx, const std::string& slug, const std::string& name, int64_t now_ms);
Result<std::optional<Org>> FindOrgBySlug(Tx& tx, const std::string& slug);

}  // namespace hotshop::store
