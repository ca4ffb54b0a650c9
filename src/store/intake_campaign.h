// SPDX-License-Identifier: AGPL-3.0-or-later
// "Open a campaign" from an intake (issue #5): in the caller's one
// transaction, creates the campaign, its employer and worksite, and the
// worker as the campaign's first person (name, phone, email, language, and
// what they told us as the first note), employed at that worksite; the
// intake moves to campaign_opened pointing at both (R22). Intake values are
// copied under the same org keys; the intake row stays (history) until the
// campaign's own retention applies.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct OpenCampaignInput {
  std::string campaign_name;   // "" = "<employer> (<city>)"
  std::string employer_name;   // "" = the employer the worker named
  std::string worksite_name;   // "" = the city the worker named, or the employer
  std::string region;          // "" = the intake's region
};

struct OpenedCampaign {
  std::string campaign_id;
  std::string employer_id;
  std::string worksite_id;
  std::string person_id;
};

// Errors: kNotFound (intake); kPreconditionFailed (stale version);
// kInvalidInput("stage") when the intake is not matched, first contact or
// assessed; kInvalidInput("employer_name") when neither the input nor the
// intake names an employer; kInvalidInput("spam") for a spam-marked intake.
Result<OpenedCampaign> OpenCampaignFromIntake(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                              const std::string& intake_id, int64_t expected_version,
                                              const OpenCampaignInput& in, const std::string& actor, int64_t now_ms);

}  // namespace hotshop::store
