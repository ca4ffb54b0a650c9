// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/assessment.
// Rules covered: R18 (scale 0..5 with 0 = not assessed, configurable labels
// and support levels; dated snapshots; a rule never overrides a newer human
// assessment; support share per unit, department and shift).
#include "core/assessment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

sys_seconds At(int day, int hour = 12) {
  return sys_days{2025y / June / day} + hours{hour};
}

AssessmentRecord Human(int64_t value, sys_seconds at) {
  return {value, at, "user-sam", AssessmentSource::kHuman};
}
AssessmentRecord Rule(int64_t value, sys_seconds at) {
  return {value, at, "rule-card-signed", AssessmentSource::kRule};
}

std::optional<std::size_t> Effective(const std::vector<AssessmentRecord>& h) {
  Result<std::optional<std::size_t>> r =
      EffectiveAssessment(h, AssessmentScale{});
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : std::nullopt;
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R18: the default scale is 0..5, 0 = not assessed, 1 and 2 support.
TEST(Assessment, DefaultScaleCountsLeadersAndSupporters) {
  AssessmentScale scale;
  EXPECT_TRUE(ValidateScale(scale).ok());
  EXPECT_EQ(scale.labels.size(), 6u);
  EXPECT_EQ(scale.labels[0], "not_assessed");
  EXPECT_FALSE(CountsAsSupport(scale, 0));
  EXPECT_TRUE(CountsAsSupport(scale, 1));
  EXPECT_TRUE(CountsAsSupport(scale, 2));
  EXPECT_FALSE(CountsAsSupport(scale, 3));
}

// RULE R18: labels and support levels are configurable.
TEST(Assessment, ScaleIsConfigurable) {
  AssessmentScale three;
  three.max_level = 3;
  three.labels = {"sin evaluar", "con nosotros", "indeciso", "en contra"};
  three.support_levels = {1};
  EXPECT_TRUE(ValidateScale(three).ok());
  EXPECT_FALSE(CountsAsSupport(three, 2));
}

// RULE R18: an assessment is a dated snapshot; the newest is effective.
TEST(Assessment, NewestAssessmentIsEffective) {
  std::vector<AssessmentRecord> h = {Human(3, At(1)), Human(2, At(5))};
  EXPECT_EQ(Effective(h), 1u);
  std::vector<AssessmentRecord> unordered = {Human(2, At(5)), Human(3, At(1))};
  EXPECT_EQ(Effective(unordered), 0u);
  EXPECT_FALSE(Effective({}).has_value());
}

// RULE R18: a rule never overrides a newer human assessment.
TEST(Assessment, RuleNeverOverridesANewerHumanAssessment) {
  // Card signed (rule says 2) on the 3rd; the organizer judged 4 on the 5th.
  std::vector<AssessmentRecord> h = {Rule(2, At(3)), Human(4, At(5))};
  EXPECT_EQ(Effective(h), 1u);
  // Entered in the other order, same answer.
  std::vector<AssessmentRecord> reversed = {Human(4, At(5)), Rule(2, At(3))};
  EXPECT_EQ(Effective(reversed), 0u);
}

// RULE R18: a rule newer than every human record takes effect.
TEST(Assessment, RuleNewerThanEveryHumanRecordTakesEffect) {
  std::vector<AssessmentRecord> h = {Human(3, At(1)), Rule(2, At(4))};
  EXPECT_EQ(Effective(h), 1u);
}

// RULE R18: at the same instant, the human judgment wins.
TEST(Assessment, HumanBeatsRuleAtTheSameInstant) {
  std::vector<AssessmentRecord> h = {Human(4, At(5)), Rule(2, At(5))};
  EXPECT_EQ(Effective(h), 0u);
  std::vector<AssessmentRecord> same_source = {Human(4, At(5)),
                                               Human(3, At(5))};
  EXPECT_EQ(Effective(same_source), 1u);  // the later entry
}

// RULE R18: support share = supporters / unit; 0 never counts as support
// but stays in the unit.
TEST(Assessment, NotAssessedNeverCountsAsSupport) {
  std::vector<AssessedWorker> w = {{"Housekeeping", "Days", 1},
                                   {"Housekeeping", "Nights", 2},
                                   {"Housekeeping", "Nights", 0},
                                   {"Kitchen", "Days", 3},
                                   {"Kitchen", "Days", 0}};
  Result<SupportReport> r = SupportByGroup(w);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unit.workers, 5);
  EXPECT_EQ(r->unit.assessed, 3);
  EXPECT_EQ(r->unit.supporters, 2);
  EXPECT_EQ(r->unit.support_percent, 40);
  EXPECT_EQ(r->unit.by_level, (std::vector<int64_t>{2, 1, 1, 1, 0, 0}));
}

// RULE R18: the share per department and shift, with counts.
TEST(Assessment, SupportIsReportedPerDepartmentAndShift) {
  std::vector<AssessedWorker> w = {{"Housekeeping", "Days", 1},
                                   {"Housekeeping", "Nights", 2},
                                   {"Housekeeping", "Nights", 0},
                                   {"Kitchen", "Days", 3}};
  Result<SupportReport> r = SupportByGroup(w);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->by_department.size(), 2u);
  EXPECT_EQ(r->by_department[0].department, "Housekeeping");
  EXPECT_EQ(r->by_department[0].counts.supporters, 2);
  EXPECT_EQ(r->by_department[0].counts.support_percent, 66);  // floor
  EXPECT_EQ(r->by_department[1].counts.supporters, 0);
  ASSERT_EQ(r->by_shift.size(), 2u);
  EXPECT_EQ(r->by_shift[0].shift, "Days");
  EXPECT_EQ(r->by_shift[0].counts.workers, 2);
  ASSERT_EQ(r->by_department_shift.size(), 3u);
  EXPECT_EQ(r->by_department_shift[1].department, "Housekeeping");
  EXPECT_EQ(r->by_department_shift[1].shift, "Nights");
  EXPECT_EQ(r->by_department_shift[1].counts.supporters, 1);
}

// ---- incorrect usage ----

TEST(Assessment, ZeroCannotBeASupportLevel) {
  AssessmentScale s;
  s.support_levels = {0, 1};
  Status st = ValidateScale(s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field(), "support_levels");
}

TEST(Assessment, BadScalesAreErrors) {
  AssessmentScale labels;
  labels.labels.pop_back();
  EXPECT_EQ(ValidateScale(labels).error().field(), "labels");
  AssessmentScale big;
  big.max_level = kMaxAssessmentLevel + 1;
  EXPECT_EQ(ValidateScale(big).error().field(), "max_level");
  AssessmentScale twice;
  twice.support_levels = {1, 1};
  EXPECT_EQ(ValidateScale(twice).error().field(), "support_levels");
  ExpectInvalid(SupportByGroup(std::vector<AssessedWorker>{{"a", "b", 1}}, big),
                "max_level");
}

TEST(Assessment, ValueOffTheScaleIsAnError) {
  std::vector<AssessmentRecord> h = {Human(2, At(1)), Human(6, At(2))};
  ExpectInvalid(EffectiveAssessment(h, AssessmentScale{}), "history[1].value");
  std::vector<AssessedWorker> w = {{"a", "b", -1}};
  ExpectInvalid(SupportByGroup(w), "workers[0].level");
}

TEST(Assessment, EmptyUnitIsAnError) {
  ExpectInvalid(SupportByGroup({}), "workers");
}

}  // namespace
}  // namespace hotshop::core
