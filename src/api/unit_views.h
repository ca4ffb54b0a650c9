// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit views: the JSON of the wall chart, the unit meters, the employer
// rollup, a unit's cards and its structure tests, built from the store's
// read models (store/unit_roster.h) with src/core doing every calculation:
//   wall chart          core/wall_chart (R19)
//   effective rating    core/assessment EffectiveAssessment, SupportByGroup (R18)
//   cards, showing      core/showing_of_interest (R1-R4)
//   filing readiness    core/filing_readiness (R5)
//   committee coverage  core/committee_coverage (R20)
//   structure tests     core/structure_test (R21)
// Kept apart from the handlers so they stay thin, and testable without HTTP.
//
// Who is on a unit for these counts: workers with a current employment in
// it; supervisors are shown on the chart and flagged, but excluded from the
// unit size, support shares, cards and the committee (the NLRA excludes
// supervisors from bargaining units; R20). When the organizer entered a
// size larger than the chart (size_override), the missing workers count as
// unassessed, unsigned and off the committee.
//
// Aggregate views (meters, rollup, structure-test results) name no one and
// carry no person id; with suppress set (viewers, security-model.md §3) every
// count from 1 to 4 is "<5" and a share over fewer than 5 workers is null.
//
// Thread rule: pure functions over their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"
#include "store/assessment_repo.h"
#include "store/card_repo.h"
#include "store/structure_test_repo.h"
#include "store/unit_roster.h"

namespace hotshop::api {

nlohmann::json ScaleJson(const store::Scale& s);

// The version (ETag) of a person's assessment history on one scale: the
// history is append-only, so its length + 1 changes with every rating (1 =
// never assessed; ETags start at v1). The chart carries it per row so an
// inline edit can send If-Match.
inline int64_t AssessmentHistoryVersion(size_t records) { return static_cast<int64_t>(records) + 1; }

// The wall chart (R19): rows grouped by department and shift, each worker
// with their effective rating, card status, committee role, supervisor flag
// and connections on the unit. Staff-only: it names people.
Result<nlohmann::json> ChartJson(const store::UnitRoster& roster, const store::Scale& scale, core::Date today);

// Showing of interest (R1, 30% rounded up), majority, filing readiness (R5,
// the unit's thresholds), support per department and shift (R18), committee
// coverage (R20) and the monthly support trend of the last 12 months.
Result<nlohmann::json> MetersJson(const store::UnitRoster& roster, const store::Scale& scale, core::Date today,
                                  bool suppress);

struct RollupQuery {
  std::string region;        // "" = every region
  std::string sort = "name";  // name, region, workers, support, cards
  bool descending = false;
};
// Errors: kInvalidInput "sort" for a sort key not in the list.
Result<RollupQuery> ParseRollupQuery(const std::optional<std::string>& region, const std::optional<std::string>& sort,
                                     const std::optional<std::string>& order);

// Every shop of an employer with its workers, support share and card share.
Result<nlohmann::json> RollupJson(const store::EmployerRollupData& data, const store::Scale& scale, core::Date today,
                                  const RollupQuery& query, bool suppress);

// A unit's cards with each one's status (counts, stale with a re-sign
// prompt, revoked, ...) and the showing they add up to. Staff-only.
Result<nlohmann::json> CardsJson(const store::UnitRoster& roster, const std::vector<store::CardRecord>& cards,
                                 core::Date today);

struct TestWithParticipation {
  store::StructureTestRecord test;
  std::vector<store::Participation> participation;
};
// Each test scored against its targets (unit and groups), the groups nobody
// covered, the trend across tests, and the go-public check on the latest
// (the unit's go_public_percent). Counts only. Each test's denominator is
// the unit on the day it was held (core::RosterOn over history, R21);
// without a history (nullptr), today's roster.
Result<nlohmann::json> StructureTestsJson(const store::UnitRoster& roster, const std::vector<TestWithParticipation>& tests,
                                          bool suppress, const std::vector<core::RosterSpan>* history = nullptr);

// One test's roster with names and who took part. Staff-only.
nlohmann::json ParticipationJson(const store::UnitRoster& roster, const TestWithParticipation& test);

}  // namespace hotshop::api
