// SPDX-License-Identifier: AGPL-3.0-or-later
// Importing a list over HTTP (docs/api.md "Importing a list"; issue #6:
// "a preview and a mapping screen ... for anything unmapped; unknown columns
// become custom fields or are skipped by choice"; "a row-level report ...
// downloadable as CSV"; "Progress: a live bar"), on SQLite and PostgreSQL,
// against a real `hotshop serve`. journeys.md J5.3: "Never: a silently
// dropped row".
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <thread>

#include "io/csv_reader.h"
#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {
namespace {

using nlohmann::json;

constexpr const char* kVanRoster =
    "VanID,FirstName,LastName,CellPhone,Email,ZipOrPostal,Shift Notes,Badge\r\n"
    "1001,Ana,Quiroga,202-555-0160,ana.quiroga@example.org,20001,nights,B-7\r\n"
    "1002,Luis,Ferrer,(202) 555-0161,,20002,,B-8\r\n"
    "1003,,,202-555-0162,,20003,,\r\n"            // line 4: no name
    "1004,Mei,Tanaka,555-0,mei@example.org,20004,,\r\n"  // line 5: a phone that is not one
    "1005,Odile,Brandt,202-555-0163,,20005,days,B-9\r\n";

class ImportApi : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_);
    LoadDemo(*db_, *server_);
    admin_ = std::make_unique<ApiActor>(ApiActor::DemoAdmin(*db_, *server_));
  }

  HttpResult Upload(ApiActor& a, const std::string& file, const std::string& name = "roster.csv",
                    const std::string& type = "text/csv") {
    return a.Send("POST", "/api/orgs/demo/imports?filename=" + name, file, {{"Content-Type", type}});
  }

  // Polls until the import has ended; records each fraction seen.
  json WaitForEnd(ApiActor& a, const std::string& id, std::vector<double>* fractions = nullptr) {
    for (int i = 0; i < 2000; ++i) {
      HttpResult r = a.Get("/api/orgs/demo/imports/" + id);
      EXPECT_EQ(r.status, 200) << r.body;
      json st = json::parse(r.body);
      if (fractions) fractions->push_back(st["fraction"].get<double>());
      if (st["state"] == "completed" || st["state"] == "failed") return st;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the import did not end";
    return json::object();
  }

  json StartAndWait(ApiActor& a, const std::string& id, const json& choices) {
    HttpResult go = a.Post("/api/orgs/demo/imports/" + id + "/start", choices);
    EXPECT_EQ(go.status, 202) << go.body;
    return WaitForEnd(a, id);
  }

  int PeopleWithPhone(ApiActor& a, const std::string& e164) {
    HttpResult r = a.Get("/api/orgs/demo/people?phone=%2B" + e164.substr(1));
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int>(json::parse(r.body)["people"].size());
  }

  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiActor> admin_;
};
HOTSHOP_ON_BOTH_DATABASES(ImportApi);

TEST_P(ImportApi, UploadShowsTheDetectedMappingSamplesAndAPreview) {
  HttpResult up = Upload(*admin_, kVanRoster);
  ASSERT_EQ(up.status, 201) << up.body;
  json j = json::parse(up.body);
  EXPECT_EQ(j["format"], "van");
  EXPECT_EQ(j["filename"], "roster.csv");
  EXPECT_EQ(j["bytes"], std::string(kVanRoster).size());
  EXPECT_EQ(j["encoding"], "utf-8");
  ASSERT_EQ(j["columns"].size(), 8u);
  EXPECT_EQ(j["columns"][0]["field"], "external_id");
  EXPECT_EQ(j["columns"][1]["field"], "first_name");
  EXPECT_EQ(j["columns"][3]["field"], "cell_phone");
  EXPECT_EQ(j["columns"][6]["action"], "custom");  // "Shift Notes": no field of its own
  EXPECT_EQ(j["columns"][6]["samples"], json({"nights", "days"}));
  EXPECT_EQ(j["columns"][1]["samples"], json({"Ana", "Luis", "Mei"}));
  ASSERT_EQ(j["preview"].size(), 5u);
  EXPECT_EQ(j["preview"][2][0], "1003");
  EXPECT_NE(std::find(j["fields"].begin(), j["fields"].end(), "email"), j["fields"].end());
}

