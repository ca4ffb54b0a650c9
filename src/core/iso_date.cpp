// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/iso_date.h"

#include <charconv>
#include <cstdio>

namespace hotshop::core {
namespace {

// Digits at [pos, pos+n) as a number, or -1.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

constexpr int64_t kMsPerDay = 86'400'000;

// Floor division, so instants before 1970 land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

Result<Date> ParseIsoDate(std::string_view s, const std::string& field) {
  const Error bad = Error::InvalidInput(field, field + " must be a date written YYYY-MM-DD, like 2025-03-14");
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return bad;
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 1900 || m < 0 || d < 0) return bad;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return Error::InvalidInput(field, field + " is not a day of the calendar (" + std::string(s) + ")");
  return date;
}

std::string FormatIsoDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

Date UtcDateOfMillis(int64_t ms) {
  return Date{std::chrono::sys_days{std::chrono::days{FloorDiv(ms, kMsPerDay)}}};
}

int64_t MillisAtUtcMidnight(Date d) {
  return static_cast<int64_t>(std::chrono::sys_days{d}.time_since_epoch().count()) * kMsPerDay;
}

std::string FormatUtcInstant(int64_t ms) {
  Date d = UtcDateOfMillis(ms);
  int64_t in_day = ms - MillisAtUtcMidnight(d);
  int64_t secs = in_day / 1000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", FormatIsoDate(d).c_str(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

Result<int64_t> ParseUtcInstant(std::string_view s, const std::string& field) {
  const Error bad =
      Error::InvalidInput(field, field + " must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, like 2025-03-14T16:05:00Z");
  if (s.size() < 20 || s[10] != 'T' || s.back() != 'Z') return bad;
  Result<Date> d = ParseIsoDate(s.substr(0, 10), field);
  if (!d) return bad;
  int hh = Digits(s, 11, 2), mm = Digits(s, 14, 2), ss = Digits(s, 17, 2);
  if (s[13] != ':' || s[16] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return bad;
  int64_t frac = 0;
  if (s.size() > 20) {
    // ".sss" milliseconds, exactly three digits.
    if (s.size() != 24 || s[19] != '.') return bad;
    int f = Digits(s, 20, 3);
    if (f < 0) return bad;
    frac = f;
  }
  return MillisAtUtcMidnight(*d) + ((hh * 60 + mm) * 60 + ss) * int64_t{1000} + frac;
}

}  // namespace hotshop::core
