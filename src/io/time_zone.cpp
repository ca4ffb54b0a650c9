// SPDX-License-Identifier: AGPL-3.0-or-later
// Debian's libdate-tz is built against the system's zone files with these
// settings (its CMake target's interface definitions); every file that
// includes date/tz.h must use the same ones.
#define USE_OS_TZDB 1
#define HAS_STRING_VIEW 1
#define ONLY_C_LOCALE 1
#include "io/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

namespace hotshop::io {
namespace {

const date::time_zone* Zone(std::string_view zone) {
  if (zone.empty()) return nullptr;
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    return nullptr;  // not in the system's database: UTC
  }
}

}  // namespace

core::Date CivilDateIn(int64_t ms, std::string_view zone) {
  using std::chrono::milliseconds;
  const date::sys_time<milliseconds> t{milliseconds{ms}};
  int64_t day;  // days since 1970-01-01 on the zone's calendar
  if (const date::time_zone* z = Zone(zone)) {
    day = date::floor<date::days>(z->to_local(t)).time_since_epoch().count();
  } else {
    day = date::floor<date::days>(t).time_since_epoch().count();
  }
  return core::Date{std::chrono::sys_days{std::chrono::days{day}}};
}

int64_t EndOfDayIn(core::Date d, std::string_view zone) {
  using std::chrono::milliseconds;
  constexpr int64_t kDayMs = 86'400'000;
  const int64_t next = std::chrono::sys_days{d}.time_since_epoch().count() + 1;  // the following day
  if (const date::time_zone* z = Zone(zone)) {
    // The first instant of the next local day, less 1 ms (a DST gap or
    // overlap at midnight resolves to the earliest such instant).
    const date::local_time<milliseconds> start{milliseconds{next * kDayMs}};
    return z->to_sys(start, date::choose::earliest).time_since_epoch().count() - 1;
  }
  return next * kDayMs - 1;
}

}  // namespace hotshop::io
