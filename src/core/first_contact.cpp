// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/first_contact.h"

namespace hotshop::core {

bool FirstContactOverdue(int64_t assigned_at_ms, std::optional<int64_t> first_contact_at_ms, int64_t now_ms,
                         int64_t window_ms) {
  if (first_contact_at_ms) return false;
  return now_ms >= assigned_at_ms + window_ms;
}

Result<int64_t> CheckContactTime(int64_t device_ms, int64_t assigned_at_ms, int64_t now_ms) {
  if (device_ms > now_ms + kDeviceClockSkewMs) {
    return Error::InvalidInput("contacted_at", "the contact time is in the future: check the phone's clock");
  }
  if (device_ms < assigned_at_ms) {
    return Error::InvalidInput("contacted_at",
                               "the contact time is before this request was assigned to you: check the phone's clock");
  }
  return device_ms;
}

}  // namespace hotshop::core
