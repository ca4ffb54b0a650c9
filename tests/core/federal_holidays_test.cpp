// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/federal_holidays: the days the Regional Offices are closed,
// which R6's business-day deadlines skip.
#include "core/federal_holidays.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/election_timeline.h"

namespace hotshop::core {
namespace {

using namespace std::chrono;

TEST(FederalHolidays, ListsTheElevenObservedHolidaysOf2025) {
  std::vector<Date> h = ObservedFederalHolidays(2025y, 2025y);
  std::vector<Date> want = {2025y / January / 1,  2025y / January / 20, 2025y / February / 17, 2025y / May / 26,
                            2025y / June / 19,    2025y / July / 4,     2025y / September / 1, 2025y / October / 13,
                            2025y / November / 11, 2025y / November / 27, 2025y / December / 25};
  EXPECT_EQ(h, want);
}

TEST(FederalHolidays, WeekendHolidaysMoveToTheNearestWeekday) {
  std::vector<Date> h2026 = ObservedFederalHolidays(2026y, 2026y);
  // July 4, 2026 is a Saturday: observed Friday July 3.
  EXPECT_NE(std::find(h2026.begin(), h2026.end(), 2026y / July / 3), h2026.end());
  // June 19, 2027 is a Saturday: Friday June 18; Christmas 2027 is a
  // Saturday: Friday December 24; New Year's Day 2028 is a Saturday:
  // observed Friday December 31, 2027, listed with 2027.
  std::vector<Date> h2027 = ObservedFederalHolidays(2027y, 2027y);
  for (Date d : {2027y / June / 18, 2027y / December / 24, 2027y / December / 31}) {
    EXPECT_NE(std::find(h2027.begin(), h2027.end(), d), h2027.end());
  }
  EXPECT_EQ(h2027.size(), 12u);
  // No Juneteenth before 2021.
  EXPECT_EQ(ObservedFederalHolidays(2019y, 2019y).size(), 10u);
}

// RULE R6: objections are due 5 business days after the tally; Thanksgiving
// is not one of them.
TEST(FederalHolidays, ObjectionDeadlineSkipsThanksgiving) {
  std::vector<Date> h = ObservedFederalHolidays(2025y, 2026y);
  // Tally Monday 2025-11-24: Tue, Wed, (Thu holiday), Fri, Mon, Tue.
  EXPECT_EQ(ObjectionsDue(2025y / November / 24, h), 2025y / December / 2);
  EXPECT_EQ(ObjectionsDue(2025y / November / 24, {}), 2025y / December / 1);
}

}  // namespace
}  // namespace hotshop::core
