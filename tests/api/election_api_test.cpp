// SPDX-License-Identifier: AGPL-3.0-or-later
// Petitions, elections, bars, the Cemex clock, ULP charges, deadlines and
// the calendar feed over HTTP (docs/api.md "Elections, charges and
// deadlines"; issue #4), on SQLite and PostgreSQL, against a real
// `hotshop serve` with the demo data. Dates are fixed in the past, and the
// views that depend on "today" are asked with ?as_of=, so no assertion
// depends on the wall clock. Rules covered: R6 (timeline, holidays), R8/R9
// (outcome, challenges determinative, runoff), R10 (election bar and
// earliest petition after a loss), R11 (certification year), R12
// (contract window), R14 (Cemex behind a setting; circuit warning), R15
// (10(b) warnings at 30/14/7), R16 (taxonomy), R17 (illegal stage moves
// refused). Hostile bodies answer problem+json naming the field and change
// nothing.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "security/field_cipher.h"
#include "security/keyring.h"
#include "store/ids.h"
#include "store/import_row.h"
#include "store/key_service.h"
#include "store/person_repo.h"
#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {
namespace {

using nlohmann::json;

json Parse(const HttpResult& r) {
  json j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

class ElectionApi : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_);
    LoadDemo(*db_, *server_);
    admin_ = std::make_unique<ApiActor>(ApiActor::DemoAdmin(*db_, *server_));
    json campaigns = Parse(admin_->Get("/api/orgs/demo/campaigns"))["campaigns"];
    for (const auto& c : campaigns) {
      if (c["name"] == "Harbor View Hotel housekeeping") harbor_ = c["id"].get<std::string>();
      if (c["name"] == "Northgate warehouse, third try") northgate_ = c["id"].get<std::string>();
    }
    ASSERT_FALSE(harbor_.empty() || northgate_.empty());
    json employers = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/employers"))["employers"];
    std::string employer = employers[0]["id"].get<std::string>();
    std::string site = Parse(admin_->Get("/api/orgs/demo/employers/" + employer))["worksites"][0]["id"].get<std::string>();
    // A fresh unit, so its history holds only what a test records.
    HttpResult u = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/units",
                                {{"employer_id", employer}, {"name", "Front desk"}, {"worksite_ids", {site}}, {"size_override", 20}});
    ASSERT_EQ(u.status, 201) << u.body;
    unit_ = Parse(u)["id"].get<std::string>();
  }

  HttpResult Put(const std::string& path, const json& body, const std::string& if_match) {
    return admin_->Send("PUT", path, body.dump(), {{"If-Match", if_match}});
  }
  json Elections(const std::string& query = "") {
    return Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/elections" + query));
  }
  // A petition and an election on it; returns {petition id, election response}.
  std::pair<std::string, HttpResult> Attempt(const std::string& filed, const json& dates, const char* case_number) {
    HttpResult p = admin_->Post("/api/orgs/demo/units/" + unit_ + "/petitions",
                                {{"kind", "RC"}, {"case_number", case_number}, {"filed_on", filed}});
    EXPECT_EQ(p.status, 201) << p.body;
    json body = dates;
    body["petition_id"] = Parse(p)["id"];
    HttpResult e = admin_->Post("/api/orgs/demo/units/" + unit_ + "/elections", body);
    EXPECT_EQ(e.status, 201) << e.body;
    return {Parse(p)["id"].get<std::string>(), e};
  }
  HttpResult Tally(const HttpResult& election, const json& body) {
    return Put("/api/orgs/demo/elections/" + Parse(election)["id"].get<std::string>() + "/tally", body,
               election.header("etag"));
  }

  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiActor> admin_;
  std::string harbor_, northgate_, unit_;
};
HOTSHOP_ON_BOTH_DATABASES(ElectionApi);

