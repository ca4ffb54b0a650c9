// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/first_contact (journeys J2.2, J3.1).
// Rules covered: R22 (intake -> assigned -> first contact; our
// interpretation: 48 hours without a first contact sends the request back
// to the queue; the SLA stops at the device time of the contact).
#include "core/first_contact.h"

#include <gtest/gtest.h>

namespace hotshop::core {
namespace {

constexpr int64_t kHour = 60 * 60 * 1000;
constexpr int64_t kT0 = 1'780'000'000'000;

// RULE R22 (J2.2): 48 h without contact -> overdue; a contact stops the clock.
TEST(FirstContact, OverdueAfterFortyEightHoursWithoutContact) {
  EXPECT_FALSE(FirstContactOverdue(kT0, std::nullopt, kT0 + 47 * kHour));
  EXPECT_TRUE(FirstContactOverdue(kT0, std::nullopt, kT0 + 48 * kHour));
  EXPECT_FALSE(FirstContactOverdue(kT0, kT0 + 50 * kHour, kT0 + 60 * kHour));
  EXPECT_TRUE(FirstContactOverdue(kT0, std::nullopt, kT0 + 2 * kHour, kHour));  // the window is a parameter
}

// RULE R22 (J3.1): the device time of the contact is believed, even when
// the note syncs much later.
TEST(FirstContact, DeviceTimeIsKeptWhenItSyncsLater) {
  Result<int64_t> t = CheckContactTime(kT0 + kHour, kT0, kT0 + 30 * kHour);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, kT0 + kHour);
  EXPECT_TRUE(CheckContactTime(kT0 + 2 * kHour + 60'000, kT0, kT0 + 2 * kHour).ok());  // small skew
}

// Incorrect usage: a clock in the future or before the assignment.
TEST(FirstContact, RefusesImpossibleDeviceTimes) {
  Result<int64_t> future = CheckContactTime(kT0 + kHour, kT0, kT0);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(future.error().field(), "contacted_at");
  Result<int64_t> before = CheckContactTime(kT0 - 1, kT0, kT0 + kHour);
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field(), "contacted_at");
}

}  // namespace
}  // namespace hotshop::core
