// SPDX-License-Identifier: AGPL-3.0-or-later
// Campaign rules over HTTP and in-process handlers (issue #4), on SQLite and
// PostgreSQL with the demo data: "today" counted in the worksite's time zone
// (R3 staleness, elections' as_of), with the request time injected through
// Context::now_ms, never the wall clock.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <thread>

#include "api/chart_handlers.h"
#include "api/election_handlers.h"
#include "api/workplace_api_fixture.h"
#include "cli/master_key.h"
#include "core/iso_date.h"
#include "store/account_repo.h"
#include "store/key_service.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {
namespace {

// Milliseconds of an instant written YYYY-MM-DDTHH:MM:SSZ.
int64_t At(const std::string& iso) {
  Result<int64_t> ms = core::ParseUtcInstant(iso, "at");
  EXPECT_TRUE(ms.ok()) << iso;
  return ms ? *ms : 0;
}

class CampaignRulesApi : public WorkplaceApiTest {
 protected:
  // Calls handlers in-process as the demo admin, at a chosen instant.
  class InProcess {
   public:
    InProcess(const TestDb& db, const ServerProcess& server, const std::string& admin_user) : owner_(db.Open(2)) {
      Result<security::SecretBytes> kek = cli::LoadAndCheckMasterKey(*owner_, server.key_file());
      EXPECT_TRUE(kek.ok()) << kek.error().message();
      keys_ = std::make_unique<store::KeyService>(std::move(*kek));
      services_ = std::make_unique<api::Services>(api::Services{*keys_, common_, security::PwhashParams{}, hashes_,
                                                                per_account_, failures_, per_client_});
      actor_.user_id = admin_user;
      auto org = store::TransactValue<store::Rows>(*owner_, [&](store::Tx& tx) {
        return tx.Query("SELECT id FROM orgs WHERE slug = 'demo'");
      });
      EXPECT_TRUE(org.ok() && !org->empty());
      actor_.org_id = (*org)[0].Text(0);
      auto grants = store::TransactValue<std::vector<security::Grant>>(*owner_, [&](store::Tx& tx) {
        return store::AccountRepo(tx, *keys_).Grants(actor_.org_id, actor_.user_id);
      });
      EXPECT_TRUE(grants.ok());
      actor_.grants = *grants;
    }

    // GET route (with {org} and {id}) at now_ms, the body parsed.
    json Get(http::Response (*handler)(const http::Request&, api::Context&), const std::string& route,
             const std::string& id, int64_t now_ms) {
      api::Context ctx{*owner_, config_, *services_, now_ms, actor_, std::nullopt};
      http::Request req;
      req.raw.method(http::Verb::get);
      req.route = route;
      req.path = route;
      req.path_params = {{"org", "demo"}, {"id", id}};
      http::Response res = handler(req, ctx);
      EXPECT_EQ(static_cast<int>(res.result()), 200) << res.body();
      return json::parse(res.body(), nullptr, false);
    }

   private:
    std::unique_ptr<store::Database> owner_;
    std::unique_ptr<store::KeyService> keys_;
    security::CommonPasswords common_ = security::CommonPasswords::FromList({});
    security::HashLimiter hashes_{1};
    http::RateLimiter per_account_{1, 1}, failures_{1, 1}, per_client_{1, 1};
    std::unique_ptr<api::Services> services_;
    api::Config config_;
    security::Actor actor_;
  };

