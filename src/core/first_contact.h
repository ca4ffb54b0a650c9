// SPDX-License-Identifier: AGPL-3.0-or-later
// First contact after a match: how long an organizer has to reach the
// worker before the request goes back to the queue, and which device time
// of a logged contact hotshop believes (issue #5; journeys J2.2, J3.1).
//
// Pure; thread-safe. Times are milliseconds since the Unix epoch, UTC.
//
// RULE R22 [S26]: EWOC model: ... volunteer contacts, assesses, matches an
//   organizer. (UNVERIFIED) Our milestones: intake -> assigned -> first
//   contact -> ... Interpretation (J2.2): an organizer who has not logged a
//   first contact 48 hours after being assigned loses the request: it goes
//   back to the dispatchers' queue, with its history and a reminder. The
//   window is a parameter (issue #5: "default: first human contact within
//   48 hours").
#pragma once

#include <cstdint>
#include <optional>

#include "core/result.h"

namespace hotshop::core {

inline constexpr int64_t kFirstContactWindowMs = int64_t{48} * 60 * 60 * 1000;
// How far ahead of the server's clock a phone's clock may run before hotshop
// refuses its time for a contact (phones are set by the network; 5 minutes
// covers the rest).
inline constexpr int64_t kDeviceClockSkewMs = int64_t{5} * 60 * 1000;

// R22 (J2.2): true when assigned_at + window has passed and no first
// contact was logged before it. A contact logged at any time stops the clock.
bool FirstContactOverdue(int64_t assigned_at_ms, std::optional<int64_t> first_contact_at_ms, int64_t now_ms,
                         int64_t window_ms = kFirstContactWindowMs);

// The time the SLA clock stops for a contact the organizer's device says
// happened at device_ms (J3.1: "the SLA stops at the device time of the
// contact", even when the note syncs hours later). Errors (field
// "contacted_at"): before the assignment (the phone's clock is wrong, or the
// note is for another request), or more than kDeviceClockSkewMs after
// now_ms (a clock in the future).
Result<int64_t> CheckContactTime(int64_t device_ms, int64_t assigned_at_ms, int64_t now_ms);

}  // namespace hotshop::core
