// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/committee_coverage.h"

#include <map>
#include <utility>

namespace hotshop::core {

namespace {

void Count(AreaCoverage& area, const CoverageWorker& w) {
  ++area.workers;
  if (w.on_committee) ++area.members;
}

void Finish(AreaCoverage& area, int64_t per_member) {
  // RULE R20: at least 1 member per 10 workers, rounded up.
  area.needed = (area.workers + per_member - 1) / per_member;
  area.short_by = area.needed > area.members ? area.needed - area.members : 0;
}

}  // namespace

Result<CommitteeCoverage> CheckCommitteeCoverage(
    std::span<const CoverageWorker> workers, const CoverageParams& params) {
  if (params.workers_per_member < 1) {
    return Error::InvalidInput("workers_per_member", "must be at least 1");
  }
  CommitteeCoverage out;
  std::map<std::string, AreaCoverage> departments, shifts;
  std::map<std::pair<std::string, std::string>, AreaCoverage> cells;
  for (const CoverageWorker& w : workers) {
    if (w.supervisor) {
      // RULE R20: no supervisors: not counted, and flagged if listed.
      if (w.on_committee) out.supervisors_on_committee.push_back(w.person_id);
      continue;
    }
    Count(out.unit, w);
    if (!w.department.empty()) {
      auto& d = departments[w.department];
      d.kind = AreaKind::kDepartment;
      d.department = w.department;
      Count(d, w);
    }
    if (!w.shift.empty()) {
      auto& s = shifts[w.shift];
      s.kind = AreaKind::kShift;
      s.shift = w.shift;
      Count(s, w);
    }
    if (params.check_department_shift && !w.department.empty() &&
        !w.shift.empty()) {
      auto& c = cells[{w.department, w.shift}];
      c.kind = AreaKind::kDepartmentShift;
      c.department = w.department;
      c.shift = w.shift;
      Count(c, w);
    }
  }
  if (out.unit.workers == 0) {
    return Error::InvalidInput("workers", "the unit has no non-supervisors");
  }
  Finish(out.unit, params.workers_per_member);
  if (out.unit.short_by > 0) out.uncovered.push_back(out.unit);
  auto take = [&](AreaCoverage area) {
    Finish(area, params.workers_per_member);
    if (area.short_by > 0) out.uncovered.push_back(area);
    out.areas.push_back(std::move(area));
  };
  for (auto& [name, area] : departments) take(std::move(area));
  for (auto& [name, area] : shifts) take(std::move(area));
  for (auto& [key, area] : cells) take(std::move(area));
  return out;
}

Status CheckCommitteeMember(const CoverageWorker& worker) {
  // RULE R20: no supervisors on the organizing committee.
  if (worker.supervisor) {
    return Error::InvalidInput(
        "supervisor", "a supervisor cannot join the organizing committee");
  }
  return Ok();
}

}  // namespace hotshop::core