  // A unit at a new worksite in zone, with a department and a shift.
  SecondUnit UnitIn(const std::string& zone) {
    json employers = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/employers"))["employers"];
    std::string employer = employers[0]["id"].get<std::string>();
    SecondUnit s;
    HttpResult site = admin_->Post("/api/orgs/demo/employers/" + employer + "/worksites",
                                   {{"name", "Waikiki annex"}, {"time_zone", zone}});
    EXPECT_EQ(site.status, 201) << site.body;
    s.site = Parse(site)["id"].get<std::string>();
    HttpResult u = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/units",
                                {{"employer_id", employer}, {"name", "Annex housekeeping"}, {"worksite_ids", {s.site}}});
    EXPECT_EQ(u.status, 201) << u.body;
    s.unit = Parse(u)["id"].get<std::string>();
    s.dept = Parse(admin_->Post("/api/orgs/demo/units/" + s.unit + "/areas", {{"kind", "department"}, {"name", "Rooms"}}))["id"].get<std::string>();
    s.shift = Parse(admin_->Post("/api/orgs/demo/units/" + s.unit + "/areas", {{"kind", "shift"}, {"name", "Days"}}))["id"].get<std::string>();
    return s;
  }

  std::string Hire(const SecondUnit& s, const std::string& name, const std::string& started_on = "") {
    std::string p = NewPerson(name, harbor_);
    json body = {{"worksite_id", s.site}, {"unit_id", s.unit}, {"department_id", s.dept}, {"shift_id", s.shift}};
    if (!started_on.empty()) body["started_on"] = started_on;
    HttpResult e = Employ(*admin_, p, body);
    EXPECT_EQ(e.status, 200) << e.body;
    return p;
  }

  // The chart row of person.
  static json RowOf(const json& chart, const std::string& person) {
    for (const auto& d : chart["departments"]) {
      for (const auto& sh : d["shifts"]) {
        for (const auto& row : sh["rows"]) {
          if (row["person_id"] == person) return row;
        }
      }
    }
    return nullptr;
  }
};
HOTSHOP_ON_BOTH_DATABASES(CampaignRulesApi);

// RULE R3: a card signed 12 months ago turns stale at local midnight in
// Honolulu (UTC-10), not at UTC midnight; the meters' and elections' as_of
// is the worksite's date.
TEST_P(CampaignRulesApi, TodayIsTheWorksitesDateInItsTimeZone) {
  SecondUnit s = UnitIn("Pacific/Honolulu");
  std::string p = Hire(s, "Keoni Akana");
  HttpResult card = admin_->Post("/api/orgs/demo/units/" + s.unit + "/cards",
                                 {{"person_id", p}, {"method", "paper_photo"}, {"signed_on", "2025-06-10"}});
  ASSERT_EQ(card.status, 201) << card.body;
  InProcess call(*db_, *server_, admin_->user_id());

  // 2026-06-11 05:00 UTC is 2026-06-10 19:00 in Honolulu: the card is
  // exactly 12 months old there, not yet stale (UTC would say stale).
  const int64_t evening = At("2026-06-11T05:00:00Z");
  json chart = call.Get(api::GetChart, "/api/orgs/{org}/units/{id}/chart", s.unit, evening);
  EXPECT_EQ(RowOf(chart, p)["card_status"], "counts");
  EXPECT_EQ(RowOf(chart, p)["resign_prompt"], false);
  json meters = call.Get(api::GetMeters, "/api/orgs/{org}/units/{id}/meters", s.unit, evening);
  EXPECT_EQ(meters["as_of"], "2026-06-10");
  EXPECT_EQ(meters["showing"]["stale"], 0);
  json elections = call.Get(api::GetUnitElections, "/api/orgs/{org}/units/{id}/elections", s.unit, evening);
  EXPECT_EQ(elections["as_of"], "2026-06-10");

  // Local midnight (10:00 UTC) turns it stale.
  const int64_t midnight = At("2026-06-11T10:00:00Z");
  EXPECT_EQ(RowOf(call.Get(api::GetChart, "/api/orgs/{org}/units/{id}/chart", s.unit, midnight - 1), p)["card_status"],
            "counts");
  chart = call.Get(api::GetChart, "/api/orgs/{org}/units/{id}/chart", s.unit, midnight);
  EXPECT_EQ(RowOf(chart, p)["card_status"], "counts_stale");
  EXPECT_EQ(RowOf(chart, p)["resign_prompt"], true);
  meters = call.Get(api::GetMeters, "/api/orgs/{org}/units/{id}/meters", s.unit, midnight);
  EXPECT_EQ(meters["as_of"], "2026-06-11");
  EXPECT_EQ(meters["showing"]["stale"], 1);
  EXPECT_EQ(call.Get(api::GetUnitElections, "/api/orgs/{org}/units/{id}/elections", s.unit, midnight)["as_of"],
            "2026-06-11");

  // The demo unit's worksite has no Honolulu zone: its date at the same
  // instant is not Honolulu's.
  json harbor = call.Get(api::GetMeters, "/api/orgs/{org}/units/{id}/meters", harbor_unit_, evening);
  EXPECT_NE(harbor["as_of"], "2026-06-10");
}

