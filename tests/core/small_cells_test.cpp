// SPDX-License-Identifier: AGPL-3.0-or-later
// Small-cell suppression (security-model.md §3, §4 #10).
#include "core/small_cells.h"

#include <gtest/gtest.h>

namespace hotshop::core {
namespace {

TEST(SmallCells, CountsUnderFiveAreSuppressed) {
  EXPECT_EQ(SuppressedCount(2), "<5");
  EXPECT_EQ(SuppressedCount(4), "<5");
  EXPECT_EQ(SuppressedCount(1), "<5");
}

TEST(SmallCells, FiveAndUpAndZeroAreShown) {
  EXPECT_EQ(SuppressedCount(5), "5");
  EXPECT_EQ(SuppressedCount(521), "521");
  EXPECT_EQ(SuppressedCount(0), "0");
}

}  // namespace
}  // namespace hotshop::core
