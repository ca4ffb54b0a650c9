// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/structure_test.
// Rules covered: R21 (tests escalate; go public past a pre-agreed
// threshold, e.g. 90%; a sticker day covers every department, shift,
// entrance and language).
#include "core/structure_test.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

using namespace std::chrono;

// n people in one department/shift/language/entrance, the first k took part.
std::vector<TestParticipant> People(const std::string& tag,
                                    const std::string& dept,
                                    const std::string& shift,
                                    const std::string& language, int n, int k) {
  std::vector<TestParticipant> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(
        {tag + std::to_string(i), dept, shift, language, "Main", i < k});
  }
  return out;
}

StructureTest MakeTest(StructureTestKind kind, int64_t target,
                       std::vector<TestParticipant> roster,
                       Date held_on = 2025y / May / 1) {
  StructureTest t;
  t.kind = kind;
  t.held_on = held_on;
  t.target_percent = target;
  t.roster = std::move(roster);
  return t;
}

StructureTestResult Score(const StructureTest& t) {
  Result<StructureTestResult> r = ScoreStructureTest(t);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : StructureTestResult{};
}

template <typename T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field(), field);
}

// RULE R21: journeys J3.2: a petition with a 60% target, result vs target.
TEST(StructureTest, PetitionResultAgainstTarget) {
  StructureTestResult r =
      Score(MakeTest(StructureTestKind::kMajorityPetition, 60,
                     People("p", "Housekeeping", "Days", "es", 12, 8)));
  EXPECT_EQ(r.unit.members, 12);
  EXPECT_EQ(r.unit.participated, 8);
  EXPECT_EQ(r.unit.target, 8);  // ceil(7.2)
  EXPECT_EQ(r.unit.percent, 66);
  EXPECT_TRUE(r.unit.met);
  EXPECT_TRUE(r.met);
}

// RULE R21: targets apply per department, shift and language too.
TEST(StructureTest, EveryGroupHasItsTarget) {
  std::vector<TestParticipant> roster =
      People("a", "Housekeeping", "Days", "es", 10, 9);
  auto nights = People("b", "Housekeeping", "Nights", "en", 10, 3);
  roster.insert(roster.end(), nights.begin(), nights.end());
  StructureTestResult r =
      Score(MakeTest(StructureTestKind::kMajorityPetition, 50, roster));
  EXPECT_TRUE(r.unit.met);  // 12 of 20
  EXPECT_FALSE(r.met);      // nights 3 of 10
  bool found = false;
  for (const GroupResult& g : r.groups) {
    if (g.kind == TestGroupKind::kShift && g.name == "Nights") {
      found = true;
      EXPECT_FALSE(g.met);
      EXPECT_EQ(g.target, 5);
    }
  }
  EXPECT_TRUE(found);
}

// RULE R21: a group's target can be set on its own.
TEST(StructureTest, GroupTargetCanBeOverridden) {
  std::vector<TestParticipant> roster = People("a", "K", "Days", "es", 10, 9);
  auto nights = People("b", "K", "Nights", "es", 10, 3);
  roster.insert(roster.end(), nights.begin(), nights.end());
  StructureTest t = MakeTest(StructureTestKind::kStickerDay, 50, roster);
  t.overrides = {{TestGroupKind::kShift, "Nights", 30}};
  EXPECT_TRUE(Score(t).met);
}

// RULE R21: a sticker day needs every department, shift, entrance and
// language covered.
TEST(StructureTest, StickerDayShowsUncoveredGroups) {
  std::vector<TestParticipant> roster =
      People("a", "Kitchen", "Days", "es", 5, 5);
  auto quiet = People("b", "Laundry", "Nights", "vi", 3, 0);
  quiet[0].entrance = "Loading dock";
  roster.insert(roster.end(), quiet.begin(), quiet.end());
  StructureTestResult r =
      Score(MakeTest(StructureTestKind::kStickerDay, 50, roster));
  std::vector<GroupResult> gaps = UncoveredGroups(r);
  ASSERT_EQ(gaps.size(), 4u);
  EXPECT_EQ(gaps[0].kind, TestGroupKind::kDepartment);
  EXPECT_EQ(gaps[0].name, "Laundry");
  EXPECT_EQ(gaps[1].kind, TestGroupKind::kShift);
  EXPECT_EQ(gaps[2].kind, TestGroupKind::kLanguage);
  EXPECT_EQ(gaps[2].name, "vi");
  EXPECT_EQ(gaps[3].kind, TestGroupKind::kEntrance);
  EXPECT_EQ(gaps[3].name, "Loading dock");
}

TEST(StructureTest, FullCoverageHasNoGaps) {
  StructureTestResult r = Score(MakeTest(StructureTestKind::kStickerDay, 50,
                                         People("a", "K", "D", "es", 4, 1)));
  EXPECT_TRUE(UncoveredGroups(r).empty());
}

// RULE R21: go public only past a pre-agreed threshold (default 90%).
TEST(StructureTest, GoPublicNeedsTheThreshold) {
  StructureTestResult r = Score(MakeTest(StructureTestKind::kPhoto, 80,
                                         People("a", "K", "D", "es", 20, 17)));
  Result<GoPublic> g = CheckGoPublic(r);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->needed, 18);
  EXPECT_FALSE(g->met);
  Result<GoPublic> agreed = CheckGoPublic(r, 85);
  ASSERT_TRUE(agreed.ok());
  EXPECT_TRUE(agreed->met);
}

