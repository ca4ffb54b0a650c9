// SPDX-License-Identifier: AGPL-3.0-or-later
// Cemex clock: after the union demands recognition on majority support,
// the days the employer has to recognize it or file an RM petition, and
// what the federal circuit of the workplace means for enforcing a Cemex
// bargaining order. The feature flag that shows the clock lives at the
// edge; this file only calculates.
//
// Pure; thread-safe.
//
// RULE R14 [S13][S14][S15] (contested): Cemex (2023-08-25): after a
//   majority demand for recognition, the employer must recognize or file an
//   RM petition within ~2 weeks. If it does neither, or commits ULPs that
//   require setting an election aside, the Board orders bargaining instead
//   of a rerun. The 6th Circuit (Brown-Forman, 2026-03-06) refused to
//   enforce a Cemex order; binding in KY/MI/OH/TN. The older Gissel
//   standard survives everywhere. (UNVERIFIED) The 9th Circuit reportedly
//   (April 2026) upheld the Cemex order on Gissel grounds only. Build a
//   feature-flagged, circuit-aware "Cemex clock" recording demand date,
//   method and majority evidence.
//   Interpretation: "~2 weeks" is the rm_petition_within parameter (default
//   14 calendar days, UNVERIFIED); the advisory follows the workplace's
//   state. An employer may also seek review in the D.C. Circuit or where
//   it does business (29 U.S.C. 160(f)), so the advisory is a floor.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

// R14: Cemex Construction Materials Pacific, 372 NLRB No. 130.
inline constexpr Date kCemexDecided{std::chrono::year{2023},
                                    std::chrono::August, std::chrono::day{25}};
// R14: Brown-Forman v. NLRB (6th Cir.).
inline constexpr Date kBrownFormanDecided{
    std::chrono::year{2026}, std::chrono::March, std::chrono::day{6}};
// R14 (UNVERIFIED): the 9th Circuit report gives only the month.
inline constexpr Date kNinthCircuitReported{
    std::chrono::year{2026}, std::chrono::April, std::chrono::day{1}};

enum class DemandMethod { kInPerson, kLetter, kEmail, kOther };

enum class MajorityEvidence {
  kAuthorizationCards,
  kSignedPetition,
  kOther,
};

enum class EmployerResponse {
  kNone,             // nothing yet
  kRecognized,       // recognized the union: the clock stops, bargain
  kFiledRmPetition,  // filed for an election: the clock stops
};

// What the organizer records when demanding recognition.
struct RecognitionDemand {
  Date demanded_on{};
  DemandMethod method = DemandMethod::kLetter;
  MajorityEvidence evidence = MajorityEvidence::kAuthorizationCards;
  int64_t supporters = 0;  // people whose evidence backs the demand
  int64_t unit_size = 0;   // the unit demanded
  std::string state_code;  // workplace state, USPS code ("OH")
  EmployerResponse response = EmployerResponse::kNone;
  std::optional<Date> responded_on;  // when response != kNone
};

enum class CemexStatus {
  kRunning,         // the employer still has days to respond
  kAnsweredInTime,  // recognized or filed an RM petition by the deadline
  kAnsweredLate,    // responded, but after the deadline
  kLapsed,          // no response by the deadline: a bargaining-order case
};

// US courts of appeals; kDc is the D.C. Circuit.
enum class Circuit {
  kFirst,
  kSecond,
  kThird,
  kFourth,
  kFifth,
  kSixth,
  kSeventh,
  kEighth,
  kNinth,
  kTenth,
  kEleventh,
  kDc,
};

enum class CircuitAdvisory {
  // Warning (V): the circuit refused to enforce a Cemex order; only Gissel
  // bargaining orders can be expected to be enforced there.
  kCemexNotEnforced,
  // Note (UNVERIFIED): the circuit upheld a Cemex order on Gissel grounds only.
  kGisselGroundsOnly,
};

struct CemexClock {
  Date rm_petition_due{};  // demanded_on + rm_petition_within
  int64_t days_left = 0;   // due - as_of; negative when past
  CemexStatus status = CemexStatus::kRunning;
  bool majority_shown = false;              // supporters > half the unit
  std::optional<Circuit> circuit;           // none for an unknown state code
  std::vector<CircuitAdvisory> advisories;  // in force on as_of
};

// The circuit for a USPS state or territory code (upper case: "KY", "PR",
// "DC"); nullopt when unknown.
std::optional<Circuit> CircuitForState(std::string_view state_code);

// Advisories for a circuit on a day (R14): kCemexNotEnforced for the 6th
// from kBrownFormanDecided; kGisselGroundsOnly for the 9th from
// kNinthCircuitReported.
std::vector<CircuitAdvisory> CircuitAdvisoriesOn(Circuit circuit, Date as_of);

// Runs the clock on as_of. A response on the due date is in time. Fails
// with InvalidInput naming the field when a date is not real ("demanded_on",
// "responded_on", "as_of"), the demand predates kCemexDecided
// ("demanded_on"), as_of precedes the demand, unit_size <= 0, supporters
// is negative or above unit_size, a response lacks its date or a date is
// given without a response ("responded_on"), or rm_petition_within < 1 day.
// An unknown state code is not an error: circuit stays empty.
Result<CemexClock> RunCemexClock(
    const RecognitionDemand& demand, Date as_of,
    std::chrono::days rm_petition_within = std::chrono::days{14});

}  // namespace hotshop::core
