// SPDX-License-Identifier: AGPL-3.0-or-later
// The campaign workplace over HTTP (docs/api.md "Campaign workplace"; issue
// #4), on SQLite and PostgreSQL, against a real `hotshop serve` with the
// demo data. Rules covered: R1 (30% showing, rounded up), R2 (an undated
// card is refused), R3 (a stale card counts and prompts a re-sign), R4 (the
// meters name no signer), R5 (filing readiness), R18 (history, 0 never
// support, a newer human rating stands), R19 (the wall chart's grouping and
// columns), R20 (committee coverage, no supervisors), R21 (structure tests
// against target, trend, go public). Access (security-model.md §3): viewers
// get aggregates with small cells suppressed and never names; a unit-scoped
// worker-leader reaches only their unit, and a refusal reads exactly like a
// missing object.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "api/workplace_api_fixture.h"
#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {
namespace {

class CampaignApi : public WorkplaceApiTest {};
HOTSHOP_ON_BOTH_DATABASES(CampaignApi);

// ------------------------------------------------------------- the workplace

TEST_P(CampaignApi, MapsAWorkplaceWithVersionedEdits) {
  HttpResult e = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/employers", {{"name", "Bayside Suites Inc."}});
  ASSERT_EQ(e.status, 201) << e.body;
  EXPECT_EQ(e.header("etag"), "\"v1\"");
  std::string employer = Parse(e)["id"].get<std::string>();
  HttpResult bad_tz = admin_->Post("/api/orgs/demo/employers/" + employer + "/worksites",
                                   {{"name", "Bayside"}, {"time_zone", "../../etc/passwd"}});
  EXPECT_EQ(bad_tz.status, 400);
  EXPECT_EQ(Parse(bad_tz)["field"], "time_zone") << bad_tz.body;
  HttpResult dir_tz = admin_->Post("/api/orgs/demo/employers/" + employer + "/worksites",
                                   {{"name", "Bayside"}, {"time_zone", "America"}});
  EXPECT_EQ(dir_tz.status, 400) << "a directory of zones is not a zone";
  HttpResult site = admin_->Post("/api/orgs/demo/employers/" + employer + "/worksites",
                                 {{"name", "Bayside Suites"}, {"address", "9 Example Pier"},
                                  {"time_zone", "America/Los_Angeles"}, {"region", "West"}});
  ASSERT_EQ(site.status, 201) << site.body;
  EXPECT_EQ(Parse(site)["address"], "9 Example Pier");
  HttpResult unit = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/units",
                                 {{"employer_id", employer}, {"name", "Bayside housekeeping"},
                                  {"worksite_ids", {Parse(site)["id"]}}, {"size_override", 25}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  std::string unit_id = Parse(unit)["id"].get<std::string>();
  EXPECT_EQ(Parse(unit)["card_percent"], 65);
  ASSERT_EQ(admin_->Post("/api/orgs/demo/units/" + unit_id + "/areas", {{"kind", "shift"}, {"name", "Nights"}}).status, 201);
  HttpResult dup = admin_->Post("/api/orgs/demo/units/" + unit_id + "/areas", {{"kind", "shift"}, {"name", "Nights"}});
  EXPECT_EQ(dup.status, 409);
  HttpResult got = admin_->Get("/api/orgs/demo/units/" + unit_id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Parse(got)["shifts"].size(), 1u);
  // Two organizers edit the unit from the same version: the second is told.
  std::string etag = got.header("etag");
  HttpResult first = admin_->Patch("/api/orgs/demo/units/" + unit_id, {{"size_override", 30}}, etag);
  ASSERT_EQ(first.status, 200) << first.body;
  HttpResult second = admin_->Patch("/api/orgs/demo/units/" + unit_id, {{"size_override", 40}}, etag);
  EXPECT_EQ(second.status, 412);
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/units/" + unit_id))["size_override"], 30);
  EXPECT_EQ(admin_->Patch("/api/orgs/demo/units/" + unit_id, {{"size_override", 50}}, "").status, 428);
  HttpResult mass = admin_->Patch("/api/orgs/demo/units/" + unit_id, {{"campaign_id", copper_}}, first.header("etag"));
  EXPECT_EQ(mass.status, 400) << "a field that is not writable (§4 #7)";
}

TEST_P(CampaignApi, EmploymentKeepsHistoryAndRefusesAStaleWrite) {
  std::string p = NewPerson("Wanda Example", harbor_);
  auto areas = Areas(harbor_unit_);
  json units = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_));
  std::string site = units["worksite_ids"][0].get<std::string>();
  HttpResult before = admin_->Get("/api/orgs/demo/people/" + p + "/employment");
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(Parse(before)["current"].is_null());
  json body = {{"worksite_id", site}, {"unit_id", harbor_unit_}, {"department_id", areas["Laundry"]},
               {"shift_id", areas["Nights"]}, {"employment_type", "part_time"}, {"started_on", "2024-09-01"}};
  HttpResult set = Put(*admin_, "/api/orgs/demo/people/" + p + "/employment", body, before.header("etag"));
  ASSERT_EQ(set.status, 200) << set.body;
  HttpResult stale = Put(*admin_, "/api/orgs/demo/people/" + p + "/employment", body, before.header("etag"));
  EXPECT_EQ(stale.status, 412);
  body["shift_id"] = areas["Days"];
  HttpResult moved = Put(*admin_, "/api/orgs/demo/people/" + p + "/employment", body, set.header("etag"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  json hist = Parse(admin_->Get("/api/orgs/demo/people/" + p + "/employment"));
  ASSERT_EQ(hist["history"].size(), 2u);
  EXPECT_EQ(hist["current"]["shift_id"], areas["Days"]);
  body["department_id"] = areas["Nights"];  // a shift given as a department
  HttpResult wrong = Put(*admin_, "/api/orgs/demo/people/" + p + "/employment", body, moved.header("etag"));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Parse(wrong)["field"], "department_id");
}

// ------------------------------------------------------------- the wall chart

// RULE R19: rows by department and shift with the chart's columns; RULE R3:
// Lee's card is 14 months old: counted, flagged for a re-sign.
TEST_P(CampaignApi, WallChartGroupsRowsAndShowsCardsRatingsAndConnections) {
  HttpResult r = admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart");
  ASSERT_EQ(r.status, 200) << r.body;
  json chart = Parse(r);
  EXPECT_EQ(chart["workers"], 3);
  std::vector<std::string> depts;
  std::map<std::string, json> rows;
  for (const auto& d : chart["departments"]) {
    depts.push_back(d["department"].get<std::string>());
    for (const auto& s : d["shifts"]) {
      for (const auto& row : s["rows"]) rows[row["name"].get<std::string>()] = row;
    }
  }
  EXPECT_EQ(depts, (std::vector<std::string>{"Housekeeping", "Laundry"}));
  ASSERT_EQ(rows.size(), 3u);
  const json& rosa = rows["Rosa Quintero"];
  EXPECT_EQ(rosa["rating"], 1);
  EXPECT_EQ(rosa["rating_label"], "leader");
  EXPECT_EQ(rosa["committee_role"], "committee");
  EXPECT_EQ(rosa["card_signed"], true);
  EXPECT_EQ(rosa["resign_prompt"], false);
  EXPECT_EQ(rosa["cell_phone"], "+12025550101");
  std::set<std::string> kinds;
  for (const auto& c : rosa["connections"]) kinds.insert(c["kind"].get<std::string>() + "/" + c["direction"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"influences/influences", "carpool/mutual"}));
  const json& lee = rows["Lee Okafor"];
  EXPECT_EQ(lee["card_signed"], true);
  EXPECT_EQ(lee["card_status"], "counts_stale");
  EXPECT_EQ(lee["resign_prompt"], true);
  EXPECT_EQ(lee["committee_role"], "helper");
  const json& marisol = rows["Marisol Vega"];
  EXPECT_EQ(marisol["card_signed"], false);
  EXPECT_EQ(marisol["card_status"], "revoked");
  EXPECT_EQ(chart["columns"][0], "name");
  // The read of a whole unit's names is audited.
  bool audited = false;
  json events = Parse(admin_->Get("/api/orgs/demo/audit?limit=50"))["events"];
  for (const auto& e : events) {
    audited = audited || (e["action"] == "chart.read" && e["object"] == "unit:" + harbor_unit_);
  }
  EXPECT_TRUE(audited);
}