TEST_P(ImportApi, ChosenMappingIsAppliedAndEveryBadRowIsInTheReport) {
  json up = json::parse(Upload(*admin_, kVanRoster).body);
  const std::string id = up["id"];
  json st = StartAndWait(*admin_, id,
                         {{"columns", {{{"index", 6}, {"action", "skip"}}, {{"index", 7}, {"action", "custom"}}}},
                          {"mode", "partial"},
                          {"on_duplicate", "fill"},
                          {"tags", {"roster-2026"}}});
  ASSERT_EQ(st["state"], "completed") << st.dump();
  EXPECT_EQ(st["fraction"], 1.0);
  const json& s = st["summary"];
  EXPECT_EQ(s["rows"], 5);
  EXPECT_EQ(s["created"], 3);
  EXPECT_EQ(s["rejected"], 2);
  EXPECT_EQ(s["committed"], true);
  // Nothing silently dropped.
  EXPECT_EQ(s["created"].get<int>() + s["updated"].get<int>() + s["skipped"].get<int>() + s["rejected"].get<int>() +
                s["suggested"].get<int>(),
            5);
  EXPECT_EQ(PeopleWithPhone(*admin_, "+12025550160"), 1);
  EXPECT_EQ(PeopleWithPhone(*admin_, "+12025550163"), 1);
  EXPECT_EQ(PeopleWithPhone(*admin_, "+12025550162"), 0);  // the row without a name

  ASSERT_TRUE(st["report_available"].get<bool>());
  HttpResult rep = admin_->Get("/api/orgs/demo/imports/" + id + "/report");
  ASSERT_EQ(rep.status, 200) << rep.body;
  EXPECT_EQ(rep.header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_NE(rep.header("content-disposition").find("attachment"), std::string::npos);
  // One line per rejected row, naming the file's line.
  std::istringstream in(rep.body);
  Result<io::CsvReader> reader = io::CsvReader::Open(in);
  ASSERT_TRUE(reader.ok());
  ASSERT_EQ(reader->header().at(0), "line");
  std::set<std::string> rejected_lines;
  io::CsvRecord rec;
  while (*reader->Next(rec)) {
    if (rec[2] == "rejected") rejected_lines.insert(std::string(rec[0]));
  }
  EXPECT_EQ(rejected_lines, (std::set<std::string>{"4", "5"}));

  // The import is in the org's history, with its file name; downloading the
  // report was audited.
  json list = json::parse(admin_->Get("/api/orgs/demo/imports").body)["imports"];
  ASSERT_GE(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], st["record_id"]);
  EXPECT_EQ(list[0]["filename"], "roster.csv");
  EXPECT_EQ(list[0]["created"], 3);
  json audit = json::parse(admin_->Get("/api/orgs/demo/audit").body)["events"];
  bool seen = false;
  for (const auto& e : audit) seen = seen || (e["action"] == "import.report" && e["outcome"] == "ok");
  EXPECT_TRUE(seen) << audit.dump();
  // The report is sealed at rest: no phone of the file appears in the table.
  HttpResult again = admin_->Get("/api/orgs/demo/imports/" + st["record_id"].get<std::string>() + "/report");
  EXPECT_EQ(again.status, 200);
}

TEST_P(ImportApi, ProgressRisesToTheWholeFile) {
  std::string file = "name,phone\n";
  for (int i = 0; i < 6000; ++i) {
    file += "Progress Person " + std::to_string(i) + ",+1" + std::to_string(201 + i % 700) + "55501" +
            std::to_string(10 + i % 90) + "\n";
  }
  json up = json::parse(Upload(*admin_, file).body);
  const std::string id = up["id"];
  ASSERT_EQ(admin_->Post("/api/orgs/demo/imports/" + id + "/start", {{"mode", "partial"}}).status, 202);
  std::vector<double> fractions;
  json st = WaitForEnd(*admin_, id, &fractions);
  ASSERT_EQ(st["state"], "completed") << st.dump();
  EXPECT_EQ(st["rows_done"], 6000);
  EXPECT_EQ(st["bytes_done"], st["bytes_total"]);
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end())) << "progress went backwards";
  EXPECT_EQ(st["summary"]["created"].get<int>() + st["summary"]["updated"].get<int>() +
                st["summary"]["skipped"].get<int>() + st["summary"]["suggested"].get<int>() +
                st["summary"]["rejected"].get<int>(),
            6000);
}

