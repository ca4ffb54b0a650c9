// SPDX-License-Identifier: AGPL-3.0-or-later
// What the election, charge and deadline routes answer, computed by the
// src/core rules from stored rows (docs/api.md "Elections, charges and
// deadlines"): the 2023-rule timeline of each attempt (R6), the outcome of
// a tally (R8, R9), the bars in force and the earliest petition date
// (R10-R13), the Cemex clock with its circuit advisory (R14), a charge's
// 10(b) deadline with its warning and the stages it may move to (R15-R17),
// and the deadlines of a campaign merged and sorted.
//
// None of these name a worker except a charge's person_id, shown only with
// `details`. Thread rule: stateless.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/election_bars.h"
#include "store/agreement_repo.h"
#include "store/cemex_repo.h"
#include "store/charge_repo.h"
#include "store/database.h"
#include "store/election_repo.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::api {

// RULE R6: the federal holidays around a date (the business days of the
// election rule skip them).
std::vector<core::Date> HolidaysAround(core::Date d);

nlohmann::json PetitionJson(const store::Petition& p, bool notes);
// attempt: 1-based position in the unit's history.
nlohmann::json ElectionJson(const store::Election& e, const store::Petition* petition, size_t attempt, bool notes);
nlohmann::json AgreementJson(const store::Agreement& a, bool notes);
nlohmann::json CemexJson(const store::CemexDemand& d, core::Date as_of, bool notes);
// details: person_id and description.
nlohmann::json ChargeJson(const store::Charge& c, core::Date as_of, bool details,
                          const std::vector<store::StageChange>* stages);

// RULE R10-R13: the unit's history as the bars rule reads it.
core::UnitHistory HistoryOf(const std::vector<store::Election>& elections,
                            const std::vector<store::Agreement>& agreements,
                            const std::vector<store::Charge>& blocking_charges);
// {as_of, in_force: [bar], earliest_petition_date, earliest_unknown, contract_windows: [...]}.
Result<nlohmann::json> BarsJson(const core::UnitHistory& history, core::Date as_of);

// One dated obligation of a campaign.
struct DeadlineItem {
  std::string kind;  // hearing_opens, statement_of_position_due, voter_list_due, election_day, objections_due,
                     // ten_b, cemex_rm_petition_due, contract_window_opens, contract_window_closes, bar_ends,
                     // petition_allowed_from
  core::Date date{};
  std::string unit_id, unit_name;  // "" for campaign-wide charges
  std::string case_number;
  std::string target_type;  // election | charge | cemex_demand | agreement | unit
  std::string target_id;
  std::string detail;  // the bar's kind for bar_ends / petition_allowed_from
};

// Who may see what, asked per object (api/workplace_access.h Allowed).
struct DeadlineFilter {
  std::function<bool(const store::Owner&)> elections;                   // kViewElections
  std::function<bool(const store::Owner&, bool names_person)> charges;  // kViewCharges (+ details)
};

// Every dated obligation of the campaign the filter lets through, sorted by
// date then kind. from: drop items dated before it.
Result<std::vector<DeadlineItem>> CampaignDeadlines(store::Tx& tx, const store::Scope& scope,
                                                    const store::OrgKeys& keys, const std::string& campaign_id,
                                                    core::Date as_of, core::Date from, bool cemex_enabled,
                                                    const DeadlineFilter& filter);

nlohmann::json DeadlineJson(const DeadlineItem& d, const std::string& campaign_id, core::Date as_of);

}  // namespace hotshop::api
