// SPDX-License-Identifier: AGPL-3.0-or-later
// Assessment rules: optional values a scale gives to facts the campaign
// records ("signed a card -> 2", "took part in a structure test -> 3"), so
// the chart moves when a worker acts, not only when an organizer rates.
//
// Pure; thread-safe.
//
// RULE R18 [S21a] (V/U): an assessment is a dated snapshot; 0 never counts
//   as support. Issue #4: every assessment records whether a person or a
//   rule made it, and a rule never overrides a newer human assessment.
//   Interpretation: rules are off unless the scale sets a value; a rule's
//   value is a real level (1..max_level: a rule never "un-assesses"); the
//   record is dated when the fact happened (core/assessment.h decides what
//   is in effect), and `by` is the rule's id ("rule:card_signed").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/assessment.h"
#include "core/result.h"

namespace hotshop::core {

enum class AssessmentFact {
  kCardSigned,          // a card was recorded for the person (R2: dated)
  kTookPartInTest,      // the person took part in a structure test (R21)
};

// The value each fact sets on one scale; nullopt = no rule (the default).
struct AssessmentRules {
  std::optional<int64_t> card_signed;
  std::optional<int64_t> took_part_in_test;
};

// The fact's name in the API and in storage: "card_signed", "structure_test".
std::string_view FactName(AssessmentFact fact);
// The rule's id, the record's `by`: "rule:" + FactName.
std::string RuleId(AssessmentFact fact);

// Ok, or InvalidInput "rules.<fact name>" when a value is outside
// 1..scale.max_level.
Status ValidateRules(const AssessmentRules& rules, const AssessmentScale& scale);

// The record the scale's rule makes for fact, dated at (when the fact
// happened), or nullopt when the scale has no rule for it.
std::optional<AssessmentRecord> RuleAssessment(const AssessmentRules& rules, AssessmentFact fact,
                                               std::chrono::sys_seconds at);

}  // namespace hotshop::core
