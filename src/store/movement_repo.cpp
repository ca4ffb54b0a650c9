// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/movement_repo.h"

#include "core/zip_centroids.h"
#include "store/organizer_repo.h"

namespace hotshop::store {

Result<std::vector<core::MovementIntake>> MovementIntakes(Tx& tx, const Scope& scope) {
  Result<Rows> r = tx.Query(
      "SELECT stage, region, industry, received_at_ms, first_contact_at_ms FROM intakes "
      "WHERE org_id = $1 AND spam = 0 AND merged_into_id IS NULL",
      {scope.org_id()});
  if (!r) return r.error();
  std::vector<core::MovementIntake> out;
  out.reserve(r->size());
  for (const Row& row : *r) {
    out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Int(3), row.OptInt(4)});
  }
  return out;
}

Result<std::vector<core::MovementOrganizer>> MovementOrganizers(Tx& tx, const Scope& scope) {
  Result<std::vector<OrganizerProfile>> all = OrganizerRepo(tx, scope).List();
  if (!all) return all.error();
  std::vector<core::MovementOrganizer> out;
  for (const OrganizerProfile& p : *all) {
    std::optional<core::ZipCentroid> z = core::LookupZip(p.home_zip);
    out.push_back({z ? std::string(z->state) : std::string(), p.load, p.capacity});
  }
  return out;
}

}  // namespace hotshop::store
