// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo workplace for `hotshop demo` (store/demo_data.h): the demo org's
// campaigns get an employer, worksites, bargaining units, departments,
// shifts and job classes, employment for their people, assessments spread
// over the last months, cards (one stale, one revoked), a committee,
// connections and structure tests. Everything is invented. No person is
// added (other tests count the demo's nine people): the existing ones are
// placed. Dates are relative to the load time, so the demo always shows a
// live campaign.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct DemoCampaigns {
  std::string harbor;    // "Harbor View Hotel housekeeping": one unit at two worksites
  std::string copper;    // "Copper Kettle Coffee, 12 shops": one unit per shop
  std::string northgate;  // "Northgate warehouse, third try": a small map
};

// Maps the demo org's workplace. REQUIRES: the campaigns and their first
// people (demo_data.cpp) exist; app.org_id is set to the org.
Status LoadDemoWorkplace(Tx& tx, const Scope& scope, const OrgKeys& keys, const DemoCampaigns& campaigns,
                         int64_t now_ms);

// One of each workplace object, for a campaign with at least two people:
// what a test needs to name "an employer", "a card", ... of an org.
struct WorkplaceFixture {
  std::string employer, worksite, unit, area, connection, committee_member, card, structure_test, scale;
};

// Maps a small workplace (one employer, one worksite, one unit with a
// department and a shift) for campaign, employs every person in it (the
// first is not a supervisor), and adds a connection between the first two,
// the first on the committee with a card, a structure test and a campaign
// scale. Errors: kInvalidInput "people" with fewer than two people.
Result<WorkplaceFixture> MapSmallWorkplace(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                           const std::string& campaign_id, const std::vector<std::string>& people,
                                           const std::string& name, int64_t now_ms);

}  // namespace hotshop::store
