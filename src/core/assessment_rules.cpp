// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/assessment_rules.h"

#include <initializer_list>
#include <utility>

namespace hotshop::core {

std::string_view FactName(AssessmentFact fact) {
  switch (fact) {
    case AssessmentFact::kCardSigned:
      return "card_signed";
    case AssessmentFact::kTookPartInTest:
      return "structure_test";
  }
  return "";
}

std::string RuleId(AssessmentFact fact) { return "rule:" + std::string(FactName(fact)); }

Status ValidateRules(const AssessmentRules& rules, const AssessmentScale& scale) {
  // RULE R18: a rule sets a real level; 0 (not assessed) is never a rule's.
  for (auto [fact, value] : {std::pair{AssessmentFact::kCardSigned, rules.card_signed},
                             std::pair{AssessmentFact::kTookPartInTest, rules.took_part_in_test}}) {
    if (value && (*value < 1 || *value > scale.max_level)) {
      const std::string field = "rules." + std::string(FactName(fact));
      return Error::InvalidInput(field, field + " must be a level from 1 to " + std::to_string(scale.max_level) +
                                            ", or null for no rule");
    }
  }
  return Ok();
}

std::optional<AssessmentRecord> RuleAssessment(const AssessmentRules& rules, AssessmentFact fact,
                                               std::chrono::sys_seconds at) {
  const std::optional<int64_t>& value =
      fact == AssessmentFact::kCardSigned ? rules.card_signed : rules.took_part_in_test;
  if (!value) return std::nullopt;
  // RULE R18: dated when the fact happened, so a newer human judgment stands.
  return AssessmentRecord{*value, at, RuleId(fact), AssessmentSource::kRule};
}

}  // namespace hotshop::core
