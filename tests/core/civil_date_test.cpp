// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/civil_date: the calendar arithmetic under the deadline
// rules (R6, R10-R15 use it). Covers no rule by itself.
#include "core/civil_date.h"

#include <gtest/gtest.h>

#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

TEST(CivilDate, AddMonthsClampsToTheEndOfAShorterMonth) {
  EXPECT_EQ(AddMonthsClamped(2024y / August / 31, months{6}),
            2025y / February / 28);
  EXPECT_EQ(AddMonthsClamped(2023y / August / 31, months{6}),
            2024y / February / 29);
  EXPECT_EQ(AddMonthsClamped(2024y / March / 31, months{-1}),
            2024y / February / 29);
  EXPECT_EQ(AddMonthsClamped(2024y / January / 15, months{12}),
            2025y / January / 15);
}

TEST(CivilDate, AddYearsClampsLeapDay) {
  EXPECT_EQ(AddYearsClamped(2024y / February / 29, years{1}),
            2025y / February / 28);
  EXPECT_EQ(AddYearsClamped(2024y / February / 29, years{4}),
            2028y / February / 29);
}

TEST(CivilDate, DaysFromIsSignedAndCrossesYears) {
  EXPECT_EQ(DaysFrom(2024y / December / 30, 2025y / January / 2), days{3});
  EXPECT_EQ(DaysFrom(2025y / January / 2, 2024y / December / 30), days{-3});
  EXPECT_EQ(AddDays(2024y / February / 28, days{1}), 2024y / February / 29);
}

TEST(CivilDate, WeekendsAndHolidaysAreNotBusinessDays) {
  const std::vector<Date> holidays = {2024y / July / 4};
  EXPECT_TRUE(IsBusinessDay(2024y / July / 3, holidays));   // Wednesday
  EXPECT_FALSE(IsBusinessDay(2024y / July / 4, holidays));  // holiday
  EXPECT_FALSE(IsBusinessDay(2024y / July / 6, holidays));  // Saturday
  EXPECT_FALSE(IsBusinessDay(2024y / July / 7, holidays));  // Sunday
}

TEST(CivilDate, AddBusinessDaysSkipsWeekendsAndHolidays) {
  const std::vector<Date> none;
  // Thursday + 2 business days = Monday.
  EXPECT_EQ(AddBusinessDays(2024y / June / 13, 2, none), 2024y / June / 17);
  // Monday - 1 business day = Friday.
  EXPECT_EQ(AddBusinessDays(2024y / June / 17, -1, none), 2024y / June / 14);
  const std::vector<Date> july4 = {2024y / July / 4};
  EXPECT_EQ(AddBusinessDays(2024y / July / 3, 1, july4), 2024y / July / 5);
  EXPECT_EQ(AddBusinessDays(2024y / July / 6, 0, july4), 2024y / July / 6);
}

TEST(CivilDate, OnOrNextBusinessDayMovesOffWeekends) {
  const std::vector<Date> mlk = {2025y / January / 20};
  EXPECT_EQ(OnOrNextBusinessDay(2025y / January / 18, mlk),
            2025y / January / 21);
  EXPECT_EQ(OnOrNextBusinessDay(2025y / January / 17, mlk),
            2025y / January / 17);
}

// ---- incorrect usage ----

TEST(CivilDate, ValidateDateNamesTheField) {
  Status s = ValidateDate(2023y / February / 30, "as_of");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().field(), "as_of");
  EXPECT_TRUE(ValidateDate(2024y / February / 29, "as_of").ok());
}

TEST(CivilDate, ValidateDatesNamesTheBadEntry) {
  const std::vector<Date> dates = {2024y / July / 4, 2024y / April / 31};
  Status s = ValidateDates(dates, "holidays");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "holidays[1]");
}

}  // namespace
}  // namespace hotshop::core
