// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/election_tally.
// Rules covered: R8 (majority of valid votes cast; tie = no certification;
// ballots marked in more than one box are void), R9 (challenges
// determinative when they could change the result: challenged >= |yes-no|
// when the union leads; runoff between the top two of 3+ choices), plus
// 29 CFR 102.70(d) (tie for second place -> rerun).
#include "core/election_tally.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace hotshop::core {
namespace {

BallotCount YesNo(int64_t yes, int64_t no, int64_t challenged = 0,
                  int64_t void_ballots = 0) {
  BallotCount c;
  c.choices = {{"Union", yes, false}, {"No union", no, true}};
  c.challenged = challenged;
  c.void_ballots = void_ballots;
  return c;
}

BallotCount ThreeWay(int64_t a, int64_t b, int64_t none,
                     int64_t challenged = 0) {
  BallotCount c;
  c.choices = {
      {"Local 1", a, false}, {"Local 2", b, false}, {"Neither", none, true}};
  c.challenged = challenged;
  return c;
}

ElectionResult Decide(const BallotCount& c) {
  Result<ElectionResult> r = DecideElection(c);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : ElectionResult{};
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R8: a majority of valid votes cast, not of the unit.
TEST(ElectionTally, MajorityOfValidVotesCertifies) {
  // 100 in the unit, 30 vote: 16-14 certifies.
  ElectionResult r = Decide(YesNo(16, 14));
  EXPECT_EQ(r.outcome, ElectionOutcome::kCertified);
  EXPECT_EQ(r.valid_votes, 30);
  EXPECT_EQ(r.majority, 16);
  EXPECT_EQ(r.winner, 0u);
}

// RULE R8: a tie means no certification.
TEST(ElectionTally, TieIsNotCertified) {
  ElectionResult r = Decide(YesNo(15, 15));
  EXPECT_EQ(r.outcome, ElectionOutcome::kNotCertified);
  EXPECT_FALSE(r.winner.has_value());
}

TEST(ElectionTally, NoUnionMajorityIsNotCertified) {
  ElectionResult r = Decide(YesNo(10, 20));
  EXPECT_EQ(r.outcome, ElectionOutcome::kNotCertified);
  EXPECT_EQ(r.winner, 1u);
}

// RULE R8: void ballots are not valid votes.
TEST(ElectionTally, VoidBallotsAreNotInTheMajority) {
  ElectionResult r = Decide(YesNo(11, 10, 0, 5));
  EXPECT_EQ(r.valid_votes, 21);
  EXPECT_EQ(r.outcome, ElectionOutcome::kCertified);
}

// RULE R8: a ballot marked in more than one box is void (blank too).
TEST(ElectionTally, BallotMarkedInTwoBoxesIsVoid) {
  EXPECT_EQ(ReadBallot(Ballot{{0}}), 0u);
  EXPECT_EQ(ReadBallot(Ballot{{1, 1}}), 1u);  // same box twice: one box
  EXPECT_FALSE(ReadBallot(Ballot{{0, 1}}).has_value());
  EXPECT_FALSE(ReadBallot(Ballot{{}}).has_value());

  const std::vector<BallotChoice> choices = {{"Union", 0, false},
                                             {"No union", 0, true}};
  const std::vector<Ballot> ballots = {{{0}}, {{0}}, {{1}}, {{0, 1}}, {{}}};
  Result<BallotCount> count = CountBallots(choices, ballots, 1);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->choices[0].votes, 2);
  EXPECT_EQ(count->choices[1].votes, 1);
  EXPECT_EQ(count->void_ballots, 2);
  EXPECT_EQ(count->challenged, 1);
}

// RULE R9: challenged >= |yes - no| with the union ahead is determinative.
TEST(ElectionTally, ChallengesCoveringTheMarginAreDeterminative) {
  ElectionResult r = Decide(YesNo(10, 8, 2));
  EXPECT_EQ(r.outcome, ElectionOutcome::kChallengesDeterminative);
  EXPECT_EQ(r.count_outcome, ElectionOutcome::kCertified);
  EXPECT_EQ(Decide(YesNo(10, 8, 1)).outcome, ElectionOutcome::kCertified);
}

// RULE R9 (interpretation): behind by d, d challenges can only tie, and a
// tie is still no certification (R8): it takes d + 1.
TEST(ElectionTally, ChallengesThatCanOnlyTieALossAreNotDeterminative) {
  EXPECT_EQ(Decide(YesNo(8, 10, 2)).outcome, ElectionOutcome::kNotCertified);
  EXPECT_EQ(Decide(YesNo(8, 10, 3)).outcome,
            ElectionOutcome::kChallengesDeterminative);
  EXPECT_EQ(Decide(YesNo(9, 9, 1)).outcome,
            ElectionOutcome::kChallengesDeterminative);
  EXPECT_EQ(Decide(YesNo(9, 9, 0)).outcome, ElectionOutcome::kNotCertified);
}

// RULE R9: three or more choices with no majority: runoff of the top two.
TEST(ElectionTally, NoMajorityAmongThreeChoicesIsARunoffOfTheTopTwo) {
  ElectionResult r = Decide(ThreeWay(30, 45, 25));
  EXPECT_EQ(r.outcome, ElectionOutcome::kRunoff);
  ASSERT_TRUE(r.runoff.has_value());
  EXPECT_EQ(r.runoff->first, 1u);
  EXPECT_EQ(r.runoff->second, 0u);
}

TEST(ElectionTally, RunoffCanBeAgainstNoUnion) {
  ElectionResult r = Decide(ThreeWay(40, 20, 35));
  ASSERT_TRUE(r.runoff.has_value());
  EXPECT_EQ(r.runoff->first, 0u);
  EXPECT_EQ(r.runoff->second, 2u);
}

// RULE R9: a majority among three choices certifies that union.
TEST(ElectionTally, MajorityAmongThreeChoicesCertifiesThatUnion) {
  ElectionResult r = Decide(ThreeWay(10, 51, 39));
  EXPECT_EQ(r.outcome, ElectionOutcome::kCertified);
  EXPECT_EQ(r.winner, 1u);
}

// 29 CFR 102.70(d): a tie for second place makes the election a nullity.
TEST(ElectionTally, TieForSecondPlaceIsARerun) {
  EXPECT_EQ(Decide(ThreeWay(40, 30, 30)).outcome, ElectionOutcome::kRerun);
  EXPECT_EQ(Decide(ThreeWay(20, 20, 20)).outcome, ElectionOutcome::kRerun);
  EXPECT_EQ(Decide(ThreeWay(35, 35, 30)).outcome, ElectionOutcome::kRunoff);
}

// RULE R9: with 3+ choices, challenges that could change the runoff pair
// are determinative.
TEST(ElectionTally, ChallengesThatCouldChangeTheRunoffPairAreDeterminative) {
  EXPECT_EQ(Decide(ThreeWay(40, 35, 25, 9)).outcome, ElectionOutcome::kRunoff);
  EXPECT_EQ(Decide(ThreeWay(40, 35, 25, 10)).outcome,
            ElectionOutcome::kChallengesDeterminative);
}

// The determinative test against brute force: every way of resolving the
// challenges (each ballot for any choice, or not counted). Small counts,
// 2 to 4 choices, "no union" first or last.
struct Key {
  ElectionOutcome outcome;
  std::optional<std::size_t> certified;
  std::vector<std::size_t> pair;  // sorted
  bool operator==(const Key&) const = default;
};

Key NaiveOutcome(const std::vector<int64_t>& v, std::size_t no_union) {
  int64_t total = 0;
  for (int64_t x : v) total += x;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (2 * v[i] > total) {
      if (i == no_union) return {ElectionOutcome::kNotCertified, {}, {}};
      return {ElectionOutcome::kCertified, i, {}};
    }
  }
  if (v.size() == 2) return {ElectionOutcome::kNotCertified, {}, {}};
  std::vector<std::size_t> idx(v.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(),
                   [&](std::size_t a, std::size_t b) { return v[a] > v[b]; });
  if (v[idx[1]] == v[idx[2]]) return {ElectionOutcome::kRerun, {}, {}};
  std::vector<std::size_t> pair = {idx[0], idx[1]};
  std::sort(pair.begin(), pair.end());
  return {ElectionOutcome::kRunoff, {}, pair};
}