// ----------------------------------------------------------------- the meters

// RULE R1: 30% of the unit, rounded up; RULE R4: counts, no signer.
TEST_P(CampaignApi, MetersCountCardsMajorityReadinessAndCommittee) {
  json m = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters"));
  ASSERT_EQ(m["empty"], false) << m.dump();
  EXPECT_EQ(m["unit_size"], 3);
  EXPECT_EQ(m["showing"]["required"], 1);
  EXPECT_EQ(m["showing"]["counted"], 2);  // Rosa, and Lee's stale card (R3)
  EXPECT_EQ(m["showing"]["stale"], 1);
  EXPECT_EQ(m["showing"]["revoked"], 1);
  EXPECT_EQ(m["showing"]["met"], true);
  EXPECT_EQ(m["majority"]["need"], 2);
  EXPECT_EQ(m["majority"]["met"], true);
  EXPECT_EQ(m["readiness"]["thresholds"]["card_percent"], 65);
  EXPECT_EQ(m["committee"]["unit"]["members"], 1) << "a helper is not the committee";
  EXPECT_EQ(m["support"]["unit"]["workers"], 3);
  EXPECT_EQ(m["trend"].size(), 13u);
  std::string rosa = Demo("+12025550101");
  EXPECT_EQ(m.dump().find(rosa), std::string::npos) << "the meters name no one";
  EXPECT_EQ(m.dump().find("Rosa"), std::string::npos);
  // An entered size larger than the chart: the rest count as unsigned.
  json unit = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_));
  HttpResult patched = admin_->Patch("/api/orgs/demo/units/" + harbor_unit_, {{"size_override", 10}},
                                     "\"v" + std::to_string(unit["version"].get<int>()) + "\"");
  ASSERT_EQ(patched.status, 200) << patched.body;
  m = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters"));
  EXPECT_EQ(m["unit_size"], 10);
  EXPECT_EQ(m["size_source"], "entered");
  EXPECT_EQ(m["showing"]["required"], 3);
  EXPECT_EQ(m["showing"]["met"], false);
  EXPECT_EQ(m["readiness"]["cards"]["need"], 7);  // ceil(65% of 10)
  EXPECT_EQ(m["readiness"]["ready"], false);
}

