// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/intake_milestones.
// Rules covered: R22 (milestones intake -> assigned -> first contact -> OC
// formed -> charted -> public -> petition/recognition; trainings; local
// groups need a lead with >= 2 years and a core of >= 5).
#include "core/intake_milestones.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R22: the milestones in order.
TEST(IntakeMilestones, MilestonesRunInOrder) {
  using M = Milestone;
  const std::vector<Milestone> expected = {
      M::kIntake,  M::kAssigned, M::kFirstContact,         M::kCommitteeFormed,
      M::kCharted, M::kPublic,   M::kPetitionOrRecognition};
  std::span<const Milestone> order = MilestoneOrder();
  EXPECT_EQ(std::vector<Milestone>(order.begin(), order.end()), expected);
  for (std::size_t i = 0; i + 1 < expected.size(); ++i) {
    EXPECT_EQ(NextMilestone(expected[i]), expected[i + 1]);
    EXPECT_TRUE(CheckMilestoneChange(expected[i], expected[i + 1]).ok());
  }
  EXPECT_FALSE(NextMilestone(M::kPetitionOrRecognition).has_value());
}

// RULE R22: a milestone cannot be skipped.
TEST(IntakeMilestones, MilestoneCannotBeSkipped) {
  Status s = CheckMilestoneChange(Milestone::kFirstContact, Milestone::kPublic);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().field(), "milestone");
}

// RULE R22 with journeys J2.2: an assignment can go back to the queue.
TEST(IntakeMilestones, DeclinedAssignmentGoesBackToIntake) {
  EXPECT_TRUE(
      CheckMilestoneChange(Milestone::kAssigned, Milestone::kIntake).ok());
  EXPECT_FALSE(
      CheckMilestoneChange(Milestone::kCharted, Milestone::kFirstContact).ok());
  EXPECT_FALSE(
      CheckMilestoneChange(Milestone::kPublic, Milestone::kPublic).ok());
}

// RULE R22: local groups need a lead with >= 2 years and a core of >= 5.
TEST(IntakeMilestones, LocalGroupNeedsAnExperiencedLeadAndACoreOfFive) {
  const std::vector<int64_t> leads = {1, 3};
  Result<LocalGroupReadiness> ready = CheckLocalGroup(leads, 5);
  ASSERT_TRUE(ready.ok());
  EXPECT_TRUE(ready->ready);
  EXPECT_EQ(ready->experienced_leads, 1);

  Result<LocalGroupReadiness> small = CheckLocalGroup(leads, 3);
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(small->ready);
  EXPECT_EQ(small->core_needed, 2);

  const std::vector<int64_t> new_leads = {1, 1};
  Result<LocalGroupReadiness> green = CheckLocalGroup(new_leads, 8);
  ASSERT_TRUE(green.ok());
  EXPECT_FALSE(green->ready);
}

// RULE R22: the EWOC trainings, in order.
TEST(IntakeMilestones, TrainingsFollowTheEwocSequence) {
  EXPECT_LT(OrganizerTraining::kMappingAndCharting,
            OrganizerTraining::kBuildingCommittee);
  EXPECT_LT(OrganizerTraining::kFear, OrganizerTraining::kAction);
  EXPECT_LT(OrganizerTraining::kAction, OrganizerTraining::kEscalation);
}

// ---- incorrect usage ----

TEST(IntakeMilestones, NegativeNumbersAreErrors) {
  const std::vector<int64_t> leads = {2, -1};
  ExpectInvalid(CheckLocalGroup(leads, 5), "lead_years[1]");
  ExpectInvalid(CheckLocalGroup({}, -1), "core");
  LocalGroupParams p;
  p.min_core = -5;
  ExpectInvalid(CheckLocalGroup({}, 5, p), "min_core");
}

}  // namespace
}  // namespace hotshop::core