bool NaiveDeterminative(const std::vector<int64_t>& v, std::size_t no_union,
                        int64_t challenged) {
  const Key base = NaiveOutcome(v, no_union);
  std::vector<int64_t> w = v;
  std::function<bool(std::size_t, int64_t)> any_change =
      [&](std::size_t i, int64_t left) -> bool {
    if (i == w.size()) return !(NaiveOutcome(w, no_union) == base);
    for (int64_t add = 0; add <= left; ++add) {
      w[i] += add;
      const bool changed = any_change(i + 1, left - add);
      w[i] -= add;
      if (changed) return true;
    }
    return false;
  };
  return any_change(0, challenged);
}

// RULE R9: determinative iff some resolution changes the outcome.
TEST(ElectionTally, DeterminativeMatchesBruteForce) {
  int checked = 0;
  for (std::size_t k = 2; k <= 4; ++k) {
    for (std::size_t no_union : {std::size_t{0}, k - 1}) {
      std::vector<int64_t> v(k, 0);
      std::function<void(std::size_t)> each = [&](std::size_t i) {
        if (i == k) {
          for (int64_t c = 0; c <= 3; ++c) {
            BallotCount count;
            for (std::size_t j = 0; j < k; ++j) {
              count.choices.push_back(
                  {"c" + std::to_string(j), v[j], j == no_union});
            }
            count.challenged = c;
            Result<ElectionResult> r = DecideElection(count);
            ASSERT_TRUE(r.ok());
            const Key key = NaiveOutcome(v, no_union);
            EXPECT_EQ(r->count_outcome, key.outcome);
            const bool expected = NaiveDeterminative(v, no_union, c);
            EXPECT_EQ(r->outcome == ElectionOutcome::kChallengesDeterminative,
                      expected)
                << "k=" << k << " no_union=" << no_union << " c=" << c
                << " v0=" << v[0] << " v1=" << v[1];
            ++checked;
          }
          return;
        }
        for (int64_t x = 0; x <= 4; ++x) {
          v[i] = x;
          each(i + 1);
        }
      };
      each(0);
    }
  }
  EXPECT_GT(checked, 5000);
}

