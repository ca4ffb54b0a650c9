// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/org_repo.h"

#include "store/ids.h"

namespace hotshop::store {

Result<Org> CreateOrg(Tx& tx, const std::string& slug, const std::string& name, int64_t now_ms) {
  Org org{NewId(), slug, name, "active"};
  Result<int64_t> a = tx.Exec(
      "INSERT INTO orgs (id, slug, name, status, created_at_ms) VALUES ($1, $2, $3, 'active', $4)",
      {org.id, slug, name, now_ms});
  if (!a) {
    if (a.error().code() == ErrorCode::kConflict) {
      return Error::Conflict("slug", "an organization with the short name '" + slug + "' exists already");
    }
    return a.error();
  }
  Result<int64_t> b = tx.Exec("INSERT INTO org_state (org_id) VALUES ($1)", {org.id});
  if (!b) return b.error();
  return org;
}

Result<std::optional<Org>> FindOrgBySlug(Tx& tx, const std::string& slug) {
  Result<Rows> r = tx.Query("SELECT id, slug, name, status FROM orgs WHERE slug = $1", {slug});
  if (!r) return r.error();
  if (r->empty()) return std::optional<Org>();
  const Row& row = (*r)[0];
  return std::optional<Org>(Org{row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
}

}  // namespace hotshop::store
