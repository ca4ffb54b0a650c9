// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/civil_date.h"

#include <algorithm>

namespace hotshop::core {

namespace {

bool IsWeekend(Date d) {
  const std::chrono::weekday wd{std::chrono::sys_days{d}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

Status ValidateDate(Date d, const std::string& field) {
  if (!d.ok())
    return Error::InvalidInput(field, "is not a valid calendar date");
  return Ok();
}

Status ValidateDates(std::span<const Date> dates, const std::string& field) {
  for (std::size_t i = 0; i < dates.size(); ++i) {
    if (!dates[i].ok()) {
      return Error::InvalidInput(field + "[" + std::to_string(i) + "]",
                                 "is not a valid calendar date");
    }
  }
  return Ok();
}

Date AddDays(Date d, std::chrono::days n) {
  return Date{std::chrono::sys_days{d} + n};
}

std::chrono::days DaysFrom(Date from, Date to) {
  return std::chrono::sys_days{to} - std::chrono::sys_days{from};
}

Date AddMonthsClamped(Date d, std::chrono::months n) {
  Date moved = d + n;  // year_month_day + months keeps the day, maybe invalid
  if (moved.ok()) return moved;
  return Date{moved.year() / moved.month() / std::chrono::last};
}

Date AddYearsClamped(Date d, std::chrono::years n) {
  Date moved = d + n;
  if (moved.ok()) return moved;
  return Date{moved.year() / moved.month() / std::chrono::last};
}

bool IsBusinessDay(Date d, std::span<const Date> holidays) {
  if (IsWeekend(d)) return false;
  return std::find(holidays.begin(), holidays.end(), d) == holidays.end();
}

Date AddBusinessDays(Date d, int64_t n, std::span<const Date> holidays) {
  const std::chrono::days step{n < 0 ? -1 : 1};
  int64_t remaining = n < 0 ? -n : n;
  Date at = d;
  while (remaining > 0) {
    at = AddDays(at, step);
    if (IsBusinessDay(at, holidays)) --remaining;
  }
  return at;
}

Date OnOrNextBusinessDay(Date d, std::span<const Date> holidays) {
  Date at = d;
  while (!IsBusinessDay(at, holidays)) at = AddDays(at, std::chrono::days{1});
  return at;
}

}  // namespace hotshop::core