// RULE R6: the 2023 rule's dates, with the federal holidays skipped; R8/R9:
// the outcome of each count.
TEST_P(ElectionApi, TimelineAndTallyOutcomes) {
  auto [petition, e] = Attempt("2025-01-06",
                               {{"notice_served_on", "2025-01-08"}, {"direction_on", "2025-01-17"},
                                {"election_on", "2025-02-05"}},
                               "19-RC-000201");
  json t = Parse(e)["timeline"];
  EXPECT_EQ(t["rule"], "2023");
  EXPECT_EQ(t["hearing_opens"], "2025-01-16");
  EXPECT_EQ(t["statement_of_position_due"], "2025-01-15");
  EXPECT_EQ(t["voter_list_due"], "2025-01-22") << "Friday + 2 business days, Monday Jan 20 a holiday";
  EXPECT_EQ(Parse(e)["attempt"], 1);
  // RULE R9: 10 to 8 with 3 challenged: the challenges decide.
  HttpResult t1 = Tally(e, {{"yes", 10}, {"no", 8}, {"void", 1}, {"challenged", 3}, {"tally_on", "2025-02-05"}});
  ASSERT_EQ(t1.status, 200) << t1.body;
  json tally = Parse(t1)["tally"];
  EXPECT_EQ(tally["outcome"], "challenges_determinative");
  EXPECT_EQ(tally["count_outcome"], "certified");
  EXPECT_EQ(tally["valid_votes"], 18) << "void ballots are not valid votes (R8)";
  // RULE R6: objections 5 business days after the tally.
  EXPECT_EQ(Parse(t1)["timeline"]["objections_due"], "2025-02-12");
  // A stale count is refused.
  HttpResult stale = Tally(e, {{"yes", 12}, {"no", 3}, {"tally_on", "2025-02-05"}});
  EXPECT_EQ(stale.status, 412);
  // 12 to 3 with 2 challenged: certified.
  HttpResult t2 = Tally(t1, {{"yes", 12}, {"no", 3}, {"challenged", 2}, {"tally_on", "2025-02-05"}});
  ASSERT_EQ(t2.status, 200) << t2.body;
  EXPECT_EQ(Parse(t2)["tally"]["outcome"], "certified");
  // A tie is not a certification (R8).
  HttpResult t3 = Tally(t2, {{"yes", 7}, {"no", 7}, {"tally_on", "2025-02-05"}});
  EXPECT_EQ(Parse(t3)["tally"]["outcome"], "not_certified");
  // RULE R9: three choices and no majority: the top two go to a runoff.
  json three = json::array({json{{"name", "Hotel Workers United"}, {"votes", 10}},
                            json{{"name", "Service Workers Local 9"}, {"votes", 8}},
                            json{{"name", "No union"}, {"votes", 5}, {"no_union", true}}});
  HttpResult t4 = Tally(t3, {{"choices", three}, {"tally_on", "2025-02-05"}});
  ASSERT_EQ(t4.status, 200) << t4.body;
  EXPECT_EQ(Parse(t4)["tally"]["outcome"], "runoff");
  EXPECT_EQ(Parse(t4)["tally"]["runoff"], json::array({"Hotel Workers United", "Service Workers Local 9"}));
  // The unit's page shows the same.
  json page = Elections();
  ASSERT_EQ(page["elections"].size(), 1u);
  EXPECT_EQ(page["elections"][0]["tally"]["outcome"], "runoff");
  EXPECT_EQ(page["elections"][0]["case_number"], "19-RC-000201");
}

