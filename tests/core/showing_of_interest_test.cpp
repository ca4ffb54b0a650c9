// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/showing_of_interest.
// Rules covered: R1 (30%, ceil), R2 (signed and dated), R3 (stale after 12
// months, still counted), R4 (employer-safe summary: counts only).
#include "core/showing_of_interest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

constexpr Date kFiling = 2025y / June / 15;

Card Dated(std::string person, Date signed_on) {
  return Card{std::move(person), signed_on, CardMethod::kPaper, true, false};
}

std::vector<Card> GoodCards(int n) {
  std::vector<Card> cards;
  for (int i = 0; i < n; ++i) {
    cards.push_back(Dated("p" + std::to_string(i), 2025y / May / 1));
  }
  return cards;
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R1: required = ceil(0.30 x unit_size), integer arithmetic.
TEST(ShowingOfInterest, RequiredIsTheCeilingOfThirtyPercent) {
  EXPECT_EQ(RequiredShowing(100), 30);
  EXPECT_EQ(RequiredShowing(101), 31);
  EXPECT_EQ(RequiredShowing(10), 3);
  EXPECT_EQ(RequiredShowing(7), 3);  // 2.1 -> 3
  EXPECT_EQ(RequiredShowing(3), 1);  // 0.9 -> 1
  EXPECT_EQ(RequiredShowing(1), 1);
  EXPECT_EQ(RequiredShowing(12000), 3600);
}

// RULE R1: journeys J5.2: a unit of 100 needs 30 cards.
TEST(ShowingOfInterest, UnitOfHundredNeedsThirtyCards) {
  std::vector<Card> cards = GoodCards(29);
  Result<Showing> short_one = TallyShowing(cards, 100, kFiling);
  ASSERT_TRUE(short_one.ok());
  EXPECT_EQ(short_one->required, 30);
  EXPECT_EQ(short_one->counted, 29);
  EXPECT_FALSE(MeetsShowing(*short_one));

  cards.push_back(Dated("p29", 2025y / June / 15));  // signed on filing day
  Result<Showing> enough = TallyShowing(cards, 100, kFiling);
  ASSERT_TRUE(enough.ok());
  EXPECT_EQ(enough->counted, 30);
  EXPECT_TRUE(MeetsShowing(*enough));
}

// RULE R2: undated signatures are defective and do not count.
TEST(ShowingOfInterest, UndatedCardDoesNotCount) {
  std::vector<Card> cards = GoodCards(2);
  cards.push_back(
      Card{"undated", std::nullopt, CardMethod::kPaper, true, false});
  Result<Showing> s = TallyShowing(cards, 10, kFiling);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->counted, 2);
  EXPECT_EQ(s->undated_rejected, 1);
}

// RULE R2: a card must be signed by the employee.
TEST(ShowingOfInterest, UnsignedCardDoesNotCount) {
  std::vector<Card> cards = {
      Card{"a", 2025y / May / 2, CardMethod::kPaper, false, false}};
  Result<Showing> s = TallyShowing(cards, 10, kFiling);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->counted, 0);
  EXPECT_EQ(s->unsigned_rejected, 1);
}

// RULE R2: a signed, dated electronic card counts like paper.
TEST(ShowingOfInterest, ElectronicCardCountsLikePaper) {
  std::vector<Card> cards = {
      Card{"a", 2025y / May / 2, CardMethod::kElectronic, true, false}};
  Result<Showing> s = TallyShowing(cards, 3, kFiling);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->counted, 1);
  EXPECT_TRUE(MeetsShowing(*s));
}

// RULE R3: journeys J5.2: a 13-month-old card is flagged stale and still
// counted.
TEST(ShowingOfInterest, ThirteenMonthOldCardIsStaleAndStillCounts) {
  std::vector<Card> cards = {Dated("old", 2024y / May / 15),
                             Dated("new", 2025y / May / 15)};
  Result<Showing> s = TallyShowing(cards, 100, kFiling);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->counted, 2);
  EXPECT_EQ(s->stale, 1);

  Result<std::vector<CardStatus>> status = ClassifyCards(cards, kFiling);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)[0], CardStatus::kCountsStale);
  EXPECT_EQ((*status)[1], CardStatus::kCounts);
}

