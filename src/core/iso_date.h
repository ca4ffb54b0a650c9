// SPDX-License-Identifier: AGPL-3.0-or-later
// ISO 8601 calendar dates ("2025-03-14") as the API and the database write
// them, to and from core::Date, and the UTC civil day of an instant. A legal
// date (a card's signing, a structure test's day) is stored as this text so
// that it sorts and compares as a string and never shifts with a time zone.
//
// Pure; thread-safe. Implements no rule by itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

// Parses exactly "YYYY-MM-DD" (4-digit year 1900..9999). Errors:
// InvalidInput(field, ...) for any other shape or a day that does not exist
// ("2023-02-30").
Result<Date> ParseIsoDate(std::string_view text, const std::string& field);

// "YYYY-MM-DD". REQUIRES: d.ok()
std::string FormatIsoDate(Date d);

// The UTC calendar day containing the instant (milliseconds since the Unix
// epoch; negative values are before 1970).
Date UtcDateOfMillis(int64_t ms);

// Midnight UTC at the start of d, in milliseconds since the Unix epoch.
// REQUIRES: d.ok()
int64_t MillisAtUtcMidnight(Date d);

// "YYYY-MM-DDTHH:MM:SSZ" of an instant, to the second (UTC).
std::string FormatUtcInstant(int64_t ms);

// Parses "YYYY-MM-DDTHH:MM:SSZ" (or with ".sss" before the Z) into
// milliseconds since the Unix epoch. Errors: InvalidInput(field, ...).
Result<int64_t> ParseUtcInstant(std::string_view text, const std::string& field);

}  // namespace hotshop::core