// RULE R10: a loss makes an election bar; the second attempt is kept in the
// same history and the earliest petition date comes from the first.
TEST_P(ElectionApi, SecondAttemptAfterALossKeepsOneHistoryWithTheElectionBar) {
  auto [p1, e1] = Attempt("2025-01-06", {{"election_on", "2025-02-05"}}, "19-RC-000202");
  HttpResult lost = Tally(e1, {{"yes", 8}, {"no", 12}, {"tally_on", "2025-02-05"}});
  ASSERT_EQ(lost.status, 200) << lost.body;
  EXPECT_EQ(Parse(lost)["tally"]["outcome"], "not_certified");
  json bars = Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/bars?as_of=2025-03-01"));
  ASSERT_EQ(bars["in_force"].size(), 1u) << bars.dump();
  EXPECT_EQ(bars["in_force"][0]["kind"], "election_bar");
  EXPECT_EQ(bars["in_force"][0]["runs_from"], "2025-02-05");
  EXPECT_EQ(bars["in_force"][0]["ends_on"], "2026-02-04");
  EXPECT_EQ(bars["earliest_petition_date"], "2025-12-07");
  EXPECT_EQ(bars["in_force"][0]["petition_allowed_from"], "2025-12-07") << "60 days before the 12 months end";
  // The second try, filed in the last 60 days of the bar.
  auto [p2, e2] = Attempt("2025-12-10", {{"election_on", "2026-02-10"}}, "19-RC-000203");
  json page = Elections("?as_of=2025-12-10");
  ASSERT_EQ(page["petitions"].size(), 2u);
  ASSERT_EQ(page["elections"].size(), 2u);
  EXPECT_EQ(page["elections"][0]["attempt"], 1);
  EXPECT_EQ(page["elections"][0]["tally"]["outcome"], "not_certified");
  EXPECT_EQ(page["elections"][1]["attempt"], 2);
  EXPECT_EQ(page["elections"][1]["petition_id"], p2);
  EXPECT_EQ(page["bars"]["earliest_petition_date"], "2025-12-10") << "petitions are allowed in the last 60 days";
  EXPECT_EQ(page["bars"]["in_force"][0]["kind"], "election_bar");
  // A set-aside election (objections sustained) makes no bar.
  HttpResult cur = admin_->Get("/api/orgs/demo/units/" + unit_ + "/elections");
  json first = Parse(cur)["elections"][0];
  HttpResult aside = admin_->Patch("/api/orgs/demo/elections/" + first["id"].get<std::string>(),
                                   {{"set_aside_on", "2025-03-20"}}, "\"v" + std::to_string(first["version"].get<int>()) + "\"");
  ASSERT_EQ(aside.status, 200) << aside.body;
  EXPECT_TRUE(Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/bars?as_of=2025-04-01"))["in_force"].empty());
}

// RULE R11: a certified unit is barred for a year from the certification.
TEST_P(ElectionApi, CertificationYearBar) {
  auto [p, e] = Attempt("2025-01-06", {{"election_on", "2025-02-05"}}, "19-RC-000204");
  HttpResult won = Tally(e, {{"yes", 15}, {"no", 4}, {"tally_on", "2025-02-05"}});
  ASSERT_EQ(won.status, 200);
  HttpResult cert = admin_->Patch("/api/orgs/demo/elections/" + Parse(won)["id"].get<std::string>(),
                                  {{"certified_on", "2025-02-20"}}, won.header("etag"));
  ASSERT_EQ(cert.status, 200) << cert.body;
  json bars = Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/bars?as_of=2025-06-01"));
  std::set<std::string> kinds;
  std::string cert_end;
  for (const auto& b : bars["in_force"]) {
    kinds.insert(b["kind"].get<std::string>());
    if (b["kind"] == "certification_year") cert_end = b["ends_on"].get<std::string>();
  }
  EXPECT_TRUE(kinds.count("certification_year")) << bars.dump();
  EXPECT_EQ(cert_end, "2026-02-19");
  EXPECT_EQ(bars["earliest_petition_date"], "2026-02-20");
}

// RULE R12: petitions are timely only 90 to 61 days before the contract
// expires.
TEST_P(ElectionApi, ContractBarWindow) {
  HttpResult c = admin_->Post("/api/orgs/demo/units/" + unit_ + "/agreements",
                              {{"kind", "contract"}, {"effective_on", "2024-01-01"}, {"expires_on", "2026-12-31"}});
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(Parse(c)["window"]["opens"], "2026-10-02");
  EXPECT_EQ(Parse(c)["window"]["closes"], "2026-10-31");
  json before = Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/bars?as_of=2026-06-01"));
  EXPECT_EQ(before["in_force"][0]["kind"], "contract_bar");
  EXPECT_EQ(before["earliest_petition_date"], "2026-10-02");
  EXPECT_EQ(before["contract_windows"][0]["open_now"], false);
  json in = Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/bars?as_of=2026-10-15"));
  EXPECT_EQ(in["contract_windows"][0]["open_now"], true);
  EXPECT_EQ(in["earliest_petition_date"], "2026-10-15");
  json insulated = Parse(admin_->Get("/api/orgs/demo/units/" + unit_ + "/bars?as_of=2026-11-15"));
  EXPECT_EQ(insulated["in_force"][0]["kind"], "insulated_period");
  EXPECT_EQ(insulated["earliest_petition_date"], "2027-01-01");
  // A contract that expires before it starts is refused, naming the field.
  HttpResult bad = admin_->Post("/api/orgs/demo/units/" + unit_ + "/agreements",
                                {{"kind", "contract"}, {"effective_on", "2024-01-01"}, {"expires_on", "2023-12-31"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Parse(bad)["field"], "expires_on");
  // The deadlines view lists the window.
  json d = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/deadlines?as_of=2026-09-20"));
  bool opens = false;
  for (const auto& x : d["deadlines"]) {
    if (x["kind"] == "contract_window_opens" && x["unit_id"] == unit_) {
      opens = true;
      EXPECT_EQ(x["date"], "2026-10-02");
      EXPECT_EQ(x["days_left"], 12);
      EXPECT_EQ(x["warning"], "14_days");
    }
  }
  EXPECT_TRUE(opens) << d.dump();
}

// RULE R14: the Cemex clock is off unless the org turns it on; on, it runs
// with the circuit's warning.
TEST_P(ElectionApi, CemexIsHiddenWhenOffAndShowsTheCircuitWarningWhenOn) {
  HttpResult s = admin_->Get("/api/orgs/demo/election-settings");
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(Parse(s)["cemex_enabled"], true) << "the demo turns it on";
  HttpResult off = Put("/api/orgs/demo/election-settings", {{"cemex_enabled", false}}, s.header("etag"));
  ASSERT_EQ(off.status, 200) << off.body;
  std::string path = "/api/orgs/demo/units/" + unit_ + "/cemex-demands";
  HttpResult hidden = admin_->Get(path);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body, admin_->Get("/api/orgs/demo/units/" + store::NewId() + "/cemex-demands").body)
      << "off reads exactly like a missing unit";
  json body = {{"demanded_on", "2026-03-10"}, {"method", "letter"}, {"evidence", "authorization_cards"},
               {"supporters", 7}, {"unit_size", 12}, {"state_code", "OH"}};
  EXPECT_EQ(admin_->Post(path, body).status, 404);
  EXPECT_FALSE(Elections().contains("cemex_demands"));
  EXPECT_EQ(Elections()["cemex_enabled"], false);
  HttpResult on = Put("/api/orgs/demo/election-settings", {{"cemex_enabled", true}}, off.header("etag"));
  ASSERT_EQ(on.status, 200) << on.body;
  HttpResult d = admin_->Post(path, body);
  ASSERT_EQ(d.status, 201) << d.body;
  json clock = Parse(d)["clock"];
  EXPECT_EQ(clock["rm_petition_due"], "2026-03-24");
  EXPECT_EQ(clock["circuit"], "6th");
  EXPECT_EQ(clock["majority_shown"], true);
  ASSERT_EQ(clock["advisories"].size(), 1u);
  EXPECT_EQ(clock["advisories"][0]["code"], "cemex_not_enforced");
  EXPECT_EQ(clock["advisories"][0]["verified"], true);
  json listed = Parse(admin_->Get(path + "?as_of=2026-03-20"));
  EXPECT_EQ(listed["demands"][0]["clock"]["status"], "running");
  EXPECT_EQ(listed["demands"][0]["clock"]["days_left"], 4);
  json d2 = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/deadlines?as_of=2026-03-20"));
  bool rm = false;
  for (const auto& x : d2["deadlines"]) rm = rm || (x["kind"] == "cemex_rm_petition_due" && x["date"] == "2026-03-24");
  EXPECT_TRUE(rm) << d2.dump();
  // More supporters than the unit: the core names the field.
  body["supporters"] = 13;
  HttpResult bad = admin_->Post(path, body);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Parse(bad)["field"], "supporters");
}

// RULE R15: the 10(b) deadline, warned at 30, 14 and 7 days; met once filed
// and served.
TEST_P(ElectionApi, ChargeTenBWarningsAtThirtyFourteenAndSeven) {
  HttpResult c = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/charges",
                              {{"kind", "retaliatory_discharge"}, {"conduct_on", "2025-01-15"}, {"unit_id", unit_}});
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(Parse(c)["section"], "8(a)(3)");
  EXPECT_EQ(Parse(c)["ten_b"]["file_and_serve_by"], "2025-07-15");
  std::string id = Parse(c)["id"].get<std::string>();
  auto warning = [&](const std::string& as_of) {
    json j = Parse(admin_->Get("/api/orgs/demo/charges/" + id + "?as_of=" + as_of));
    return j["ten_b"]["warning"].get<std::string>() + "/" + std::to_string(j["ten_b"]["days_left"].get<int>());
  };
  EXPECT_EQ(warning("2025-06-01"), "none/44");
  EXPECT_EQ(warning("2025-06-15"), "30_days/30");
  EXPECT_EQ(warning("2025-06-25"), "30_days/20");
  EXPECT_EQ(warning("2025-07-01"), "14_days/14");
  EXPECT_EQ(warning("2025-07-08"), "7_days/7");
  EXPECT_EQ(warning("2025-07-15"), "7_days/0");
  EXPECT_EQ(warning("2025-07-16"), "passed/-1");
  // The deadlines view, 20 days before: the 30-day warning.
  json d = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/deadlines?as_of=2025-06-25"));
  bool found = false;
  for (const auto& x : d["deadlines"]) {
    if (x["kind"] == "ten_b" && x["target"]["id"] == id) {
      found = true;
      EXPECT_EQ(x["date"], "2025-07-15");
      EXPECT_EQ(x["days_left"], 20);
      EXPECT_EQ(x["warning"], "30_days");
    }
  }
  EXPECT_TRUE(found) << d.dump();
  // Filed and served: the obligation is met and leaves the view.
  HttpResult met = admin_->Patch("/api/orgs/demo/charges/" + id, {{"filed_on", "2025-06-20"}, {"served_on", "2025-06-22"}},
                                 c.header("etag"));
  ASSERT_EQ(met.status, 200) << met.body;
  EXPECT_EQ(Parse(met)["ten_b"]["met"], true);
  json after = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/deadlines?as_of=2025-06-25"));
  for (const auto& x : after["deadlines"]) EXPECT_NE(x["target"]["id"], id);
}

