// SPDX-License-Identifier: AGPL-3.0-or-later
// Structure tests of a unit (domain-rules.md R21; issue #4 "Structure
// tests"): the planned action (kind, day, target for the unit and per
// department / shift / language / entrance) and who took part. Scoring
// against the target and the trend are core::ScoreStructureTest and
// core::Trend; this file only keeps the facts.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/structure_test.h"
#include "store/database.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

const char* StructureTestKindName(core::StructureTestKind k);
std::optional<core::StructureTestKind> ParseStructureTestKind(std::string_view name);
const char* TestGroupKindName(core::TestGroupKind k);
std::optional<core::TestGroupKind> ParseTestGroupKind(std::string_view name);  // not kUnit

struct TestTarget {
  core::TestGroupKind kind = core::TestGroupKind::kDepartment;
  std::string name;
  int64_t percent = 0;
};

struct StructureTestRecord {
  std::string id;
  std::string unit_id;
  core::StructureTestKind kind = core::StructureTestKind::kMajorityPetition;
  std::string name;
  std::string held_on;  // ISO date
  int64_t target_percent = 0;
  std::vector<TestTarget> targets;  // overrides, by kind then name
  int64_t version = 1;
};

struct Participation {
  std::string person_id;
  bool participated = false;
  std::string entrance;
  std::string recorded_by;
  int64_t recorded_at_ms = 0;
};

class StructureTestRepo {
 public:
  StructureTestRepo(Tx& tx, const Scope& scope) : tx_(tx), scope_(scope) {}

  // REQUIRES: held_on a valid ISO date; target percents 1..100; no target
  // repeated (the caller checks). Errors: kNotFound (unit).
  Result<StructureTestRecord> Create(const std::string& unit_id, core::StructureTestKind kind, const std::string& name,
                                     const std::string& held_on, int64_t target_percent,
                                     const std::vector<TestTarget>& targets, int64_t now_ms);
  Result<StructureTestRecord> Get(const std::string& id);
  // Oldest first (held_on, then when created).
  Result<std::vector<StructureTestRecord>> OfUnit(const std::string& unit_id);
  // By person id.
  Result<std::vector<Participation>> ParticipationOf(const std::string& test_id);
  // Sets (or replaces) one person's participation. Errors: kNotFound
  // (test); kInvalidInput "person_id" when the person is neither on the
  // unit's chart nor already on this test's roster.
  Status Record(const std::string& test_id, const Participation& p, int64_t now_ms);
  // The unit's campaign and the unit. Errors: kNotFound.
  Result<Owner> OwnerOfTest(const std::string& id);

 private:
  Result<std::vector<TestTarget>> Targets(const std::string& test_id);
  Tx& tx_;
  const Scope& scope_;
};

}  // namespace hotshop::store
