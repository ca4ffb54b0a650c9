// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/movement_view (issue #5, the movement view).
// Rules covered: R22 (milestones intake -> assigned -> first contact: how
// fast requests pass them).
#include "core/movement_view.h"

#include <gtest/gtest.h>

#include <vector>

namespace hotshop::core {
namespace {

constexpr int64_t kHour = 3'600'000;

// RULE R22: stages, time to first contact and load, overall and by group.
TEST(MovementView, GroupsByRegionAndIndustry) {
  std::vector<MovementIntake> in = {
      {"first_contact", "TX", "hotels", 0, 10 * kHour},
      {"first_contact", "TX", "retail", 0, 30 * kHour},
      {"matched", "CA", "hotels", 0, std::nullopt},
      {"new", "", "hotels", 0, std::nullopt},
  };
  std::vector<MovementOrganizer> org = {{"TX", 1, 3}, {"TX", 2, 2}, {"CA", 0, 1}};
  MovementView v = SummarizeMovement(in, org);
  EXPECT_EQ(v.total.intakes, 4);
  EXPECT_EQ(v.total.stages["first_contact"], 2);
  EXPECT_EQ(v.total.to_first_contact.count, 2);
  EXPECT_EQ(v.total.to_first_contact.median_ms, 10 * kHour);
  EXPECT_EQ(v.total.to_first_contact.p90_ms, 30 * kHour);
  EXPECT_EQ(v.total.load, 3);
  EXPECT_EQ(v.total.capacity, 6);
  ASSERT_EQ(v.by_region.size(), 3u);  // "", CA, TX
  EXPECT_EQ(v.by_region[0].key, "");
  EXPECT_EQ(v.by_region[2].key, "TX");
  EXPECT_EQ(v.by_region[2].intakes, 2);
  EXPECT_EQ(v.by_region[2].organizers, 2);
  ASSERT_EQ(v.by_industry.size(), 2u);
  EXPECT_EQ(v.by_industry[0].key, "hotels");
  EXPECT_EQ(v.by_industry[0].intakes, 3);
  EXPECT_EQ(v.by_industry[0].organizers, 0);  // organizers are not split by industry
}

// Incorrect usage: nothing to show is zeros and no times, not a failure.
TEST(MovementView, EmptyIsZeros) {
  MovementView v = SummarizeMovement({}, {});
  EXPECT_EQ(v.total.intakes, 0);
  EXPECT_FALSE(v.total.to_first_contact.median_ms.has_value());
  EXPECT_TRUE(v.by_region.empty());
}

}  // namespace
}  // namespace hotshop::core
