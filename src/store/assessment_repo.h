// SPDX-License-Identifier: AGPL-3.0-or-later
// Assessment scales and assessments (domain-rules.md R18; issue #4
// "Assessments and the committee").
//
// A scale belongs to the org (campaign_id "") or to one campaign; levels
// run 0..max_level with 0 = not assessed, never support (core/assessment.h
// ValidateScale). Each org has one default scale (0-5, the EWOC labels),
// made the first time something needs it. Labels and the name may change
// later; max_level and the support levels may not, because the history
// already recorded on the scale was judged against them.
//
// An assessment is a dated snapshot, never updated or deleted: the history
// is the record. Which one is in effect is core::EffectiveAssessment's
// decision (a rule never overrides a newer human assessment), not the
// store's.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/assessment_rules.h"
#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct Scale {
  std::string id;
  std::string campaign_id;  // "" = every campaign of the org
  std::string name;
  core::AssessmentScale scale;
  core::AssessmentRules rules;  // off unless set (core/assessment_rules.h)
  bool is_default = false;
  int64_t version = 1;
};

struct Assessment {
  std::string id;
  std::string person_id;
  std::string scale_id;
  int64_t value = core::kNotAssessed;
  int64_t at_ms = 0;  // when judged; for a rule, when the fact happened
  core::AssessmentSource source = core::AssessmentSource::kHuman;
  std::string by_actor;  // user id, or the rule's id
  std::string note;      // sealed at rest; "facts, not opinions" (R40)
  int64_t created_at_ms = 0;
};

class AssessmentRepo {
 public:
  AssessmentRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // The org's default scale, made (0-5, core defaults) when it has none.
  // Safe against a concurrent first call.
  Result<Scale> DefaultScale(int64_t now_ms);
  // Errors: kInvalidInput as core::ValidateScale; kNotFound for a campaign
  // not in this org.
  // kInvalidInput "rules.<fact>" as core::ValidateRules.
  Result<Scale> CreateScale(const std::string& campaign_id, const std::string& name,
                            const core::AssessmentScale& scale, int64_t now_ms,
                            const core::AssessmentRules& rules = {});
  Result<Scale> GetScale(const std::string& id);
  // Default first, then by name.
  Result<std::vector<Scale>> ListScales();
  // Errors: kPreconditionFailed (stale); kInvalidInput "labels" when the
  // count differs from max_level + 1.
  // rules, when given, replace the scale's rules (kInvalidInput as
  // core::ValidateRules).
  Result<Scale> UpdateScale(const std::string& id, int64_t expected_version, const std::optional<std::string>& name,
                            const std::optional<std::vector<std::string>>& labels, int64_t now_ms,
                            const std::optional<core::AssessmentRules>& rules = std::nullopt);

  // Appends one snapshot. Errors: kNotFound (person or scale);
  // kInvalidInput "value" outside 0..max_level.
  Result<Assessment> Add(const std::string& person_id, const std::string& scale_id, int64_t value, int64_t at_ms,
                         core::AssessmentSource source, const std::string& by_actor, const std::string& note,
                         int64_t now_ms);
  // Oldest first (at_ms, then when recorded): the order EffectiveAssessment
  // reads. Errors: kNotFound (person).
  Result<std::vector<Assessment>> History(const std::string& person_id, const std::string& scale_id);

 private:
  Result<Scale> ScaleFromRow(const Row& r);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

// Applies the rules of every scale of the org or of campaign_id that has
// one for fact: appends a rule assessment of person dated at_ms (when the
// fact happened; R18), unless that rule already recorded one at that time
// (recording the same fact twice adds nothing). Returns how many were
// added. Errors: kNotFound (person).
Result<int64_t> ApplyAssessmentRules(Tx& tx, const Scope& scope, const OrgKeys& keys, const std::string& campaign_id,
                                     const std::string& person_id, core::AssessmentFact fact, int64_t at_ms,
                                     int64_t now_ms);

// The core's view of a history (for EffectiveAssessment).
std::vector<core::AssessmentRecord> ToRecords(const std::vector<Assessment>& history);

}  // namespace hotshop::store
