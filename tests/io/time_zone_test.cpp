// SPDX-License-Identifier: AGPL-3.0-or-later
// io::CivilDateIn / EndOfDayIn: the civil date where the worksite is (the
// system's IANA zones through date/tz), UTC for "" or an unknown zone.
#include "io/time_zone.h"

#include <gtest/gtest.h>

#include "core/iso_date.h"

namespace hotshop::io {
namespace {

int64_t At(const char* instant) { return core::ParseUtcInstant(instant, "at").value(); }
std::string Day(core::Date d) { return core::FormatIsoDate(d); }

TEST(TimeZone, TheDateIsTheWorksitesNotUtcs) {
  // 05:30 UTC on March 1 is still February 28 in Chicago (UTC-6 in winter).
  EXPECT_EQ(Day(CivilDateIn(At("2026-03-01T05:30:00Z"), "America/Chicago")), "2026-02-28");
  EXPECT_EQ(Day(CivilDateIn(At("2026-03-01T06:00:00Z"), "America/Chicago")), "2026-03-01");
  EXPECT_EQ(Day(CivilDateIn(At("2026-03-01T05:30:00Z"), "Asia/Tokyo")), "2026-03-01");
  EXPECT_EQ(Day(CivilDateIn(At("2026-02-28T15:30:00Z"), "Asia/Tokyo")), "2026-03-01");
  // Summer time: Chicago is UTC-5 in July.
  EXPECT_EQ(Day(CivilDateIn(At("2026-07-02T04:59:59Z"), "America/Chicago")), "2026-07-01");
}

TEST(TimeZone, NoZoneOrAnUnknownOneIsUtc) {
  EXPECT_EQ(Day(CivilDateIn(At("2026-03-01T05:30:00Z"), "")), "2026-03-01");
  EXPECT_EQ(Day(CivilDateIn(At("2026-03-01T05:30:00Z"), "Mars/Olympus_Mons")), "2026-03-01");
  EXPECT_EQ(Day(CivilDateIn(At("2026-03-01T05:30:00Z"), "../../etc/passwd")), "2026-03-01");
}

TEST(TimeZone, EndOfDayIsTheLastMillisecondOfTheLocalDay) {
  core::Date d = core::ParseIsoDate("2026-02-28", "d").value();
  EXPECT_EQ(core::FormatUtcInstant(EndOfDayIn(d, "America/Chicago") + 1), "2026-03-01T06:00:00Z");
  EXPECT_EQ(core::FormatUtcInstant(EndOfDayIn(d, "") + 1), "2026-03-01T00:00:00Z");
  // The day summer time starts in Chicago (2026-03-08) has 23 hours.
  core::Date spring = core::ParseIsoDate("2026-03-08", "d").value();
  EXPECT_EQ(EndOfDayIn(spring, "America/Chicago") - EndOfDayIn(core::ParseIsoDate("2026-03-07", "d").value(), "America/Chicago"),
            23LL * 3600 * 1000);
}

}  // namespace
}  // namespace hotshop::io
