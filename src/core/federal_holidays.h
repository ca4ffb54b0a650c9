// SPDX-License-Identifier: AGPL-3.0-or-later
// US federal holidays (5 U.S.C. 6103) as observed by federal offices: the
// days the NLRB's Regional Offices are closed, which the business-day
// deadlines of the election rule skip (R6: Statement of Position, voter
// list, objections). A holiday on a Saturday is observed the Friday before,
// one on a Sunday the Monday after (Executive Order 11582).
//
// Pure; thread-safe. Days the President closes offices by executive order
// (e.g. a day after Christmas) are not predictable and are not listed: the
// caller may add them.
#pragma once

#include <chrono>
#include <vector>

#include "core/civil_date.h"

namespace hotshop::core {

// The observed federal holidays of each year from first to last
// (inclusive), in date order: New Year's Day, Martin Luther King Jr.'s
// Birthday, Washington's Birthday, Memorial Day, Juneteenth (from 2021),
// Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving and
// Christmas. A New Year's Day on a Saturday is observed on December 31 of
// the year before, and listed with that year.
std::vector<Date> ObservedFederalHolidays(std::chrono::year first, std::chrono::year last);

}  // namespace hotshop::core
