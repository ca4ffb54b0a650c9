// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/intake_sla.h"

#include <algorithm>

namespace hotshop::core {

const char* SlaBadgeName(SlaBadge b) {
  switch (b) {
    case SlaBadge::kGreen: return "green";
    case SlaBadge::kAmber: return "amber";
    case SlaBadge::kRed: return "red";
    case SlaBadge::kMet: return "met";
    case SlaBadge::kLate: return "late";
  }
  return "green";
}

SlaStatus IntakeSla(int64_t received_at_ms, std::optional<int64_t> first_contact_at_ms, int64_t now_ms,
                    int64_t sla_hours) {
  const int64_t target_ms = sla_hours * 3600 * 1000;
  SlaStatus s;
  s.due_at_ms = received_at_ms + target_ms;
  // RULE R22: the clock runs from the first request to the first contact.
  const int64_t end = first_contact_at_ms ? *first_contact_at_ms : now_ms;
  s.waited_ms = std::max<int64_t>(0, end - received_at_ms);
  if (first_contact_at_ms) {
    s.badge = s.waited_ms <= target_ms ? SlaBadge::kMet : SlaBadge::kLate;
    return s;
  }
  if (s.waited_ms > target_ms) {
    s.badge = SlaBadge::kRed;
    s.overdue = true;
  } else if (s.waited_ms >= target_ms / 2) {
    s.badge = SlaBadge::kAmber;
  } else {
    s.badge = SlaBadge::kGreen;
  }
  return s;
}

}  // namespace hotshop::core
