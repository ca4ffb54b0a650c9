// SPDX-License-Identifier: AGPL-3.0-or-later
// Showing of interest: how many cards a petition needs, and which cards
// count toward it. A "card" is one employee's signed authorization (paper
// or electronic); a showing counts employees, so a person who re-signed is
// counted once, on their newest good card.
//
// Pure; thread-safe.
//
// RULE R1 [S1][S2]: RC, RD and UD petitions need a showing of interest from
//   >=30% of the petitioned-for unit: required = ceil(0.30 x unit_size).
// RULE R2 [S2][S3]: every signature must be signed and dated by the
//   employee; undated signatures are defective and do not count.
// RULE R3 (UNVERIFIED): cards dated >12 months before filing are commonly
//   treated as stale (no NLRB text found). Flag and prompt a re-sign; keep
//   counting. The window is the stale_after parameter, default 12 months.
// RULE R4 [S1][S16]: the showing of interest is administrative and not
//   litigable; cards held by the NLRB are FOIA-exempt. Never expose signer
//   identities in employer-facing outputs: Showing holds counts only
//   (enforced by a static_assert below); per-card status is staff-only.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

// R1: the share of the unit a petition's showing must reach.
inline constexpr int64_t kShowingPercent = 30;

enum class CardMethod {
  kPaper,       // wet signature on an authorization card or petition
  kElectronic,  // electronic signature meeting the NLRB's e-signature rules
};

struct Card {
  std::string person_id;          // the signer; opaque, never empty
  std::optional<Date> signed_on;  // the date the employee wrote; none = undated
  CardMethod method = CardMethod::kPaper;
  bool has_signature = true;  // false when the card shows no signature
  bool revoked = false;       // the signer asked for it back
};

// What one card contributes, for staff views and re-sign prompts only
// (it is tied to a person: never put it in an employer-facing output, R4).
enum class CardStatus {
  kCounts,       // signed, dated, current
  kCountsStale,  // counts, but older than stale_after: prompt a re-sign (R3)
  kUndated,      // rejected: no date (R2)
  kUnsigned,     // rejected: no signature (R2)
  kFutureDated,  // rejected: dated after as_of, so it cannot be in the showing
  kRevoked,      // rejected: the signer revoked it
  kSuperseded,   // a newer good card of the same person counts instead
};

// The employer-safe summary: counts only, no identities (R4).
struct Showing {
  int64_t unit_size = 0;
  int64_t required = 0;  // ceil(30% x unit_size), integer arithmetic (R1)
  int64_t counted = 0;   // people with a good card (R2), stale included (R3)
  int64_t stale = 0;     // subset of counted whose card is stale (R3)
  int64_t undated_rejected = 0;
  int64_t unsigned_rejected = 0;
  int64_t future_dated_rejected = 0;
  int64_t revoked = 0;
  int64_t superseded = 0;  // older cards of people counted on a newer one
};
// R4: a Showing must never grow a name, id or image. Adding a non-trivial
// member (std::string, std::vector) breaks this on purpose.
static_assert(std::is_trivially_copyable_v<Showing>,
              "Showing is employer-safe: counts only (RULE R4)");

// ceil(30% of unit_size) with integer arithmetic: 100 -> 30, 101 -> 31,
// 1 -> 1. REQUIRES: unit_size > 0 (checked by TallyShowing, not here).
int64_t RequiredShowing(int64_t unit_size);

// One status per card, in input order. Among cards of the same person
// that count, the one signed latest counts (ties: the later in `cards`);
// the others become kSuperseded, so a re-sign clears a stale flag.
// A card dated exactly stale_after before as_of is not yet stale.
// Fails with InvalidInput naming the field when as_of or a signed_on is not
// a real date ("cards[i].signed_on"), a person_id is empty
// ("cards[i].person_id"), or stale_after < 1 month ("stale_after").
Result<std::vector<CardStatus>> ClassifyCards(
    std::span<const Card> cards, Date as_of,
    std::chrono::months stale_after = std::chrono::months{12});

// Counts a unit's cards as of a filing date. Same errors as ClassifyCards,
// plus InvalidInput("unit_size") when unit_size <= 0. Defective cards never
// fail the call; they are counted in their *_rejected field.
Result<Showing> TallyShowing(
    std::span<const Card> cards, int64_t unit_size, Date as_of,
    std::chrono::months stale_after = std::chrono::months{12});

// True when the good cards reach the required showing (R1).
bool MeetsShowing(const Showing& showing);

}  // namespace hotshop::core
