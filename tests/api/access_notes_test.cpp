// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit grants, unit-aware person routes, the worker-leader page cap, notes
// and mentors, over HTTP on SQLite and PostgreSQL (security-model.md §3;
// journeys J3.3, J4.2, J8.1; domain-rules.md R40).
//  - A worker-leader granted one unit (through the admin API, an invitation
//    or `hotshop user add --unit`) reaches that unit's chart, people and
//    cards and nothing else of the campaign; a refusal reads exactly like a
//    missing object; removing the grant ends the access.
//  - Roles that do not fit a scope are refused naming "scope_kind".
//  - Worker-leaders read every list at most 50 rows a page.
//  - Notes: sealed at rest; staff-only notes are absent (not redacted) for
//    everyone but admins and staff organizers; only the author edits, with
//    If-Match; mentors read and comment and never edit assessments, cards,
//    employment or the committee.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <set>

#include "api/workplace_api_fixture.h"
#include "support/server_process.h"

namespace hotshop::testing {
namespace {

constexpr const char* kHarbor = "Harbor View Hotel housekeeping";
constexpr const char* kNobody = "0190aaaa-0000-7000-8000-000000000000";

class AccessApi : public WorkplaceApiTest {
 protected:
  // The grants of a user, as the admin lists them.
  json GrantsOf(const std::string& user_id) {
    json users = Parse(admin_->Get("/api/orgs/demo/users"))["users"];
    for (const auto& u : users) {
      if (u["id"] == user_id) return u["grants"];
    }
    return json::array();
  }

  // A raw SQL scalar as the database owner.
  std::string OwnerScalar(const std::string& sql, store::Params params = {}) {
    auto owner = db_->Open(1);
    Result<store::Rows> r = store::TransactValue<store::Rows>(*owner, [&](store::Tx& tx) { return tx.Query(sql, params); },
                                                              store::TxMode::kRead);
    if (!r || r->empty()) return "";
    return (*r)[0].Text(0);
  }

  // A worker-leader of unit, invited through the admin API and signed in.
  ApiActor InviteLeader(const std::string& email, const std::string& unit) {
    admin_->StepUp();
    HttpResult inv = admin_->Post("/api/orgs/demo/invitations", {{"email", email},
                                                                 {"name", "Marcus Leader"},
                                                                 {"role", "worker_leader"},
                                                                 {"scope_kind", "unit"},
                                                                 {"scope_id", unit}});
    EXPECT_EQ(inv.status, 201) << inv.body;
    std::string link = Parse(inv)["link"].get<std::string>();
    return ApiActor::FromInvitation(*server_, link.substr(link.find('#') + 1), email);
  }

