// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit roster and employer rollup: the read models behind the wall chart,
// the unit meters and the multi-shop rollup (issue #4; domain-rules.md R19
// for the chart's columns). A handful of set queries load everything one
// view needs (workers and their placement, assessment histories on one
// scale, cards, committee, connections) so a view costs a fixed number of
// round trips, not one per worker. The arithmetic (effective assessment,
// showing of interest, coverage) is src/core's, done by the caller.
//
// Names and contacts are decrypted only when asked (with_names): the
// aggregate views never touch a personal value.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/result.h"
#include "store/assessment_repo.h"
#include "store/card_repo.h"
#include "store/connection_repo.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

struct RosterWorker {
  std::string person_id;
  // Only with_names: decrypted personal values.
  std::string name;
  std::string phone;
  std::string email;
  std::string preferred_language;  // not sealed: loaded always
  std::string worksite_id;
  std::string worksite;
  std::string department;  // "" = not recorded
  std::string shift;
  std::string job_class;
  std::string employment_type;  // full_time, part_time, unknown
  bool supervisor = false;
  std::string started_on;
};

struct RosterAssessment {
  core::AssessmentRecord record;
  int64_t at_ms = 0;
};

// A worker's last contact (R19's "last-contact date and who made it"): the
// newest human assessment (on any scale; rules are not contacts) or note
// on them (not staff-only ones: the chart's readers need not be staff),
// whichever is later.
struct LastContact {
  int64_t at_ms = 0;
  std::string by;  // "user:<id>"
};

struct UnitRoster {
  Unit unit;
  std::vector<std::string> departments;  // every department of the unit, sorted
  std::vector<std::string> shifts;       // every shift of the unit, sorted
  std::vector<RosterWorker> workers;     // current employment in the unit, by person_id
  // person_id -> history on the scale, oldest first.
  std::map<std::string, std::vector<RosterAssessment>> assessments;
  std::vector<CardRecord> cards;  // the unit's cards, every signer (filter by workers)
  // person_id -> "committee" / "helper" for the workers of the unit who are
  // current members of the campaign's committee.
  std::map<std::string, std::string> committee;
  // Connections touching a worker (only with_names), and the names of the
  // other side when they are on the unit.
  std::vector<Connection> connections;
  // Only with_names: person_id -> last contact, for workers with one.
  std::map<std::string, LastContact> last_contacts;
};

// Errors: kNotFound (unit); kInternal when a sealed value does not open.
Result<UnitRoster> LoadUnitRoster(Tx& tx, const Scope& scope, const OrgKeys& keys, const std::string& unit_id,
                                  const std::string& scale_id, bool with_names);

// One row of the unit's employment history, current or closed (R21: a
// structure test is scored against the unit as it was on its day).
struct UnitEmploymentRow {
  std::string person_id;
  std::string department;  // "" = not recorded
  std::string shift;
  std::string preferred_language;
  bool supervisor = false;
  std::string started_on;              // ISO date, "" when not known
  std::optional<int64_t> valid_to_ms;  // when the row was closed (left, moved, changed); nullopt: current
};

// Every employment row, past and current, in the unit, by person then
// valid_from. One query. Errors: kUnavailable/kInternal.
Result<std::vector<UnitEmploymentRow>> LoadUnitEmploymentHistory(Tx& tx, const Scope& scope, const std::string& unit_id);

struct RollupSite {
  Worksite site;  // address not loaded
  std::vector<std::string> unit_names;
};

struct RollupWorker {
  std::string person_id;
  std::string worksite_id;
  bool supervisor = false;
};

struct EmployerRollupData {
  Employer employer;
  std::vector<RollupSite> sites;      // region, then name
  std::vector<RollupWorker> workers;  // current employment at the employer's worksites
  // Oldest first; only the records of each worker's newest second: all the
  // effective assessment (R18) can be.
  std::map<std::string, std::vector<core::AssessmentRecord>> assessments;
  std::map<std::string, std::vector<CardRecord>> cards;  // by person, cards in the employer's units
  // Current organizing-committee members (role "committee", not helpers) of
  // the employer's campaign: the rollup's coverage column (R20).
  std::set<std::string> committee;
  // The last contact of each worksite (one query): its most recently
  // contacted worker (supervisors aside), person_id -> contact.
  std::map<std::string, LastContact> last_contacts;
};

// Errors: kNotFound (employer).
Result<EmployerRollupData> LoadEmployerRollup(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                              const std::string& employer_id, const std::string& scale_id);

}  // namespace hotshop::store