// RULE R1: the showing meter crosses 30% on the card that makes it.
TEST_P(CampaignApi, ShowingMeterCrossesThirtyPercentOnTheThirdCardOfTen) {
  SecondUnit s = MakeSecondUnit();
  std::vector<std::string> people;
  for (int i = 0; i < 10; ++i) {
    std::string p = NewPerson("Desk Worker " + std::to_string(i), harbor_);
    HttpResult e = Employ(*admin_, p, {{"worksite_id", s.site}, {"unit_id", s.unit}, {"department_id", s.dept},
                                      {"shift_id", s.shift}});
    ASSERT_EQ(e.status, 200) << e.body;
    people.push_back(p);
  }
  auto meters = [&] { return Parse(admin_->Get("/api/orgs/demo/units/" + s.unit + "/meters")); };
  EXPECT_EQ(meters()["showing"]["required"], 3);
  std::string today = meters()["as_of"].get<std::string>();  // the server's day: cards signed today are current
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(meters()["showing"]["met"], false) << "after " << i << " cards";
    HttpResult c = admin_->Post("/api/orgs/demo/units/" + s.unit + "/cards",
                                {{"person_id", people[i]}, {"signed_on", today},
                                 {"method", "paper_photo"}, {"evidence_hash", "ab12cd"}});
    ASSERT_EQ(c.status, 201) << c.body;
  }
  json m = meters();
  EXPECT_EQ(m["showing"]["counted"], 3);
  EXPECT_EQ(m["showing"]["met"], true);
  EXPECT_EQ(m["showing"]["percent"], 30);
}