  // The Copper Kettle unit of shop #101 (Marcus Bell's).
  std::string CopperShopUnit() {
    json units = Parse(admin_->Get("/api/orgs/demo/campaigns/" + copper_ + "/units"))["units"];
    for (const auto& u : units) {
      if (u["name"].get<std::string>().find("#101") != std::string::npos) return u["id"].get<std::string>();
    }
    return "";
  }
};
HOTSHOP_ON_BOTH_DATABASES(AccessApi);

// ------------------------------------------------------------- unit grants

TEST_P(AccessApi, AdminApiRefusesScopesThatDoNotFitTheRole) {
  ApiActor target = ApiActor::Provision(*db_, *server_, "target-1@example.org", "viewer", kHarbor);
  admin_->StepUp();
  const std::string path = "/api/orgs/demo/users/" + target.user_id() + "/grants";
  struct Case {
    json body;
    const char* field;
  };
  const Case cases[] = {
      {{{"role", "viewer"}, {"scope_kind", "unit"}, {"scope_id", harbor_unit_}}, "scope_kind"},
      {{{"role", "staff_organizer"}, {"scope_kind", "unit"}, {"scope_id", harbor_unit_}}, "scope_kind"},
      {{{"role", "worker_leader"}, {"scope_kind", "org"}}, "scope_kind"},
      {{{"role", "mentor"}, {"scope_kind", "org"}}, "scope_kind"},
      {{{"role", "caller"}, {"scope_kind", "org"}}, "scope_kind"},
      // A campaign id is not a unit, a unit id is not a campaign, a missing id is neither.
      {{{"role", "worker_leader"}, {"scope_kind", "unit"}, {"scope_id", harbor_}}, "scope_id"},
      {{{"role", "worker_leader"}, {"scope_kind", "campaign"}, {"scope_id", harbor_unit_}}, "scope_id"},
      {{{"role", "worker_leader"}, {"scope_kind", "unit"}, {"scope_id", kNobody}}, "scope_id"},
      {{{"role", "worker_leader"}, {"scope_kind", "unit"}, {"scope_id", "not-an-id"}}, "scope_id"},
      {{{"role", "worker_leader"}, {"scope_kind", "unit"}}, "scope_id"},
  };
  size_t before = GrantsOf(target.user_id()).size();
  for (const Case& c : cases) {
    HttpResult r = admin_->Post(path, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << " " << r.body;
    EXPECT_EQ(Parse(r)["field"], c.field) << c.body.dump();
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
  }
  HttpResult inv = admin_->Post("/api/orgs/demo/invitations", {{"email", "nope@example.org"}, {"name", "Nope"},
                                                               {"role", "viewer"}, {"scope_kind", "unit"},
                                                               {"scope_id", harbor_unit_}});
  EXPECT_EQ(inv.status, 400);
  EXPECT_EQ(Parse(inv)["field"], "scope_kind");
  EXPECT_EQ(GrantsOf(target.user_id()).size(), before) << "a refused grant adds nothing";
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM invitations WHERE role = 'viewer' AND scope_kind = 'unit'"), "0");
}

TEST_P(AccessApi, InvitedUnitLeaderReachesOnlyTheirUnitUntilTheGrantIsRemoved) {
  SecondUnit desk = MakeSecondUnit();
  std::string clerk = NewPerson("Dora Desk", harbor_);
  ASSERT_EQ(Employ(*admin_, clerk, {{"worksite_id", desk.site}, {"unit_id", desk.unit}, {"department_id", desk.dept}})
                .status,
            200);
  ApiActor leader = InviteLeader("unit-leader@example.org", harbor_unit_);
  // The session says which unit and campaign.
  json me = Parse(leader.Get("/api/session"));
  ASSERT_EQ(me["roles"].size(), 1u);
  EXPECT_EQ(me["roles"][0]["scope_kind"], "unit");
  EXPECT_EQ(me["roles"][0]["scope_id"], harbor_unit_);
  EXPECT_EQ(me["roles"][0]["campaign_id"], harbor_);

  std::string rosa = Demo("+12025550101");
  // Their unit: chart, cards, people (the older person routes too).
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart").status, 200);
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/cards").status, 200);
  HttpResult person = leader.Get("/api/orgs/demo/people/" + rosa);
  ASSERT_EQ(person.status, 200) << person.body;
  EXPECT_EQ(Parse(person)["name"], "Rosa Quintero");
  HttpResult edit = leader.Patch("/api/orgs/demo/people/" + rosa, {{"preferred_language", "es"}}, person.header("etag"));
  EXPECT_EQ(edit.status, 200) << edit.body;
  // Their campaign is listed and named, and its summary counts their unit only.
  json campaigns = Parse(leader.Get("/api/orgs/demo/campaigns"))["campaigns"];
  ASSERT_EQ(campaigns.size(), 1u);
  EXPECT_EQ(campaigns[0]["id"], harbor_);
  EXPECT_EQ(leader.Get("/api/orgs/demo/campaigns/" + harbor_).status, 200);
  json summary = Parse(leader.Get("/api/orgs/demo/campaigns/" + harbor_ + "/summary"));
  json full = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/summary"));
  EXPECT_EQ(summary["units"], json::array({harbor_unit_}));
  EXPECT_EQ(summary["people"], 3) << "Rosa, Lee and Marisol are on the unit";
  EXPECT_GT(full["people"].get<int>(), 3) << "the campaign has more people than the unit";
  EXPECT_TRUE(full["units"].is_null());

  // Everything else reads exactly like a missing object.
  auto same_as_missing = [&](const std::string& method, const std::string& real, const std::string& missing,
                             const json& body = nullptr) {
    HttpResult a = method == "GET" ? leader.Get(real) : leader.Patch(real, body, "\"v1\"");
    HttpResult b = method == "GET" ? leader.Get(missing) : leader.Patch(missing, body, "\"v1\"");
    EXPECT_EQ(a.status, 404) << real;
    EXPECT_EQ(a.body, b.body) << real;
  };
  same_as_missing("GET", "/api/orgs/demo/people/" + clerk, "/api/orgs/demo/people/" + std::string(kNobody));
  same_as_missing("PATCH", "/api/orgs/demo/people/" + clerk, "/api/orgs/demo/people/" + std::string(kNobody),
                  {{"name", "Changed"}});
  same_as_missing("GET", "/api/orgs/demo/units/" + desk.unit + "/chart", "/api/orgs/demo/units/" + std::string(kNobody) + "/chart");
  same_as_missing("GET", "/api/orgs/demo/units/" + desk.unit + "/cards", "/api/orgs/demo/units/" + std::string(kNobody) + "/cards");
  same_as_missing("GET", "/api/orgs/demo/campaigns/" + copper_, "/api/orgs/demo/campaigns/" + std::string(kNobody));
  same_as_missing("GET", "/api/orgs/demo/campaigns/" + copper_ + "/summary",
                  "/api/orgs/demo/campaigns/" + std::string(kNobody) + "/summary");
  EXPECT_EQ(leader.Get("/api/orgs/demo/campaigns/" + harbor_ + "/units").status, 404) << "campaign-wide";
  EXPECT_EQ(leader.Get("/api/orgs/demo/people/" + Demo("+12025550111")).status, 404) << "Copper's Marcus";
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/people/" + clerk))["name"], "Dora Desk") << "a refused edit changes nothing";

  // The admin removes the grant: the session ends and, signed in again, nothing answers.
  json grants = GrantsOf(leader.user_id());
  ASSERT_EQ(grants.size(), 1u);
  EXPECT_EQ(grants[0]["scope_kind"], "unit");
  EXPECT_EQ(admin_->Delete("/api/orgs/demo/grants/" + grants[0]["id"].get<std::string>()).status, 204);
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart").status, 401);
  ASSERT_EQ(leader.SignInAgain().status, 200);
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart").status, 404);
  EXPECT_EQ(leader.Get("/api/orgs/demo/people/" + rosa).status, 404);
  EXPECT_TRUE(Parse(leader.Get("/api/orgs/demo/campaigns"))["campaigns"].empty());
}

TEST_P(AccessApi, AdminApiGrantsAUnitToAnExistingUser) {
  ApiActor sam = ApiActor::Provision(*db_, *server_, "sam-2@example.org", "volunteer_organizer", kHarbor);
  std::string shop = CopperShopUnit();
  ASSERT_FALSE(shop.empty());
  admin_->StepUp();
  HttpResult g = admin_->Post("/api/orgs/demo/users/" + sam.user_id() + "/grants",
                              {{"role", "worker_leader"}, {"scope_kind", "unit"}, {"scope_id", shop}});
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(Parse(g)["scope_kind"], "unit");
  EXPECT_EQ(Parse(g)["campaign_id"], copper_);
  ASSERT_EQ(sam.SignInAgain().status, 200);
  // Shop #101 and its barista Marcus, but not shop #102 nor Copper as a whole.
  EXPECT_EQ(sam.Get("/api/orgs/demo/units/" + shop + "/chart").status, 200);
  EXPECT_EQ(sam.Get("/api/orgs/demo/people/" + Demo("+12025550111")).status, 200);
  EXPECT_EQ(sam.Get("/api/orgs/demo/people/" + Demo("+12025550113")).status, 404) << "Tomas works at #102";
  EXPECT_EQ(sam.Get("/api/orgs/demo/campaigns/" + copper_ + "/committee").status, 404);
  // Sam's volunteer grant on Harbor still reaches Harbor's people; the search
  // finds Marcus (their unit) but not Tomas (another shop of the same campaign).
  EXPECT_EQ(sam.Get("/api/orgs/demo/people/" + Demo("+12025550101")).status, 200);
  EXPECT_EQ(Parse(sam.Get("/api/orgs/demo/people?phone=%2B12025550111"))["people"].size(), 1u);
  EXPECT_TRUE(Parse(sam.Get("/api/orgs/demo/people?phone=%2B12025550113"))["people"].empty());
  json campaigns = Parse(sam.Get("/api/orgs/demo/campaigns"))["campaigns"];
  EXPECT_EQ(campaigns.size(), 2u) << "Harbor (volunteer) and Copper (the unit's campaign)";
}

TEST_P(AccessApi, CliAddsAUnitLeaderByUnitName) {
  const std::string shop_name = "Copper Kettle #101 Elm Street baristas and shift leads";
  ApiActor leader = ApiActor::Provision(*db_, *server_, "cli-leader@example.org", "worker_leader", "", shop_name);
  std::string shop = CopperShopUnit();
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + shop + "/chart").status, 200);
  EXPECT_EQ(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart").status, 404);
  json me = Parse(leader.Get("/api/session"));
  EXPECT_EQ(me["roles"][0]["scope_kind"], "unit");
  EXPECT_EQ(me["roles"][0]["scope_id"], shop);
  // A role that does not fit, an unknown unit, and an ambiguous name: one clear line, exit 1, nothing added.
  auto add = [&](const std::string& email, const std::string& role, const std::string& unit) {
    return RunHotshop({"user", "add", "--db", db_->url(), "--key-file", server_->key_file(), "--org", "demo", "--email",
                       email, "--name", "Nope", "--role", role, "--unit", unit});
  };
  const std::string grants_before = OwnerScalar("SELECT count(*) FROM grants");
  CommandResult viewer = add("cli-viewer@example.org", "viewer", shop_name);
  EXPECT_EQ(viewer.exit_code, 1);
  EXPECT_NE(viewer.out.find("only worker-leaders are scoped to a unit"), std::string::npos) << viewer.out;
  CommandResult unknown = add("cli-unknown@example.org", "worker_leader", "Store 9999");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("no unit 'Store 9999'"), std::string::npos) << unknown.out;
  // Two units with one name (one per campaign): the name alone is ambiguous, --campaign settles it.
  json employers = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/employers"))["employers"];
  json emp = Parse(admin_->Get("/api/orgs/demo/employers/" + employers[0]["id"].get<std::string>()));
  ASSERT_EQ(admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/units",
                         {{"employer_id", employers[0]["id"]}, {"name", shop_name}, {"worksite_ids", {emp["worksites"][0]["id"]}}})
                .status,
            201);
  CommandResult twice = add("cli-twice@example.org", "worker_leader", shop_name);
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.out.find("give --campaign too"), std::string::npos) << twice.out;
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM grants"), grants_before) << "a refused user add grants nothing";
  ApiActor settled = ApiActor::Provision(*db_, *server_, "cli-settled@example.org", "worker_leader",
                                         "Copper Kettle Coffee, 12 shops", shop_name);
  EXPECT_EQ(settled.Get("/api/orgs/demo/units/" + shop + "/chart").status, 200);
}

