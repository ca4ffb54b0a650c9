// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/demo_data.h"

#include "store/campaign_repo.h"
#include "store/demo_elections.h"
#include "store/demo_workplace.h"
#include "store/org_repo.h"
#include "store/person_repo.h"

namespace hotshop::store {

namespace {
constexpr const char* kDemoSlug = "demo";
}

Result<DemoResult> LoadDemoData(Database& db, KeyService& keys, int64_t now_ms) {
  DemoResult out;
  out.org_slug = kDemoSlug;
  Status s = db.Transact([&](Tx& tx) -> Status {
    Result<std::optional<Org>> existing = FindOrgBySlug(tx, kDemoSlug);
    if (!existing) return existing.error();
    if (*existing) return Ok();
    Result<Org> org = CreateOrg(tx, kDemoSlug, "Riverside Workers United (demo)", now_ms);
    if (!org) return org.error();
    if (Status k = keys.CreateOrgKeys(tx, org->id, now_ms); !k) return k;
    if (Status o = tx.SetOrg(org->id); !o) return o;
    Scope scope = Scope::ForOrg(org->id);
    CampaignRepo campaigns(tx, scope);
    auto org_keys = keys.ForOrg(tx, org->id);
    if (!org_keys) return org_keys.error();
    PersonRepo people(tx, scope, **org_keys);
    // Invented people; phones in the fictional 555-01xx range.
    struct DemoPerson { const char* name; const char* phone; const char* lang; };
    const DemoPerson kPeople[3][3] = {
        {{"Rosa Quintero", "+12025550101", "es"}, {"Lee Okafor", "+12025550102", "en"}, {"Marisol Vega", "+12025550103", "es"}},
        {{"Marcus Bell", "+12025550111", "en"}, {"Dana Whitfield", "+12025550112", "en"}, {"Tomas Reyes", "+12025550113", "es"}},
        {{"Ana Lindqvist", "+12025550121", "en"}, {"Sam Dufresne", "+12025550122", "en"}, {"Kim Nakamura", "+12025550123", "en"}},
    };
    int i = 0;
    std::vector<std::string> campaign_ids;
    for (const char* name : {"Harbor View Hotel housekeeping", "Copper Kettle Coffee, 12 shops",
                             "Northgate warehouse, third try"}) {
      Result<Campaign> c = campaigns.Create(name, now_ms);
      if (!c) return c.error();
      ++out.campaigns;
      campaign_ids.push_back(c->id);
      for (const auto& p : kPeople[i]) {
        PersonFields f;
        f.name = p.name;
        f.phone = p.phone;
        f.preferred_language = p.lang;
        if (Result<Person> made = people.Create(c->id, f, now_ms); !made) return made.error();
      }
      ++i;
    }
    // Their workplaces: employers, units, employment, ratings, cards (issue #4).
    if (Status w = LoadDemoWorkplace(tx, scope, **org_keys, {campaign_ids[0], campaign_ids[1], campaign_ids[2]}, now_ms);
        !w) {
      return w;
    }
    // Their petitions, elections and charges (issue #4).
    if (Status e = LoadDemoElections(tx, scope, **org_keys, {campaign_ids[0], campaign_ids[1], campaign_ids[2]}, now_ms);
        !e) {
      return e;
    }
    out.created = true;
    return Ok();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace hotshop::store
