// SPDX-License-Identifier: AGPL-3.0-or-later
// Election bars: the periods in which the NLRB dismisses a petition for a
// unit (or delays its election), from the unit's history of elections,
// certifications, contracts and recognition. BarsOn() lists every bar in
// force on a day, with its end date and reason (its kind and the event it
// runs from); EarliestPetitionDate() finds the first day none blocks a
// petition.
//
// Pure; thread-safe.
//
// RULE R10 [S4][S5]: election bar: no election in the same unit within 12
//   months of a valid election, counted from balloting; a new petition may
//   be filed up to 60 days before the 12 months end.
// RULE R11 [S4]: certification-year bar: petitions in a certified unit are
//   dismissed for 1 year.
// RULE R12 [S4][S3b]: contract bar: a written, signed contract of <=3
//   years bars petitions for its term (longer contracts bar outsiders for 3
//   years only); petitions are timely only 90-61 days before expiration
//   (health care 120-91, UNVERIFIED: parameters); the last 60 days are
//   insulated.
//   Interpretation: the insulated period runs from the day after the window
//   closes through the expiration date (60 days before it through the day
//   itself; 90 for health care); a petition is timely again the day after.
//   A contract longer than 3 years is treated as ending the day before its
//   third anniversary, which is what bars an outsider (our users).
// RULE R13 [S12] (unstable; parameters): voluntary-recognition bar (rule
//   effective 2024-09-30): no petition for a "reasonable period", at least
//   6 months and at most 1 year from the first bargaining session. The same
//   rule restored blocking charges (a pending ULP charge can delay an
//   election).
//   Interpretation: the bar runs from recognition; before the first
//   session its end is unknown. Between 6 and 12 months it "may still be
//   in force" (may_extend_until): the Region decides. A blocking charge
//   does not bar filing; it is listed so the organizer sees the delay.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

struct Contract {
  Date effective{};                // first day in effect
  Date expires{};                  // last day in effect
  bool written_and_signed = true;  // R12: otherwise it bars nothing
};

struct VoluntaryRecognition {
  Date recognized_on{};
  std::optional<Date>
      first_bargaining_session;  // R13: the period runs from here
};

// What has happened in one unit; each list may be empty.
struct UnitHistory {
  std::vector<Date> valid_elections;  // R10: balloting days of valid elections
  std::vector<Date> certifications;   // R11: days a union was certified
  std::vector<Contract> contracts;    // R12
  std::vector<VoluntaryRecognition> recognitions;  // R13
  std::vector<Date>
      blocking_charges;      // R13: filing days of pending blocking ULP charges
  bool health_care = false;  // R12: health-care institution window
};

struct BarParams {
  // R12: the window, in days before the bar ends (inclusive both ends).
  int64_t window_opens_days_before = 90;
  int64_t window_closes_days_before = 61;
  // R12 (UNVERIFIED): health-care institutions.
  int64_t health_care_window_opens_days_before = 120;
  int64_t health_care_window_closes_days_before = 91;
  // R12: a longer contract bars outsiders this long only.
  std::chrono::years contract_bar_max{3};
  // R13 (unstable): the "reasonable period" from the first session.
  std::chrono::months recognition_bar_min{6};
  std::chrono::months recognition_bar_max{12};
};

enum class BarKind {
  kElectionBar,           // R10
  kCertificationYear,     // R11
  kContractBar,           // R12: from the contract's start until the window
  kInsulatedPeriod,       // R12: after the window until the contract ends
  kVoluntaryRecognition,  // R13
  kBlockingCharge,        // R13: delays the election, does not bar filing
};

// A stable code for logs and the API ("election_bar", ...); the UI
// translates codes, never these strings.
const char* BarKindCode(BarKind kind);

struct Bar {
  BarKind kind = BarKind::kElectionBar;
  Date runs_from{};             // the event: ballot, certification, ...
  std::optional<Date> ends_on;  // last day in force; none = not known yet
  // First day a petition may be filed despite this bar; none = not while
  // it lasts. For R10 this precedes ends_on by 60 days.
  std::optional<Date> petition_allowed_from;
  std::optional<Date> may_extend_until;  // R13: last day the Region may hold it
};

// R12: the dates of one contract's bar.
struct ContractWindow {
  Date bar_ends{};       // expiration, or the day before the 3rd anniversary if
                         // sooner
  Date window_opens{};   // first timely day (90 or 120 days before)
  Date window_closes{};  // last timely day (61 or 91 days before)
  Date insulated_from{};  // the day after window_closes
};

// R12 for one contract. REQUIRES: the contract's dates are ok() and
// expires >= effective (validated by AllBars).
ContractWindow ContractWindowFor(const Contract& contract, bool health_care,
                                 const BarParams& params = {});

// Every bar the history creates, in history order (elections,
// certifications, contracts, recognitions, charges). Unsigned contracts
// make none. Fails with InvalidInput naming the field ("contracts[i].expires",
// "recognitions[i].first_bargaining_session", ...) when a date is not real,
// a contract expires before it takes effect, a first session precedes its
// recognition, or params are inconsistent ("window_opens_days_before" must
// exceed the closing day, which must be >= 1; recognition_bar_min <= max).
Result<std::vector<Bar>> AllBars(const UnitHistory& history,
                                 const BarParams& params = {});

// Every bar in force on as_of: runs_from <= as_of <= ends_on (or
// may_extend_until, or open-ended). Same errors as AllBars, plus "as_of".
Result<std::vector<Bar>> BarsOn(const UnitHistory& history, Date as_of,
                                const BarParams& params = {});

// The first day >= as_of on which no bar blocks a petition. nullopt when a
// blocking bar's end is not known yet (recognized, no bargaining session).
// R13's may_extend_until is not waited for: the date is the earliest the
// Region could accept. Same errors as BarsOn.
Result<std::optional<Date>> EarliestPetitionDate(const UnitHistory& history,
                                                 Date as_of,
                                                 const BarParams& params = {});

}  // namespace hotshop::core