// RULE R2: an undated card never counts, so it is refused at the door.
TEST_P(CampaignApi, UndatedOrFutureCardIsRefusedNamingTheField) {
  std::string rosa = Demo("+12025550101");
  for (const json& body : {json{{"person_id", rosa}, {"method", "paper_photo"}},
                           json{{"person_id", rosa}, {"method", "paper_photo"}, {"signed_on", "2999-01-01"}},
                           json{{"person_id", rosa}, {"method", "paper_photo"}, {"signed_on", "2025-02-30"}}}) {
    HttpResult r = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/cards", body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Parse(r)["field"], "signed_on");
  }
  HttpResult esig = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/cards",
                                 {{"person_id", rosa}, {"method", "e_signature"}, {"signed_on", "2025-02-03"}});
  EXPECT_EQ(esig.status, 400);
  EXPECT_EQ(Parse(esig)["field"], "signed_at");
  // A re-sign clears the stale flag (R3): Lee signs again, on the server's today.
  std::string today = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters"))["as_of"].get<std::string>();
  std::string lee = Demo("+12025550102");
  HttpResult resign = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/cards",
                                   {{"person_id", lee}, {"method", "e_signature"}, {"signed_on", today},
                                    {"signed_at", today + "T00:00:00Z"}, {"evidence_hash", "0a1b2c3d"}});
  ASSERT_EQ(resign.status, 201) << resign.body;
  json cards = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/cards"));
  std::map<std::string, int> statuses;
  for (const auto& c : cards["cards"]) {
    if (c["person_id"] == lee) ++statuses[c["status"].get<std::string>()];
  }
  EXPECT_EQ(statuses["superseded"], 1);
  EXPECT_EQ(statuses["counts"], 1);
  EXPECT_EQ(statuses["counts_stale"], 0);
}

// ------------------------------------------------------------- assessments

// RULE R18: every assessment is a dated record; a late entry dated earlier
// does not displace the newer judgment; 0 never counts as support.
TEST_P(CampaignApi, AssessmentHistoryKeepsTheNewestJudgment) {
  std::string rosa = Demo("+12025550101");
  HttpResult late = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments",
                                 {{"value", 4}, {"assessed_at", "2020-01-01T12:00:00Z"}, {"note", "Old notebook entry"}});
  ASSERT_EQ(late.status, 201) << late.body;
  json j = Parse(late);
  EXPECT_EQ(j["effective"]["value"], 1) << "the newer rating stands";
  EXPECT_EQ(j["history"][0]["value"], 4);
  EXPECT_EQ(j["history"][0]["note"], "Old notebook entry");
  HttpResult zero = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 0}});
  ASSERT_EQ(zero.status, 201);
  EXPECT_EQ(Parse(zero)["effective"]["label"], "not_assessed");
  json m = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters"));
  EXPECT_EQ(m["support"]["unit"]["by_level"][0], 1);
  HttpResult future = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments",
                                   {{"value", 2}, {"assessed_at", "2999-01-01T00:00:00Z"}});
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(Parse(future)["field"], "assessed_at");
  HttpResult high = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 6}});
  EXPECT_EQ(high.status, 400);
  EXPECT_EQ(Parse(high)["field"], "value");
}

