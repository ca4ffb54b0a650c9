// SPDX-License-Identifier: AGPL-3.0-or-later
// Cards: one worker's signed authorization for the union to represent them
// in a unit (domain-rules.md R1-R4; issue #4 "Cards").
//
// RULE R2 [S2][S3]: a card must be signed and dated by the employee;
//   undated signatures do not count. hotshop stores no undated card: the
//   signing date is required here and in the schema.
// RULE R4 [S1][S16]: never expose signer identities in employer-facing
//   outputs. This repository returns signers to staff views only; counts go
//   through core::TallyShowing.
// R43: card images are staff-only: only a hash of the evidence (the photo
//   of a paper card, the e-signature record) is kept here.
//
// A card is never deleted: a worker who takes it back has it revoked, with
// the date. Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/showing_of_interest.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

struct CardRecord {
  std::string id;
  std::string person_id;
  std::string unit_id;
  std::string signed_on;  // ISO date, always present (R2)
  std::string method;     // paper_photo | e_signature
  std::optional<int64_t> signed_at_ms;  // the e-signature's timestamp
  std::string evidence_hash;            // hex digest of the evidence
  bool has_signature = true;
  std::string revoked_on;  // ISO date, "" when not revoked
  std::string note;        // sealed at rest
  std::string recorded_by;
  int64_t version = 1;
  int64_t created_at_ms = 0;
};

struct NewCard {
  std::string person_id;
  std::string signed_on;  // REQUIRES: a valid ISO date (checked by the caller)
  std::string method;     // REQUIRES: paper_photo or e_signature
  std::optional<int64_t> signed_at_ms;
  std::string evidence_hash;
  bool has_signature = true;
  std::string note;
};

class CardRepo {
 public:
  CardRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Errors: kNotFound (unit); kInvalidInput "person_id" when the person is
  // not on the unit's chart (no current employment in it),
  // "signed_at"/"evidence_hash" when an e-signature lacks them.
  Result<CardRecord> Add(const std::string& unit_id, const NewCard& card, const std::string& recorded_by,
                         int64_t now_ms);
  Result<CardRecord> Get(const std::string& id);
  // Every card of the unit, oldest signing first.
  Result<std::vector<CardRecord>> OfUnit(const std::string& unit_id);
  // Errors: kPreconditionFailed (stale), kConflict "revoked_on" when already
  // revoked, kInvalidInput "revoked_on" before the signing date.
  Result<CardRecord> Revoke(const std::string& id, int64_t expected_version, const std::string& revoked_on,
                            int64_t now_ms);
  // The unit's campaign and the unit. Errors: kNotFound.
  Result<Owner> OwnerOfCard(const std::string& id);

 private:
  Result<CardRecord> FromRow(const Row& r);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

// The core's view of a card (core::ClassifyCards, TallyShowing); a card
// revoked on or before as_of is revoked, one revoked later still counted
// then. REQUIRES: card.signed_on is a valid ISO date.
core::Card ToCoreCard(const CardRecord& card, const std::string& as_of_iso);

}  // namespace hotshop::store
