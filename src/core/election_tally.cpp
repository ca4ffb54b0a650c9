// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/election_tally.h"

#include <algorithm>
#include <numeric>

namespace hotshop::core {

namespace {

Status ValidateCount(const BallotCount& count) {
  if (count.choices.size() < 2) {
    return Error::InvalidInput("choices", "a ballot needs at least 2 choices");
  }
  const auto no_union =
      std::count_if(count.choices.begin(), count.choices.end(),
                    [](const BallotChoice& c) { return c.no_union; });
  if (no_union != 1) {
    return Error::InvalidInput("choices",
                               "exactly one choice must be \"no union\"");
  }
  for (std::size_t i = 0; i < count.choices.size(); ++i) {
    if (count.choices[i].votes < 0) {
      return Error::InvalidInput("choices[" + std::to_string(i) + "].votes",
                                 "must not be negative");
    }
  }
  if (count.void_ballots < 0) {
    return Error::InvalidInput("void_ballots", "must not be negative");
  }
  if (count.challenged < 0) {
    return Error::InvalidInput("challenged", "must not be negative");
  }
  return Ok();
}

// Choice indices by votes, most first; ballot order breaks ties.
std::vector<std::size_t> Ranked(const std::vector<BallotChoice>& choices) {
  std::vector<std::size_t> order(choices.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) {
                     return choices[a].votes > choices[b].votes;
                   });
  return order;
}

// The outcome of the counted ballots (R8, R9 runoff, 102.70(d) rerun).
void DecideCounted(const BallotCount& count, ElectionResult& r) {
  const auto& choices = count.choices;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    // RULE R8: a majority of valid votes cast, not of the unit.
    if (2 * choices[i].votes > r.valid_votes) r.winner = i;
  }
  if (r.winner) {
    r.count_outcome = choices[*r.winner].no_union
                          ? ElectionOutcome::kNotCertified
                          : ElectionOutcome::kCertified;
    return;
  }
  if (choices.size() == 2) {
    // RULE R8: a tie means no certification.
    r.count_outcome = ElectionOutcome::kNotCertified;
    return;
  }
  // RULE R9: no majority among 3+ choices: runoff between the top two,
  // unless second place is tied (102.70(d): rerun).
  const std::vector<std::size_t> order = Ranked(choices);
  if (choices[order[1]].votes == choices[order[2]].votes) {
    r.count_outcome = ElectionOutcome::kRerun;
    return;
  }
  r.count_outcome = ElectionOutcome::kRunoff;
  r.runoff = std::pair{order[0], order[1]};
}

// RULE R9: could resolving the challenged ballots (each counted for any
// choice, or not at all) change the outcome? See the header for the
// two-choice case; the general case reasons on the ranked votes.
bool ChallengesDeterminative(const BallotCount& count,
                             const ElectionResult& r) {
  const int64_t c = count.challenged;
  if (c == 0) return false;
  const auto& choices = count.choices;
  const int64_t valid = r.valid_votes;
  const std::vector<std::size_t> order = Ranked(choices);
  const int64_t top = choices[order[0]].votes;

  if (choices.size() == 2) {
    // Only "certified or not" matters: a tie is a loss (R8).
    const std::size_t union_choice = choices[0].no_union ? 1 : 0;
    const int64_t yes = choices[union_choice].votes;
    if (r.count_outcome == ElectionOutcome::kCertified) {
      return 2 * yes <= valid + c;  // challenged >= yes - no
    }
    return 2 * yes + c > valid;  // challenged > no - yes
  }
  if (r.winner) {
    // The winner loses its majority iff all challenges, counted for others,
    // reach half of the new total: 2 * w <= valid + c.
    return 2 * top <= valid + c;
  }
  // No majority now. Can any choice reach one with x <= c more votes?
  // 2 * (v + x) > valid + x is easiest at x = c and for the top choice.
  if (2 * top + c > valid) return true;
  const int64_t second = choices[order[1]].votes;
  const int64_t third = choices[order[2]].votes;
  if (r.count_outcome == ElectionOutcome::kRunoff) {
    // The runoff pair changes iff third place can catch second.
    return third + c >= second;
  }
  // Rerun (tie for second). With the lead alone on top, one vote breaks the
  // tie; with 3+ tied on top it takes two votes to single out a pair.
  if (top > second) return true;
  return c >= 2;
}

}  // namespace

std::optional<std::size_t> ReadBallot(const Ballot& ballot) {
  std::optional<std::size_t> chosen;
  for (std::size_t box : ballot.marked_boxes) {
    if (chosen && *chosen != box) return std::nullopt;  // RULE R8: void
    chosen = box;
  }
  return chosen;  // nullopt for a blank ballot
}

Result<BallotCount> CountBallots(std::span<const BallotChoice> choices,
                                 std::span<const Ballot> ballots,
                                 int64_t challenged) {
  BallotCount count;
  count.choices.assign(choices.begin(), choices.end());
  for (BallotChoice& c : count.choices) c.votes = 0;
  count.challenged = challenged;
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    for (std::size_t box : ballots[i].marked_boxes) {
      if (box >= choices.size()) {
        return Error::InvalidInput("ballots[" + std::to_string(i) + "]",
                                   "marks a box that is not on the ballot");
      }
    }
    if (std::optional<std::size_t> chosen = ReadBallot(ballots[i])) {
      ++count.choices[*chosen].votes;
    } else {
      ++count.void_ballots;
    }
  }
  if (Status s = ValidateCount(count); !s) return s.error();
  return count;
}

Result<ElectionResult> DecideElection(const BallotCount& count) {
  if (Status s = ValidateCount(count); !s) return s.error();
  ElectionResult r;
  for (const BallotChoice& c : count.choices) r.valid_votes += c.votes;
  r.majority = r.valid_votes / 2 + 1;
  DecideCounted(count, r);
  r.outcome = ChallengesDeterminative(count, r)
                  ? ElectionOutcome::kChallengesDeterminative
                  : r.count_outcome;
  return r;
}

}  // namespace hotshop::core
