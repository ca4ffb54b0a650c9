// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/iso_date: the text form of civil dates and UTC instants the
// API and the store use. Implements no rule; the rules that use dates (R2,
// R3, R21) are tested where they live.
#include "core/iso_date.h"

#include <gtest/gtest.h>

namespace hotshop::core {
namespace {

using namespace std::chrono;

TEST(IsoDate, RoundTripsACalendarDay) {
  auto d = ParseIsoDate("2024-02-29", "signed_on");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, 2024y / February / 29);
  EXPECT_EQ(FormatIsoDate(*d), "2024-02-29");
}

TEST(IsoDate, UtcDayOfAnInstant) {
  EXPECT_EQ(UtcDateOfMillis(0), 1970y / January / 1);
  EXPECT_EQ(UtcDateOfMillis(-1), 1969y / December / 31);
  int64_t ms = MillisAtUtcMidnight(2025y / March / 14) + 16 * 3600 * 1000 + 5 * 60 * 1000;
  EXPECT_EQ(UtcDateOfMillis(ms), 2025y / March / 14);
  EXPECT_EQ(FormatUtcInstant(ms), "2025-03-14T16:05:00Z");
  auto back = ParseUtcInstant("2025-03-14T16:05:00Z", "at");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, ms);
  EXPECT_EQ(*ParseUtcInstant("2025-03-14T16:05:00.250Z", "at"), ms + 250);
}

// ------------------------------------------------------------ incorrect usage

TEST(IsoDate, RefusesOtherShapesAndDaysThatDoNotExist) {
  for (const char* bad : {"", "2025-3-14", "14/03/2025", "2025-02-30", "2025-13-01", "0999-01-01", "2025-01-01x",
                          "２０２５-01-01"}) {
    auto d = ParseIsoDate(bad, "held_on");
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error().field(), "held_on");
  }
  for (const char* bad : {"2025-03-14", "2025-03-14T25:00:00Z", "2025-03-14T16:05:00", "2025-03-14T16:05:00+01:00",
                          "2025-03-14T16:05:00.5Z"}) {
    EXPECT_FALSE(ParseUtcInstant(bad, "at").ok()) << bad;
  }
}

}  // namespace
}  // namespace hotshop::core
