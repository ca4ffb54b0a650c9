// SPDX-License-Identifier: AGPL-3.0-or-later
// Civil dates: the calendar arithmetic every deadline and bar is built on.
// A legal date (card signed, ballots cast, contract expires) is a
// std::chrono::year_month_day with no time zone; "business day" means
// Monday to Friday and not in a caller-supplied holiday list (federal
// holidays are data at the edge, not constants here).
//
// Pure; thread-safe. Implements no rule by itself; the rule files
// (election_timeline, election_bars, ulp_deadline, ...) cite theirs.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "core/result.h"

namespace hotshop::core {

using Date = std::chrono::year_month_day;

// InvalidInput(field, ...) unless d.ok() (a real day, e.g. not 2023-02-30).
Status ValidateDate(Date d, const std::string& field);

// InvalidInput naming field[i] for the first holiday that is not ok().
Status ValidateDates(std::span<const Date> dates, const std::string& field);

// d moved by n calendar days (n may be negative).
// REQUIRES: d.ok()
Date AddDays(Date d, std::chrono::days n);

// Calendar days from `from` to `to`: positive when to is later.
// REQUIRES: from.ok() && to.ok()
std::chrono::days DaysFrom(Date from, Date to);

// d moved by n calendar months, keeping the day of month; when the target
// month is shorter the result is clamped to its last day
// (2024-08-31 + 6 months = 2025-02-28). Clamping never moves a deadline
// later than the month it lands in, which is the cautious choice.
// REQUIRES: d.ok()
Date AddMonthsClamped(Date d, std::chrono::months n);

// d moved by n years; Feb 29 clamps to Feb 28 in a common year.
// REQUIRES: d.ok()
Date AddYearsClamped(Date d, std::chrono::years n);

// True when d is Monday to Friday and not listed in holidays.
// REQUIRES: d.ok()
bool IsBusinessDay(Date d, std::span<const Date> holidays);

// The n-th business day after d, not counting d itself (n = 2 on a
// Thursday with no holidays is the next Monday). n < 0 counts backwards;
// n = 0 returns d unchanged even if d is not a business day.
// REQUIRES: d.ok()
Date AddBusinessDays(Date d, int64_t n, std::span<const Date> holidays);

// d itself when it is a business day, else the next business day.
// REQUIRES: d.ok()
Date OnOrNextBusinessDay(Date d, std::span<const Date> holidays);

}  // namespace hotshop::core