// RULE R21: tests escalate: petition -> photo -> bigger actions.
TEST(StructureTest, EscalationOrder) {
  EXPECT_LT(EscalationRank(StructureTestKind::kMajorityPetition),
            EscalationRank(StructureTestKind::kPhoto));
  EXPECT_LT(EscalationRank(StructureTestKind::kPhoto),
            EscalationRank(StructureTestKind::kMarchOnTheBoss));
  EXPECT_LT(EscalationRank(StructureTestKind::kMarchOnTheBoss),
            EscalationRank(StructureTestKind::kStrikeVote));
  EXPECT_EQ(EscalationRank(StructureTestKind::kCustom), 0);
}

// RULE R21: the trend across tests, oldest first, with escalation.
TEST(StructureTest, TrendAcrossTests) {
  std::vector<StructureTestResult> results = {
      Score(MakeTest(StructureTestKind::kPhoto, 50,
                     People("a", "K", "D", "es", 10, 8), 2025y / June / 1)),
      Score(MakeTest(StructureTestKind::kMajorityPetition, 50,
                     People("a", "K", "D", "es", 10, 6), 2025y / May / 1)),
      Score(MakeTest(StructureTestKind::kPhoto, 50,
                     People("a", "K", "D", "es", 10, 7), 2025y / June / 20)),
  };
  std::vector<TrendPoint> t = Trend(results);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].held_on, 2025y / May / 1);
  EXPECT_EQ(t[0].change, 0);
  EXPECT_EQ(t[1].percent, 80);
  EXPECT_EQ(t[1].change, 20);
  EXPECT_TRUE(t[1].escalated);
  EXPECT_EQ(t[2].change, -10);
  EXPECT_FALSE(t[2].escalated);
}

// ---- incorrect usage ----

TEST(StructureTest, TargetMustBeAgreed) {
  StructureTest t = MakeTest(StructureTestKind::kDelegation, 0,
                             People("a", "K", "D", "es", 3, 1));
  ExpectInvalid(ScoreStructureTest(t), "target_percent");
  t.target_percent = 101;
  ExpectInvalid(ScoreStructureTest(t), "target_percent");
}

TEST(StructureTest, EmptyOrDuplicatedRosterIsAnError) {
  ExpectInvalid(
      ScoreStructureTest(MakeTest(StructureTestKind::kCustom, 50, {})),
      "roster");
  std::vector<TestParticipant> roster = People("a", "K", "D", "es", 2, 1);
  roster.push_back(roster[0]);
  ExpectInvalid(
      ScoreStructureTest(MakeTest(StructureTestKind::kCustom, 50, roster)),
      "roster[2].person_id");
}

TEST(StructureTest, BadOverridesAreErrors) {
  StructureTest t = MakeTest(StructureTestKind::kStickerDay, 50,
                             People("a", "K", "D", "es", 3, 1));
  t.overrides = {{TestGroupKind::kShift, "Graveyard", 50}};
  ExpectInvalid(ScoreStructureTest(t), "overrides[0]");
  t.overrides = {{TestGroupKind::kUnit, "", 50}};
  ExpectInvalid(ScoreStructureTest(t), "overrides[0]");
  t.overrides = {{TestGroupKind::kShift, "D", 0}};
  ExpectInvalid(ScoreStructureTest(t), "overrides[0]");
}

TEST(StructureTest, BadDateAndThresholdAreErrors) {
  StructureTest t =
      MakeTest(StructureTestKind::kStickerDay, 50,
               People("a", "K", "D", "es", 3, 1), 2025y / June / 31);
  ExpectInvalid(ScoreStructureTest(t), "held_on");
  ExpectInvalid(CheckGoPublic(StructureTestResult{}, 0), "threshold_percent");
}

// RULE R21: a test is scored against the unit as it was on its day: Ana
// (hired after it) is not in the denominator, Ben (left since) is, Cleo's
// department is the one she was in then, the supervisor is never counted,
// and an unknown start counts as there.
TEST(StructureTest, RosterIsTheUnitOnTheTestsDay) {
  const Date held = 2025y / May / 1;
  auto span = [](const std::string& id, const std::string& dept, std::optional<Date> from, std::optional<Date> to,
                 bool supervisor = false) {
    RosterSpan s;
    s.member = {id, dept, "Days", "en", "", true};
    s.started_on = from;
    s.ended_on = to;
    s.supervisor = supervisor;
    return s;
  };
  std::vector<RosterSpan> spans = {
      span("ana", "Rooms", 2025y / May / 2, std::nullopt),
      span("ben", "Rooms", 2024y / January / 1, 2025y / May / 1),  // last day: the test's day
      span("cleo", "Rooms", 2023y / March / 1, 2025y / June / 1),
      span("cleo", "Laundry", 2025y / June / 2, std::nullopt),
      span("dev", "Rooms", std::nullopt, std::nullopt),
      span("eve", "Rooms", 2020y / January / 1, 2025y / April / 30),  // left the day before
      span("boss", "Rooms", 2020y / January / 1, std::nullopt, true),
  };
  std::vector<TestParticipant> roster = RosterOn(spans, held);
  ASSERT_EQ(roster.size(), 3u);
  EXPECT_EQ(roster[0].person_id, "ben");
  EXPECT_EQ(roster[1].person_id, "cleo");
  EXPECT_EQ(roster[1].department, "Rooms");
  EXPECT_EQ(roster[2].person_id, "dev");
  for (const auto& p : roster) EXPECT_FALSE(p.participated);
  // Today's roster would be ana, cleo (Laundry), dev.
  std::vector<TestParticipant> now = RosterOn(spans, 2026y / January / 1);
  ASSERT_EQ(now.size(), 3u);
  EXPECT_EQ(now[0].person_id, "ana");
  EXPECT_EQ(now[1].department, "Laundry");
  EXPECT_TRUE(RosterOn({}, held).empty());
}

}  // namespace
}  // namespace hotshop::core
