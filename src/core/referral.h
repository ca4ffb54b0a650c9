// SPDX-License-Identifier: AGPL-3.0-or-later
// Referral between organizations (security-model.md §3 "Referral with
// consent"; issue #5; journeys J2.3): org A offers a worker's request to a
// partner org B. What may be sent, when, and for how long.
//
// Pure; thread-safe. Times are milliseconds since the Unix epoch, UTC.
//
// §3: Org A proposes; Org B sees an anonymized card (industry, city, size
// band). A records the named contact's consent (who, when, channel,
// fields). On acceptance, only those fields are copied into B under B's
// keys, with new ids and provenance; no row is shared across tenants.
// Withdrawal triggers forget in B; offers expire after 14 days; both audit
// logs record each step.
// J2.3 Never: fields sent before consent or acceptance.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hotshop::core {

// The fields of a request a worker may consent to share. Nothing else of
// the request can be copied; the anonymous card is not a field (it is what
// B sees before accepting: industry, city, size band, §3).
enum class ReferralField {
  kName,
  kPhone,
  kEmail,
  kLanguage,
  kBestTime,
  kEmployer,
  kCity,
  kZip,
  kIndustry,
  kSizeBand,
  kStory,  // "what is going on", the worker's free text
};
std::span<const ReferralField> AllReferralFields();
// "name", "phone", "email", "language", "best_time", "employer", "city",
// "zip", "industry", "size_band", "story".
const char* ReferralFieldName(ReferralField f);
std::optional<ReferralField> ParseReferralField(std::string_view name);

// The consented fields, each once, in AllReferralFields() order. Errors
// (field "fields"): empty (consent to share nothing is no referral), an
// unknown name (the message names it).
Result<std::vector<ReferralField>> ParseConsentFields(std::span<const std::string_view> names);

// How the worker gave consent (who recorded it is the signed-in user).
enum class ConsentChannel { kInPerson, kPhone, kText, kEmail, kWebForm };
const char* ConsentChannelName(ConsentChannel c);  // "in_person", "phone", "text", "email", "web_form"
std::optional<ConsentChannel> ParseConsentChannel(std::string_view name);

enum class ReferralState {
  kOffered,    // A sent the card; B has not answered
  kAccepted,   // B accepted: B holds its copy of the consented fields
  kDeclined,   // B said no: nothing was copied
  kExpired,    // 14 days passed without an answer: nothing was copied
  kWithdrawn,  // A withdrew (the worker withdrew consent): B's copy erased
};
const char* ReferralStateName(ReferralState s);  // "offered", "accepted", ...
std::optional<ReferralState> ParseReferralState(std::string_view name);

inline constexpr int64_t kReferralOfferTtlMs = int64_t{14} * 24 * 60 * 60 * 1000;

// The state as of now_ms: an offer unanswered for ttl_ms or more reads as
// kExpired whether or not a job has stored it yet (§3: offers expire after
// 14 days), so an expired offer can never be accepted.
ReferralState EffectiveReferralState(ReferralState stored, int64_t offered_at_ms, int64_t now_ms,
                                     int64_t ttl_ms = kReferralOfferTtlMs);

// May a referral in `from` (its effective state) move to `to`? offered ->
// accepted | declined | expired | withdrawn; accepted -> withdrawn. Errors:
// kConflict (field "state") naming the state it is in.
Status CheckReferralChange(ReferralState from, ReferralState to);

// What B may read of a referral in `state` (J2.3 "Never: fields sent before
// consent or acceptance"; §4 #11): the anonymous card while offered; the
// consented fields once accepted; nothing otherwise.
enum class PartnerView { kNothing, kAnonymousCard, kConsentedFields };
PartnerView PartnerMaySee(ReferralState effective_state);

}  // namespace hotshop::core
