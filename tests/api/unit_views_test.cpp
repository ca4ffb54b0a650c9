// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit views (src/api/unit_views.h) without HTTP or a database: rosters built
// by hand, JSON checked. Rules covered: R1 (showing rounded up), R3 (stale
// counts, re-sign prompt), R4 (meters carry no identity), R18 (effective
// rating, 0 not support), R19 (chart grouping), R20 (supervisors and helpers
// are not the committee), R21 (targets for absent groups are listed, not
// fatal). Viewers: cells under 5 suppressed (security-model.md §3).
#include "api/unit_views.h"

#include <gtest/gtest.h>

#include "core/iso_date.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using namespace std::chrono;

const core::Date kToday = 2025y / June / 15;

store::RosterWorker W(const std::string& id, const std::string& dept, const std::string& shift, bool supervisor = false) {
  store::RosterWorker w;
  w.person_id = id;
  w.name = "Name " + id;
  w.department = dept;
  w.shift = shift;
  w.worksite = "Harbor View Hotel";
  w.employment_type = "full_time";
  w.supervisor = supervisor;
  return w;
}

store::RosterAssessment A(int64_t value, core::Date on, core::AssessmentSource source = core::AssessmentSource::kHuman) {
  store::RosterAssessment a;
  a.record.value = value;
  a.record.at = sys_seconds{sys_days{on}.time_since_epoch()} + hours{12};
  a.record.source = source;
  a.record.by_user = "user:x";
  a.at_ms = core::MillisAtUtcMidnight(on) + 12 * 3600 * 1000;
  return a;
}

store::CardRecord Card(const std::string& person, const std::string& signed_on, const std::string& revoked = "") {
  store::CardRecord c;
  c.id = "card-" + person + signed_on;
  c.person_id = person;
  c.unit_id = "u1";
  c.signed_on = signed_on;
  c.method = "paper_photo";
  c.revoked_on = revoked;
  return c;
}

store::Scale DefaultScale() {
  store::Scale s;
  s.id = "scale-1";
  s.name = "Support (0-5)";
  s.is_default = true;
  return s;
}

// Ten workers in two departments, one supervisor, cards and ratings.
store::UnitRoster Roster() {
  store::UnitRoster r;
  r.unit.id = "u1";
  r.unit.campaign_id = "c1";
  r.unit.name = "Housekeeping";
  r.departments = {"Housekeeping", "Laundry"};
  r.shifts = {"Days", "Nights"};
  for (int i = 0; i < 10; ++i) r.workers.push_back(W("p" + std::to_string(i), i < 6 ? "Housekeeping" : "Laundry", i % 2 ? "Nights" : "Days"));
  r.workers.push_back(W("boss", "Housekeeping", "Days", true));
  r.assessments["p0"] = {A(3, 2025y / January / 10), A(1, 2025y / May / 1)};
  r.assessments["p1"] = {A(2, 2025y / March / 1)};
  r.assessments["p2"] = {A(0, 2025y / June / 1)};
  r.cards = {Card("p0", "2025-05-02"), Card("p1", "2024-01-10"), Card("p2", "2025-04-01", "2025-05-01"),
             Card("boss", "2025-05-05")};
  r.committee = {{"p0", "committee"}, {"p1", "helper"}, {"boss", "committee"}};
  return r;
}

// RULE R1: required = ceil(30% of 10) = 3; R3: p1's card is stale and counts.
TEST(UnitViews, MetersCountCardsOfMembersOnly) {
  Result<json> m = MetersJson(Roster(), DefaultScale(), kToday, false);
  ASSERT_TRUE(m.ok()) << m.error().message();
  EXPECT_EQ((*m)["unit_size"], 10);
  EXPECT_EQ((*m)["supervisors_excluded"], 1);
  EXPECT_EQ((*m)["showing"]["required"], 3);
  EXPECT_EQ((*m)["showing"]["counted"], 2);  // p0, p1; p2 revoked; the supervisor's card never counts
  EXPECT_EQ((*m)["showing"]["stale"], 1);
  EXPECT_EQ((*m)["showing"]["revoked"], 1);
  EXPECT_EQ((*m)["majority"]["need"], 6);
}

