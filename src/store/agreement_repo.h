// SPDX-License-Identifier: AGPL-3.0-or-later
// A unit's contracts (R12) and voluntary recognitions (R13): with its
// elections and certifications (election_repo.h) and blocking charges
// (charge_repo.h), what bars a petition. Notes are sealed.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

struct Agreement {
  std::string id;
  std::string unit_id;
  std::string kind;  // contract | voluntary_recognition
  // contract: effective_on and expires_on (ISO); recognition: recognized_on
  // and, once bargaining starts, first_session_on. "" = not applicable/known.
  std::string effective_on, expires_on, recognized_on, first_session_on;
  bool written_and_signed = true;
  bool health_care = false;
  std::string note;
  int64_t version = 1;
};

struct AgreementFields {
  std::optional<std::string> kind, effective_on, expires_on, recognized_on, first_session_on, note;
  std::optional<bool> written_and_signed, health_care;
};

class AgreementRepo {
 public:
  AgreementRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Errors: kNotFound (unit); kInvalidInput naming the field a kind needs
  // ("effective_on", "expires_on", "recognized_on") or a date out of order
  // ("expires_on" before effective_on, "first_session_on" before recognition).
  Result<Agreement> Add(const std::string& unit_id, const AgreementFields& f, int64_t now_ms);
  Result<Agreement> Get(const std::string& id);
  // kind cannot change. Errors: as Add; kPreconditionFailed.
  Result<Agreement> Update(const std::string& id, int64_t expected_version, const AgreementFields& f, int64_t now_ms);
  Result<std::vector<Agreement>> OfUnit(const std::string& unit_id);
  Result<Owner> OwnerOf(const std::string& id);

 private:
  Result<Agreement> FromRow(const Row& r);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
