// SPDX-License-Identifier: AGPL-3.0-or-later
// Unfair labor practice charges of a campaign (domain-rules.md R15-R17):
// the conduct and its kind (R16), the dates filed and served (R15's 10(b)
// deadline runs from the conduct, computed by core::CheckTenB), the case
// number, and the stage (R17), which moves only along core::NextStages:
// an illegal move is refused and changes nothing. Every move is kept.
// unit_id / person_id optionally narrow a charge to a unit and the worker
// it concerns. The description is sealed.
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

struct Charge {
  std::string id;
  std::string campaign_id;
  std::string unit_id;    // "" = campaign-wide
  std::string person_id;  // "" = names nobody
  std::string kind;       // core::UlpKindCode
  std::string conduct_on; // ISO date
  std::string filed_on, served_on;  // ISO dates or ""
  std::string case_number;
  std::string stage;  // core::ChargeStageCode
  bool blocking = false;
  std::string description;  // sealed at rest
  int64_t version = 1;
};

struct ChargeFields {
  std::optional<std::string> unit_id, person_id, kind, conduct_on, filed_on, served_on, case_number, description;
  std::optional<bool> blocking;
};

struct StageChange {
  std::string stage;
  std::string on_date;
  std::string by;
};

class ChargeRepo {
 public:
  ChargeRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Errors: kNotFound (campaign); kInvalidInput "unit_id" (not the
  // campaign's), "person_id" (not the campaign's), "filed_on"/"served_on"
  // before the conduct, "served_on" before filing.
  Result<Charge> Add(const std::string& campaign_id, const ChargeFields& f, const std::string& by, int64_t now_ms);
  Result<Charge> Get(const std::string& id);
  // Errors: as Add; kPreconditionFailed.
  Result<Charge> Update(const std::string& id, int64_t expected_version, const ChargeFields& f, int64_t now_ms);
  // RULE R17: moves the stage. Errors: kInvalidInput "stage" when the move
  // is not one of core::NextStages (nothing changes); kPreconditionFailed.
  Result<Charge> MoveStage(const std::string& id, int64_t expected_version, const std::string& stage,
                           const std::string& on_date, const std::string& by, int64_t now_ms);
  Result<std::vector<StageChange>> Stages(const std::string& id);
  // The campaign's charges, by conduct date.
  Result<std::vector<Charge>> OfCampaign(const std::string& campaign_id);
  // Charges on a unit that ask to block its election (R13) and are still
  // open (not at a final stage).
  Result<std::vector<Charge>> OpenBlockingOfUnit(const std::string& unit_id);
  Result<Owner> OwnerOf(const std::string& id);

 private:
  Result<Charge> FromRow(const Row& r);
  Status Check(const Charge& c);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
