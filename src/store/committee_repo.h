// SPDX-License-Identifier: AGPL-3.0-or-later
// The organizing committee of a campaign (domain-rules.md R20; issue #4
// "Organizing committee: members, coverage ..."): who is on it, since when,
// and until when. Ending a membership keeps the row (until_on), so the
// committee's history stays.
//
// RULE R20 [S23][S22]: no supervisors: Add refuses a person whose current
// employment is a supervisor's (core::CheckCommitteeMember).
//
// Thread rule: stateless over a Tx.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/scope.h"

namespace hotshop::store {

struct CommitteeMember {
  std::string id;
  std::string campaign_id;
  std::string person_id;
  std::string role = "committee";  // committee | helper
  std::string since_on;            // ISO date
  std::string until_on;            // ISO date, "" = current
  int64_t version = 1;
};

class CommitteeRepo {
 public:
  CommitteeRepo(Tx& tx, const Scope& scope) : tx_(tx), scope_(scope) {}

  // REQUIRES: role is committee or helper; since_on a valid ISO date.
  // Errors: kNotFound (campaign or person); kInvalidInput "person_id" when
  // the person is in another campaign or is a supervisor (R20); kConflict
  // "person_id" when already a current member.
  Result<CommitteeMember> Add(const std::string& campaign_id, const std::string& person_id, const std::string& role,
                              const std::string& since_on, int64_t now_ms);
  Result<CommitteeMember> Get(const std::string& id);
  // Current members (and, with history, ended ones too), by since_on.
  Result<std::vector<CommitteeMember>> OfCampaign(const std::string& campaign_id, bool with_history);
  // Errors: kPreconditionFailed (stale); kConflict "until_on" when already
  // ended; kInvalidInput "until_on" before since_on.
  Result<CommitteeMember> End(const std::string& id, int64_t expected_version, const std::string& until_on,
                              int64_t now_ms);

 private:
  Tx& tx_;
  const Scope& scope_;
};

}  // namespace hotshop::store