// Two organizers rate the same worker from stale charts: the second, sent
// with If-Match from what they read, answers 412 and adds nothing (the UI
// then shows both ratings and lets them choose); without If-Match a rating
// is appended as before (rules and imports).
TEST_P(CampaignApi, AssessmentWithAStaleIfMatchIsRefusedAndAddsNothing) {
  std::string rosa = Demo("+12025550101");
  HttpResult read = admin_->Get("/api/orgs/demo/people/" + rosa + "/assessments");
  ASSERT_EQ(read.status, 200) << read.body;
  std::string etag = read.header("etag");
  ASSERT_FALSE(etag.empty());
  size_t before = Parse(read)["history"].size();
  EXPECT_EQ(Parse(read)["version"], static_cast<int64_t>(before) + 1);
  json chart = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart"));
  bool found = false;
  for (const auto& d : chart["departments"]) {
    for (const auto& s : d["shifts"]) {
      for (const auto& row : s["rows"]) {
        if (row["person_id"] == rosa) {
          found = true;
          EXPECT_EQ("\"v" + std::to_string(row["assessment_version"].get<int64_t>()) + "\"", etag);
        }
      }
    }
  }
  EXPECT_TRUE(found) << "Rosa is on the chart with her assessment version";
  HttpResult first = PostIfMatch(*admin_, "/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 3}}, etag);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_NE(first.header("etag"), etag);
  HttpResult second = PostIfMatch(*admin_, "/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 2}}, etag);
  EXPECT_EQ(second.status, 412) << second.body;
  EXPECT_EQ(Parse(second)["code"], "stale_version");
  json after = Parse(admin_->Get("/api/orgs/demo/people/" + rosa + "/assessments"));
  EXPECT_EQ(after["history"].size(), before + 1) << "the refused rating added nothing";
  EXPECT_EQ(after["effective"]["value"], 3);
  HttpResult again = PostIfMatch(*admin_, "/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 2}},
                                 first.header("etag"));
  EXPECT_EQ(again.status, 201) << again.body;
}

TEST_P(CampaignApi, CampaignScalesAreConfigurableAndRelabelledWithIfMatch) {
  json scales = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/assessment-scales"))["scales"];
  ASSERT_EQ(scales.size(), 2u) << "the default and Harbor's own: " << scales.dump();
  std::string escala;
  for (const auto& s : scales) {
    if (s["name"] == "Escala corta") escala = s["id"].get<std::string>();
  }
  ASSERT_FALSE(escala.empty());
  std::string rosa = Demo("+12025550101");
  HttpResult over = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 4}, {"scale_id", escala}});
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Parse(over)["field"], "value");
  HttpResult ok = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 1}, {"scale_id", escala}});
  ASSERT_EQ(ok.status, 201);
  EXPECT_EQ(Parse(ok)["effective"]["label"], "con nosotros");
  HttpResult relabel = admin_->Patch("/api/orgs/demo/assessment-scales/" + escala,
                                     {{"labels", {"sin evaluar", "con el comité", "indeciso", "en contra"}}}, "\"v1\"");
  ASSERT_EQ(relabel.status, 200) << relabel.body;
  EXPECT_EQ(admin_->Patch("/api/orgs/demo/assessment-scales/" + escala, {{"name", "x"}}, "\"v1\"").status, 412);
  // A level with an empty label is refused, naming the field; nothing changes.
  HttpResult blank = admin_->Patch("/api/orgs/demo/assessment-scales/" + escala,
                                   {{"labels", {"sin evaluar", " ", "indeciso", "en contra"}}}, "\"v2\"");
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_EQ(Parse(blank)["field"], "labels");
  EXPECT_EQ(admin_->Patch("/api/orgs/demo/assessment-scales/" + escala, {{"name", "Escala corta"}}, "\"v2\"").status, 200)
      << "still at v2: the refused edit changed nothing";
  // Copper's scale is not Harbor's to use: the same answer as a missing one.
  json copper_scales = Parse(admin_->Get("/api/orgs/demo/campaigns/" + copper_ + "/assessment-scales"))["scales"];
  std::string barista;
  for (const auto& s : copper_scales) {
    if (s["name"] == "Barista scale") barista = s["id"].get<std::string>();
  }
  HttpResult foreign = admin_->Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 1}, {"scale_id", barista}});
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(Parse(foreign)["field"], "scale_id");
}

// ----------------------------------------------------------------- committee

