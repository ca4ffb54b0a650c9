// SPDX-License-Identifier: AGPL-3.0-or-later
// The intake service-level timer: how long a worker has waited for a first
// human contact, and the badge the triage queue shows (journeys J2.1:
// green < 24 h, amber, red > 48 h with the default 48-hour target).
//
// Pure; thread-safe.
//
// RULE R22 [S26]: a short intake form feeds a central sheet -> a volunteer
//   contacts the worker ... Interpretation (issue #5): the measure is the
//   time from the FIRST request (a repeat request never resets it, J1.2) to
//   the first human contact. With a per-org target of S hours: green below
//   S/2, amber from S/2 to S, red past S (overdue). Once a first contact is
//   recorded the clock stops: "met" when it came within S, else "late".
#pragma once

#include <cstdint>
#include <optional>

namespace hotshop::core {

enum class SlaBadge { kGreen, kAmber, kRed, kMet, kLate };

// "green", "amber", "red", "met", "late".
const char* SlaBadgeName(SlaBadge b);

struct SlaStatus {
  SlaBadge badge = SlaBadge::kGreen;
  int64_t waited_ms = 0;   // to the first contact, or to now
  int64_t due_at_ms = 0;   // received + S hours
  bool overdue = false;    // no first contact and past due
};

// REQUIRES: sla_hours > 0. A first contact or a now before received_at
// counts as no wait (clocks of phones differ).
SlaStatus IntakeSla(int64_t received_at_ms, std::optional<int64_t> first_contact_at_ms, int64_t now_ms,
                    int64_t sla_hours);

}  // namespace hotshop::core
