// SPDX-License-Identifier: AGPL-3.0-or-later
// Assessment: an organizer's dated rating of where a worker stands, on an
// organization's scale, and the support share it adds up to across a unit
// and its departments and shifts.
//
// Pure; thread-safe.
//
// RULE R18 [S21a] (V/U): EWOC assesses 1-5 with 0 = not yet assessed; an
//   assessment is a dated snapshot. (UNVERIFIED) Common labels: 1
//   leader/OC, 2 supporter, 3 undecided, 4 leaning against, 5 opposed.
//   Make labels configurable; 0 never counts as support.
//   Also (issue text): a rule never overrides a newer human assessment.
//   Interpretation: the effective assessment is the newest record by `at`;
//   on equal `at` a human record beats a rule record, and between records
//   of one source the later in the history wins. So a rule record takes
//   effect only when it is newer than every human record. For that to mean
//   what it says, a rule record's `at` is the time of the fact that fired
//   the rule (the card's signing, the action attended), not the time the
//   rule engine ran: re-running rules never buries a later human judgment.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace hotshop::core {

// Level 0 is "not assessed" on every scale.
inline constexpr int64_t kNotAssessed = 0;
// A scale is read at a glance on the wall chart, one colour per level;
// the cap also bounds SupportCounts::by_level.
inline constexpr int64_t kMaxAssessmentLevel = 20;

struct AssessmentScale {
  int64_t max_level = 5;  // levels are 0..max_level
  // labels[level]: message keys (the UI translates) or the org's own words.
  std::vector<std::string> labels = {"not_assessed",    "leader",
                                     "supporter",       "undecided",
                                     "leaning_against", "opposed"};
  // Levels that count as support (R18: 1 leader/OC and 2 supporter).
  std::vector<int64_t> support_levels = {1, 2};
};

// Ok, or InvalidInput naming the member: max_level outside
// 1..kMaxAssessmentLevel ("max_level"),
// labels.size() != max_level + 1 ("labels"), a support level outside
// 1..max_level or repeated ("support_levels": 0 never counts as support).
Status ValidateScale(const AssessmentScale& scale);

// True when level is one of scale.support_levels; never for 0.
// REQUIRES: ValidateScale(scale).ok()
bool CountsAsSupport(const AssessmentScale& scale, int64_t level);

enum class AssessmentSource {
  kHuman,  // an organizer or worker-leader judged it
  kRule,   // derived by an automatic rule (e.g. "signed a card -> 2")
};

struct AssessmentRecord {
  int64_t value = kNotAssessed;   // 0..scale.max_level
  std::chrono::sys_seconds at{};  // UTC; for kRule, when the fact happened
  std::string by_user;            // user id; for kRule, the rule's id
  AssessmentSource source = AssessmentSource::kHuman;
};

// The index in history of the effective assessment (see the header);
// nullopt for an empty history. Fails with InvalidInput for a bad scale
// (as ValidateScale) or a value outside 0..max_level ("history[i].value").
Result<std::optional<std::size_t>> EffectiveAssessment(
    std::span<const AssessmentRecord> history, const AssessmentScale& scale);

// One unit member with their effective level (0 when never assessed).
struct AssessedWorker {
  std::string department;
  std::string shift;
  int64_t level = kNotAssessed;
};

struct SupportCounts {
  int64_t workers = 0;     // the denominator: everyone, assessed or not
  int64_t assessed = 0;    // level != 0
  int64_t supporters = 0;  // level in support_levels (R18)
  int64_t support_percent =
      0;  // floor(100 * supporters / workers): never overstated
  std::vector<int64_t> by_level;  // by_level[l]: workers at level l
};

struct GroupSupport {
  std::string department;  // "" in by_shift
  std::string shift;       // "" in by_department
  SupportCounts counts;
};

struct SupportReport {
  SupportCounts unit;
  std::vector<GroupSupport> by_department;        // sorted by department
  std::vector<GroupSupport> by_shift;             // sorted by shift
  std::vector<GroupSupport> by_department_shift;  // sorted by both
};

// Support share = supporters / workers, for the unit and each group
// (R18: 0 = not assessed never counts as support, and stays in the
// denominator). Fails with InvalidInput for a bad scale, an empty unit
// ("workers") or a level outside 0..max_level ("workers[i].level").
Result<SupportReport> SupportByGroup(std::span<const AssessedWorker> workers,
                                     const AssessmentScale& scale = {});

}  // namespace hotshop::core