// ---- incorrect usage ----

TEST(ElectionTally, FewerThanTwoChoicesIsAnError) {
  BallotCount c;
  c.choices = {{"No union", 3, true}};
  ExpectInvalid(DecideElection(c), "choices");
}

TEST(ElectionTally, BallotWithoutANoUnionChoiceIsAnError) {
  BallotCount c;
  c.choices = {{"Local 1", 3, false}, {"Local 2", 4, false}};
  ExpectInvalid(DecideElection(c), "choices");
  c.choices = {{"None", 3, true}, {"Neither", 4, true}};
  ExpectInvalid(DecideElection(c), "choices");
}

TEST(ElectionTally, NegativeCountsAreErrors) {
  ExpectInvalid(DecideElection(YesNo(-1, 3)), "choices[0].votes");
  ExpectInvalid(DecideElection(YesNo(1, 3, -1)), "challenged");
  ExpectInvalid(DecideElection(YesNo(1, 3, 0, -2)), "void_ballots");
}

TEST(ElectionTally, BallotMarkingAMissingBoxIsAnError) {
  const std::vector<BallotChoice> choices = {{"Union", 0, false},
                                             {"No union", 0, true}};
  const std::vector<Ballot> ballots = {{{0}}, {{2}}};
  ExpectInvalid(CountBallots(choices, ballots, 0), "ballots[1]");
}

}  // namespace
}  // namespace hotshop::core
