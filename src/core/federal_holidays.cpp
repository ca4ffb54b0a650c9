// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/federal_holidays.h"

#include <algorithm>

namespace hotshop::core {
namespace {

using namespace std::chrono;

// The n-th weekday of a month (n = 1..4), or the last one (n = -1).
Date NthWeekday(year y, month m, weekday wd, int n) {
  if (n > 0) return Date{sys_days{year_month_weekday{y, m, wd[static_cast<unsigned>(n)]}}};
  return Date{sys_days{year_month_weekday_last{y, m, weekday_last{wd}}}};
}

// RULE R6 (business days): a Saturday holiday is observed on Friday, a
// Sunday one on Monday.
Date Observed(Date d) {
  weekday wd{sys_days{d}};
  if (wd == Saturday) return AddDays(d, days{-1});
  if (wd == Sunday) return AddDays(d, days{1});
  return d;
}

}  // namespace

std::vector<Date> ObservedFederalHolidays(year first, year last) {
  std::vector<Date> out;
  // One year past the range: its New Year's Day may be observed on the
  // last day of the range.
  for (year y = first; y <= last + years{1}; ++y) {
    std::vector<Date> ys = {
        Observed(Date{y, January, day{1}}),
        NthWeekday(y, January, Monday, 3),
        NthWeekday(y, February, Monday, 3),
        NthWeekday(y, May, Monday, -1),
        Observed(Date{y, July, day{4}}),
        NthWeekday(y, September, Monday, 1),
        NthWeekday(y, October, Monday, 2),
        Observed(Date{y, November, day{11}}),
        NthWeekday(y, November, Thursday, 4),
        Observed(Date{y, December, day{25}}),
    };
    if (y >= year{2021}) ys.push_back(Observed(Date{y, June, day{19}}));
    for (const Date& d : ys) {
      if (d.year() >= first && d.year() <= last) out.push_back(d);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace hotshop::core