// RULE R21: a structure test is scored against the unit on its day: Carol,
// hired after it, is not in its denominator; Bob, who has left since, is.
TEST_P(CampaignRulesApi, StructureTestsCountTheUnitOnTheirDay) {
  SecondUnit s = MakeSecondUnit();
  std::string alice = Hire(s, "Alicia Torres", "2024-01-08");
  std::string bob = Hire(s, "Bo Lindgren", "2024-02-01");
  std::string carol = Hire(s, "Carol Nwosu", "2025-06-01");
  HttpResult made = admin_->Post("/api/orgs/demo/units/" + s.unit + "/structure-tests",
                                 {{"kind", "majority_petition"}, {"held_on", "2025-03-01"}, {"target_percent", 50}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string test = Parse(made)["id"].get<std::string>();
  HttpResult rec = Put(*admin_, "/api/orgs/demo/structure-tests/" + test + "/participation",
                       {{"person_id", alice}, {"participated", true}}, "");
  ASSERT_EQ(rec.status, 200) << rec.body;
  HttpResult cur = admin_->Get("/api/orgs/demo/people/" + bob + "/employment");
  HttpResult left = admin_->Send("DELETE", "/api/orgs/demo/people/" + bob + "/employment", "", {{"If-Match", cur.header("etag")}});
  ASSERT_TRUE(left.status == 200 || left.status == 204) << left.status << " " << left.body;

  json one = Parse(admin_->Get("/api/orgs/demo/structure-tests/" + test));
  EXPECT_EQ(one["result"]["unit"]["members"], 2) << one.dump();  // Alicia and Bo, not Carol
  EXPECT_EQ(one["result"]["unit"]["participated"], 1);
  EXPECT_EQ(one["result"]["unit"]["met"], true);
  json all = Parse(admin_->Get("/api/orgs/demo/units/" + s.unit + "/structure-tests"));
  EXPECT_EQ(all["tests"][0]["result"]["unit"]["members"], 2);
  // A test planned for tomorrow counts the unit from then on: Alicia and
  // Carol (Bo's last day was today).
  const std::string as_of = Parse(admin_->Get("/api/orgs/demo/units/" + s.unit + "/meters"))["as_of"].get<std::string>();
  const std::string tomorrow = core::FormatIsoDate(core::AddDays(*core::ParseIsoDate(as_of, "as_of"), std::chrono::days{1}));
  HttpResult planned = admin_->Post("/api/orgs/demo/units/" + s.unit + "/structure-tests",
                                    {{"kind", "photo"}, {"held_on", tomorrow}, {"target_percent", 50}});
  ASSERT_EQ(planned.status, 201) << planned.body;
  all = Parse(admin_->Get("/api/orgs/demo/units/" + s.unit + "/structure-tests"));
  ASSERT_EQ(all["tests"].size(), 2u);
  EXPECT_EQ(all["tests"][1]["result"]["unit"]["members"], 2) << all.dump();
  EXPECT_EQ(all["tests"][1]["result"]["unit"]["participated"], 0);
  (void)carol;
}

// RULE R18: rule assessments are off by default; once the scale says
// "signed a card -> 2", a card adds a rule record dated when it was signed,
// which never overrides a newer human rating: human 4 on day 10, card
// signed day 5 -> 4 stays; card signed day 12 -> 2 from the rule, with the
// human 4 in the history.
TEST_P(CampaignRulesApi, CardRuleNeverOverridesANewerHumanAssessment) {
  SecondUnit s = MakeSecondUnit();
  std::string p = Hire(s, "Priya Raman", "2024-01-08");
  const std::string history = "/api/orgs/demo/people/" + p + "/assessments";
  ASSERT_EQ(admin_->Post(history, {{"value", 4}, {"assessed_at", "2025-03-10T15:00:00Z"}}).status, 201);

  // Off by default: a card adds nothing.
  json scales = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/assessment-scales"))["scales"];
  ASSERT_FALSE(scales.empty());
  json scale = scales[0];
  ASSERT_EQ(scale["is_default"], true);
  EXPECT_TRUE(scale["rules"]["card_signed"].is_null());
  EXPECT_TRUE(scale["rules"]["structure_test"].is_null());
  auto card = [&](const std::string& on) {
    HttpResult c = admin_->Post("/api/orgs/demo/units/" + s.unit + "/cards",
                                {{"person_id", p}, {"method", "paper_photo"}, {"signed_on", on}});
    EXPECT_EQ(c.status, 201) << c.body;
  };
  card("2025-03-01");
  EXPECT_EQ(Parse(admin_->Get(history))["history"].size(), 1u);

  // Bad rule values are refused, naming the field, and change nothing.
  const std::string scale_path = "/api/orgs/demo/assessment-scales/" + scale["id"].get<std::string>();
  const std::string etag = "\"v" + std::to_string(scale["version"].get<int64_t>()) + "\"";
  HttpResult zero = admin_->Send("PATCH", scale_path, json{{"rules", {{"card_signed", 0}}}}.dump(), {{"If-Match", etag}});
  EXPECT_EQ(zero.status, 400) << zero.body;
  EXPECT_EQ(Parse(zero)["field"], "rules.card_signed");
  HttpResult unknown = admin_->Send("PATCH", scale_path, json{{"rules", {{"wore_a_button", 2}}}}.dump(), {{"If-Match", etag}});
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(Parse(unknown)["field"], "rules");
  HttpResult on = admin_->Send("PATCH", scale_path, json{{"rules", {{"card_signed", 2}}}}.dump(), {{"If-Match", etag}});
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(Parse(on)["rules"]["card_signed"], 2);
  EXPECT_TRUE(Parse(on)["rules"]["structure_test"].is_null());

  // Card signed day 5: recorded in the history as the rule's, the human 4 stays.
  card("2025-03-05");
  json h = Parse(admin_->Get(history));
  ASSERT_EQ(h["history"].size(), 2u) << h.dump();
  const json& ruled = h["history"][0];  // oldest first: day 5 before day 10
  EXPECT_EQ(ruled["value"], 2);
  EXPECT_EQ(ruled["source"], "rule");
  EXPECT_EQ(ruled["rule"], "card_signed");
  EXPECT_EQ(ruled["by"], "rule:card_signed");
  EXPECT_TRUE(ruled["by_name"].is_null());
  EXPECT_EQ(ruled["assessed_on"], "2025-03-05");
  EXPECT_EQ(h["effective"]["value"], 4);
  EXPECT_EQ(h["effective"]["source"], "human");

  // Card signed day 12: newer than the human 4, so the rule's 2 is in effect.
  card("2025-03-12");
  h = Parse(admin_->Get(history));
  ASSERT_EQ(h["history"].size(), 3u) << h.dump();
  EXPECT_EQ(h["effective"]["value"], 2);
  EXPECT_EQ(h["effective"]["source"], "rule");
  EXPECT_EQ(h["history"][1]["value"], 4);
  EXPECT_EQ(h["history"][1]["source"], "human");
  json chart = Parse(admin_->Get("/api/orgs/demo/units/" + s.unit + "/chart"));
  EXPECT_EQ(RowOf(chart, p)["rating"], 2);
}

// RULE R18: "took part in a structure test -> 3", dated the day the test
// was held; recording the same participation twice adds one record.
TEST_P(CampaignRulesApi, StructureTestRuleIsDatedByTheTest) {
  SecondUnit s = MakeSecondUnit();
  std::string p = Hire(s, "Tomasz Wolski", "2024-01-08");
  json scale = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/assessment-scales"))["scales"][0];
  HttpResult on = admin_->Send("PATCH", "/api/orgs/demo/assessment-scales/" + scale["id"].get<std::string>(),
                               json{{"rules", {{"structure_test", 3}}}}.dump(),
                               {{"If-Match", "\"v" + std::to_string(scale["version"].get<int64_t>()) + "\""}});
  ASSERT_EQ(on.status, 200) << on.body;
  HttpResult made = admin_->Post("/api/orgs/demo/units/" + s.unit + "/structure-tests",
                                 {{"kind", "sticker_day"}, {"held_on", "2025-04-02"}, {"target_percent", 50}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string part = "/api/orgs/demo/structure-tests/" + Parse(made)["id"].get<std::string>() + "/participation";
  ASSERT_EQ(Put(*admin_, part, {{"person_id", p}, {"participated", false}}, "").status, 200);
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/people/" + p + "/assessments"))["history"].size(), 0u);
  ASSERT_EQ(Put(*admin_, part, {{"person_id", p}, {"participated", true}}, "").status, 200);
  ASSERT_EQ(Put(*admin_, part, {{"person_id", p}, {"participated", true}, {"entrance", "Loading dock"}}, "").status, 200);
  json h = Parse(admin_->Get("/api/orgs/demo/people/" + p + "/assessments"));
  ASSERT_EQ(h["history"].size(), 1u) << h.dump();
  EXPECT_EQ(h["effective"]["value"], 3);
  EXPECT_EQ(h["effective"]["rule"], "structure_test");
  EXPECT_EQ(h["effective"]["assessed_on"], "2025-04-02");
}

// RULE R7: people tagged restricted-use by a voter-list import are left out
// of an export (its purpose is outreach, not the proceeding); the answer
// says how many and why, and the file holds none of them.
TEST_P(CampaignRulesApi, ExportLeavesOutVoterListPeople) {
  SecondUnit s = MakeSecondUnit();
  HttpResult pet = admin_->Post("/api/orgs/demo/units/" + s.unit + "/petitions",
                                {{"kind", "RC"}, {"case_number", "19-RC-000315"}, {"filed_on", "2025-01-06"}});
  ASSERT_EQ(pet.status, 201) << pet.body;
  HttpResult el = admin_->Post("/api/orgs/demo/units/" + s.unit + "/elections",
                               {{"petition_id", Parse(pet)["id"]}, {"election_on", "2025-02-05"}});
  ASSERT_EQ(el.status, 201) << el.body;
  const std::string csv =
      "last_name,first_name,phone,work_location,shift,job_classification,home_address\n"
      "Arriaga,Nadia,202-555-0171,Front desk,Days,Agent,1 Example Way\n"
      "Bello,Omar,202-555-0172,Front desk,Nights,Agent,2 Example Way\n"
      "Quintero,Rosa,202-555-0101,Housekeeping,Days,Room attendant,3 Example Way\n";
  HttpResult up = admin_->Send("POST", "/api/orgs/demo/elections/" + Parse(el)["id"].get<std::string>() + "/voter-list",
                               csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(up.status, 202) << up.body;
  json st;
  for (int i = 0; i < 2000; ++i) {
    st = Parse(admin_->Get("/api/orgs/demo/imports/" + Parse(up)["import_id"].get<std::string>()));
    if (st["state"] == "completed" || st["state"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(st["state"], "completed") << st.dump();

  HttpResult made = admin_->Post("/api/orgs/demo/exports",
                                 {{"reason", "Phone bank for the Harbor View vote"}, {"fields", {"name", "phone"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  json answer = Parse(made);
  EXPECT_EQ(answer["left_out"]["restricted_use"], 3) << answer.dump();  // Nadia, Omar, and Rosa (matched and tagged)
  ASSERT_TRUE(answer["left_out"]["reason"].is_string());
  EXPECT_NE(answer["left_out"]["reason"].get<std::string>().find("voter list"), std::string::npos);
  HttpResult file = admin_->Get(answer["download_url"].get<std::string>());
  ASSERT_EQ(file.status, 200) << file.body;
  for (const char* who : {"Nadia", "Omar", "Rosa Quintero", "+12025550171", "+12025550101"}) {
    EXPECT_EQ(file.body.find(who), std::string::npos) << who;
  }
  EXPECT_NE(file.body.find("Lee Okafor"), std::string::npos) << "everyone else is exported";
  // The audit event carries the count, no names.
  bool audited = false;
  json events = Parse(admin_->Get("/api/orgs/demo/audit?limit=100"))["events"];
  for (const auto& ev : events) {
    if (ev["action"] == "export.created") {
      audited = ev.dump().find("restricted_left_out=3") != std::string::npos;
    }
  }
  EXPECT_TRUE(audited) << events.dump();
}

// RULE R19: the chart's and the rollup's last contact is the newest human
// assessment or note on a worker, with who made it; rules, staff-only
// notes and people never contacted give none.
TEST_P(CampaignRulesApi, LastContactIsTheNewestHumanAssessmentOrNote) {
  SecondUnit s = UnitIn("America/Chicago");
  std::string ana = Hire(s, "Ana Ferreira");
  std::string ben = Hire(s, "Ben Adeyemi");
  std::string cy = Hire(s, "Cy Morales");
  ASSERT_EQ(admin_->Post("/api/orgs/demo/people/" + ana + "/assessments", {{"value", 3}, {"assessed_at", "2025-03-10T15:00:00Z"}}).status, 201);
  HttpResult note = admin_->Post("/api/orgs/demo/people/" + ana + "/notes", {{"body", "Asked about the new schedule."}});
  ASSERT_EQ(note.status, 201) << note.body;
  const std::string noted_on = Parse(note)["created_at"].get<std::string>().substr(0, 10);
  ASSERT_EQ(admin_->Post("/api/orgs/demo/people/" + ben + "/assessments", {{"value", 2}, {"assessed_at", "2025-02-01T15:00:00Z"}}).status, 201);
  HttpResult hidden = admin_->Post("/api/orgs/demo/people/" + cy + "/notes", {{"body", "Staff only: moved shifts."}, {"staff_only", true}});
  ASSERT_EQ(hidden.status, 201) << hidden.body;

  json chart = Parse(admin_->Get("/api/orgs/demo/units/" + s.unit + "/chart"));
  const std::string me = "user:" + admin_->user_id();
  EXPECT_EQ(RowOf(chart, ana)["last_contact_on"], noted_on);
  EXPECT_EQ(RowOf(chart, ana)["last_contact_by"], me);
  EXPECT_TRUE(RowOf(chart, ana)["last_contact_by_name"].is_string());
  EXPECT_EQ(RowOf(chart, ben)["last_contact_on"], "2025-02-01");
  EXPECT_EQ(RowOf(chart, ben)["last_contact_by"], me);
  EXPECT_TRUE(RowOf(chart, cy)["last_contact_on"].is_null());
  EXPECT_TRUE(RowOf(chart, cy)["last_contact_by"].is_null());

  json employers = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/employers"))["employers"];
  json rollup = Parse(admin_->Get("/api/orgs/demo/employers/" + employers[0]["id"].get<std::string>() + "/rollup"));
  json shop;
  for (const auto& r : rollup["shops"]) {
    if (r["worksite_id"] == s.site) shop = r;
  }
  ASSERT_TRUE(shop.is_object()) << rollup.dump();
  EXPECT_EQ(shop["last_contact_on"], noted_on);
  EXPECT_EQ(shop["last_contact_by"], me);
}

}  // namespace
}  // namespace hotshop::testing
