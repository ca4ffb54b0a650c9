// SPDX-License-Identifier: AGPL-3.0-or-later
// The intake pipeline (RULE R22), the SLA badge (R22, journeys J1.2, J2.1)
// and the ZIP region of the triage filter.
#include "core/intake_pipeline.h"

#include <gtest/gtest.h>

#include "core/intake_sla.h"
#include "core/zip_region.h"

namespace hotshop::core {
namespace {

using S = IntakeStage;

TEST(IntakePipeline, NamesRoundTripInOrder) {
  ASSERT_EQ(IntakeStageOrder().size(), 8u);
  for (IntakeStage s : IntakeStageOrder()) EXPECT_EQ(ParseIntakeStage(IntakeStageName(s)), s);
  EXPECT_FALSE(ParseIntakeStage("spam").has_value());
  EXPECT_FALSE(ParseIntakeStage("").has_value());
}

// R22: new -> triaged -> matched -> first contact -> assessed -> campaign opened.
TEST(IntakePipeline, R22TheForwardPathIsAllowedOneStepAtATime) {
  EXPECT_TRUE(CheckIntakeTransition(S::kNew, S::kTriaged, "").ok());
  EXPECT_TRUE(CheckIntakeTransition(S::kTriaged, S::kMatched, "").ok());
  EXPECT_TRUE(CheckIntakeTransition(S::kMatched, S::kFirstContact, "").ok());
  EXPECT_TRUE(CheckIntakeTransition(S::kFirstContact, S::kAssessed, "").ok());
  EXPECT_TRUE(CheckIntakeTransition(S::kAssessed, S::kCampaignOpened, "").ok());
  EXPECT_TRUE(CheckIntakeTransition(S::kAssessed, S::kReferred, "").ok());
}

TEST(IntakePipeline, R22AMatchIsTriageButOtherSkipsAreRefused) {
  EXPECT_TRUE(CheckIntakeTransition(S::kNew, S::kMatched, "").ok());
  Status skip = CheckIntakeTransition(S::kNew, S::kFirstContact, "");
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().field(), "stage");
  EXPECT_NE(skip.error().message().find("triaged"), std::string::npos);  // says what is allowed
  EXPECT_FALSE(CheckIntakeTransition(S::kTriaged, S::kAssessed, "").ok());
  EXPECT_FALSE(CheckIntakeTransition(S::kNew, S::kCampaignOpened, "").ok());  // needs a match first
  EXPECT_FALSE(CheckIntakeTransition(S::kNew, S::kNew, "").ok());
}

TEST(IntakePipeline, R22OnlyStepBackIsDeclineWithAReason) {
  // J2.2: back in the queue, with a reason.
  Status no_reason = CheckIntakeTransition(S::kMatched, S::kTriaged, "  ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field(), "reason");
  EXPECT_TRUE(CheckIntakeTransition(S::kMatched, S::kTriaged, "organizer declined").ok());
  EXPECT_FALSE(CheckIntakeTransition(S::kAssessed, S::kFirstContact, "oops").ok());
  EXPECT_FALSE(CheckIntakeTransition(S::kFirstContact, S::kMatched, "oops").ok());
}

TEST(IntakePipeline, R22ClosingNeedsAReasonAndFinalStagesStayFinal) {
  for (IntakeStage s : {S::kNew, S::kTriaged, S::kMatched, S::kFirstContact, S::kAssessed}) {
    EXPECT_FALSE(CheckIntakeTransition(s, S::kClosed, "").ok()) << IntakeStageName(s);
    EXPECT_TRUE(CheckIntakeTransition(s, S::kClosed, "not reachable").ok()) << IntakeStageName(s);
    EXPECT_TRUE(IsOpenIntakeStage(s));
  }
  for (IntakeStage s : {S::kCampaignOpened, S::kReferred}) {
    EXPECT_FALSE(IsOpenIntakeStage(s));
    for (IntakeStage to : IntakeStageOrder()) EXPECT_FALSE(CheckIntakeTransition(s, to, "reason").ok());
    Status st = CheckIntakeTransition(s, S::kClosed, "x");
    EXPECT_NE(st.error().message().find("final"), std::string::npos);
  }
  EXPECT_TRUE(CheckIntakeTransition(S::kClosed, S::kTriaged, "closed by mistake").ok());
  EXPECT_FALSE(CheckIntakeTransition(S::kClosed, S::kTriaged, "").ok());
}

// R22 / J2.1: green < 24 h, amber, red > 48 h with the default target.
TEST(IntakeSla, R22BadgesForTheDefault48Hours) {
  const int64_t h = 3600 * 1000;
  const int64_t t0 = 1'700'000'000'000;
  EXPECT_EQ(IntakeSla(t0, std::nullopt, t0 + 23 * h, 48).badge, SlaBadge::kGreen);
  EXPECT_EQ(IntakeSla(t0, std::nullopt, t0 + 24 * h, 48).badge, SlaBadge::kAmber);
  EXPECT_EQ(IntakeSla(t0, std::nullopt, t0 + 48 * h, 48).badge, SlaBadge::kAmber);
  SlaStatus late = IntakeSla(t0, std::nullopt, t0 + 48 * h + 1, 48);
  EXPECT_EQ(late.badge, SlaBadge::kRed);
  EXPECT_TRUE(late.overdue);
  EXPECT_EQ(late.due_at_ms, t0 + 48 * h);
  EXPECT_STREQ(SlaBadgeName(late.badge), "red");
}

TEST(IntakeSla, R22TheClockStopsAtFirstContact) {
  const int64_t h = 3600 * 1000;
  SlaStatus met = IntakeSla(0, 30 * h, 500 * h, 48);
  EXPECT_EQ(met.badge, SlaBadge::kMet);
  EXPECT_EQ(met.waited_ms, 30 * h);
  EXPECT_FALSE(met.overdue);
  EXPECT_EQ(IntakeSla(0, 60 * h, 61 * h, 48).badge, SlaBadge::kLate);
  // A phone clock behind the server's counts as no wait, never negative.
  EXPECT_EQ(IntakeSla(10 * h, 9 * h, 11 * h, 48).waited_ms, 0);
}

TEST(IntakeSla, PerOrgTargetScalesTheBadges) {
  const int64_t h = 3600 * 1000;
  EXPECT_EQ(IntakeSla(0, std::nullopt, 5 * h, 12).badge, SlaBadge::kGreen);
  EXPECT_EQ(IntakeSla(0, std::nullopt, 6 * h, 12).badge, SlaBadge::kAmber);
  EXPECT_EQ(IntakeSla(0, std::nullopt, 13 * h, 12).badge, SlaBadge::kRed);
}

TEST(ZipRegion, StatesByPrefix) {
  EXPECT_EQ(ZipRegion("78701"), "TX");
  EXPECT_EQ(ZipRegion("10001"), "NY");
  EXPECT_EQ(ZipRegion("90012-1234"), "CA");
  EXPECT_EQ(ZipRegion("60601"), "IL");
  EXPECT_EQ(ZipRegion("00100"), "");  // unassigned
  EXPECT_EQ(ZipRegion("7870"), "");
  EXPECT_EQ(ZipRegion("abcde"), "");
  EXPECT_TRUE(IsUsZip("78701"));
  EXPECT_TRUE(IsUsZip("78701-0001"));
  EXPECT_FALSE(IsUsZip("78701 "));
  EXPECT_FALSE(IsUsZip("7870a"));
}

}  // namespace
}  // namespace hotshop::core