// RULE R20: no supervisors on the committee.
TEST_P(CampaignApi, CommitteeRefusesASupervisorAndKeepsHistory) {
  auto areas = Areas(harbor_unit_);
  json unit = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_));
  std::string boss = NewPerson("Sandra Supervisor", harbor_);
  ASSERT_EQ(Employ(*admin_, boss, {{"worksite_id", unit["worksite_ids"][0]}, {"unit_id", harbor_unit_},
                                   {"department_id", areas["Housekeeping"]}, {"supervisor", true}})
                .status,
            200);
  HttpResult refused = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/committee", {{"person_id", boss}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Parse(refused)["field"], "person_id");
  // The supervisor is on the chart, flagged, and outside the unit's counts.
  json m = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters"));
  EXPECT_EQ(m["unit_size"], 3);
  EXPECT_EQ(m["supervisors_excluded"], 1);
  std::string marisol = Demo("+12025550103");
  HttpResult added = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/committee",
                                  {{"person_id", marisol}, {"since_on", "2025-03-01"}});
  ASSERT_EQ(added.status, 201) << added.body;
  HttpResult ended = PostIfMatch(*admin_, "/api/orgs/demo/committee/" + Parse(added)["id"].get<std::string>() + "/end",
                                 {{"until_on", "2025-05-01"}}, "\"v1\"");
  ASSERT_EQ(ended.status, 200) << ended.body;
  json current = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/committee"));
  json all = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/committee?history=true"));
  EXPECT_EQ(all["members"].size(), current["members"].size() + 1);
}

// ----------------------------------------------------------- structure tests

// RULE R21: results against target per group, the trend, going public.
TEST_P(CampaignApi, StructureTestsScoreAgainstTargetAndTrend) {
  json t = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/structure-tests"));
  ASSERT_EQ(t["tests"].size(), 2u) << t.dump();
  const json& buttons = t["tests"][1];
  EXPECT_EQ(buttons["kind"], "sticker_day");
  EXPECT_EQ(buttons["result"]["unit"]["members"], 3);
  EXPECT_EQ(buttons["result"]["unit"]["participated"], 2);
  EXPECT_EQ(buttons["result"]["unit"]["target"], 3);  // ceil(70% of 3)
  EXPECT_EQ(buttons["result"]["unit"]["met"], false);
  bool nights_met = false;
  for (const auto& g : buttons["result"]["groups"]) {
    if (g["kind"] == "shift" && g["name"] == "Nights") nights_met = g["met"].get<bool>();
  }
  EXPECT_TRUE(nights_met) << "Nights has its own 50% target";
  ASSERT_EQ(t["trend"].size(), 2u);
  EXPECT_EQ(t["trend"][1]["escalated"], true);
  EXPECT_EQ(t["go_public"]["threshold_percent"], 90);
  EXPECT_EQ(t["go_public"]["met"], false);
  std::string marisol = Demo("+12025550103");
  HttpResult rec = Put(*admin_, "/api/orgs/demo/structure-tests/" + buttons["id"].get<std::string>() + "/participation",
                       {{"person_id", marisol}, {"participated", true}, {"entrance", "Lobby"}}, "");
  ASSERT_EQ(rec.status, 200) << rec.body;
  json one = Parse(admin_->Get("/api/orgs/demo/structure-tests/" + buttons["id"].get<std::string>()));
  EXPECT_EQ(one["result"]["unit"]["met"], true);
  EXPECT_EQ(one["go_public"]["met"], true);
  HttpResult no_target = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/structure-tests",
                                      {{"kind", "photo"}, {"held_on", "2025-07-01"}});
  EXPECT_EQ(no_target.status, 400);
  EXPECT_EQ(Parse(no_target)["field"], "target_percent");
  HttpResult made = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/structure-tests",
                                 {{"kind", "photo"}, {"held_on", "2025-07-01"}, {"target_percent", 80},
                                  {"targets", {{{"kind", "language"}, {"name", "es"}, {"percent", 100}}}}});
  ASSERT_EQ(made.status, 201) << made.body;
}

// ----------------------------------------------------------------- the rollup

