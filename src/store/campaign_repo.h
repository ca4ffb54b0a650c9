// SPDX-License-Identifier: AGPL-3.0-or-later
// Campaigns of one org. Updates are optimistic: the caller names the version
// it read, and a stale version changes nothing (kPreconditionFailed).
//
// Thread rule: stateless over a Tx.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/scope.h"

namespace hotshop::store {

struct Campaign {
  std::string id;
  std::string name;
  std::string status;
  int64_t version = 1;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct CampaignChanges {
  std::optional<std::string> name;
  std::optional<std::string> status;
};

class CampaignRepo {
 public:
  CampaignRepo(Tx& tx, const Scope& scope) : tx_(tx), scope_(scope) {}

  Result<Campaign> Create(const std::string& name, int64_t now_ms);
  // Errors: kNotFound when missing in this scope.
  Result<Campaign> Get(const std::string& id);
  Result<std::vector<Campaign>> List();
  // Applies changes when the stored version equals expected_version.
  // Errors: kNotFound (missing or out of scope), kPreconditionFailed (stale).
  Result<Campaign> Update(const std::string& id, int64_t expected_version, const CampaignChanges& changes,
                          int64_t now_ms);
  // How many people of the campaign there are per preferred language ("" =
  // not recorded): all of them, or with units given only those currently
  // employed in one of those units (a unit-scoped reader's summary).
  Result<std::map<std::string, int64_t>> PeopleByLanguage(const std::string& campaign_id,
                                                          const std::optional<std::vector<std::string>>& units);

 private:
  Tx& tx_;
  const Scope& scope_;
};

}  // namespace hotshop::store
