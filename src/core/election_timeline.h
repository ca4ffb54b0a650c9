// SPDX-License-Identifier: AGPL-3.0-or-later
// Election timeline: the deadlines of an NLRB representation case under
// the 2023 election rule, from the dates the Region acts. Business days
// are Monday to Friday minus the holidays the caller passes (federal
// holidays; they are data, kept at the edge).
//
// Pure; thread-safe.
//
// RULE R6 [S6][S7][S9]: 2023 election rule (effective 2023-12-26): hearing
//   opens ~8 calendar days after notice; employer Statement of Position due
//   noon the business day before; voter list due 2 business days after
//   direction of election; objections due 5 business days after the tally.
//   Median petition->election: 38 days before 2015, 24 days after the 2014
//   rule (34 with a hearing).
//   Interpretation: when notice + 8 days is not a business day the hearing
//   is set for the next business day (our reading of 29 CFR 102.63(a)(1));
//   the 8 days are a parameter. The Regional Director can postpone; these
//   are the default dates, to be replaced by the dates the Region sets.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

// R6: the rule applies to petitions filed on or after this date.
inline constexpr Date kElectionRule2023Effective{
    std::chrono::year{2023}, std::chrono::December, std::chrono::day{26}};

// R6: the Statement of Position is due at noon, Regional Office local time.
inline constexpr std::chrono::hours kStatementOfPositionDueHour{12};

// R6 [S9]: medians from petition to election, for planning estimates only.
inline constexpr std::chrono::days kMedianDaysToElection{24};
inline constexpr std::chrono::days kMedianDaysToElectionWithHearing{34};

// R6: the default hearing date: notice_served + hearing_after calendar
// days, moved to the next business day if that is a weekend or holiday.
// REQUIRES: notice_served.ok(), hearing_after >= 0 days
Date HearingOpens(Date notice_served, std::span<const Date> holidays,
                  std::chrono::days hearing_after = std::chrono::days{8});

// R6: the Statement of Position is due at noon
// (kStatementOfPositionDueHour) on the business day before the hearing.
// REQUIRES: hearing_opens.ok()
Date StatementOfPositionDue(Date hearing_opens, std::span<const Date> holidays);

// R6: the employer's voter list is due 2 business days after the direction
// of election (or approval of an election agreement).
// REQUIRES: direction_of_election.ok()
Date VoterListDue(Date direction_of_election, std::span<const Date> holidays);

// R6: objections to the election are due 5 business days after the tally.
// REQUIRES: tally.ok()
Date ObjectionsDue(Date tally, std::span<const Date> holidays);

// R6 [S9]: petition + the median days to an election; an estimate for
// planning, never a deadline. REQUIRES: petition_filed.ok()
Date TypicalElectionDate(Date petition_filed, bool with_hearing);

// The dates known so far in one case; later ones are absent until they
// happen.
struct ElectionEvents {
  Date petition_filed{};  // value-initialized: not ok() until set
  std::optional<Date> notice_of_hearing_served;
  std::optional<Date> direction_of_election;  // or election agreement approved
  std::optional<Date> tally;                  // ballots counted
};

// Each deadline is present when the event it runs from is known.
struct ElectionDeadlines {
  std::optional<Date> hearing_opens;
  std::optional<Date> statement_of_position_due;  // at noon, Region's time
  std::optional<Date> voter_list_due;
  std::optional<Date> objections_due;
  Date typical_election{};  // estimate: median with a hearing if one is noticed
};

// All deadlines for a case. Fails with InvalidInput naming the field when a
// date is not a real date ("petition_filed", "holidays[i]", ...), when the
// petition predates kElectionRule2023Effective ("petition_filed": the 2019
// rule's deadlines differ), when an event precedes the petition or the
// tally precedes the direction of election, or when hearing_after < 0.
Result<ElectionDeadlines> ComputeElectionDeadlines(
    const ElectionEvents& events, std::span<const Date> holidays,
    std::chrono::days hearing_after = std::chrono::days{8});

}  // namespace hotshop::core