TEST_P(CampaignApi, RollupListsEveryShopSortableAndFilterableByRegion) {
  json employers = Parse(admin_->Get("/api/orgs/demo/campaigns/" + copper_ + "/employers"))["employers"];
  std::string kettle = employers[0]["id"].get<std::string>();
  json all = Parse(admin_->Get("/api/orgs/demo/employers/" + kettle + "/rollup"));
  EXPECT_EQ(all["totals"]["shops"], 12);
  EXPECT_EQ(all["totals"]["workers"], 3);
  EXPECT_EQ(all["regions"], (json{"North", "South", "West"}));
  json north = Parse(admin_->Get("/api/orgs/demo/employers/" + kettle + "/rollup?region=North&sort=workers&order=desc"));
  ASSERT_EQ(north["shops"].size(), 4u);
  EXPECT_EQ(north["shops"][0]["workers"], 2);
  EXPECT_EQ(north["shops"][0]["cards"], 2);
  EXPECT_EQ(north["shops"][0]["support_percent"], 100);
  HttpResult bad = admin_->Get("/api/orgs/demo/employers/" + kettle + "/rollup?sort=name;DROP");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Parse(bad)["field"], "sort");
}

// ------------------------------------------------------------------- access

// security-model.md §3: viewers see aggregates, cells under 5 suppressed,
// never names (§4 #10).
TEST_P(CampaignApi, ViewerGetsSuppressedAggregatesAndNoNames) {
  ApiActor viewer = ApiActor::Provision(*db_, *server_, "viewer-4@example.org", "viewer", "Harbor View Hotel housekeeping");
  HttpResult m = viewer.Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters");
  ASSERT_EQ(m.status, 200) << m.body;
  json j = Parse(m);
  EXPECT_EQ(j["unit_size"], "<5");
  EXPECT_EQ(j["showing"]["counted"], "<5");
  EXPECT_TRUE(j["support"]["unit"]["percent"].is_null());
  EXPECT_EQ(j["suppressed_below"], 5);
  EXPECT_EQ(m.body.find(Demo("+12025550101")), std::string::npos);
  HttpResult chart = viewer.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart");
  HttpResult missing = viewer.Get("/api/orgs/demo/units/" + std::string("0190aaaa-0000-7000-8000-000000000000") + "/chart");
  EXPECT_EQ(chart.status, 404);
  EXPECT_EQ(chart.body, missing.body);
  EXPECT_EQ(viewer.Get("/api/orgs/demo/people/" + Demo("+12025550101") + "/assessments").status, 404);
  EXPECT_EQ(viewer.Get("/api/orgs/demo/units/" + harbor_unit_ + "/cards").status, 404);
  EXPECT_EQ(viewer.Get("/api/orgs/demo/units/" + harbor_unit_ + "/structure-tests").status, 200);
}

