// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/filing_readiness.
// Rules covered: R5 (65% cards recently re-assessed, 65% support, committee
// >= 10% spread across departments; thresholds configurable).
#include "core/filing_readiness.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

constexpr Date kToday = 2025y / June / 15;

// A unit of `n` in two departments, alternating.
std::vector<ReadinessWorker> Unit(int n) {
  std::vector<ReadinessWorker> w(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < w.size(); ++i) {
    w[i].department = i % 2 == 0 ? "Housekeeping" : "Kitchen";
  }
  return w;
}

void SignAndConfirm(std::vector<ReadinessWorker>& w, int n, Date assessed) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
    w[i].card_counts = true;
    w[i].supportive = true;
    w[i].last_assessed = assessed;
  }
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R5: journeys J5.2: ready at 65% cards + committee >= 10% across
// departments.
TEST(FilingReadiness, ReadyAtSixtyFivePercentAndASpreadCommittee) {
  std::vector<ReadinessWorker> w = Unit(100);
  SignAndConfirm(w, 65, 2025y / June / 1);
  for (std::size_t i = 0; i < 10; ++i) w[i].on_committee = true;  // both depts
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->cards.need, 65);
  EXPECT_EQ(r->cards.have, 65);
  EXPECT_TRUE(r->cards.met);
  EXPECT_EQ(r->committee_size.need, 10);
  EXPECT_TRUE(r->committee_spread.met);
  EXPECT_TRUE(r->ready);
}

// RULE R5: one card short: not ready, and the numbers say by how much.
TEST(FilingReadiness, OneCardShortIsNotReadyAndSaysSo) {
  std::vector<ReadinessWorker> w = Unit(100);
  SignAndConfirm(w, 64, 2025y / June / 1);
  for (std::size_t i = 0; i < 10; ++i) w[i].on_committee = true;
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->cards.met);
  EXPECT_EQ(r->cards.need - r->cards.have, 1);
  EXPECT_FALSE(r->ready);
}

// RULE R5: cards count toward readiness only when recently re-assessed.
TEST(FilingReadiness, CardsNotRecentlyReassessedDoNotCount) {
  std::vector<ReadinessWorker> w = Unit(10);
  SignAndConfirm(w, 7, 2025y / April / 1);  // 75 days ago
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->cards_signed, 7);
  EXPECT_EQ(r->cards.have, 0);
  EXPECT_FALSE(r->cards.met);

  ReadinessThresholds ninety;
  ninety.reassessed_within = days{90};
  Result<FilingReadiness> wider = AssessFilingReadiness(w, kToday, ninety);
  ASSERT_TRUE(wider.ok());
  EXPECT_EQ(wider->cards.have, 7);
}

// RULE R5: a signer re-assessed as no longer supportive does not count.
TEST(FilingReadiness, SignerNoLongerSupportiveDoesNotCount) {
  std::vector<ReadinessWorker> w = Unit(10);
  SignAndConfirm(w, 7, 2025y / June / 10);
  w[0].supportive = false;
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->cards.have, 6);
  EXPECT_EQ(r->support.have, 6);
}

// RULE R5: the committee must reach every department.
TEST(FilingReadiness, CommitteeInOneDepartmentIsNotSpread) {
  std::vector<ReadinessWorker> w = Unit(20);
  SignAndConfirm(w, 20, 2025y / June / 10);
  w[0].on_committee = true;  // Housekeeping
  w[2].on_committee = true;  // Housekeeping
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->committee_size.met);
  EXPECT_FALSE(r->committee_spread.met);
  EXPECT_EQ(r->departments_without_committee,
            std::vector<std::string>{"Kitchen"});
  EXPECT_FALSE(r->ready);
}

// RULE R5 (and R20): a supervisor on the committee does not count.
TEST(FilingReadiness, SupervisorDoesNotCountTowardTheCommittee) {
  std::vector<ReadinessWorker> w = Unit(10);
  w[0].on_committee = true;
  w[0].supervisor = true;
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->committee_size.have, 0);
  EXPECT_EQ(r->committee_size.need, 1);
}

// RULE R5: thresholds are configurable.
TEST(FilingReadiness, ThresholdsAreConfigurable) {
  std::vector<ReadinessWorker> w = Unit(10);
  SignAndConfirm(w, 5, 2025y / June / 10);
  w[0].on_committee = true;
  w[1].on_committee = true;
  ReadinessThresholds t;
  t.card_percent = 50;
  t.support_percent = 50;
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday, t);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ready);
}

TEST(FilingReadiness, UnrecordedDepartmentIsNotRequired) {
  std::vector<ReadinessWorker> w = Unit(4);
  w[3].department = "";
  w[0].on_committee = true;  // Housekeeping
  w[1].on_committee = true;  // Kitchen
  Result<FilingReadiness> r = AssessFilingReadiness(w, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->committee_spread.need, 2);
  EXPECT_TRUE(r->committee_spread.met);
}

// ---- incorrect usage ----

TEST(FilingReadiness, EmptyUnitIsAnError) {
  ExpectInvalid(AssessFilingReadiness({}, kToday), "workers");
}

TEST(FilingReadiness, PercentOutOfRangeIsAnError) {
  ReadinessThresholds t;
  t.committee_percent = 101;
  ExpectInvalid(AssessFilingReadiness(Unit(3), kToday, t), "committee_percent");
  ReadinessThresholds negative;
  negative.card_percent = -1;
  ExpectInvalid(AssessFilingReadiness(Unit(3), kToday, negative),
                "card_percent");
}

TEST(FilingReadiness, NegativeWindowIsAnError) {
  ReadinessThresholds t;
  t.reassessed_within = days{-1};
  ExpectInvalid(AssessFilingReadiness(Unit(3), kToday, t), "reassessed_within");
}

TEST(FilingReadiness, ImpossibleDatesAreErrors) {
  ExpectInvalid(AssessFilingReadiness(Unit(3), 2025y / June / 31), "as_of");
  std::vector<ReadinessWorker> w = Unit(3);
  w[2].last_assessed = 2025y / February / 30;
  ExpectInvalid(AssessFilingReadiness(w, kToday), "workers[2].last_assessed");
}

}  // namespace
}  // namespace hotshop::core