// RULE R3: "more than 12 months": exactly 12 months old is not stale.
TEST(ShowingOfInterest, CardExactlyTwelveMonthsOldIsNotStale) {
  std::vector<Card> cards = {Dated("a", 2024y / June / 15),
                             Dated("b", 2024y / June / 14)};
  Result<std::vector<CardStatus>> status = ClassifyCards(cards, kFiling);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)[0], CardStatus::kCounts);
  EXPECT_EQ((*status)[1], CardStatus::kCountsStale);
}

// RULE R3 (UNVERIFIED): the stale window is a parameter.
TEST(ShowingOfInterest, StaleWindowIsAParameter) {
  std::vector<Card> cards = {Dated("a", 2024y / November / 1)};
  Result<Showing> twelve = TallyShowing(cards, 10, kFiling);
  Result<Showing> six = TallyShowing(cards, 10, kFiling, months{6});
  ASSERT_TRUE(twelve.ok() && six.ok());
  EXPECT_EQ(twelve->stale, 0);
  EXPECT_EQ(six->stale, 1);
  EXPECT_EQ(six->counted, 1);
}

// RULE R3: re-signing clears the stale flag; the person counts once.
TEST(ShowingOfInterest, ResignedCardSupersedesTheStaleOne) {
  std::vector<Card> cards = {Dated("rosa", 2024y / January / 10),
                             Dated("rosa", 2025y / June / 1)};
  Result<Showing> s = TallyShowing(cards, 10, kFiling);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->counted, 1);
  EXPECT_EQ(s->stale, 0);
  EXPECT_EQ(s->superseded, 1);
  Result<std::vector<CardStatus>> status = ClassifyCards(cards, kFiling);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)[0], CardStatus::kSuperseded);
  EXPECT_EQ((*status)[1], CardStatus::kCounts);
}

TEST(ShowingOfInterest, TwoCardsOfOnePersonCountOnceWhateverTheOrder) {
  std::vector<Card> cards = {Dated("lee", 2025y / June / 1),
                             Dated("lee", 2025y / March / 1)};
  Result<std::vector<CardStatus>> status = ClassifyCards(cards, kFiling);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)[0], CardStatus::kCounts);
  EXPECT_EQ((*status)[1], CardStatus::kSuperseded);
}

TEST(ShowingOfInterest, RevokedAndFutureDatedCardsDoNotCount) {
  std::vector<Card> cards = {
      Card{"a", 2025y / May / 1, CardMethod::kPaper, true, true},
      Dated("b", 2025y / June / 16)};
  Result<Showing> s = TallyShowing(cards, 10, kFiling);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->counted, 0);
  EXPECT_EQ(s->revoked, 1);
  EXPECT_EQ(s->future_dated_rejected, 1);
}

// RULE R4: the summary that may reach an employer holds counts only; no
// signer name, id or image can be added without breaking this test.
TEST(ShowingOfInterest, EmployerSafeSummaryHoldsCountsOnly) {
  static_assert(std::is_trivially_copyable_v<Showing>);
  EXPECT_EQ(sizeof(Showing), 9 * sizeof(int64_t));
}

// ---- incorrect usage ----

TEST(ShowingOfInterest, UnitSizeZeroIsAnError) {
  ExpectInvalid(TallyShowing(GoodCards(1), 0, kFiling), "unit_size");
  ExpectInvalid(TallyShowing(GoodCards(1), -5, kFiling), "unit_size");
}

TEST(ShowingOfInterest, ImpossibleDatesAreErrors) {
  ExpectInvalid(TallyShowing(GoodCards(1), 10, 2025y / February / 29), "as_of");
  std::vector<Card> cards = GoodCards(2);
  cards[1].signed_on = 2025y / April / 31;
  ExpectInvalid(TallyShowing(cards, 10, kFiling), "cards[1].signed_on");
}

TEST(ShowingOfInterest, CardWithoutPersonIsAnError) {
  std::vector<Card> cards = {Dated("", 2025y / May / 1)};
  ExpectInvalid(TallyShowing(cards, 10, kFiling), "cards[0].person_id");
}

TEST(ShowingOfInterest, StaleWindowBelowOneMonthIsAnError) {
  ExpectInvalid(TallyShowing(GoodCards(1), 10, kFiling, months{0}),
                "stale_after");
}

TEST(ShowingOfInterest, MeetsShowingIsFalseForAnEmptySummary) {
  EXPECT_FALSE(MeetsShowing(Showing{}));
}

}  // namespace
}  // namespace hotshop::core