// security-model.md §3 and §4 #6: a worker-leader scoped to a unit reaches
// that unit's workers and nothing else, and a refusal reads like missing.
TEST_P(CampaignApi, UnitScopedWorkerLeaderReachesOnlyTheirUnit) {
  SecondUnit desk = MakeSecondUnit();
  std::string clerk = NewPerson("Dora Desk", harbor_);
  ASSERT_EQ(Employ(*admin_, clerk, {{"worksite_id", desk.site}, {"unit_id", desk.unit}, {"department_id", desk.dept}})
                .status,
            200);
  ApiActor leader = ApiActor::Provision(*db_, *server_, "leader-4@example.org", "worker_leader",
                                        "Harbor View Hotel housekeeping");
  ScopeToUnit(leader.user_id(), harbor_unit_);
  std::string rosa = Demo("+12025550101");
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart").status, 200);
  HttpResult meters = leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/meters");
  ASSERT_EQ(meters.status, 200);
  EXPECT_EQ(Parse(meters)["unit_size"], 3) << "a worker-leader of the unit sees exact counts";
  EXPECT_EQ(leader.Get("/api/orgs/demo/people/" + rosa + "/assessments").status, 200);
  EXPECT_EQ(leader.Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 2}}).status, 201);
  // The person route reaches the unit's people too, without staff notes.
  HttpResult staff_view = admin_->Get("/api/orgs/demo/people/" + rosa);
  ASSERT_EQ(staff_view.status, 200) << staff_view.body;
  EXPECT_TRUE(Parse(staff_view).contains("notes"));
  HttpResult leader_view = leader.Get("/api/orgs/demo/people/" + rosa);
  ASSERT_EQ(leader_view.status, 200) << leader_view.body;
  EXPECT_FALSE(Parse(leader_view).contains("notes")) << "staff notes are not for worker-leaders (J4.2)";
  HttpResult other_contact = leader.Get("/api/orgs/demo/people/" + clerk);
  HttpResult missing_contact = leader.Get("/api/orgs/demo/people/0190aaaa-0000-7000-8000-000000000000");
  EXPECT_EQ(other_contact.status, 404);
  EXPECT_EQ(other_contact.body, missing_contact.body);
  // The other unit of the same campaign, and its worker: exactly like missing.
  std::string nobody = "0190aaaa-0000-7000-8000-000000000000";
  HttpResult other_chart = leader.Get("/api/orgs/demo/units/" + desk.unit + "/chart");
  HttpResult missing_chart = leader.Get("/api/orgs/demo/units/" + nobody + "/chart");
  EXPECT_EQ(other_chart.status, 404);
  EXPECT_EQ(other_chart.body, missing_chart.body);
  HttpResult other_person = leader.Get("/api/orgs/demo/people/" + clerk + "/assessments");
  HttpResult missing_person = leader.Get("/api/orgs/demo/people/" + nobody + "/assessments");
  EXPECT_EQ(other_person.status, 404);
  EXPECT_EQ(other_person.body, missing_person.body);
  HttpResult write = leader.Post("/api/orgs/demo/people/" + clerk + "/assessments", {{"value", 5}});
  EXPECT_EQ(write.status, 404);
  json hist = Parse(admin_->Get("/api/orgs/demo/people/" + clerk + "/assessments"));
  EXPECT_TRUE(hist["history"].empty()) << "a refused write changes nothing";
  // Campaign-wide views are beyond a unit grant.
  EXPECT_EQ(leader.Get("/api/orgs/demo/campaigns/" + harbor_ + "/units").status, 404);
  EXPECT_EQ(leader.Get("/api/orgs/demo/campaigns/" + harbor_ + "/committee").status, 404);
  // They add a coworker to their own unit in one step, and can then see them.
  json unit = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_));
  HttpResult added = leader.Post("/api/orgs/demo/units/" + harbor_unit_ + "/people",
                                 {{"name", "Nuevo Compañero"}, {"phone", "(202) 555-0145"},
                                  {"worksite_id", unit["worksite_ids"][0]}, {"employment_type", "part_time"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Parse(added)["phone"], "+12025550145");
  std::string coworker = Parse(added)["id"].get<std::string>();
  EXPECT_EQ(leader.Get("/api/orgs/demo/people/" + coworker + "/employment").status, 200);
  EXPECT_EQ(leader.Post("/api/orgs/demo/units/" + desk.unit + "/people", {{"name", "Elsewhere"}}).status, 404);
  // Moving one of their workers into the other unit is refused like a
  // unit that does not exist, and nothing moves.
  HttpResult move = Employ(leader, rosa, {{"worksite_id", desk.site}, {"unit_id", desk.unit}});
  EXPECT_EQ(move.status, 400);
  EXPECT_EQ(Parse(move)["field"], "unit_id");
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/people/" + rosa + "/employment"))["current"]["unit_id"], harbor_unit_);
}

// ------------------------------------------------------------ incorrect usage

TEST_P(CampaignApi, MalformedIdsAndBodiesAreClearErrors) {
  EXPECT_EQ(admin_->Get("/api/orgs/demo/units/not-an-id/chart").status, 404);
  EXPECT_EQ(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart?scale_id=nope").status, 400);
  HttpResult extra = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/employers", {{"name", "X"}, {"org_id", "y"}});
  EXPECT_EQ(extra.status, 400);
  HttpResult kind = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/areas", {{"kind", "floor"}, {"name", "A"}});
  EXPECT_EQ(kind.status, 400);
  EXPECT_EQ(Parse(kind)["field"], "kind");
  HttpResult conn = admin_->Post("/api/orgs/demo/people/" + Demo("+12025550101") + "/connections",
                                 {{"other_person_id", Demo("+12025550101")}, {"kind", "friend"}});
  EXPECT_EQ(conn.status, 400);
  EXPECT_EQ(Parse(conn)["field"], "other_person_id");
}

}  // namespace
}  // namespace hotshop::testing