// RULE R20: a helper is not the committee; a supervisor on it is reported, not counted.
TEST(UnitViews, CommitteeCountsMembersNotHelpersOrSupervisors) {
  Result<json> m = MetersJson(Roster(), DefaultScale(), kToday, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)["committee"]["unit"]["members"], 1);
  EXPECT_EQ((*m)["committee"]["unit"]["needed"], 1);
  EXPECT_EQ((*m)["committee"]["supervisors_on_committee"], 1);
}

// RULE R18: 0 is never support; the trend follows the history.
TEST(UnitViews, SupportAndTrendFollowTheEffectiveRating) {
  Result<json> m = MetersJson(Roster(), DefaultScale(), kToday, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)["support"]["unit"]["supporters"], 2);  // p0 (1), p1 (2); p2 is 0
  EXPECT_EQ((*m)["support"]["unit"]["by_level"][0], 8);
  const json& trend = (*m)["trend"];
  ASSERT_EQ(trend.size(), 13u);
  EXPECT_EQ(trend[12]["on"], "2025-06-15");
  EXPECT_EQ(trend[12]["supporters"], 2);
  EXPECT_EQ(trend[7]["on"], "2025-01-31");
  EXPECT_EQ(trend[7]["supporters"], 0);  // p0 was undecided (3) then
  EXPECT_EQ(trend[9]["on"], "2025-03-31");
  EXPECT_EQ(trend[9]["supporters"], 1);  // p1 from March
}

// R4 and security-model.md §3: aggregates name no one; viewers see "<5".
TEST(UnitViews, SuppressedMetersCarryNoIdentityAndNoSmallCells) {
  Result<json> m = MetersJson(Roster(), DefaultScale(), kToday, true);
  ASSERT_TRUE(m.ok());
  std::string text = m->dump();
  for (const char* id : {"p0", "p1", "boss", "Name "}) EXPECT_EQ(text.find(id), std::string::npos) << id;
  EXPECT_EQ((*m)["unit_size"], "10");  // suppressed counts are text, like /summary's
  EXPECT_EQ((*m)["showing"]["counted"], "<5");
  EXPECT_EQ((*m)["suppressed_below"], 5);
}

// An entered size beyond the chart: the rest are unknown, unsigned workers.
TEST(UnitViews, EnteredSizePadsTheUnit) {
  store::UnitRoster r = Roster();
  r.unit.size_override = 20;
  Result<json> m = MetersJson(r, DefaultScale(), kToday, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)["unit_size"], 20);
  EXPECT_EQ((*m)["showing"]["required"], 6);
  EXPECT_EQ((*m)["support"]["unit"]["workers"], 20);
  EXPECT_EQ((*m)["readiness"]["cards"]["need"], 13);  // ceil(65% of 20)
}

TEST(UnitViews, EmptyUnitIsEmptyNotAnError) {
  store::UnitRoster r;
  r.unit.id = "u0";
  Result<json> m = MetersJson(r, DefaultScale(), kToday, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)["empty"], true);
}

// RULE R19: departments, then shifts; the supervisor is on the chart, flagged.
TEST(UnitViews, ChartGroupsByDepartmentAndShiftAndFlagsStaleCards) {
  Result<json> c = ChartJson(Roster(), DefaultScale(), kToday);
  ASSERT_TRUE(c.ok()) << c.error().message();
  ASSERT_EQ((*c)["departments"].size(), 2u);
  EXPECT_EQ((*c)["departments"][0]["department"], "Housekeeping");
  EXPECT_EQ((*c)["departments"][0]["shifts"][0]["shift"], "Days");
  std::map<std::string, json> rows;
  for (const auto& d : (*c)["departments"]) {
    for (const auto& s : d["shifts"]) {
      for (const auto& row : s["rows"]) rows[row["person_id"].get<std::string>()] = row;
    }
  }
  EXPECT_EQ(rows.size(), 11u);
  EXPECT_EQ(rows["boss"]["supervisor"], true);
  EXPECT_EQ(rows["p1"]["card_status"], "counts_stale");
  EXPECT_EQ(rows["p1"]["resign_prompt"], true);
  EXPECT_EQ(rows["p2"]["card_signed"], false);
  EXPECT_EQ(rows["p0"]["rating"], 1);
  EXPECT_EQ(rows["p0"]["rating_label"], "leader");
  EXPECT_EQ(rows["p0"]["assessed_on"], "2025-05-01");
}

