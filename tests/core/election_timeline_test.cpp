// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/election_timeline.
// Rules covered: R6 (2023 election rule: hearing ~8 days after notice,
// Statement of Position noon the business day before, voter list 2
// business days after the direction of election, objections 5 business
// days after the tally; median days to an election).
#include "core/election_timeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

const std::vector<Date> kNoHolidays;
const std::vector<Date> kHolidays = {2024y / June / 19, 2024y / July / 4,
                                     2024y / November / 28,
                                     2025y / January / 20};

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R6: the hearing opens 8 calendar days after notice.
TEST(ElectionTimeline, HearingOpensEightCalendarDaysAfterNotice) {
  EXPECT_EQ(HearingOpens(2024y / June / 3, kNoHolidays), 2024y / June / 11);
}

// RULE R6: a hearing day on a holiday or weekend moves to the next
// business day.
TEST(ElectionTimeline, HearingOnAHolidayOrWeekendMovesToNextBusinessDay) {
  // Wed 2024-11-20 + 8 = Thanksgiving -> Friday.
  EXPECT_EQ(HearingOpens(2024y / November / 20, kHolidays),
            2024y / November / 29);
  // Fri 2025-01-10 + 8 = Saturday; Monday is MLK Day -> Tuesday.
  EXPECT_EQ(HearingOpens(2025y / January / 10, kHolidays),
            2025y / January / 21);
}

// RULE R6: the 8 days are a parameter.
TEST(ElectionTimeline, HearingDelayIsAParameter) {
  EXPECT_EQ(HearingOpens(2024y / June / 3, kNoHolidays, days{10}),
            2024y / June / 13);
}

// RULE R6: the Statement of Position is due at noon the business day
// before the hearing.
TEST(ElectionTimeline, StatementOfPositionDueNoonTheBusinessDayBefore) {
  EXPECT_EQ(StatementOfPositionDue(2024y / June / 11, kNoHolidays),
            2024y / June / 10);
  // Hearing Tue 2025-01-21 after MLK Monday -> Friday 2025-01-17.
  EXPECT_EQ(StatementOfPositionDue(2025y / January / 21, kHolidays),
            2025y / January / 17);
  EXPECT_EQ(kStatementOfPositionDueHour, hours{12});
}

// RULE R6: the voter list is due 2 business days after the direction.
TEST(ElectionTimeline, VoterListDueTwoBusinessDaysAfterDirection) {
  EXPECT_EQ(VoterListDue(2024y / June / 13, kNoHolidays), 2024y / June / 17);
  // Mon 2024-06-17 + 2, skipping Juneteenth -> Thursday.
  EXPECT_EQ(VoterListDue(2024y / June / 17, kHolidays), 2024y / June / 20);
}

// RULE R6: objections are due 5 business days after the tally.
TEST(ElectionTimeline, ObjectionsDueFiveBusinessDaysAfterTally) {
  // Fri 2024-06-28: Jul 1, 2, 3, (4th off), 5, 8.
  EXPECT_EQ(ObjectionsDue(2024y / June / 28, kHolidays), 2024y / July / 8);
}

// RULE R6: medians: 24 days to an election, 34 with a hearing.
TEST(ElectionTimeline, TypicalElectionUsesTheMedians) {
  EXPECT_EQ(TypicalElectionDate(2024y / June / 1, false), 2024y / June / 25);
  EXPECT_EQ(TypicalElectionDate(2024y / June / 1, true), 2024y / July / 5);
}

// RULE R6: a case's deadlines appear as its events happen.
TEST(ElectionTimeline, DeadlinesAppearAsEventsHappen) {
  ElectionEvents e;
  e.petition_filed = 2024y / May / 29;
  Result<ElectionDeadlines> early = ComputeElectionDeadlines(e, kHolidays);
  ASSERT_TRUE(early.ok());
  EXPECT_FALSE(early->hearing_opens.has_value());
  EXPECT_FALSE(early->voter_list_due.has_value());
  EXPECT_EQ(early->typical_election, 2024y / June / 22);

  e.notice_of_hearing_served = 2024y / June / 3;
  e.direction_of_election = 2024y / June / 17;
  e.tally = 2024y / June / 28;
  Result<ElectionDeadlines> all = ComputeElectionDeadlines(e, kHolidays);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->hearing_opens, 2024y / June / 11);
  EXPECT_EQ(all->statement_of_position_due, 2024y / June / 10);
  EXPECT_EQ(all->voter_list_due, 2024y / June / 20);
  EXPECT_EQ(all->objections_due, 2024y / July / 8);
  EXPECT_EQ(all->typical_election, 2024y / July / 2);
}

// ---- incorrect usage ----

// RULE R6: the 2023 rule applies from 2023-12-26 only.
TEST(ElectionTimeline, PetitionBeforeTheRuleIsAnError) {
  ElectionEvents e;
  e.petition_filed = 2023y / December / 22;
  ExpectInvalid(ComputeElectionDeadlines(e, kNoHolidays), "petition_filed");
  e.petition_filed = kElectionRule2023Effective;
  EXPECT_TRUE(ComputeElectionDeadlines(e, kNoHolidays).ok());
}

TEST(ElectionTimeline, UnsetPetitionDateIsAnError) {
  ExpectInvalid(ComputeElectionDeadlines(ElectionEvents{}, kNoHolidays),
                "petition_filed");
}

TEST(ElectionTimeline, EventsOutOfOrderAreErrors) {
  ElectionEvents e;
  e.petition_filed = 2024y / June / 1;
  e.notice_of_hearing_served = 2024y / May / 30;
  ExpectInvalid(ComputeElectionDeadlines(e, kNoHolidays),
                "notice_of_hearing_served");
  e.notice_of_hearing_served.reset();
  e.direction_of_election = 2024y / June / 20;
  e.tally = 2024y / June / 19;
  ExpectInvalid(ComputeElectionDeadlines(e, kNoHolidays), "tally");
}

TEST(ElectionTimeline, BadHolidayAndNegativeDelayAreErrors) {
  ElectionEvents e;
  e.petition_filed = 2024y / June / 1;
  const std::vector<Date> bad = {2024y / July / 4, 2024y / November / 31};
  ExpectInvalid(ComputeElectionDeadlines(e, bad), "holidays[1]");
  ExpectInvalid(ComputeElectionDeadlines(e, kNoHolidays, days{-1}),
                "hearing_after");
}

}  // namespace
}  // namespace hotshop::core