TEST_P(ImportApi, AllOrNothingWithABadRowImportsNothingAndSaysWhy) {
  json up = json::parse(Upload(*admin_, kVanRoster).body);
  json st = StartAndWait(*admin_, up["id"], {{"mode", "atomic"}});
  ASSERT_EQ(st["state"], "failed") << st.dump();
  EXPECT_NE(st["error"]["detail"].get<std::string>().find("nothing was"), std::string::npos);
  EXPECT_EQ(st["summary"]["rejected"], 2);
  EXPECT_EQ(PeopleWithPhone(*admin_, "+12025550160"), 0);
  EXPECT_TRUE(st["report_available"].get<bool>());
}

TEST_P(ImportApi, TheSameFileTwiceChangesNothing) {
  json first = StartAndWait(*admin_, json::parse(Upload(*admin_, kVanRoster).body)["id"], {{"mode", "partial"}});
  ASSERT_EQ(first["state"], "completed");
  json second = StartAndWait(*admin_, json::parse(Upload(*admin_, kVanRoster).body)["id"], {{"mode", "partial"}});
  ASSERT_EQ(second["state"], "completed") << second.dump();
  EXPECT_TRUE(second["summary"]["already_imported"].get<bool>());
  EXPECT_EQ(PeopleWithPhone(*admin_, "+12025550160"), 1);
}

