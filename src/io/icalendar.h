// SPDX-License-Identifier: AGPL-3.0-or-later
// iCalendar (RFC 5545) text for a feed of all-day events: one VCALENDAR
// with a VEVENT per event, CRLF line ends, content lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped (\\ \; \, \n).
//
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"

namespace hotshop::io {

struct CalendarEvent {
  std::string uid;      // stable across fetches ("ten_b-<charge id>@hotshop")
  core::Date date{};    // all-day: DTSTART;VALUE=DATE, DTEND the next day
  std::string summary;  // plain text; escaped here
  std::string description;  // "" = no DESCRIPTION
};

// The whole calendar. calendar_name becomes X-WR-CALNAME; dtstamp_ms is
// the DTSTAMP of every event (the time of the fetch, UTC).
// REQUIRES: each date ok().
std::string WriteICalendar(std::string_view calendar_name, const std::vector<CalendarEvent>& events,
                           int64_t dtstamp_ms);

// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped; other
// control characters dropped.
std::string EscapeICalText(std::string_view text);

// RFC 5545 §3.1: one content line, folded at 75 octets with CRLF + space,
// ending in CRLF.
std::string FoldICalLine(std::string_view line);

}  // namespace hotshop::io