// ------------------------------------------------------------- page cap

// security-model.md §3: worker-leaders may not read pages over 50 rows; J4.2
// "requesting row 51 -> refused". Every list a worker-leader reaches.
TEST_P(AccessApi, WorkerLeaderPagesAreAtMostFiftyRowsOnEveryList) {
  json unit = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_));
  const std::string site = unit["worksite_ids"][0].get<std::string>();
  for (int i = 0; i < 50; ++i) {
    HttpResult r = admin_->Post("/api/orgs/demo/units/" + harbor_unit_ + "/people",
                                {{"name", "Coworker " + std::to_string(i)}, {"worksite_id", site}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // 3 demo workers + 50 = 53 on the chart.
  ApiActor leader = InviteLeader("page-leader@example.org", harbor_unit_);
  HttpResult first = leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart");
  ASSERT_EQ(first.status, 200) << first.body;
  json page = Parse(first)["page"];
  EXPECT_EQ(page["limit"], 50);
  EXPECT_EQ(page["total"], 53);
  EXPECT_EQ(page["next_offset"], 50);
  size_t rows = 0;
  json departments = Parse(first)["departments"];  // kept: a range-for over a temporary's member dangles
  for (const auto& d : departments) {
    for (const auto& s : d["shifts"]) rows += s["rows"].size();
  }
  EXPECT_EQ(rows, 50u);
  json rest = Parse(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart?offset=50"));
  EXPECT_EQ(rest["page"]["next_offset"], nullptr);
  EXPECT_EQ(rest["page"]["offset"], 50);
  // The admin reads the whole chart in one response.
  json whole = Parse(admin_->Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart"));
  EXPECT_FALSE(whole.contains("page"));
  EXPECT_EQ(whole["workers"], 53);

  const std::string rosa = Demo("+12025550101");
  const std::string test_id = OwnerScalar("SELECT id FROM structure_tests WHERE unit_id = $1 ORDER BY held_on", {harbor_unit_});
  const std::vector<std::string> lists = {
      "/api/orgs/demo/campaigns",
      "/api/orgs/demo/units/" + harbor_unit_ + "/chart",
      "/api/orgs/demo/units/" + harbor_unit_ + "/cards",
      "/api/orgs/demo/units/" + harbor_unit_ + "/structure-tests",
      "/api/orgs/demo/structure-tests/" + test_id + "/participation",
      "/api/orgs/demo/people/" + rosa + "/employment",
      "/api/orgs/demo/people/" + rosa + "/connections",
      "/api/orgs/demo/people/" + rosa + "/assessments",
      "/api/orgs/demo/people/" + rosa + "/notes",
  };
  for (const auto& path : lists) {
    HttpResult over = leader.Get(path + "?limit=51");
    EXPECT_EQ(over.status, 400) << path << " " << over.body;
    EXPECT_EQ(Parse(over)["field"], "limit") << path;
    HttpResult at = leader.Get(path + "?limit=50");
    EXPECT_EQ(at.status, 200) << path << " " << at.body;
    EXPECT_EQ(admin_->Get(path + "?limit=51").status, 200) << path << ": the cap is for worker-leaders";
  }
  // The campaign-wide lists a campaign-scoped worker-leader reaches, too.
  ApiActor wide = ApiActor::Provision(*db_, *server_, "wide-leader@example.org", "worker_leader", kHarbor);
  for (const std::string& path : {"/api/orgs/demo/campaigns/" + harbor_ + "/employers",
                                  "/api/orgs/demo/campaigns/" + harbor_ + "/units",
                                  "/api/orgs/demo/campaigns/" + harbor_ + "/committee",
                                  "/api/orgs/demo/campaigns/" + harbor_ + "/assessment-scales",
                                  "/api/orgs/demo/campaigns/" + harbor_ + "/notes"}) {
    HttpResult over = wide.Get(path + "?limit=51");
    EXPECT_EQ(over.status, 400) << path << " " << over.body;
    EXPECT_EQ(Parse(over)["field"], "limit") << path;
    EXPECT_EQ(wide.Get(path).status, 200) << path;
  }
  EXPECT_EQ(Parse(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart?limit=abc"))["field"], "limit");
  EXPECT_EQ(Parse(leader.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart?offset=-1"))["field"], "offset");
}

// ------------------------------------------------------------------- notes

// J3.3 at the API: Ana (mentor grant) reads Sam's campaign and leaves a note;
// Sam sees it. Never: Ana edits assessments, cards, employment or the
// committee; Sam sees other organizers' campaigns.
TEST_P(AccessApi, MentorReadsAndCommentsButNeverEditsTheRecord) {
  ApiActor ana = ApiActor::Provision(*db_, *server_, "ana-mentor@example.org", "mentor", kHarbor);
  ApiActor sam = ApiActor::Provision(*db_, *server_, "sam-volunteer@example.org", "volunteer_organizer", kHarbor);
  const std::string rosa = Demo("+12025550101");
  EXPECT_EQ(ana.Get("/api/orgs/demo/units/" + harbor_unit_ + "/chart").status, 200);
  HttpResult note = ana.Post("/api/orgs/demo/campaigns/" + harbor_ + "/notes",
                             {{"body", "Sam: three people signed up for Thursday's meeting. Follow up with Lee."}});
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(note.header("etag"), "\"v1\"");
  HttpResult on_person = ana.Post("/api/orgs/demo/people/" + rosa + "/notes", {{"body", "Rosa asked for the petition in Spanish."}});
  ASSERT_EQ(on_person.status, 201) << on_person.body;
  json seen = Parse(sam.Get("/api/orgs/demo/campaigns/" + harbor_ + "/notes"))["notes"];
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["body"], "Sam: three people signed up for Thursday's meeting. Follow up with Lee.");
  EXPECT_EQ(seen[0]["author"]["id"], ana.user_id());
  EXPECT_EQ(seen[0]["author"]["name"], "Test mentor");
  EXPECT_EQ(seen[0]["mine"], false);
  EXPECT_EQ(Parse(sam.Get("/api/orgs/demo/people/" + rosa + "/notes"))["notes"].size(), 1u);

  // Never: Ana edits assessments, cards, employment, the committee, or Sam's note.
  const std::string before = OwnerScalar("SELECT count(*) FROM assessments") + "|" +
                             OwnerScalar("SELECT count(*) FROM cards") + "|" +
                             OwnerScalar("SELECT count(*) FROM employment") + "|" +
                             OwnerScalar("SELECT count(*) FROM committee_members");
  EXPECT_EQ(ana.Post("/api/orgs/demo/people/" + rosa + "/assessments", {{"value", 1}}).status, 404);
  EXPECT_EQ(ana.Post("/api/orgs/demo/units/" + harbor_unit_ + "/cards",
                     {{"person_id", rosa}, {"signed_on", "2026-01-05"}, {"method", "paper_photo"}, {"evidence_hash", "ab12"}})
                .status,
            404);
  HttpResult emp = ana.Get("/api/orgs/demo/people/" + rosa + "/employment");
  EXPECT_EQ(emp.status, 200);
  EXPECT_EQ(Put(ana, "/api/orgs/demo/people/" + rosa + "/employment", {{"worksite_id", kNobody}}, emp.header("etag")).status, 404);
  EXPECT_EQ(ana.Post("/api/orgs/demo/campaigns/" + harbor_ + "/committee", {{"person_id", rosa}}).status, 404);
  EXPECT_EQ(ana.Patch("/api/orgs/demo/people/" + rosa, {{"name", "X"}}, "\"v1\"").status, 404);
  HttpResult sams = sam.Post("/api/orgs/demo/campaigns/" + harbor_ + "/notes", {{"body", "Met Ana on Monday."}});
  ASSERT_EQ(sams.status, 201);
  std::string sams_id = Parse(sams)["id"].get<std::string>();
  HttpResult steal = ana.Patch("/api/orgs/demo/notes/" + sams_id, {{"body", "Changed by Ana"}}, "\"v1\"");
  HttpResult missing = ana.Patch("/api/orgs/demo/notes/" + std::string(kNobody), {{"body", "Changed by Ana"}}, "\"v1\"");
  EXPECT_EQ(steal.status, 404);
  EXPECT_EQ(steal.body, missing.body);
  EXPECT_EQ(before, OwnerScalar("SELECT count(*) FROM assessments") + "|" + OwnerScalar("SELECT count(*) FROM cards") + "|" +
                        OwnerScalar("SELECT count(*) FROM employment") + "|" +
                        OwnerScalar("SELECT count(*) FROM committee_members"));
  // Never: Sam (or Ana) sees another campaign.
  EXPECT_EQ(sam.Get("/api/orgs/demo/campaigns/" + copper_ + "/notes").status, 404);
  EXPECT_EQ(ana.Get("/api/orgs/demo/campaigns/" + copper_).status, 404);
  json sams_campaigns = Parse(sam.Get("/api/orgs/demo/campaigns"))["campaigns"];
  ASSERT_EQ(sams_campaigns.size(), 1u);
  EXPECT_EQ(sams_campaigns[0]["id"], harbor_);
}

TEST_P(AccessApi, OnlyTheAuthorEditsANoteWithTheVersionTheyRead) {
  ApiActor sam = ApiActor::Provision(*db_, *server_, "sam-3@example.org", "volunteer_organizer", kHarbor);
  HttpResult made = sam.Post("/api/orgs/demo/campaigns/" + harbor_ + "/notes", {{"body", "Leafleted the staff entrance."}});
  ASSERT_EQ(made.status, 201);
  const std::string path = "/api/orgs/demo/notes/" + Parse(made)["id"].get<std::string>();
  EXPECT_EQ(sam.Patch(path, {{"body", "x"}}, "").status, 428);
  HttpResult ok = sam.Patch(path, {{"body", "Leafleted the staff entrance at 6 am."}}, "\"v1\"");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.header("etag"), "\"v2\"");
  EXPECT_EQ(Parse(ok)["edited"], true);
  EXPECT_EQ(Parse(ok)["author"]["id"], sam.user_id()) << "an edit keeps the author";
  HttpResult stale = sam.Patch(path, {{"body", "An older draft"}}, "\"v1\"");
  EXPECT_EQ(stale.status, 412);
  json notes = Parse(sam.Get("/api/orgs/demo/campaigns/" + harbor_ + "/notes"))["notes"];
  EXPECT_EQ(notes[0]["body"], "Leafleted the staff entrance at 6 am.") << "a stale edit changes nothing";
  // The org admin may not edit someone else's note either.
  EXPECT_EQ(admin_->Patch(path, {{"body", "admin"}}, "\"v2\"").status, 404);
  // Bad bodies name the field and change nothing.
  EXPECT_EQ(Parse(sam.Patch(path, {{"body", ""}}, "\"v2\""))["field"], "body");
  EXPECT_EQ(Parse(sam.Patch(path, {{"body", 7}}, "\"v2\""))["field"], "body");
  EXPECT_EQ(Parse(sam.Patch(path, {{"body", std::string(10'001, 'a')}}, "\"v2\""))["field"], "body");
  EXPECT_EQ(Parse(sam.Patch(path, {{"opinion", "lazy"}}, "\"v2\""))["field"], "opinion");
  EXPECT_EQ(Parse(sam.Patch(path, {{"staff_only", "yes"}}, "\"v2\""))["field"], "staff_only");
  EXPECT_EQ(Parse(sam.Get("/api/orgs/demo/campaigns/" + harbor_ + "/notes"))["notes"][0]["version"], 2);
}

// security-model.md §3: staff-only notes are absent, not redacted, for
// worker-leaders, volunteers, mentors and viewers.
TEST_P(AccessApi, StaffOnlyNotesAreAbsentForEveryoneButStaff) {
  ApiActor staff = ApiActor::Provision(*db_, *server_, "staff-5@example.org", "staff_organizer", kHarbor);
  ApiActor vol = ApiActor::Provision(*db_, *server_, "vol-5@example.org", "volunteer_organizer", kHarbor);
  ApiActor mentor = ApiActor::Provision(*db_, *server_, "mentor-5@example.org", "mentor", kHarbor);
  ApiActor viewer = ApiActor::Provision(*db_, *server_, "viewer-5@example.org", "viewer", kHarbor);
  ApiActor leader = InviteLeader("leader-5@example.org", harbor_unit_);
  const std::string rosa = Demo("+12025550101");
  const std::string person_notes = "/api/orgs/demo/people/" + rosa + "/notes";
  const std::string campaign_notes = "/api/orgs/demo/campaigns/" + harbor_ + "/notes";
  HttpResult secret = staff.Post(person_notes, {{"body", "Rosa's supervisor asked her about the union on 3 March."},
                                                {"staff_only", true}});
  ASSERT_EQ(secret.status, 201) << secret.body;
  ASSERT_EQ(staff.Post(person_notes, {{"body", "Rosa will bring two coworkers."}}).status, 201);
  ASSERT_EQ(staff.Post(campaign_notes, {{"body", "Legal: the employer's lawyer called."}, {"staff_only", true}}).status, 201);
  ASSERT_EQ(staff.Post(campaign_notes, {{"body", "Committee meets Tuesdays."}}).status, 201);
  EXPECT_EQ(Parse(admin_->Get(person_notes))["notes"].size(), 2u);
  EXPECT_EQ(Parse(staff.Get(person_notes))["notes"].size(), 2u);
  for (ApiActor* a : {&vol, &mentor, &leader}) {
    HttpResult r = a->Get(person_notes);
    ASSERT_EQ(r.status, 200) << a->email();
    json notes = Parse(r)["notes"];
    ASSERT_EQ(notes.size(), 1u) << a->email();
    EXPECT_EQ(notes[0]["body"], "Rosa will bring two coworkers.");
    EXPECT_EQ(r.body.find("supervisor"), std::string::npos) << "absent, not redacted";
    EXPECT_EQ(r.body.find("staff_only\":true"), std::string::npos);
  }
  EXPECT_EQ(viewer.Get(person_notes).status, 404) << "viewers see no person";
  for (ApiActor* a : {&vol, &mentor, &viewer}) {
    json notes = Parse(a->Get(campaign_notes))["notes"];
    ASSERT_EQ(notes.size(), 1u) << a->email();
    EXPECT_EQ(notes[0]["body"], "Committee meets Tuesdays.");
  }
  EXPECT_EQ(leader.Get(campaign_notes).status, 404) << "a unit grant does not reach campaign-wide notes";
  // Only staff write staff-only notes; the refusal names the field.
  HttpResult vol_secret = vol.Post(person_notes, {{"body", "x"}, {"staff_only", true}});
  EXPECT_EQ(vol_secret.status, 400);
  EXPECT_EQ(Parse(vol_secret)["field"], "staff_only");
  EXPECT_EQ(viewer.Post(campaign_notes, {{"body", "viewer"}}).status, 404);
  EXPECT_EQ(Parse(staff.Get(person_notes))["notes"].size(), 2u) << "refusals add nothing";
  // A staff-only note answers 404 to anyone else, like a missing one.
  const std::string secret_path = "/api/orgs/demo/notes/" + Parse(secret)["id"].get<std::string>();
  HttpResult probe = vol.Patch(secret_path, {{"body", "x"}}, "\"v1\"");
  EXPECT_EQ(probe.status, 404);
  EXPECT_EQ(probe.body, vol.Patch("/api/orgs/demo/notes/" + std::string(kNobody), {{"body", "x"}}, "\"v1\"").body);
}

// R40 / security-model.md §2.3: a note's text is never stored in the clear.
TEST_P(AccessApi, NotesAreSealedAtRest) {
  const std::string text = "Unmistakable note text 7Q4Z: the night shift wants a meeting.";
  const std::string rosa = Demo("+12025550101");
  ASSERT_EQ(admin_->Post("/api/orgs/demo/people/" + rosa + "/notes", {{"body", text}}).status, 201);
  ASSERT_EQ(admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/notes", {{"body", text}}).status, 201);
  auto owner = db_->Open(1);
  Result<store::Rows> rows = store::TransactValue<store::Rows>(*owner, [&](store::Tx& tx) {
    return tx.Query("SELECT body_ct FROM notes");
  }, store::TxMode::kRead);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  for (const auto& r : *rows) {
    EXPECT_EQ(r.Blob(0).find("7Q4Z"), std::string::npos);
    EXPECT_GT(r.Blob(0).size(), text.size());
  }
  if (GetParam() == DbKind::kSqlite) {
    // The database file and its WAL, byte for byte.
    std::string path = db_->url().substr(std::string("sqlite:").size());
    for (const std::string& f : {path, path + "-wal"}) {
      std::ifstream in(f, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(bytes.find("7Q4Z"), std::string::npos) << f;
    }
  }
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/people/" + rosa + "/notes"))["notes"][0]["body"], text);
}

}  // namespace
}  // namespace hotshop::testing
