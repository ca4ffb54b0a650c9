// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/structure_test.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace hotshop::core {

namespace {

int64_t CeilPercent(int64_t percent, int64_t base) {
  return (percent * base + 99) / 100;
}

bool ValidPercent(int64_t percent) { return percent >= 1 && percent <= 100; }

const std::string& NameIn(const TestParticipant& p, TestGroupKind kind) {
  static const std::string kNone;
  switch (kind) {
    case TestGroupKind::kDepartment:
      return p.department;
    case TestGroupKind::kShift:
      return p.shift;
    case TestGroupKind::kLanguage:
      return p.language;
    case TestGroupKind::kEntrance:
      return p.entrance;
    case TestGroupKind::kUnit:
      return kNone;
  }
  return kNone;
}

constexpr TestGroupKind kGroupKinds[] = {
    TestGroupKind::kDepartment, TestGroupKind::kShift, TestGroupKind::kLanguage,
    TestGroupKind::kEntrance};

void Finish(GroupResult& g, int64_t percent) {
  g.target = CeilPercent(percent, g.members);
  g.percent = g.members == 0 ? 0 : 100 * g.participated / g.members;
  g.met = g.participated >= g.target;
}

}  // namespace

int64_t EscalationRank(StructureTestKind kind) {
  // RULE R21: majority petition -> photo board -> bigger actions.
  switch (kind) {
    case StructureTestKind::kMajorityPetition:
      return 1;
    case StructureTestKind::kStickerDay:
      return 2;
    case StructureTestKind::kPhoto:
      return 3;
    case StructureTestKind::kDelegation:
      return 4;
    case StructureTestKind::kMarchOnTheBoss:
      return 5;
    case StructureTestKind::kStrikeVote:
      return 6;
    case StructureTestKind::kCustom:
      return 0;
  }
  return 0;
}

std::vector<TestParticipant> RosterOn(std::span<const RosterSpan> spans, Date day) {
  // RULE R21: the roster of the test's day. Unknown starts count as there.
  std::map<std::string, const RosterSpan*> on;
  for (const RosterSpan& s : spans) {
    if (s.started_on && *s.started_on > day) continue;
    if (s.ended_on && *s.ended_on < day) continue;
    auto [it, added] = on.emplace(s.member.person_id, &s);
    if (!added && s.started_on && (!it->second->started_on || *it->second->started_on <= *s.started_on)) it->second = &s;
  }
  std::vector<TestParticipant> out;
  for (const auto& [id, s] : on) {
    if (s->supervisor) continue;
    TestParticipant p = s->member;
    p.participated = false;
    out.push_back(std::move(p));
  }
  return out;
}

Result<StructureTestResult> ScoreStructureTest(const StructureTest& test) {
  if (Status s = ValidateDate(test.held_on, "held_on"); !s) return s.error();
  if (test.roster.empty()) {
    return Error::InvalidInput("roster", "the test has no one on its roster");
  }
  if (!ValidPercent(test.target_percent)) {
    return Error::InvalidInput("target_percent", "must be between 1 and 100");
  }

  StructureTestResult r;
  r.kind = test.kind;
  r.held_on = test.held_on;
  std::map<std::pair<TestGroupKind, std::string>, GroupResult> groups;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < test.roster.size(); ++i) {
    const TestParticipant& p = test.roster[i];
    if (!seen.insert(p.person_id).second) {
      return Error::InvalidInput("roster[" + std::to_string(i) + "].person_id",
                                 "appears twice on the roster");
    }
    ++r.unit.members;
    if (p.participated) ++r.unit.participated;
    for (TestGroupKind kind : kGroupKinds) {
      const std::string& name = NameIn(p, kind);
      if (name.empty()) continue;
      GroupResult& g = groups[{kind, name}];
      g.kind = kind;
      g.name = name;
      ++g.members;
      if (p.participated) ++g.participated;
    }
  }

  std::map<std::pair<TestGroupKind, std::string>, int64_t> targets;
  for (std::size_t i = 0; i < test.overrides.size(); ++i) {
    const TargetOverride& o = test.overrides[i];
    const std::string field = "overrides[" + std::to_string(i) + "]";
    if (!ValidPercent(o.percent)) {
      return Error::InvalidInput(field, "percent must be between 1 and 100");
    }
    if (o.kind == TestGroupKind::kUnit) {
      return Error::InvalidInput(field,
                                 "set the unit's target in target_percent");
    }
    if (!groups.contains({o.kind, o.name})) {
      return Error::InvalidInput(field, "names no group on the roster");
    }
    targets[{o.kind, o.name}] = o.percent;
  }

  Finish(r.unit, test.target_percent);
  r.met = r.unit.met;
  for (auto& [key, g] : groups) {
    auto t = targets.find(key);
    Finish(g, t == targets.end() ? test.target_percent : t->second);
    r.met = r.met && g.met;
    r.groups.push_back(std::move(g));
  }
  return r;
}

std::vector<GroupResult> UncoveredGroups(const StructureTestResult& result) {
  // RULE R21: every department, shift, entrance and language covered.
  std::vector<GroupResult> out;
  for (const GroupResult& g : result.groups) {
    if (g.participated == 0) out.push_back(g);
  }
  return out;
}

Result<GoPublic> CheckGoPublic(const StructureTestResult& latest,
                               int64_t threshold_percent) {
  if (!ValidPercent(threshold_percent)) {
    return Error::InvalidInput("threshold_percent",
                               "must be between 1 and 100");
  }
  // RULE R21: go public only past a pre-agreed threshold, e.g., 90%.
  GoPublic g;
  g.participated = latest.unit.participated;
  g.needed = CeilPercent(threshold_percent, latest.unit.members);
  g.met = latest.unit.members > 0 && g.participated >= g.needed;
  return g;
}

std::vector<TrendPoint> Trend(std::span<const StructureTestResult> results) {
  std::vector<const StructureTestResult*> order;
  for (const StructureTestResult& r : results) order.push_back(&r);
  std::stable_sort(
      order.begin(), order.end(),
      [](const StructureTestResult* a, const StructureTestResult* b) {
        return a->held_on < b->held_on;
      });
  std::vector<TrendPoint> points;
  for (const StructureTestResult* r : order) {
    TrendPoint p{r->held_on, r->kind, r->unit.percent, 0, false};
    if (!points.empty()) {
      const TrendPoint& prev = points.back();
      p.change = p.percent - prev.percent;
      // RULE R21: tests escalate.
      p.escalated = EscalationRank(p.kind) > EscalationRank(prev.kind) &&
                    EscalationRank(prev.kind) > 0;
    }
    points.push_back(p);
  }
  return points;
}

}  // namespace hotshop::core
