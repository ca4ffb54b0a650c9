// SPDX-License-Identifier: AGPL-3.0-or-later
// Civil dates in a worksite's time zone, at the edge (style.md: src/core
// takes "today" as a parameter and never reads a clock or a zone database).
// A card signed "today" in Honolulu at 9 pm is dated the day before it
// already is in UTC: staleness (R3), deadlines and structure tests count
// days where the workers are. The zones are the system's IANA database
// (/usr/share/zoneinfo), read by Howard Hinnant's date/tz.
//
// Thread rule: safe from many threads (the database is loaded once).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/civil_date.h"

namespace hotshop::io {

// The civil date at instant ms (Unix epoch milliseconds) in the IANA zone
// (e.g. "America/Chicago"); "" or a zone the system does not know gives the
// UTC date.
core::Date CivilDateIn(int64_t ms, std::string_view zone);

// The last instant (ms) of civil date d in the zone (23:59:59.999 local;
// the UTC day's end for "" or an unknown zone): "as of that day".
// REQUIRES: d.ok()
int64_t EndOfDayIn(core::Date d, std::string_view zone);

}  // namespace hotshop::io
