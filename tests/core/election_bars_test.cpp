// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/election_bars.
// Rules covered: R10 (election bar, 12 months, petition 60 days early),
// R11 (certification year), R12 (contract bar, 90-61 window, health care
// 120-91, insulated period, 3-year cap), R13 (voluntary-recognition bar
// 6-12 months from the first session; blocking charges).
#include "core/election_bars.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

std::vector<BarKind> Kinds(const std::vector<Bar>& bars) {
  std::vector<BarKind> kinds;
  for (const Bar& b : bars) kinds.push_back(b.kind);
  return kinds;
}

std::optional<Date> Earliest(const UnitHistory& h, Date as_of,
                             const BarParams& p = {}) {
  Result<std::optional<Date>> r = EarliestPetitionDate(h, as_of, p);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : std::nullopt;
}

// RULE R10: 12 months from balloting; a petition up to 60 days before.
TEST(ElectionBars, ElectionBarRunsTwelveMonthsFromBalloting) {
  UnitHistory h;
  h.valid_elections = {2024y / March / 15};
  Result<std::vector<Bar>> bars = BarsOn(h, 2024y / June / 1);
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), 1u);
  const Bar& bar = bars->front();
  EXPECT_EQ(bar.kind, BarKind::kElectionBar);
  EXPECT_EQ(bar.runs_from, 2024y / March / 15);
  EXPECT_EQ(bar.ends_on, 2025y / March / 14);
  EXPECT_EQ(bar.petition_allowed_from, 2025y / January / 14);
  EXPECT_EQ(Earliest(h, 2024y / June / 1), 2025y / January / 14);
}

// RULE R10: in the last 60 days the bar still stops an election but a
// petition may be filed.
TEST(ElectionBars, PetitionAllowedInTheLastSixtyDays) {
  UnitHistory h;
  h.valid_elections = {2024y / March / 15};
  Result<std::vector<Bar>> bars = BarsOn(h, 2025y / February / 1);
  ASSERT_TRUE(bars.ok());
  EXPECT_EQ(Kinds(*bars), std::vector<BarKind>{BarKind::kElectionBar});
  EXPECT_EQ(Earliest(h, 2025y / February / 1), 2025y / February / 1);
  EXPECT_TRUE(BarsOn(h, 2025y / March / 15)->empty());
}

// RULE R11: petitions in a certified unit are dismissed for 1 year.
TEST(ElectionBars, CertificationYearBarsPetitionsForOneYear) {
  UnitHistory h;
  h.certifications = {2024y / May / 1};
  Result<std::vector<Bar>> bars = BarsOn(h, 2025y / April / 30);
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), 1u);
  EXPECT_EQ(bars->front().kind, BarKind::kCertificationYear);
  EXPECT_EQ(bars->front().ends_on, 2025y / April / 30);
  EXPECT_EQ(Earliest(h, 2024y / May / 2), 2025y / May / 1);
}

// RULE R10 and R11 together: the later end wins.
TEST(ElectionBars, OverlappingBarsTakeTheLaterEnd) {
  UnitHistory h;
  h.valid_elections = {2024y / April / 10};
  h.certifications = {2024y / April / 22};
  EXPECT_EQ(Earliest(h, 2024y / May / 1), 2025y / April / 22);
}

// RULE R12: petitions are timely only 90-61 days before expiration.
TEST(ElectionBars, ContractWindowIsNinetyToSixtyOneDaysBefore) {
  const Contract c{2023y / January / 1, 2025y / December / 31, true};
  ContractWindow w = ContractWindowFor(c, false);
  EXPECT_EQ(w.bar_ends, 2025y / December / 31);
  EXPECT_EQ(w.window_opens, 2025y / October / 2);
  EXPECT_EQ(w.window_closes, 2025y / October / 31);
  EXPECT_EQ(w.insulated_from, 2025y / November / 1);

  UnitHistory h;
  h.contracts = {c};
  EXPECT_EQ(Earliest(h, 2024y / June / 1), 2025y / October / 2);
  EXPECT_EQ(Earliest(h, 2025y / October / 15), 2025y / October / 15);
  EXPECT_TRUE(BarsOn(h, 2025y / October / 15)->empty());
}

// RULE R12: the last 60 days are insulated; timely again after expiry.
TEST(ElectionBars, LastSixtyDaysAreInsulated) {
  UnitHistory h;
  h.contracts = {{2023y / January / 1, 2025y / December / 31, true}};
  Result<std::vector<Bar>> bars = BarsOn(h, 2025y / November / 15);
  ASSERT_TRUE(bars.ok());
  EXPECT_EQ(Kinds(*bars), std::vector<BarKind>{BarKind::kInsulatedPeriod});
  EXPECT_EQ(bars->front().ends_on, 2025y / December / 31);
  EXPECT_EQ(Earliest(h, 2025y / November / 15), 2026y / January / 1);
}

// RULE R12 (UNVERIFIED): health care: 120-91 days before.
TEST(ElectionBars, HealthCareWindowIsOneTwentyToNinetyOneDaysBefore) {
  UnitHistory h;
  h.health_care = true;
  h.contracts = {{2023y / January / 1, 2025y / December / 31, true}};
  EXPECT_EQ(Earliest(h, 2024y / June / 1), 2025y / September / 2);
  EXPECT_EQ(Earliest(h, 2025y / October / 2), 2026y / January / 1);
}

// RULE R12: the window days are parameters.
TEST(ElectionBars, WindowIsConfigurable) {
  UnitHistory h;
  h.contracts = {{2023y / January / 1, 2025y / December / 31, true}};
  BarParams p;
  p.window_opens_days_before = 100;
  EXPECT_EQ(Earliest(h, 2024y / June / 1, p), 2025y / September / 22);
}

