// SPDX-License-Identifier: AGPL-3.0-or-later
// Partner organizations and referrals between them (migration 0012;
// security-model.md §3 "Referral with consent"; core/referral.h; journeys
// J2.3). A referral is referrals_out in A plus referrals_in in B with the
// same id; on B's acceptance only the consented fields of A's request are
// copied into referral_copies in B, sealed under B's keys, with a new id
// and provenance. Nothing is read from or written to the other org except
// through these functions, each of which switches the transaction's org
// (Tx::SetOrg, PostgreSQL row-level security) before touching its tables,
// in one transaction (scale-out.md §1 "Cross-org": one A+B transaction).
//
// The callers audit every step in both orgs' chains (ids only). Times are
// parameters; an offer's expiry is computed at read time
// (core::EffectiveReferralState) and stored by ExpireOffers.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/referral.h"
#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct Partner {
  std::string org_id, slug, name;
  bool we_list = false;    // this org lists the partner
  bool they_list = false;  // the partner lists this org
  bool active() const { return we_list && they_list; }
};

// This org's partners, by name: the ones it lists (with whether they list
// it back). Errors: database only.
Result<std::vector<Partner>> ListPartners(Tx& tx, const Scope& scope);
// Lists the org with this slug as a partner (idempotent). Errors:
// kInvalidInput ("partner") for an unknown slug or the org itself.
Result<Partner> AddPartner(Tx& tx, const Scope& scope, const std::string& partner_slug, const std::string& actor,
                           int64_t now_ms);
// Stops listing the partner. Errors: kNotFound when not listed.
Status RemovePartner(Tx& tx, const Scope& scope, const std::string& partner_org_id);

struct Referral {
  std::string id;
  std::string intake_id;        // A's request ("" on B's side)
  std::string from_org_id;      // A
  std::string partner_org_id;   // B
  std::string partner_name;     // the other org's name, for the page
  std::vector<core::ReferralField> fields;
  std::string consent_by;       // A's user who recorded consent ("" on B's side)
  int64_t consent_at_ms = 0;
  std::string consent_channel;
  core::ReferralState state = core::ReferralState::kOffered;  // effective at the read's now
  int64_t offered_at_ms = 0;
  std::optional<int64_t> answered_at_ms;
  std::string card_industry, card_city, card_size_band;  // the anonymous card
};

struct NewReferral {
  std::string intake_id;
  std::string partner_org_id;
  std::vector<core::ReferralField> fields;
  core::ConsentChannel channel = core::ConsentChannel::kPhone;
  std::string consent_by;  // the signed-in user recording it
  int64_t consent_at_ms = 0;
};

// B's copy of the consented fields (only those are non-empty).
struct ReferralCopy {
  std::string id;  // new, B's
  std::string referral_id;
  std::string from_org_id, from_org_name;
  std::vector<core::ReferralField> fields;
  int64_t consent_at_ms = 0;
  std::string consent_channel;
  std::string name, phone, email, employer, best_time, story;
  std::string language, city, zip, industry, size_band;
  int64_t copied_at_ms = 0;
};

// A offers its request to partner B with the worker's consent. Writes
// referrals_out in A and referrals_in (the card only) in B. Errors:
// kInvalidInput ("partner_org_id") unless both orgs list each other;
// kNotFound for A's request; kConflict when an offer to B for this request
// is still open.
Result<Referral> OfferReferral(Tx& tx, const Scope& a, const NewReferral& n, int64_t now_ms);
// A's referrals of a request (newest first), states effective at now_ms.
Result<std::vector<Referral>> ReferralsOfIntake(Tx& tx, const Scope& a, const std::string& intake_id, int64_t now_ms);
// One referral on A's side. Errors: kNotFound.
Result<Referral> GetOutgoing(Tx& tx, const Scope& a, const std::string& id, int64_t now_ms);

// B's referrals: the cards (offered, newest first), then answered ones.
Result<std::vector<Referral>> ListIncoming(Tx& tx, const Scope& b, int64_t now_ms);
// One referral on B's side. Errors: kNotFound.
Result<Referral> GetIncoming(Tx& tx, const Scope& b, const std::string& id, int64_t now_ms);
// B accepts: A's state -> accepted, A's request -> referred (when its
// pipeline allows), the consented fields copied under B's keys. Errors:
// kNotFound; kConflict ("state") unless offered and unexpired.
Result<ReferralCopy> AcceptReferral(Tx& tx, const Scope& b, KeyService& keys, const std::string& id,
                                    const std::string& actor, int64_t now_ms);
// B declines: both sides -> declined. Errors as AcceptReferral.
Result<Referral> DeclineReferral(Tx& tx, const Scope& b, const std::string& id, const std::string& actor,
                                 int64_t now_ms);
// A withdraws (the worker withdrew consent): both sides -> withdrawn and
// B's copy deleted (§3: withdrawal triggers forget in B). Returns the org id
// of B. Errors: kNotFound; kConflict unless offered or accepted.
Result<Referral> WithdrawReferral(Tx& tx, const Scope& a, const std::string& id, int64_t now_ms);
// B's copy of an accepted referral. Errors: kNotFound unless accepted
// (J2.3 never-line: nothing before acceptance, nothing after withdrawal).
Result<ReferralCopy> GetReferralCopy(Tx& tx, const Scope& b, KeyService& keys, const std::string& id, int64_t now_ms);

// The job: stores kExpired on both sides for A's offers unanswered for
// ttl_ms at now_ms. Returns the referrals expired (for the audit).
Result<std::vector<Referral>> ExpireOffers(Tx& tx, const Scope& a, int64_t now_ms,
                                           int64_t ttl_ms = core::kReferralOfferTtlMs);

}  // namespace hotshop::store
