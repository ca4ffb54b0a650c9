// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/duration_stats (the movement view's time to first contact).
#include "core/duration_stats.h"

#include <gtest/gtest.h>

#include <vector>

namespace hotshop::core {
namespace {

TEST(DurationStats, NearestRankMedianAndNinetiethPercentile) {
  std::vector<int64_t> v = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};  // 1..10
  DurationStats s = SummarizeDurations(v);
  EXPECT_EQ(s.count, 10);
  EXPECT_EQ(s.median_ms, 5);  // rank ceil(5) = 5
  EXPECT_EQ(s.p90_ms, 9);     // rank ceil(9) = 9
}

TEST(DurationStats, OneValueIsEveryPercentile) {
  std::vector<int64_t> v = {42};
  DurationStats s = SummarizeDurations(v);
  EXPECT_EQ(s.median_ms, 42);
  EXPECT_EQ(s.p90_ms, 42);
  std::vector<int64_t> three = {3, 1, 2};
  EXPECT_EQ(NearestRankPercentile(three, 50), 2);
  EXPECT_EQ(NearestRankPercentile(three, 90), 3);
  EXPECT_EQ(NearestRankPercentile(three, 100), 3);
}

// Incorrect usage: no data is no statistic, not zero.
TEST(DurationStats, EmptyHasNoPercentiles) {
  DurationStats s = SummarizeDurations({});
  EXPECT_EQ(s.count, 0);
  EXPECT_FALSE(s.median_ms.has_value());
  EXPECT_FALSE(s.p90_ms.has_value());
}

}  // namespace
}  // namespace hotshop::core
