// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/cemex_clock.
// Rules covered: R14 (Cemex: recognize or file an RM petition within ~2
// weeks of a majority demand; 6th Circuit warning after Brown-Forman,
// 9th Circuit note, by state; demand date, method and evidence recorded).
#include "core/cemex_clock.h"

#include <gtest/gtest.h>

#include <string>

namespace hotshop::core {
namespace {

using namespace std::chrono;

RecognitionDemand Demand(std::string state) {
  RecognitionDemand d;
  d.demanded_on = 2026y / May / 4;
  d.method = DemandMethod::kInPerson;
  d.evidence = MajorityEvidence::kAuthorizationCards;
  d.supporters = 12;
  d.unit_size = 20;
  d.state_code = std::move(state);
  return d;
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R14: recognize or file an RM petition within ~2 weeks (default 14
// days, UNVERIFIED).
TEST(CemexClock, EmployerHasTwoWeeksFromTheDemand) {
  Result<CemexClock> c = RunCemexClock(Demand("NY"), 2026y / May / 11);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->rm_petition_due, 2026y / May / 18);
  EXPECT_EQ(c->days_left, 7);
  EXPECT_EQ(c->status, CemexStatus::kRunning);
  EXPECT_TRUE(c->majority_shown);
}

// RULE R14: if the employer does neither, the case is a bargaining-order case.
TEST(CemexClock, NoResponseByTheDeadlineLapses) {
  Result<CemexClock> due = RunCemexClock(Demand("NY"), 2026y / May / 18);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->status, CemexStatus::kRunning);
  Result<CemexClock> after = RunCemexClock(Demand("NY"), 2026y / May / 19);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, CemexStatus::kLapsed);
  EXPECT_EQ(after->days_left, -1);
}

// RULE R14: an RM petition or recognition in time stops the clock.
TEST(CemexClock, ResponseInTimeStopsTheClock) {
  RecognitionDemand d = Demand("NY");
  d.response = EmployerResponse::kFiledRmPetition;
  d.responded_on = 2026y / May / 18;
  EXPECT_EQ(RunCemexClock(d, 2026y / June / 1)->status,
            CemexStatus::kAnsweredInTime);
  d.responded_on = 2026y / May / 20;
  EXPECT_EQ(RunCemexClock(d, 2026y / June / 1)->status,
            CemexStatus::kAnsweredLate);
}

// RULE R14: the ~2 weeks are a parameter.
TEST(CemexClock, DeadlineIsAParameter) {
  Result<CemexClock> c = RunCemexClock(Demand("NY"), 2026y / May / 4, days{10});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->rm_petition_due, 2026y / May / 14);
}

// RULE R14: a demand without majority evidence is recorded and flagged.
TEST(CemexClock, DemandWithoutAMajorityIsFlagged) {
  RecognitionDemand d = Demand("NY");
  d.supporters = 10;  // half is not a majority
  Result<CemexClock> c = RunCemexClock(d, 2026y / May / 5);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->majority_shown);
}

// RULE R14: Brown-Forman (6th Cir., 2026-03-06) binds KY/MI/OH/TN.
TEST(CemexClock, SixthCircuitStatesGetTheBrownFormanWarning) {
  for (const char* state : {"KY", "MI", "OH", "TN"}) {
    Result<CemexClock> c = RunCemexClock(Demand(state), 2026y / May / 5);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->circuit, Circuit::kSixth) << state;
    EXPECT_EQ(c->advisories,
              std::vector<CircuitAdvisory>{CircuitAdvisory::kCemexNotEnforced})
        << state;
  }
}

// RULE R14: before Brown-Forman was decided there was no such warning.
TEST(CemexClock, NoSixthCircuitWarningBeforeBrownForman) {
  RecognitionDemand d = Demand("OH");
  d.demanded_on = 2026y / February / 20;
  Result<CemexClock> c = RunCemexClock(d, 2026y / March / 5);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->advisories.empty());
  EXPECT_EQ(CircuitAdvisoriesOn(Circuit::kSixth, kBrownFormanDecided),
            std::vector<CircuitAdvisory>{CircuitAdvisory::kCemexNotEnforced});
}

// RULE R14 (UNVERIFIED): the 9th Circuit gets a note.
TEST(CemexClock, NinthCircuitStatesGetTheGisselNote) {
  Result<CemexClock> c = RunCemexClock(Demand("CA"), 2026y / May / 5);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->circuit, Circuit::kNinth);
  EXPECT_EQ(c->advisories,
            std::vector<CircuitAdvisory>{CircuitAdvisory::kGisselGroundsOnly});
}

// RULE R14: Gissel survives everywhere: other circuits get no advisory.
TEST(CemexClock, OtherCircuitsGetNoAdvisory) {
  Result<CemexClock> c = RunCemexClock(Demand("NY"), 2026y / May / 5);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->circuit, Circuit::kSecond);
  EXPECT_TRUE(c->advisories.empty());
  EXPECT_EQ(CircuitForState("DC"), Circuit::kDc);
  EXPECT_EQ(CircuitForState("PR"), Circuit::kFirst);
  EXPECT_EQ(CircuitForState("TX"), Circuit::kFifth);
}

TEST(CemexClock, UnknownStateHasNoCircuitAndIsNotAnError) {
  Result<CemexClock> c = RunCemexClock(Demand("ZZ"), 2026y / May / 5);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->circuit.has_value());
  EXPECT_FALSE(CircuitForState("oh").has_value());  // codes are upper case
}

// ---- incorrect usage ----

TEST(CemexClock, DemandBeforeCemexIsAnError) {
  RecognitionDemand d = Demand("NY");
  d.demanded_on = 2023y / August / 24;
  ExpectInvalid(RunCemexClock(d, 2023y / September / 1), "demanded_on");
}

TEST(CemexClock, AsOfBeforeTheDemandIsAnError) {
  ExpectInvalid(RunCemexClock(Demand("NY"), 2026y / May / 3), "as_of");
}

TEST(CemexClock, BadCountsAreErrors) {
  RecognitionDemand d = Demand("NY");
  d.unit_size = 0;
  ExpectInvalid(RunCemexClock(d, 2026y / May / 5), "unit_size");
  d = Demand("NY");
  d.supporters = 21;
  ExpectInvalid(RunCemexClock(d, 2026y / May / 5), "supporters");
}

TEST(CemexClock, ResponseAndItsDateGoTogether) {
  RecognitionDemand d = Demand("NY");
  d.response = EmployerResponse::kRecognized;
  ExpectInvalid(RunCemexClock(d, 2026y / May / 5), "responded_on");
  d = Demand("NY");
  d.responded_on = 2026y / May / 5;
  ExpectInvalid(RunCemexClock(d, 2026y / May / 5), "responded_on");
}

TEST(CemexClock, ZeroDayDeadlineIsAnError) {
  ExpectInvalid(RunCemexClock(Demand("NY"), 2026y / May / 5, days{0}),
                "rm_petition_within");
}

}  // namespace
}  // namespace hotshop::core
