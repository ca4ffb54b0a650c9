// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/assessment.h"

#include <algorithm>
#include <map>
#include <utility>

namespace hotshop::core {

namespace {

SupportCounts EmptyCounts(const AssessmentScale& scale) {
  SupportCounts c;
  c.by_level.assign(static_cast<std::size_t>(scale.max_level + 1), 0);
  return c;
}

void Add(SupportCounts& c, const AssessmentScale& scale, int64_t level) {
  ++c.workers;
  ++c.by_level[static_cast<std::size_t>(level)];
  if (level != kNotAssessed) ++c.assessed;
  // RULE R18: 0 never counts as support.
  if (CountsAsSupport(scale, level)) ++c.supporters;
}

void Finish(SupportCounts& c) {
  c.support_percent = c.workers == 0 ? 0 : 100 * c.supporters / c.workers;
}

// Does record b take effect over record a (a earlier in the history)?
bool Supersedes(const AssessmentRecord& b, const AssessmentRecord& a) {
  if (b.at != a.at) return b.at > a.at;
  // RULE R18: at the same instant a human judgment beats a rule.
  if (b.source != a.source) return b.source == AssessmentSource::kHuman;
  return true;  // same source and time: the later entry
}

}  // namespace

Status ValidateScale(const AssessmentScale& scale) {
  if (scale.max_level < 1 || scale.max_level > kMaxAssessmentLevel) {
    return Error::InvalidInput("max_level", "must be between 1 and 20");
  }
  if (static_cast<int64_t>(scale.labels.size()) != scale.max_level + 1) {
    return Error::InvalidInput("labels",
                               "needs one label per level, 0 included");
  }
  std::vector<int64_t> seen;
  for (int64_t level : scale.support_levels) {
    // RULE R18: 0 = not assessed never counts as support.
    if (level < 1 || level > scale.max_level) {
      return Error::InvalidInput("support_levels",
                                 "must be levels between 1 and max_level");
    }
    if (std::find(seen.begin(), seen.end(), level) != seen.end()) {
      return Error::InvalidInput("support_levels", "lists a level twice");
    }
    seen.push_back(level);
  }
  return Ok();
}

bool CountsAsSupport(const AssessmentScale& scale, int64_t level) {
  if (level == kNotAssessed) return false;
  return std::find(scale.support_levels.begin(), scale.support_levels.end(),
                   level) != scale.support_levels.end();
}

Result<std::optional<std::size_t>> EffectiveAssessment(
    std::span<const AssessmentRecord> history, const AssessmentScale& scale) {
  if (Status s = ValidateScale(scale); !s) return s.error();
  std::optional<std::size_t> effective;
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (history[i].value < 0 || history[i].value > scale.max_level) {
      return Error::InvalidInput("history[" + std::to_string(i) + "].value",
                                 "is not a level of the scale");
    }
    // RULE R18: a rule never overrides a newer human assessment.
    if (!effective || Supersedes(history[i], history[*effective])) {
      effective = i;
    }
  }
  return effective;
}

Result<SupportReport> SupportByGroup(std::span<const AssessedWorker> workers,
                                     const AssessmentScale& scale) {
  if (Status s = ValidateScale(scale); !s) return s.error();
  if (workers.empty()) {
    return Error::InvalidInput("workers", "the unit has no workers");
  }
  SupportReport report;
  report.unit = EmptyCounts(scale);
  std::map<std::string, SupportCounts> departments, shifts;
  std::map<std::pair<std::string, std::string>, SupportCounts> cells;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    const AssessedWorker& w = workers[i];
    if (w.level < 0 || w.level > scale.max_level) {
      return Error::InvalidInput("workers[" + std::to_string(i) + "].level",
                                 "is not a level of the scale");
    }
    Add(report.unit, scale, w.level);
    auto d = departments.try_emplace(w.department, EmptyCounts(scale)).first;
    Add(d->second, scale, w.level);
    auto s = shifts.try_emplace(w.shift, EmptyCounts(scale)).first;
    Add(s->second, scale, w.level);
    auto c =
        cells.try_emplace({w.department, w.shift}, EmptyCounts(scale)).first;
    Add(c->second, scale, w.level);
  }
  Finish(report.unit);
  for (auto& [name, counts] : departments) {
    Finish(counts);
    report.by_department.push_back(GroupSupport{name, "", std::move(counts)});
  }
  for (auto& [name, counts] : shifts) {
    Finish(counts);
    report.by_shift.push_back(GroupSupport{"", name, std::move(counts)});
  }
  for (auto& [key, counts] : cells) {
    Finish(counts);
    report.by_department_shift.push_back(
        GroupSupport{key.first, key.second, std::move(counts)});
  }
  return report;
}

}  // namespace hotshop::core
