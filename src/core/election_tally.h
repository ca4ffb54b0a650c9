// SPDX-License-Identifier: AGPL-3.0-or-later
// Election tally: what a count of NLRB ballots decides. A ballot has one
// box per choice, one of which is "no union" ("neither"); two-choice
// ballots are the usual yes/no, three or more choices mean rival unions.
//
// Pure; thread-safe.
//
// RULE R8 [S4][S10]: certification needs a majority of valid votes cast,
//   not of the unit; a tie means no certification; ballots marked in more
//   than one box are void (we also void blank ballots: no choice is shown).
// RULE R9 [S7][S11]: any party or Board agent may challenge a voter for
//   good cause; those ballots are impounded. Challenges are determinative
//   when challenged >= |yes - no|. Three or more choices with no majority
//   -> runoff between the top two.
//   Interpretation: "determinative" = some way of resolving the challenges
//   (each challenged ballot opened for any choice, or not counted) changes
//   the outcome. With two choices that is exactly challenged >= yes - no
//   when the union leads; when it trails by d, d challenges can only tie,
//   and a tie is still no certification (R8), so it takes d + 1.
//   29 CFR 102.70(d): with 3+ choices and no majority, a tie for second
//   place (or all choices equal) makes the election a nullity, rerun with
//   all the original choices (kRerun).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace hotshop::core {

struct BallotChoice {
  std::string name;   // as printed on the ballot
  int64_t votes = 0;  // valid votes for this choice (void/challenged excluded)
  bool no_union = false;  // the "no union" / "neither" box
};

struct BallotCount {
  std::vector<BallotChoice> choices;  // in ballot order
  int64_t void_ballots = 0;           // R8: never part of the valid votes
  int64_t challenged = 0;             // R9: impounded, not yet counted
};

enum class ElectionOutcome {
  kCertified,                // a union won a majority of the valid votes
  kNotCertified,             // "no union" won, or a two-choice tie (R8)
  kChallengesDeterminative,  // R9: the challenged ballots could change the
                             // result
  kRunoff,  // R9: 3+ choices, no majority: top two go to a runoff
  kRerun,   // 102.70(d): tie for second place; rerun all choices
};

struct ElectionResult {
  ElectionOutcome outcome = ElectionOutcome::kNotCertified;
  // The outcome of the counted ballots alone; equals outcome unless
  // outcome is kChallengesDeterminative. Never kChallengesDeterminative.
  ElectionOutcome count_outcome = ElectionOutcome::kNotCertified;
  int64_t valid_votes = 0;  // sum of votes; void and challenged excluded (R8)
  int64_t majority = 0;     // valid_votes / 2 + 1: the votes a majority takes
  // Index of the choice holding a majority of the valid votes, if any.
  std::optional<std::size_t> winner;
  // count_outcome == kRunoff: the two choices on the runoff ballot, the
  // larger vote first (ballot order on equal votes).
  std::optional<std::pair<std::size_t, std::size_t>> runoff;
};

// One paper ballot as opened: the boxes marked on it, by choice index
// (a box listed twice is one box).
struct Ballot {
  std::vector<std::size_t> marked_boxes;
};

// R8: the choice a ballot counts for: the single marked box; nullopt (void)
// when no box or more than one box is marked.
std::optional<std::size_t> ReadBallot(const Ballot& ballot);

// Builds a count from opened ballots (R8 voids applied). choices gives
// names and the no-union flag; their votes are ignored and recounted.
// Fails with InvalidInput("ballots[i]") when a ballot marks a box that does
// not exist, and as DecideElection on bad choices or a negative challenged.
Result<BallotCount> CountBallots(std::span<const BallotChoice> choices,
                                 std::span<const Ballot> ballots,
                                 int64_t challenged);

// Decides the election from a count (R8, R9). Fails with InvalidInput when
// there are fewer than 2 choices ("choices"), not exactly one no-union
// choice ("choices": a runoff between two unions is not modelled), or a
// count is negative ("choices[i].votes", "void_ballots", "challenged").
Result<ElectionResult> DecideElection(const BallotCount& count);

}  // namespace hotshop::core
