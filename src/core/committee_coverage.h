// SPDX-License-Identifier: AGPL-3.0-or-later
// Committee coverage: whether the organizing committee (OC) is big enough
// and reaches every part of the workplace, and where it needs more members
// ("Housekeeping, nights: nobody; 1 more needed").
//
// Pure; thread-safe.
//
// RULE R20 [S23][S22]: OC: >=1 member per 10 workers, representative
//   across work areas and demographics, no supervisors.
//   Interpretation: each area needs ceil(workers / 10) members, for the
//   whole unit, each department, each shift, and each department x shift
//   (the journey's "Housekeeping nights"; can be turned off). Supervisors
//   are excluded from workers and members alike; one listed on the
//   committee is reported so it can be fixed, and CheckCommitteeMember
//   refuses to add one. Demographic representation (language, etc.) is
//   not measured here. "" department or shift = not recorded: no area.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace hotshop::core {

struct CoverageWorker {
  std::string person_id;
  std::string department;
  std::string shift;
  bool on_committee = false;
  bool supervisor = false;  // R20: never a member, never counted
};

struct CoverageParams {
  int64_t workers_per_member = 10;     // R20
  bool check_department_shift = true;  // also each department x shift cell
};

enum class AreaKind { kUnit, kDepartment, kShift, kDepartmentShift };

struct AreaCoverage {
  AreaKind kind = AreaKind::kUnit;
  std::string department;  // "" unless kDepartment / kDepartmentShift
  std::string shift;       // "" unless kShift / kDepartmentShift
  int64_t workers = 0;     // non-supervisors in the area
  int64_t members = 0;     // non-supervisor committee members in the area
  int64_t needed = 0;      // ceil(workers / workers_per_member)
  int64_t short_by = 0;    // max(0, needed - members): how many more
};

struct CommitteeCoverage {
  AreaCoverage unit;
  // Departments, then shifts, then cells; each sorted by name.
  std::vector<AreaCoverage> areas;
  // The unit (if short) and then every area with short_by > 0, same order.
  std::vector<AreaCoverage> uncovered;
  // R20: person ids of supervisors listed on the committee, input order.
  std::vector<std::string> supervisors_on_committee;
};

// Coverage of a unit's committee. Fails with InvalidInput when workers is
// empty or has no non-supervisor ("workers"), or workers_per_member < 1
// ("workers_per_member"). Supervisors on the committee do not fail the
// call; they are listed in supervisors_on_committee.
Result<CommitteeCoverage> CheckCommitteeCoverage(
    std::span<const CoverageWorker> workers, const CoverageParams& params = {});

// Ok when the worker may join the committee; InvalidInput("supervisor")
// for a supervisor (R20: no supervisors).
Status CheckCommitteeMember(const CoverageWorker& worker);

}  // namespace hotshop::core
