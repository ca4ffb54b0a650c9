// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo petitions, elections, contracts/recognitions, Cemex demands and ULP
// charges for `hotshop demo` (store/demo_data.h), after the demo
// workplace (demo_workplace.h). Everything is invented; case numbers use a
// Region and docket no real case has (19-RC-0001xx). Dates are relative
// to the load time. The demo org has the Cemex clock turned on so the
// demo shows it; new orgs have it off.
//
// Harbor: the union demanded recognition 25 days ago; the employer filed
// an RM petition 20 days ago; the election is 10 days ahead. Copper
// Kettle: #101 won its election 30 days ago (certified: a certification-
// year bar), #102 has a running Cemex clock, #103 was voluntarily
// recognized. Northgate ("third try"): two lost elections, the last 300
// days ago (an election bar), and a retaliatory-discharge charge whose
// 10(b) deadline is 23 days ahead.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database.h"
#include "store/demo_workplace.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

// REQUIRES: LoadDemoWorkplace ran for the same campaigns.
Status LoadDemoElections(Tx& tx, const Scope& scope, const OrgKeys& keys, const DemoCampaigns& campaigns,
                         int64_t now_ms);

// One of each election object, for a test that needs "a petition", "a
// charge", ... in an org.
struct ElectionFixture {
  std::string petition, election, agreement, cemex_demand, charge;
};

// Records, for unit of campaign: an RC petition, an election on it, a
// contract, a Cemex demand and a charge naming nobody.
Result<ElectionFixture> MapSmallElections(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                          const std::string& campaign_id, const std::string& unit_id, int64_t now_ms);

}  // namespace hotshop::store
