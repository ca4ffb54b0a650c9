// SPDX-License-Identifier: AGPL-3.0-or-later
// Demands for recognition (R14, Cemex) and the org switch that turns the
// Cemex clock on. The clock itself is core::RunCemexClock; this stores what
// the organizer recorded: the date, method, majority evidence (as counts:
// the cards stay in cards), the workplace's state, and the employer's
// response. Notes are sealed.
//
// RULE R14 (contested): Cemex is off for an org until an org admin turns it
// on (ElectionSettings); while off the API answers 404 for every demand.
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

struct ElectionSettings {
  bool cemex_enabled = false;
  int64_t version = 1;  // 1 = never set (the defaults)
};

// The org's settings; defaults when never set.
Result<ElectionSettings> GetElectionSettings(Tx& tx, const Scope& scope);
// Errors: kPreconditionFailed when expected_version is not the current one
// (1 for never set).
Result<ElectionSettings> SetElectionSettings(Tx& tx, const Scope& scope, int64_t expected_version,
                                             const ElectionSettings& s, int64_t now_ms);

struct CemexDemand {
  std::string id;
  std::string unit_id;
  std::string demanded_on;  // ISO date
  std::string method;       // in_person | letter | email | other
  std::string evidence;     // authorization_cards | signed_petition | other
  int64_t supporters = 0;
  int64_t unit_size = 0;
  std::string state_code;   // USPS code, "" when not known
  std::string response;     // none | recognized | filed_rm_petition
  std::string responded_on; // ISO date or ""
  std::string note;
  int64_t version = 1;
};

struct CemexDemandFields {
  std::optional<std::string> demanded_on, method, evidence, state_code, response, responded_on, note;
  std::optional<int64_t> supporters, unit_size;
};

class CemexRepo {
 public:
  CemexRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // REQUIRES: the fields validated (the caller runs core::RunCemexClock on
  // the merged demand first). Errors: kNotFound (unit).
  Result<CemexDemand> Add(const std::string& unit_id, const CemexDemand& d, int64_t now_ms);
  Result<CemexDemand> Get(const std::string& id);
  // Writes the merged demand. Errors: kPreconditionFailed.
  Result<CemexDemand> Update(const std::string& id, int64_t expected_version, const CemexDemand& d, int64_t now_ms);
  Result<std::vector<CemexDemand>> OfUnit(const std::string& unit_id);
  Result<Owner> OwnerOf(const std::string& id);

 private:
  Result<CemexDemand> FromRow(const Row& r);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

// d with the present fields of f applied.
CemexDemand MergeDemand(CemexDemand d, const CemexDemandFields& f);

}  // namespace hotshop::store
