// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/legal_codes and the shared deadline warning.
// Rules covered: R15 (warn at 30/14/7 days), R16 (every kind has a code),
// R17 (every stage has a code that parses back).
#include "core/legal_codes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hotshop::core {
namespace {

// RULE R15: 30, 14 and 7 days or fewer; the deadline day is 0 days left.
TEST(DeadlineWarning, ThresholdsAtThirtyFourteenAndSevenDays) {
  EXPECT_EQ(WarningForDaysLeft(31), DeadlineWarning::kNone);
  EXPECT_EQ(WarningForDaysLeft(30), DeadlineWarning::kThirtyDays);
  EXPECT_EQ(WarningForDaysLeft(20), DeadlineWarning::kThirtyDays);
  EXPECT_EQ(WarningForDaysLeft(15), DeadlineWarning::kThirtyDays);
  EXPECT_EQ(WarningForDaysLeft(14), DeadlineWarning::kFourteenDays);
  EXPECT_EQ(WarningForDaysLeft(8), DeadlineWarning::kFourteenDays);
  EXPECT_EQ(WarningForDaysLeft(7), DeadlineWarning::kSevenDays);
  EXPECT_EQ(WarningForDaysLeft(0), DeadlineWarning::kSevenDays);
  EXPECT_EQ(WarningForDaysLeft(-1), DeadlineWarning::kPassed);
  EXPECT_STREQ(DeadlineWarningCode(WarningForDaysLeft(20)), "30_days");
}

// RULE R15: CheckTenB and the shared thresholds agree.
TEST(DeadlineWarning, TenBUsesTheSameThresholds) {
  using namespace std::chrono;
  Date ulp = 2025y / January / 15;  // deadline 2025-07-15
  for (int before : {40, 30, 14, 7, 0}) {
    Date as_of = AddDays(2025y / July / 15, days{-before});
    Result<TenBDeadline> d = CheckTenB(ulp, as_of);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->days_left, before);
    EXPECT_EQ(d->warning, WarningForDaysLeft(before));
  }
}

// RULE R16, R17: every value has its own code and parses back.
TEST(LegalCodes, EveryKindAndStageRoundTrips) {
  std::set<std::string> seen;
  for (int k = 0; k <= static_cast<int>(UlpKind::kRefusalToBargain); ++k) {
    UlpKind kind = static_cast<UlpKind>(k);
    std::string code = UlpKindCode(kind);
    EXPECT_TRUE(seen.insert(code).second) << code;
    EXPECT_EQ(ParseUlpKind(code), kind);
  }
  seen.clear();
  for (int s = 0; s <= static_cast<int>(ChargeStage::kClosed); ++s) {
    ChargeStage stage = static_cast<ChargeStage>(s);
    std::string code = ChargeStageCode(stage);
    EXPECT_TRUE(seen.insert(code).second) << code;
    EXPECT_EQ(ParseChargeStage(code), stage);
  }
  EXPECT_FALSE(ParseUlpKind("Threat").has_value());
  EXPECT_FALSE(ParseChargeStage("").has_value());
  EXPECT_EQ(ParseEmployerResponse("filed_rm_petition"), EmployerResponse::kFiledRmPetition);
  EXPECT_EQ(ParseDemandMethod("in_person"), DemandMethod::kInPerson);
  EXPECT_EQ(ParseMajorityEvidence("authorization_cards"), MajorityEvidence::kAuthorizationCards);
  EXPECT_STREQ(ElectionOutcomeCode(ElectionOutcome::kChallengesDeterminative), "challenges_determinative");
  EXPECT_STREQ(CircuitCode(Circuit::kSixth), "6th");
  EXPECT_STREQ(CircuitAdvisoryCode(CircuitAdvisory::kCemexNotEnforced), "cemex_not_enforced");
}

}  // namespace
}  // namespace hotshop::core
