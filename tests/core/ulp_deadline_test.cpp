// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/ulp_deadline.
// Rules covered: R15 (10(b): file and serve within 6 months; warn at
// 30/14/7 days), R16 (TIPS and 8(a)(1)/(3)/(5)), R17 (charge stages).
#include "core/ulp_deadline.h"

#include <gtest/gtest.h>

#include <string>

namespace hotshop::core {
namespace {

using namespace std::chrono;

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R15: file and serve within 6 months of the ULP.
TEST(UlpDeadline, TenBDeadlineIsSixMonthsLater) {
  EXPECT_EQ(TenBLastDay(2025y / January / 15), 2025y / July / 15);
  EXPECT_EQ(TenBLastDay(2025y / October / 3), 2026y / April / 3);
}

// RULE R15 (interpretation): clamped to the end of a shorter month.
TEST(UlpDeadline, TenBDeadlineClampsToMonthEnd) {
  EXPECT_EQ(TenBLastDay(2024y / August / 31), 2025y / February / 28);
  EXPECT_EQ(TenBLastDay(2023y / August / 31), 2024y / February / 29);
  EXPECT_EQ(TenBLastDay(2025y / December / 31), 2026y / June / 30);
}

// RULE R15: warn at 30/14/7 days.
TEST(UlpDeadline, WarningsAtThirtyFourteenAndSevenDays) {
  const Date ulp = 2025y / January / 15;  // deadline 2025-07-15
  auto warning_on = [&](Date as_of) {
    Result<TenBDeadline> d = CheckTenB(ulp, as_of);
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->warning : DeadlineWarning::kNone;
  };
  EXPECT_EQ(warning_on(2025y / June / 14), DeadlineWarning::kNone);        // 31
  EXPECT_EQ(warning_on(2025y / June / 15), DeadlineWarning::kThirtyDays);  // 30
  EXPECT_EQ(warning_on(2025y / June / 30), DeadlineWarning::kThirtyDays);  // 15
  EXPECT_EQ(warning_on(2025y / July / 1),
            DeadlineWarning::kFourteenDays);                              // 14
  EXPECT_EQ(warning_on(2025y / July / 8), DeadlineWarning::kSevenDays);   // 7
  EXPECT_EQ(warning_on(2025y / July / 15), DeadlineWarning::kSevenDays);  // 0
  EXPECT_EQ(warning_on(2025y / July / 16), DeadlineWarning::kPassed);
}

// RULE R15: days left are counted to the last day.
TEST(UlpDeadline, DaysLeftCountsToTheLastDay) {
  Result<TenBDeadline> d = CheckTenB(2025y / January / 15, 2025y / July / 5);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->file_and_serve_by, 2025y / July / 15);
  EXPECT_EQ(d->days_left, 10);
}

// RULE R16: TIPS is 8(a)(1).
TEST(UlpDeadline, TipsConductIsEightAOne) {
  for (UlpKind k :
       {UlpKind::kThreat, UlpKind::kInterrogation, UlpKind::kPromise,
        UlpKind::kSurveillance, UlpKind::kImpressionOfSurveillance}) {
    EXPECT_EQ(SectionFor(k), NlraSection::k8a1);
    EXPECT_TRUE(IsTips(k));
  }
}

// RULE R16: retaliation is 8(a)(3); refusal to bargain is 8(a)(5).
TEST(UlpDeadline, RetaliationIsEightAThreeAndRefusalEightAFive) {
  EXPECT_EQ(SectionFor(UlpKind::kRetaliatoryDischarge), NlraSection::k8a3);
  EXPECT_EQ(SectionFor(UlpKind::kRetaliatoryDiscipline), NlraSection::k8a3);
  EXPECT_EQ(SectionFor(UlpKind::kRefusalToBargain), NlraSection::k8a5);
  EXPECT_FALSE(IsTips(UlpKind::kRetaliatoryDischarge));
  EXPECT_STREQ(SectionCitation(NlraSection::k8a3), "8(a)(3)");
}

// RULE R17: investigation -> dismissal, settlement or complaint -> ALJ ->
// Board -> court of appeals.
TEST(UlpDeadline, ChargeFollowsTheCaseFlow) {
  using S = ChargeStage;
  const S path[] = {S::kInvestigation,          S::kComplaint,
                    S::kAdministrativeLawJudge, S::kBoard,
                    S::kCourtOfAppeals,         S::kClosed};
  for (std::size_t i = 0; i + 1 < std::size(path); ++i) {
    EXPECT_TRUE(CheckStageTransition(path[i], path[i + 1]).ok()) << i;
  }
  EXPECT_TRUE(CheckStageTransition(S::kInvestigation, S::kSettled).ok());
  EXPECT_TRUE(CheckStageTransition(S::kComplaint, S::kSettled).ok());
}

// RULE R17: a dismissal is appealable.
TEST(UlpDeadline, DismissalCanBeAppealed) {
  using S = ChargeStage;
  EXPECT_TRUE(CheckStageTransition(S::kInvestigation, S::kDismissed).ok());
  EXPECT_TRUE(CheckStageTransition(S::kDismissed, S::kDismissalAppealed).ok());
  EXPECT_TRUE(CheckStageTransition(S::kDismissalAppealed, S::kComplaint).ok());
  EXPECT_TRUE(
      CheckStageTransition(S::kDismissalAppealed, S::kAppealDenied).ok());
  EXPECT_TRUE(IsFinal(S::kAppealDenied));
  EXPECT_FALSE(IsFinal(S::kDismissed));
}

// RULE R17: no skipping stages and nothing after a final stage.
TEST(UlpDeadline, StagesCannotBeSkippedOrReopened) {
  using S = ChargeStage;
  Status skip = CheckStageTransition(S::kInvestigation, S::kBoard);
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(skip.error().field(), "stage");
  EXPECT_FALSE(CheckStageTransition(S::kSettled, S::kComplaint).ok());
  EXPECT_FALSE(CheckStageTransition(S::kCourtOfAppeals, S::kBoard).ok());
  EXPECT_TRUE(NextStages(S::kClosed).empty());
}

// ---- incorrect usage ----

TEST(UlpDeadline, ImpossibleDatesAreErrors) {
  ExpectInvalid(CheckTenB(2025y / February / 29, 2025y / March / 1), "ulp_on");
  ExpectInvalid(CheckTenB(2025y / January / 1, 2025y / April / 31), "as_of");
}

TEST(UlpDeadline, AsOfBeforeTheUlpIsAnError) {
  ExpectInvalid(CheckTenB(2025y / January / 15, 2025y / January / 14), "as_of");
}

}  // namespace
}  // namespace hotshop::core