// RULE R17: only the next stages; an illegal move is refused and changes nothing.
TEST_P(ElectionApi, IllegalStageTransitionIsRefusedAndChangesNothing) {
  HttpResult c = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/charges",
                              {{"kind", "interrogation"}, {"conduct_on", "2025-03-01"}, {"case_number", "19-CA-000301"}});
  ASSERT_EQ(c.status, 201) << c.body;
  std::string id = Parse(c)["id"].get<std::string>();
  EXPECT_EQ(Parse(c)["stage"], "investigation");
  EXPECT_EQ(Parse(c)["next_stages"], json::array({"dismissed", "settled", "complaint", "withdrawn"}));
  HttpResult bad = admin_->Post("/api/orgs/demo/charges/" + id + "/stage", {{"stage", "board"}}, {{"If-Match", c.header("etag")}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Parse(bad)["field"], "stage");
  HttpResult same = admin_->Get("/api/orgs/demo/charges/" + id);
  EXPECT_EQ(Parse(same)["stage"], "investigation");
  EXPECT_EQ(same.header("etag"), c.header("etag")) << "nothing changed";
  EXPECT_EQ(Parse(same)["stage_history"].size(), 1u);
  HttpResult ok = admin_->Post("/api/orgs/demo/charges/" + id + "/stage", {{"stage", "complaint"}, {"on", "2025-05-01"}},
                               {{"If-Match", c.header("etag")}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Parse(ok)["next_stages"], json::array({"administrative_law_judge", "settled"}));
  EXPECT_EQ(Parse(ok)["stage_history"].size(), 2u);
  HttpResult settled = admin_->Post("/api/orgs/demo/charges/" + id + "/stage", {{"stage", "settled"}}, {{"If-Match", ok.header("etag")}});
  ASSERT_EQ(settled.status, 200);
  EXPECT_EQ(Parse(settled)["final"], true);
  HttpResult after_final = admin_->Post("/api/orgs/demo/charges/" + id + "/stage", {{"stage", "complaint"}},
                                        {{"If-Match", settled.header("etag")}});
  EXPECT_EQ(after_final.status, 400);
}

// The feed: valid RFC 5545, only what the user may see now, no names;
// revoked and suspended answer 404.
TEST_P(ElectionApi, CalendarFeedShowsOnlyVisibleCampaignsWithoutNames) {
  ApiActor viewer = ApiActor::Provision(*db_, *server_, "feed-viewer@example.org", "viewer", "Harbor View Hotel housekeeping");
  {
    // Signing in counts as a step-up: age it, as if that were long ago.
    auto owner = db_->Open(1);
    Status aged = owner->Transact([&](store::Tx& tx) -> Status {
      Result<int64_t> n = tx.Exec("UPDATE sessions SET step_up_at_ms = 0 WHERE user_id = $1", {viewer.user_id()});
      if (!n) return n.error();
      return Ok();
    });
    ASSERT_TRUE(aged.ok()) << aged.error().message();
  }
  HttpResult need = viewer.Post("/api/me/calendar-feed", json::object());
  EXPECT_EQ(need.status, 401) << "creating a feed needs a step-up";
  EXPECT_EQ(Parse(need)["code"], "step_up_required");
  EXPECT_FALSE(Parse(viewer.Get("/api/me/calendar-feed"))["active"].get<bool>());
  viewer.StepUp();
  HttpResult made = viewer.Post("/api/me/calendar-feed", json::object());
  ASSERT_EQ(made.status, 201) << made.body;
  std::string path = Parse(made)["path"].get<std::string>();
  ASSERT_EQ(path.rfind("/api/calendar/", 0), 0u);
  HttpClient anon(server_->port());  // a calendar app: no cookie
  HttpResult feed = anon.Send("GET", path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
  const std::string& ics = feed.body;
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
  for (size_t i = ics.find('\n'); i != std::string::npos; i = ics.find('\n', i + 1)) ASSERT_EQ(ics[i - 1], '\r');
  EXPECT_NE(ics.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(ics.find("19-RM-000101"), std::string::npos) << "Harbor's case is the viewer's";
  EXPECT_EQ(ics.find("10-RC-000102"), std::string::npos) << "Copper Kettle is not the viewer's";
  EXPECT_EQ(ics.find("Northgate"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:"), std::string::npos);
  // The admin's feed covers every campaign, and still names no worker.
  admin_->StepUp();
  std::string admin_path = Parse(admin_->Post("/api/me/calendar-feed", json::object()))["path"].get<std::string>();
  std::string all = anon.Send("GET", admin_path).body;
  EXPECT_NE(all.find("Northgate"), std::string::npos);
  json charges = Parse(admin_->Get("/api/orgs/demo/campaigns/" + northgate_ + "/charges"))["charges"];
  for (const auto& ch : charges) {
    if (ch["person_id"].is_string()) {
      std::string name = Parse(admin_->Get("/api/orgs/demo/people/" + ch["person_id"].get<std::string>()))["name"].get<std::string>();
      ASSERT_FALSE(name.empty());
      EXPECT_EQ(all.find(name), std::string::npos) << "a worker's name in the feed";
    }
  }
  for (const char* name : {"Rosa Quintero", "Lee Okafor", "Marisol Vega"}) EXPECT_EQ(all.find(name), std::string::npos);
  // Same UIDs on a second fetch (a calendar app updates, never duplicates).
  auto uids = [](const std::string& text) {
    std::vector<std::string> out;
    for (size_t at = text.find("\r\nUID:"); at != std::string::npos; at = text.find("\r\nUID:", at + 1)) {
      out.push_back(text.substr(at + 2, text.find("\r\n", at + 2) - at - 2));
    }
    return out;
  };
  EXPECT_FALSE(uids(all).empty());
  EXPECT_EQ(uids(anon.Send("GET", admin_path).body), uids(all));
  std::set<std::string> distinct;
  for (const auto& u : uids(all)) EXPECT_TRUE(distinct.insert(u).second) << "UID twice: " << u;
  // Rotating replaces the old URL.
  std::string rotated = Parse(viewer.Post("/api/me/calendar-feed", json::object()))["path"].get<std::string>();
  EXPECT_EQ(anon.Send("GET", path).status, 404);
  EXPECT_EQ(anon.Send("GET", rotated).status, 200);
  // Suspended: 404.
  ASSERT_EQ(admin_->Post("/api/orgs/demo/users/" + viewer.user_id() + "/suspend", json::object()).status, 200);
  EXPECT_EQ(anon.Send("GET", rotated).status, 404);
  // Revoked: 404, audited.
  HttpResult revoked = admin_->Delete("/api/me/calendar-feed");
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  EXPECT_EQ(anon.Send("GET", admin_path).status, 404);
  json events = Parse(admin_->Get("/api/orgs/demo/audit?limit=50"))["events"];
  std::set<std::string> actions;
  for (const auto& e : events) actions.insert(e["action"].get<std::string>());
  EXPECT_TRUE(actions.count("calendar_feed.created"));
  EXPECT_TRUE(actions.count("calendar_feed.revoked"));
  EXPECT_EQ(anon.Send("GET", "/api/calendar/not-a-token.ics").status, 404);
}

// Viewers get dates and counts, never who a charge names; worker-leaders do
// not see charges that name people.
TEST_P(ElectionApi, ChargesNamingPeopleAreWithheldFromLeadersAndViewers) {
  std::string person = Parse(admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/people", {{"name", "Tomas Example"}}))["id"];
  HttpResult named = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/charges",
                                  {{"kind", "retaliatory_discipline"}, {"conduct_on", "2025-04-01"}, {"person_id", person},
                                   {"description", "Written up after the sticker day"}});
  ASSERT_EQ(named.status, 201) << named.body;
  std::string id = Parse(named)["id"].get<std::string>();
  ApiActor leader = ApiActor::Provision(*db_, *server_, "feed-leader@example.org", "worker_leader", "Harbor View Hotel housekeeping");
  json list = Parse(leader.Get("/api/orgs/demo/campaigns/" + harbor_ + "/charges"));
  EXPECT_GE(list["withheld_naming_people"].get<int>(), 1);
  for (const auto& c : list["charges"]) {
    EXPECT_NE(c["id"], id);
    EXPECT_FALSE(c.contains("person_id"));
    EXPECT_FALSE(c.contains("description"));
  }
  EXPECT_EQ(leader.Get("/api/orgs/demo/charges/" + id).status, 404);
  json full = Parse(admin_->Get("/api/orgs/demo/charges/" + id));
  EXPECT_EQ(full["person_id"], person);
  EXPECT_EQ(full["description"], "Written up after the sticker day");
}

// Hostile bodies: problem+json naming the field, nothing changed.
TEST_P(ElectionApi, HostileBodiesNameTheFieldAndChangeNothing) {
  std::string petitions = "/api/orgs/demo/units/" + unit_ + "/petitions";
  struct Case {
    json body;
    const char* field;
  };
  const Case cases[] = {
      {{{"kind", 5}, {"filed_on", "2025-01-06"}}, "kind"},
      {{{"kind", "RX"}, {"filed_on", "2025-01-06"}}, "kind"},
      {{{"kind", "RC"}, {"filed_on", "2025-02-30"}}, "filed_on"},
      {{{"kind", "RC"}, {"filed_on", "06/01/2025"}}, "filed_on"},
      {{{"kind", "RC"}, {"filed_on", "2999-01-01"}}, "filed_on"},
      {{{"kind", "RC"}, {"filed_on", "2025-01-06"}, {"case_number", "19-RC-<script>"}}, "case_number"},
      {{{"kind", "RC"}, {"filed_on", "2025-01-06"}, {"unit_id", unit_}}, "unit_id"},
  };
  for (const Case& c : cases) {
    HttpResult r = admin_->Post(petitions, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump();
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_EQ(Parse(r)["field"], c.field) << c.body.dump() << " " << r.body;
  }
  EXPECT_TRUE(Elections()["petitions"].empty());
  auto [p, e] = Attempt("2025-01-06", {{"election_on", "2025-02-05"}}, "19-RC-000205");
  const Case tallies[] = {
      {{{"yes", -1}, {"no", 3}, {"tally_on", "2025-02-05"}}, "yes"},
      {{{"yes", "ten"}, {"no", 3}, {"tally_on", "2025-02-05"}}, "yes"},
      {{{"yes", 4}, {"no", 3}, {"challenged", -2}, {"tally_on", "2025-02-05"}}, "challenged"},
      {{{"yes", 4}, {"no", 3}, {"tally_on", "2025-02-31"}}, "tally_on"},
      {{{"yes", 4}, {"no", 3}, {"tally_on", "2025-01-01"}}, "tally_on"},
      {{{"choices", json::array({json{{"name", "A"}, {"votes", 1}}})}, {"tally_on", "2025-02-05"}}, "choices"},
      {{{"choices", json::array({json{{"name", "A"}, {"votes", 3}}, json{{"name", "B"}, {"votes", -3}, {"no_union", true}}})},
        {"tally_on", "2025-02-05"}},
       "choices[1].votes"},
      {{{"yes", 4}, {"no", 3}, {"tally_on", "2025-02-05"}, {"winner", "us"}}, "winner"},
  };
  for (const Case& c : tallies) {
    HttpResult r = Tally(e, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump();
    EXPECT_EQ(Parse(r)["field"], c.field) << c.body.dump() << " " << r.body;
  }
  json page = Elections();
  EXPECT_TRUE(page["elections"][0]["tally"].is_null()) << "no refused count was stored";
  EXPECT_EQ(page["elections"][0]["version"], 1);
  HttpResult bad_charge = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/charges",
                                       {{"kind", "threat"}, {"conduct_on", "2025-13-01"}});
  EXPECT_EQ(Parse(bad_charge)["field"], "conduct_on");
  HttpResult bad_kind = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/charges",
                                     {{"kind", "firing"}, {"conduct_on", "2025-03-01"}});
  EXPECT_EQ(Parse(bad_kind)["field"], "kind");
  HttpResult bad_as_of = admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/deadlines?as_of=yesterday");
  EXPECT_EQ(Parse(bad_as_of)["field"], "as_of");
}


// RULE R7: the voter list is an ordinary import whose every row (new or
// matched) carries the restricted-use tag of its case.
TEST_P(ElectionApi, VoterListImportTagsEveryRowRestrictedUse) {
  auto [petition, e] = Attempt("2025-01-06", {{"election_on", "2025-02-05"}}, "");
  std::string election = Parse(e)["id"].get<std::string>();
  std::string path = "/api/orgs/demo/elections/" + election + "/voter-list";
  const std::string csv =
      "last_name,first_name,phone,work_location,shift,job_classification,home_address\n"
      "Arriaga,Nadia,202-555-0171,Front desk,Days,Agent,1 Example Way\n"
      "Bello,Omar,202-555-0172,Front desk,Nights,Agent,2 Example Way\n"
      "Quintero,Rosa,202-555-0101,Housekeeping,Days,Room attendant,3 Example Way\n";
  // No case number yet: refused, nothing imported.
  HttpResult no_case = admin_->Send("POST", path, csv, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(no_case.status, 400) << no_case.body;
  EXPECT_EQ(Parse(no_case)["field"], "case_number");
  json pet = Elections()["petitions"][0];
  ASSERT_EQ(admin_->Patch("/api/orgs/demo/petitions/" + petition, {{"case_number", "19-RC-000209"}},
                          "\"v" + std::to_string(pet["version"].get<int>()) + "\"").status, 200);
  // A viewer may not import it.
  ApiActor viewer = ApiActor::Provision(*db_, *server_, "vl-viewer@example.org", "viewer", "Harbor View Hotel housekeeping");
  EXPECT_EQ(viewer.Send("POST", path, csv, {{"Content-Type", "text/csv"}}).status, 404);
  HttpResult up = admin_->Send("POST", path, csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(up.status, 202) << up.body;
  std::string id = Parse(up)["import_id"].get<std::string>();
  json st;
  for (int i = 0; i < 2000; ++i) {
    st = Parse(admin_->Get("/api/orgs/demo/imports/" + id));
    if (st["state"] == "completed" || st["state"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(st["state"], "completed") << st.dump();
  EXPECT_EQ(st["summary"]["created"], 2);
  EXPECT_EQ(st["summary"]["updated"], 1) << "Rosa, already a demo person, is matched and tagged";
  // Read the tags as the server stored them (sealed under the org's key).
  Result<security::SecretBytes> master = security::LoadMasterKey(server_->key_file());
  ASSERT_TRUE(master.ok()) << master.error().message();
  store::KeyService keys(std::move(*master));
  auto owner = db_->Open(1);
  std::string org_id;
  for (const char* phone : {"+12025550171", "+12025550172", "+12025550101"}) {
    Result<std::string> tags = store::TransactValue<std::string>(*owner, [&](store::Tx& tx) -> Result<std::string> {
      Result<store::Rows> o = tx.Query("SELECT id FROM orgs WHERE slug = 'demo'");
      if (!o) return o.error();
      org_id = (*o)[0].Text(0);
      if (Status s = tx.SetOrg(org_id); !s) return s.error();
      auto k = keys.ForOrg(tx, org_id);
      if (!k) return k.error();
      Result<std::vector<store::Person>> found =
          store::PersonRepo(tx, store::Scope::ForOrg(org_id), **k).FindByPhone(phone);
      if (!found) return found.error();
      if (found->empty()) return Error::NotFound(phone);
      const std::string& pid = (*found)[0].id;
      Result<store::Rows> r = tx.Query("SELECT details_ct FROM people WHERE org_id = $1 AND id = $2", {org_id, pid});
      if (!r) return r.error();
      if ((*r)[0].IsNull(0)) return std::string();
      Result<std::string> plain =
          security::Decrypt((*k)->data, (*r)[0].Blob(0), security::FieldAd{"people", "details", pid, org_id});
      if (!plain) return plain.error();
      Result<store::Details> d = store::DetailsFromJson(*plain);
      if (!d) return d.error();
      return std::string(d->Get("tags"));
    });
    ASSERT_TRUE(tags.ok()) << phone << ": " << tags.error().message();
    EXPECT_NE(tags->find("restricted-use"), std::string::npos) << phone << " " << *tags;
    EXPECT_NE(tags->find("voter-list 19-RC-000209"), std::string::npos) << phone << " " << *tags;
  }
  bool audited = false;
  json events = Parse(admin_->Get("/api/orgs/demo/audit?limit=100"))["events"];
  for (const auto& ev : events) audited = audited || ev["action"] == "voter_list.imported";
  EXPECT_TRUE(audited) << events.dump();
}

// Sealed free text (a charge's description, notes) is re-sealed by `hotshop
// keys rotate` before the old key is retired, and reads the same after.
TEST_P(ElectionApi, SealedTextSurvivesKeyRotation) {
  HttpResult c = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/charges",
                              {{"kind", "surveillance"}, {"conduct_on", "2025-05-02"},
                               {"description", "A supervisor photographed the break-room meeting."}});
  ASSERT_EQ(c.status, 201) << c.body;
  std::string id = Parse(c)["id"].get<std::string>();
  HttpResult p = admin_->Post("/api/orgs/demo/units/" + unit_ + "/petitions",
                              {{"kind", "RC"}, {"filed_on", "2025-05-01"}, {"note", "Filed at the Seattle office."}});
  ASSERT_EQ(p.status, 201) << p.body;
  server_->Terminate();
  CommandResult rotated = RunHotshop({"keys", "rotate", "--db", db_->url(), "--key-file", server_->key_file()});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.out;
  server_ = std::make_unique<ServerProcess>(*db_);
  ApiActor again = ApiActor::Provision(*db_, *server_, "rotation-admin@example.org", "org_admin");
  HttpResult after = again.Get("/api/orgs/demo/charges/" + id);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(Parse(after)["description"], "A supervisor photographed the break-room meeting.");
  json page = Parse(again.Get("/api/orgs/demo/units/" + unit_ + "/elections"));
  ASSERT_EQ(page["petitions"].size(), 1u) << page.dump();
  EXPECT_EQ(page["petitions"][0]["note"], "Filed at the Seattle office.");
  // The demo's own sealed text too (Northgate's charge, Harbor's contract note).
  EXPECT_EQ(again.Get("/api/orgs/demo/campaigns/" + northgate_ + "/charges").status, 200);
}

}  // namespace
}  // namespace hotshop::testing