// RULE R12: a contract longer than 3 years bars outsiders for 3 years.
TEST(ElectionBars, LongContractBarsOnlyThreeYears) {
  UnitHistory h;
  h.contracts = {{2020y / July / 1, 2026y / June / 30, true}};
  ContractWindow w = ContractWindowFor(h.contracts[0], false);
  EXPECT_EQ(w.bar_ends, 2023y / June / 30);
  EXPECT_EQ(Earliest(h, 2021y / January / 1), 2023y / April / 1);
  EXPECT_EQ(Earliest(h, 2023y / May / 15), 2023y / July / 1);
  EXPECT_TRUE(BarsOn(h, 2024y / January / 1)->empty());
}

// RULE R12: only a written, signed contract bars.
TEST(ElectionBars, UnsignedContractBarsNothing) {
  UnitHistory h;
  h.contracts = {{2024y / January / 1, 2026y / December / 31, false}};
  EXPECT_TRUE(BarsOn(h, 2025y / January / 1)->empty());
  EXPECT_EQ(Earliest(h, 2025y / January / 1), 2025y / January / 1);
}

// RULE R13: at least 6 months from the first bargaining session, and the
// Region may hold it to 1 year.
TEST(ElectionBars, RecognitionBarRunsSixToTwelveMonthsFromFirstSession) {
  UnitHistory h;
  h.recognitions = {{2024y / October / 15, 2024y / November / 1}};
  Result<std::vector<Bar>> bars = BarsOn(h, 2025y / January / 1);
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), 1u);
  const Bar& bar = bars->front();
  EXPECT_EQ(bar.kind, BarKind::kVoluntaryRecognition);
  EXPECT_EQ(bar.petition_allowed_from, 2025y / May / 1);
  EXPECT_EQ(bar.may_extend_until, 2025y / October / 31);
  EXPECT_EQ(Earliest(h, 2025y / January / 1), 2025y / May / 1);
  // Between 6 and 12 months it is still listed: the Region decides.
  EXPECT_EQ(BarsOn(h, 2025y / August / 1)->size(), 1u);
  EXPECT_TRUE(BarsOn(h, 2025y / November / 1)->empty());
}

// RULE R13: before the first session the bar's end is unknown.
TEST(ElectionBars, RecognitionWithoutASessionHasNoKnownEnd) {
  UnitHistory h;
  h.recognitions = {{2024y / October / 15, std::nullopt}};
  Result<std::optional<Date>> r = EarliestPetitionDate(h, 2025y / January / 1);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
  EXPECT_EQ(BarsOn(h, 2026y / January / 1)->size(), 1u);
}

// RULE R13: the period is a parameter (the rule is unstable).
TEST(ElectionBars, RecognitionPeriodIsConfigurable) {
  UnitHistory h;
  h.recognitions = {{2024y / October / 15, 2024y / November / 1}};
  BarParams p;
  p.recognition_bar_min = months{12};
  EXPECT_EQ(Earliest(h, 2025y / January / 1, p), 2025y / November / 1);
}

// RULE R13: a blocking charge delays the election but not the petition.
TEST(ElectionBars, BlockingChargeIsListedButDoesNotBarFiling) {
  UnitHistory h;
  h.blocking_charges = {2025y / February / 3};
  Result<std::vector<Bar>> bars = BarsOn(h, 2025y / March / 1);
  ASSERT_TRUE(bars.ok());
  EXPECT_EQ(Kinds(*bars), std::vector<BarKind>{BarKind::kBlockingCharge});
  EXPECT_FALSE(bars->front().ends_on.has_value());
  EXPECT_EQ(Earliest(h, 2025y / March / 1), 2025y / March / 1);
}

TEST(ElectionBars, NoHistoryNoBars) {
  EXPECT_TRUE(BarsOn(UnitHistory{}, 2025y / January / 1)->empty());
  EXPECT_EQ(Earliest(UnitHistory{}, 2025y / January / 1), 2025y / January / 1);
}

TEST(ElectionBars, KindCodesAreStable) {
  EXPECT_STREQ(BarKindCode(BarKind::kElectionBar), "election_bar");
  EXPECT_STREQ(BarKindCode(BarKind::kInsulatedPeriod), "insulated_period");
}

// ---- incorrect usage ----

TEST(ElectionBars, ContractEndingBeforeItStartsIsAnError) {
  UnitHistory h;
  h.contracts = {{2025y / January / 1, 2024y / January / 1, true}};
  ExpectInvalid(BarsOn(h, 2025y / January / 1), "contracts[0].expires");
}

TEST(ElectionBars, FirstSessionBeforeRecognitionIsAnError) {
  UnitHistory h;
  h.recognitions = {{2024y / October / 15, 2024y / October / 1}};
  ExpectInvalid(EarliestPetitionDate(h, 2025y / January / 1),
                "recognitions[0].first_bargaining_session");
}

TEST(ElectionBars, ImpossibleDatesAreErrors) {
  UnitHistory h;
  h.valid_elections = {2024y / June / 31};
  ExpectInvalid(BarsOn(h, 2025y / January / 1), "valid_elections[0]");
  ExpectInvalid(BarsOn(UnitHistory{}, 2025y / February / 29), "as_of");
}

TEST(ElectionBars, InconsistentParamsAreErrors) {
  BarParams p;
  p.window_opens_days_before = 60;  // not after the close (61)
  ExpectInvalid(AllBars(UnitHistory{}, p), "window_opens_days_before");
  BarParams q;
  q.recognition_bar_min = months{13};
  ExpectInvalid(AllBars(UnitHistory{}, q), "recognition_bar_min");
}

}  // namespace
}  // namespace hotshop::core
