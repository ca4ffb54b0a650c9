// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/demo_data.h"

#include "store/campaign_repo.h"
#include "store/org_repo.h"

namespace hotshop::store {

namespace {
constexpr const char* kDemoSlug = "demo";
}

Result<DemoResult> LoadDemoData(Database& db, const security::SecretBytes&, int64_t now_ms) {
  DemoResult out;
  out.org_slug = kDemoSlug;
  Status s = db.Transact([&](Tx& tx) -> Status {
    Result<std::optional<Org>> existing = FindOrgBySlug(tx, kDemoSlug);
    if (!existing) return existing.error();
    if (*existing) return Ok();
    Result<Org> org = CreateOrg(tx, kDemoSlug, "Riverside Workers United (demo)", now_ms);
    if (!org) return org.error();
    Scope scope = Scope::ForOrg(org->id);
    CampaignRepo campaigns(tx, scope);
    for (const char* name : {"Harbor View Hotel housekeeping", "Copper Kettle Coffee, 12 shops",
                             "Northgate warehouse, third try"}) {
      Result<Campaign> c = campaigns.Create(name, now_ms);
      if (!c) return c.error();
      ++out.campaigns;
    }
    out.created = true;
    return Ok();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace hotshop::store
