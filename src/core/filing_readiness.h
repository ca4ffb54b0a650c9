// SPDX-License-Identifier: AGPL-3.0-or-later
// Filing readiness: is the unit strong enough to file for an election (or
// to go public)? Each criterion comes back met or unmet with the numbers
// behind it, so the UI can say "need 4 more re-assessed card signers".
//
// Pure; thread-safe.
//
// RULE R5 [S22][S21] (practice; thresholds configurable): filing readiness
//   is >=65% cards signed and recently re-assessed, and an organizing
//   committee (OC) >=10% of the unit spread across departments [S22]; EWOC
//   goes public only with a supermajority and >=65% support [S21].
//   Interpretation: "recently re-assessed" = the signer's effective
//   assessment is dated within reassessed_within (default 30 days, our
//   choice: the text gives no number) and still counts as support (R18);
//   "spread across departments" = every department of the unit has at
//   least one committee member (committee_department_percent, default 100).
//   Supervisors never count toward the committee (R20).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

// One member of the unit, as readiness needs to see them.
struct ReadinessWorker {
  std::string department;    // "" = not recorded (skipped by spread)
  bool card_counts = false;  // holds a card that counts (R2, TallyShowing)
  bool supportive = false;   // effective assessment counts as support (R18)
  std::optional<Date> last_assessed;  // date of the effective assessment
  bool on_committee = false;
  bool supervisor = false;  // never counts toward the committee (R20)
};

struct ReadinessThresholds {
  int64_t card_percent = 65;                   // R5 [S22]
  std::chrono::days reassessed_within{30};     // our default; see header
  int64_t support_percent = 65;                // R5 [S21]; 0 disables
  int64_t committee_percent = 10;              // R5 [S22]
  int64_t committee_department_percent = 100;  // share of departments covered
};

// have vs need for one criterion; met == (have >= need).
struct Criterion {
  bool met = false;
  int64_t have = 0;
  int64_t need = 0;
};

struct FilingReadiness {
  int64_t unit_size = 0;
  int64_t cards_signed = 0;  // good cards, before the re-assessment test
  Criterion cards;           // signers re-assessed as supporters in the window
  Criterion support;         // supporters, signed or not
  Criterion committee_size;  // non-supervisor committee members
  Criterion committee_spread;  // departments with a committee member
  std::vector<std::string> departments_without_committee;  // sorted
  bool ready = false;  // every criterion met
};

// Needs are ceil(percent x base / 100) in integer arithmetic; the base is
// the unit size, or the number of recorded departments for the spread.
// An assessment dated after as_of counts as recent.
// Fails with InvalidInput when workers is empty ("workers"), as_of or a
// last_assessed is not a real date ("as_of", "workers[i].last_assessed"),
// a percent is outside 0..100 (named by its member, e.g. "card_percent"),
// or reassessed_within is negative ("reassessed_within").
Result<FilingReadiness> AssessFilingReadiness(
    std::span<const ReadinessWorker> workers, Date as_of,
    const ReadinessThresholds& thresholds = {});

}  // namespace hotshop::core
