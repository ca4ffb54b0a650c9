// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/referral (security-model.md §3 "Referral with consent",
// §4 #11; journeys J2.3).
#include "core/referral.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace hotshop::core {
namespace {

constexpr int64_t kDay = 24 * 60 * 60 * 1000;
constexpr int64_t kT0 = 1'780'000'000'000;

TEST(Referral, ConsentFieldsAreKnownUniqueAndOrdered) {
  std::vector<std::string_view> names = {"story", "name", "phone", "name"};
  Result<std::vector<ReferralField>> f = ParseConsentFields(names);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, (std::vector<ReferralField>{ReferralField::kName, ReferralField::kPhone, ReferralField::kStory}));
  for (ReferralField x : AllReferralFields()) EXPECT_EQ(ParseReferralField(ReferralFieldName(x)), x);
}

// Incorrect usage: consent to nothing, or to a field that does not exist
// (there is no immigration-status field to consent to: R41).
TEST(Referral, ConsentToNothingOrToUnknownFieldsIsRefused) {
  Result<std::vector<ReferralField>> none = ParseConsentFields({});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().field(), "fields");
  std::vector<std::string_view> bad = {"name", "immigration_status"};
  Result<std::vector<ReferralField>> r = ParseConsentFields(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message().find("immigration_status"), std::string::npos);
}

// §3: offers expire after 14 days (time is a parameter).
TEST(Referral, OffersExpireAfterFourteenDays) {
  EXPECT_EQ(EffectiveReferralState(ReferralState::kOffered, kT0, kT0 + 14 * kDay - 1), ReferralState::kOffered);
  EXPECT_EQ(EffectiveReferralState(ReferralState::kOffered, kT0, kT0 + 14 * kDay), ReferralState::kExpired);
  // An accepted referral does not expire.
  EXPECT_EQ(EffectiveReferralState(ReferralState::kAccepted, kT0, kT0 + 400 * kDay), ReferralState::kAccepted);
}

TEST(Referral, StateChanges) {
  using S = ReferralState;
  EXPECT_TRUE(CheckReferralChange(S::kOffered, S::kAccepted).ok());
  EXPECT_TRUE(CheckReferralChange(S::kOffered, S::kDeclined).ok());
  EXPECT_TRUE(CheckReferralChange(S::kOffered, S::kWithdrawn).ok());
  EXPECT_TRUE(CheckReferralChange(S::kAccepted, S::kWithdrawn).ok());
  Status late = CheckReferralChange(S::kExpired, S::kAccepted);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(late.error().field(), "state");
  EXPECT_FALSE(CheckReferralChange(S::kWithdrawn, S::kAccepted).ok());
  EXPECT_FALSE(CheckReferralChange(S::kDeclined, S::kAccepted).ok());
}

// J2.3 Never: fields before acceptance; §4 #11: nothing after withdrawal.
TEST(Referral, PartnerSeesTheCardThenTheFieldsThenNothing) {
  EXPECT_EQ(PartnerMaySee(ReferralState::kOffered), PartnerView::kAnonymousCard);
  EXPECT_EQ(PartnerMaySee(ReferralState::kAccepted), PartnerView::kConsentedFields);
  EXPECT_EQ(PartnerMaySee(ReferralState::kWithdrawn), PartnerView::kNothing);
  EXPECT_EQ(PartnerMaySee(ReferralState::kExpired), PartnerView::kNothing);
  EXPECT_EQ(PartnerMaySee(ReferralState::kDeclined), PartnerView::kNothing);
}

TEST(Referral, ChannelsRoundTrip) {
  EXPECT_EQ(ParseConsentChannel("in_person"), ConsentChannel::kInPerson);
  EXPECT_EQ(ParseConsentChannel("web_form"), ConsentChannel::kWebForm);
  EXPECT_FALSE(ParseConsentChannel("carrier_pigeon").has_value());
}

}  // namespace
}  // namespace hotshop::core