TEST(UnitViews, RollupSortsAndRefusesUnknownKeys) {
  EXPECT_FALSE(ParseRollupQuery(std::nullopt, std::string("name;DROP"), std::nullopt).ok());
  EXPECT_FALSE(ParseRollupQuery(std::nullopt, std::nullopt, std::string("sideways")).ok());
  store::EmployerRollupData d;
  d.employer.id = "e1";
  for (int i = 0; i < 3; ++i) {
    store::RollupSite s;
    s.site.id = "s" + std::to_string(i);
    s.site.name = "Shop " + std::to_string(i);
    s.site.region = i == 2 ? "South" : "North";
    d.sites.push_back(s);
  }
  for (int i = 0; i < 6; ++i) d.workers.push_back({"w" + std::to_string(i), i < 5 ? "s1" : "s0", false});
  d.assessments["w0"] = {A(1, 2025y / May / 1).record};
  d.cards["w0"] = {Card("w0", "2025-05-01")};
  d.assessments["w1"] = {A(3, 2025y / May / 1).record};
  d.committee.insert("w0");
  Result<RollupQuery> q = ParseRollupQuery(std::string("North"), std::string("workers"), std::string("desc"));
  ASSERT_TRUE(q.ok());
  Result<json> j = RollupJson(d, DefaultScale(), kToday, *q, false);
  ASSERT_TRUE(j.ok()) << j.error().message();
  ASSERT_EQ((*j)["shops"].size(), 2u);
  EXPECT_EQ((*j)["shops"][0]["name"], "Shop 1");
  EXPECT_EQ((*j)["shops"][0]["workers"], 5);
  EXPECT_EQ((*j)["shops"][0]["cards"], 1);
  EXPECT_EQ((*j)["shops"][0]["support_percent"], 20);
  EXPECT_EQ((*j)["totals"]["workers"], 6);
  // R18: assessed means a level other than 0; R20: one member per 10 workers.
  EXPECT_EQ((*j)["shops"][0]["assessed"], 2);
  EXPECT_EQ((*j)["shops"][0]["assessed_percent"], 40);
  EXPECT_EQ((*j)["shops"][0]["committee"], 1);
  EXPECT_EQ((*j)["shops"][0]["committee_needed"], 1);
  EXPECT_EQ((*j)["shops"][0]["committee_covered"], true);
  EXPECT_EQ((*j)["shops"][1]["committee_covered"], false);
  EXPECT_EQ((*j)["totals"]["assessed"], 2);
  EXPECT_EQ((*j)["totals"]["committee"], 1);
  Result<json> suppressed = RollupJson(d, DefaultScale(), kToday, *q, true);
  EXPECT_EQ((*suppressed)["shops"][1]["workers"], "<5");
  EXPECT_TRUE((*suppressed)["shops"][1]["support_percent"].is_null());
}

// RULE R21: a target for a group nobody is in is listed, the rest scored.
TEST(UnitViews, StructureTestListsTargetsWithoutMembers) {
  TestWithParticipation t;
  t.test.id = "t1";
  t.test.kind = core::StructureTestKind::kStickerDay;
  t.test.held_on = "2025-06-01";
  t.test.target_percent = 50;
  t.test.targets = {{core::TestGroupKind::kShift, "Graveyard", 80}, {core::TestGroupKind::kShift, "Nights", 20}};
  for (int i = 0; i < 6; ++i) t.participation.push_back({"p" + std::to_string(i), true, "Dock", "user:x", 0});
  Result<json> j = StructureTestsJson(Roster(), {t}, false);
  ASSERT_TRUE(j.ok()) << j.error().message();
  const json& test = (*j)["tests"][0];
  EXPECT_EQ(test["targets_without_members"][0]["name"], "Graveyard");
  EXPECT_EQ(test["result"]["unit"]["members"], 10);
  EXPECT_EQ(test["result"]["unit"]["participated"], 6);
  EXPECT_EQ(test["result"]["unit"]["met"], true);
  EXPECT_EQ((*j)["go_public"]["met"], false);  // 6 of 10 is short of 90%
}

}  // namespace
}  // namespace hotshop::api