TEST_P(ImportApi, BadRequestsAreRefusedAndChangeNothing) {
  // A form body is not a file.
  HttpResult form = Upload(*admin_, "a=b", "x.csv", "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415) << form.body;
  // text/plain is what a cross-site form can send without a preflight: an
  // upload without the header hotshop's pages add is refused (§2.7).
  HttpClient raw(server_->port());
  HttpResult forged = raw.Send("POST", "/api/orgs/demo/imports", kVanRoster,
                               {{"Cookie", admin_->cookie()}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(forged.status, 403) << forged.body;
  EXPECT_EQ(json::parse(forged.body)["code"], "csrf_header_missing");
  // An empty file, and UTF-16 (which spreadsheets sometimes save).
  EXPECT_EQ(Upload(*admin_, "").status, 400);
  HttpResult utf16 = Upload(*admin_, std::string("\xff\xfen\0a\0m\0e\0", 10));
  EXPECT_EQ(utf16.status, 400) << utf16.body;
  EXPECT_EQ(json::parse(utf16.body)["code"], "invalid_input");

  json up = json::parse(Upload(*admin_, kVanRoster).body);
  const std::string start = "/api/orgs/demo/imports/" + up["id"].get<std::string>() + "/start";
  // Two columns for one field: refused, naming both; nothing starts.
  HttpResult twice = admin_->Post(start, {{"columns", {{{"index", 4}, {"action", "field"}, {"field", "first_name"}}}}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_NE(json::parse(twice.body)["detail"].get<std::string>().find("columns 2 and 5"), std::string::npos) << twice.body;
  HttpResult unknown = admin_->Post(start, {{"columns", {{{"index", 4}, {"action", "field"}, {"field", "shoe_size"}}}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(json::parse(unknown.body)["field"], "columns[0].field") << unknown.body;
  EXPECT_EQ(admin_->Post(start, {{"columns", {{{"index", 99}, {"action", "skip"}}}}}).status, 400);
  EXPECT_EQ(admin_->Post(start, {{"mode", "sometimes"}}).status, 400);
  EXPECT_EQ(admin_->Post(start, {{"tags", {"a,b"}}}).status, 400);
  EXPECT_EQ(admin_->Post(start, {{"surprise", 1}}).status, 400);
  EXPECT_EQ(admin_->Get("/api/orgs/demo/imports/" + up["id"].get<std::string>()).status, 200);
  EXPECT_EQ(json::parse(admin_->Get("/api/orgs/demo/imports/" + up["id"].get<std::string>()).body)["state"], "staged");
  EXPECT_EQ(PeopleWithPhone(*admin_, "+12025550160"), 0);
  // The upload is still there after the refusals; its report is not yet.
  EXPECT_EQ(admin_->Get("/api/orgs/demo/imports/" + up["id"].get<std::string>() + "/report").status, 404);
  json st = StartAndWait(*admin_, up["id"], {{"mode", "partial"}});
  EXPECT_EQ(st["state"], "completed");
  // Started once only.
  EXPECT_EQ(admin_->Post(start, json::object()).status, 409);
}

TEST_P(ImportApi, DeclaredEncodingIsAppliedToEveryRow) {
  // Issue #6: "any encoding declared or detected (UTF-8, Windows-1252)".
  const std::string cp1252 = "name,phone\nJos\xe9 P\xe9rez,+12025550171\n";
  json as_utf8 = StartAndWait(*admin_, json::parse(Upload(*admin_, cp1252).body)["id"],
                              {{"mode", "partial"}, {"encoding", "utf-8"}});
  ASSERT_EQ(as_utf8["state"], "completed") << as_utf8.dump();
  EXPECT_EQ(as_utf8["summary"]["rejected"], 1) << "declared UTF-8: bytes that are not UTF-8 are refused, not guessed";
  json as_1252 = StartAndWait(*admin_, json::parse(Upload(*admin_, cp1252).body)["id"],
                              {{"mode", "partial"}, {"encoding", "windows-1252"}});
  ASSERT_EQ(as_1252["state"], "completed") << as_1252.dump();
  EXPECT_EQ(as_1252["summary"]["created"], 1);
  json found = json::parse(admin_->Get("/api/orgs/demo/people?phone=%2B12025550171").body)["people"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Jos\u00e9 P\u00e9rez");
  HttpResult bad = admin_->Post("/api/orgs/demo/imports/" + json::parse(Upload(*admin_, cp1252).body)["id"].get<std::string>() +
                                    "/start",
                                {{"encoding", "ebcdic"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["field"], "encoding");
}

TEST_P(ImportApi, ReportStillOpensAfterKeyRotation) {
  // security-model.md §2.2: `keys rotate` re-seals everything under the new
  // key before it retires the old one, import reports and file names too.
  json up = json::parse(Upload(*admin_, kVanRoster).body);
  json st = StartAndWait(*admin_, up["id"], {{"mode", "partial"}});
  ASSERT_EQ(st["state"], "completed");
  const std::string record = st["record_id"];
  HttpResult before = admin_->Get("/api/orgs/demo/imports/" + record + "/report");
  ASSERT_EQ(before.status, 200);
  server_->Terminate();
  CommandResult rotated = RunHotshop({"keys", "rotate", "--db", db_->url(), "--key-file", server_->key_file()});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.out;
  server_ = std::make_unique<ServerProcess>(*db_);
  ApiActor again = ApiActor::Provision(*db_, *server_, "rotation-admin@example.org", "org_admin");
  HttpResult after = again.Get("/api/orgs/demo/imports/" + record + "/report");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.body, before.body);
  json list = json::parse(again.Get("/api/orgs/demo/imports").body)["imports"];
  EXPECT_EQ(list[0]["filename"], "roster.csv");
}

TEST_P(ImportApi, AnotherAdminCannotSeeOrStartMyUpload) {
  ApiActor other = ApiActor::Provision(*db_, *server_, "second-admin@example.org", "org_admin");
  json up = json::parse(Upload(*admin_, kVanRoster).body);
  const std::string id = up["id"];
  HttpResult seen = other.Get("/api/orgs/demo/imports/" + id);
  HttpResult missing = other.Get("/api/orgs/demo/imports/0190f3a0-0000-7000-8000-000000000000");
  EXPECT_EQ(seen.status, 404);
  EXPECT_EQ(seen.body, missing.body);  // no oracle
  EXPECT_EQ(other.Post("/api/orgs/demo/imports/" + id + "/start", json::object()).status, 404);
}

}  // namespace
}  // namespace hotshop::testing
