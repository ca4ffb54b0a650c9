// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/committee_coverage.
// Rules covered: R20 (>= 1 committee member per 10 workers, across work
// areas; no supervisors).
#include "core/committee_coverage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

std::vector<CoverageWorker> Crew(const std::string& dept,
                                 const std::string& shift, int n, int members) {
  std::vector<CoverageWorker> w;
  for (int i = 0; i < n; ++i) {
    w.push_back(
        {dept + shift + std::to_string(i), dept, shift, i < members, false});
  }
  return w;
}

void Append(std::vector<CoverageWorker>& to,
            const std::vector<CoverageWorker>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R20: at least 1 member per 10 workers (rounded up).
TEST(CommitteeCoverage, OneMemberPerTenWorkersRoundedUp) {
  Result<CommitteeCoverage> r =
      CheckCommitteeCoverage(Crew("Kitchen", "Days", 21, 2));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unit.needed, 3);
  EXPECT_EQ(r->unit.short_by, 1);
  ASSERT_FALSE(r->uncovered.empty());
  EXPECT_EQ(r->uncovered[0].kind, AreaKind::kUnit);
}

// RULE R20: journeys J3.2: "Housekeeping nights: nobody".
TEST(CommitteeCoverage, ReportsTheAreaWithNobody) {
  std::vector<CoverageWorker> w = Crew("Housekeeping", "Days", 6, 1);
  Append(w, Crew("Housekeeping", "Nights", 4, 0));
  Append(w, Crew("Kitchen", "Nights", 3, 1));
  Result<CommitteeCoverage> r = CheckCommitteeCoverage(w);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unit.needed, 2);
  EXPECT_EQ(r->unit.short_by, 0);
  ASSERT_EQ(r->uncovered.size(), 1u);
  const AreaCoverage& gap = r->uncovered[0];
  EXPECT_EQ(gap.kind, AreaKind::kDepartmentShift);
  EXPECT_EQ(gap.department, "Housekeeping");
  EXPECT_EQ(gap.shift, "Nights");
  EXPECT_EQ(gap.members, 0);
  EXPECT_EQ(gap.short_by, 1);
}

// RULE R20: every department and every shift is checked.
TEST(CommitteeCoverage, ChecksEachDepartmentAndShift) {
  std::vector<CoverageWorker> w = Crew("Laundry", "Days", 12, 2);
  Append(w, Crew("Front desk", "Evenings", 5, 0));
  CoverageParams no_cells;
  no_cells.check_department_shift = false;
  Result<CommitteeCoverage> r = CheckCommitteeCoverage(w, no_cells);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->areas.size(), 4u);  // 2 departments + 2 shifts
  ASSERT_EQ(r->uncovered.size(), 2u);
  EXPECT_EQ(r->uncovered[0].kind, AreaKind::kDepartment);
  EXPECT_EQ(r->uncovered[0].department, "Front desk");
  EXPECT_EQ(r->uncovered[1].kind, AreaKind::kShift);
  EXPECT_EQ(r->uncovered[1].shift, "Evenings");
}

// RULE R20: no supervisors: never counted, and reported if listed.
TEST(CommitteeCoverage, SupervisorIsExcludedAndReported) {
  std::vector<CoverageWorker> w = Crew("Kitchen", "Days", 9, 0);
  w.push_back({"boss", "Kitchen", "Days", true, true});
  Result<CommitteeCoverage> r = CheckCommitteeCoverage(w);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unit.workers, 9);
  EXPECT_EQ(r->unit.members, 0);
  EXPECT_EQ(r->unit.short_by, 1);
  EXPECT_EQ(r->supervisors_on_committee, std::vector<std::string>{"boss"});
}

// RULE R20: a supervisor cannot be added to the committee.
TEST(CommitteeCoverage, SupervisorCannotJoinTheCommittee) {
  Status s = CheckCommitteeMember({"boss", "Kitchen", "Days", false, true});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().field(), "supervisor");
  EXPECT_TRUE(
      CheckCommitteeMember({"lee", "Kitchen", "Days", false, false}).ok());
}

// RULE R20: the ratio is a parameter.
TEST(CommitteeCoverage, RatioIsAParameter) {
  CoverageParams p;
  p.workers_per_member = 5;
  Result<CommitteeCoverage> r =
      CheckCommitteeCoverage(Crew("K", "D", 10, 1), p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unit.needed, 2);
}

// ---- incorrect usage ----

TEST(CommitteeCoverage, EmptyOrAllSupervisorUnitIsAnError) {
  ExpectInvalid(CheckCommitteeCoverage({}), "workers");
  std::vector<CoverageWorker> bosses = {{"b", "K", "D", false, true}};
  ExpectInvalid(CheckCommitteeCoverage(bosses), "workers");
}

TEST(CommitteeCoverage, ZeroRatioIsAnError) {
  CoverageParams p;
  p.workers_per_member = 0;
  ExpectInvalid(CheckCommitteeCoverage(Crew("K", "D", 3, 1), p),
                "workers_per_member");
}

}  // namespace
}  // namespace hotshop::core
