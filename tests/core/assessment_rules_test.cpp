// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/assessment_rules.
// Rules covered: R18 (a dated snapshot marked as made by a rule; 0 never a
// rule's value; a rule never overrides a newer human assessment).
#include "core/assessment_rules.h"

#include <gtest/gtest.h>

#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

sys_seconds Day(int d) { return sys_seconds{sys_days{2025y / March / d}.time_since_epoch()}; }

// RULE R18: rules are off unless the scale sets a value.
TEST(AssessmentRules, OffByDefault) {
  AssessmentRules none;
  EXPECT_FALSE(RuleAssessment(none, AssessmentFact::kCardSigned, Day(5)).has_value());
  EXPECT_FALSE(RuleAssessment(none, AssessmentFact::kTookPartInTest, Day(5)).has_value());
  EXPECT_TRUE(ValidateRules(none, AssessmentScale{}).ok());
}

// RULE R18: the record says a rule made it, which rule, and when the fact happened.
TEST(AssessmentRules, RecordIsDatedByTheFactAndMarkedAsARule) {
  AssessmentRules rules{2, 3};
  std::optional<AssessmentRecord> card = RuleAssessment(rules, AssessmentFact::kCardSigned, Day(5));
  ASSERT_TRUE(card.has_value());
  EXPECT_EQ(card->value, 2);
  EXPECT_EQ(card->at, Day(5));
  EXPECT_EQ(card->source, AssessmentSource::kRule);
  EXPECT_EQ(card->by_user, "rule:card_signed");
  std::optional<AssessmentRecord> test = RuleAssessment(rules, AssessmentFact::kTookPartInTest, Day(6));
  ASSERT_TRUE(test.has_value());
  EXPECT_EQ(test->value, 3);
  EXPECT_EQ(test->by_user, "rule:structure_test");
}

// RULE R18: 0 (not assessed) and levels beyond the scale are not a rule's.
TEST(AssessmentRules, ValuesAreRealLevelsOfTheScale) {
  Status zero = ValidateRules({0, std::nullopt}, AssessmentScale{});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field(), "rules.card_signed");
  Status high = ValidateRules({std::nullopt, 6}, AssessmentScale{});
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.error().field(), "rules.structure_test");
  EXPECT_TRUE(ValidateRules({5, 1}, AssessmentScale{}).ok());
}

// RULE R18: a rule never overrides a newer human assessment: human 4 on
// day 10; a card signed day 5 leaves it; a card signed day 12 sets 2.
TEST(AssessmentRules, NeverOverridesANewerHumanAssessment) {
  AssessmentRules rules{2, std::nullopt};
  AssessmentRecord human{4, Day(10), "user:marcus", AssessmentSource::kHuman};
  std::vector<AssessmentRecord> history = {*RuleAssessment(rules, AssessmentFact::kCardSigned, Day(5)), human};
  Result<std::optional<size_t>> eff = EffectiveAssessment(history, AssessmentScale{});
  ASSERT_TRUE(eff.ok() && eff->has_value());
  EXPECT_EQ(history[**eff].value, 4);
  history.push_back(*RuleAssessment(rules, AssessmentFact::kCardSigned, Day(12)));
  eff = EffectiveAssessment(history, AssessmentScale{});
  ASSERT_TRUE(eff.ok() && eff->has_value());
  EXPECT_EQ(history[**eff].value, 2);
  EXPECT_EQ(history[**eff].source, AssessmentSource::kRule);
}

}  // namespace
}  // namespace hotshop::core
