// SPDX-License-Identifier: AGPL-3.0-or-later
// Structure tests: a planned action that measures how many workers will
// act together (a majority petition, a sticker day, a photo, ...), scored
// against its target for the unit and each department, shift, language
// and entrance; the trend across tests; and the go-public check.
//
// Pure; thread-safe.
//
// RULE R21 [S24][S25]: structure tests escalate (majority petition -> photo
//   board -> bigger actions); go public only past a pre-agreed threshold,
//   e.g., 90% [S24]. A sticker day needs coverage of every department,
//   shift, entrance and language [S25].
//   Interpretation: the go-public threshold (default 90) is measured as
//   participation in the latest test; the escalation order between the
//   listed kinds (EscalationRank) is ours. The target percent applies to
//   the unit and to every group unless overridden per group. "" group
//   names mean not recorded and form no group.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

enum class StructureTestKind {
  kMajorityPetition,
  kStickerDay,  // or button day
  kPhoto,       // photo board / public photo
  kDelegation,
  kMarchOnTheBoss,
  kStrikeVote,
  kCustom,
};

// R21: the escalation order: petition 1, sticker 2, photo 3, delegation 4,
// march on the boss 5, strike vote 6; kCustom 0 (unranked).
int64_t EscalationRank(StructureTestKind kind);

enum class TestGroupKind { kUnit, kDepartment, kShift, kLanguage, kEntrance };

// One unit member on the test's roster.
struct TestParticipant {
  std::string person_id;
  std::string department;
  std::string shift;
  std::string language;
  std::string entrance;
  bool participated = false;  // signed, wore it, was in the photo, ...
};

// A different target for one group ("Nights: 50%").
struct TargetOverride {
  TestGroupKind kind = TestGroupKind::kDepartment;
  std::string name;
  int64_t percent = 0;  // 1..100
};

struct StructureTest {
  StructureTestKind kind = StructureTestKind::kMajorityPetition;
  Date held_on{};
  int64_t target_percent = 0;  // 1..100; no default: agree on it first
  std::vector<TargetOverride> overrides;
  std::vector<TestParticipant> roster;  // the whole unit, one row a person
};

struct GroupResult {
  TestGroupKind kind = TestGroupKind::kUnit;
  std::string name;  // "" for the unit
  int64_t members = 0;
  int64_t participated = 0;
  int64_t target = 0;   // ceil(percent x members / 100)
  int64_t percent = 0;  // floor(100 x participated / members)
  bool met = false;     // participated >= target
};

struct StructureTestResult {
  StructureTestKind kind = StructureTestKind::kMajorityPetition;
  Date held_on{};
  GroupResult unit;
  // Departments, shifts, languages, entrances; each sorted by name.
  std::vector<GroupResult> groups;
  bool met = false;  // the unit and every group met their targets
};

// One row of a person's employment history in the unit: where they worked
// (department, shift, language; entrance and participated are not used)
// from started_on to ended_on, both days included.
struct RosterSpan {
  TestParticipant member;
  bool supervisor = false;
  std::optional<Date> started_on;  // nullopt: not known, counted as there
  std::optional<Date> ended_on;    // nullopt: still there
};

// R21: a test measures the unit as it was on the day it was held, so its
// denominator is the roster of that day, not today's: someone hired after
// the test is not on it, someone who has left since is. Returns one row per
// person employed on day (of the spans covering day, the one that started
// last; its department, shift and language), supervisors left out (R20: a
// supervisor is not a worker the campaign organizes), sorted by person id,
// participated false. Never fails.
std::vector<TestParticipant> RosterOn(std::span<const RosterSpan> spans, Date day);

// Scores one test. Fails with InvalidInput when held_on is not a real date
// ("held_on"), the roster is empty ("roster"), a person appears twice
// ("roster[i].person_id"), target_percent is outside 1..100
// ("target_percent"), or an override has a bad percent, is for kUnit, or
// names no group on the roster ("overrides[i]").
Result<StructureTestResult> ScoreStructureTest(const StructureTest& test);

// Groups (department, shift, language, entrance) where nobody took part
// (R21: a sticker day must cover every one); empty when covered. Works for
// any visible action, not only sticker days.
std::vector<GroupResult> UncoveredGroups(const StructureTestResult& result);

struct GoPublic {
  bool met = false;
  int64_t participated = 0;
  int64_t needed = 0;  // ceil(threshold_percent x members / 100)
};

// R21: may the campaign go public on the strength of this (latest) test?
// Fails with InvalidInput("threshold_percent") outside 1..100.
Result<GoPublic> CheckGoPublic(const StructureTestResult& latest,
                               int64_t threshold_percent = 90);

struct TrendPoint {
  Date held_on{};
  StructureTestKind kind = StructureTestKind::kMajorityPetition;
  int64_t percent = 0;     // unit participation
  int64_t change = 0;      // percentage points since the previous test
  bool escalated = false;  // ranked above the previous test (R21)
};

// Unit participation across tests, oldest first (stable for equal dates);
// the first point has change 0 and escalated false. Never fails.
std::vector<TrendPoint> Trend(std::span<const StructureTestResult> results);

}  // namespace hotshop::core
