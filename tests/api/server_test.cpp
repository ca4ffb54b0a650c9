// SPDX-License-Identifier: AGPL-3.0-or-later
// The HTTP server as a client meets it: a real `hotshop serve` on a free port,
// on SQLite and PostgreSQL. Covers issue #2's server requirements and the
// hostile inputs of security-model.md §4 #15 (oversized body), #18 (log
// injection), #21 (cross-site text/plain POST, framing), plus the problem+json
// shape (RFC 9457) of every error status.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"
#include "store/store_test_base.h"

namespace hotshop::testing {
namespace {

using nlohmann::json;

void WriteFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class Server : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    WriteFile(db_->dir() + "/web/index.html", "<!doctype html><title>hotshop</title>");
    WriteFile(db_->dir() + "/web/assets/app-abc123.js", "console.log('hi')");
  }
  void Start(std::vector<std::string> extra = {}) {
    server_ = std::make_unique<ServerProcess>(*db_, std::move(extra));
  }
  void ExpectProblem(const HttpResult& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    json p = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(p.is_object()) << r.body;
    EXPECT_EQ(p["status"], status);
    EXPECT_EQ(p["code"], code);
    EXPECT_FALSE(p["title"].get<std::string>().empty());
    EXPECT_GT(p["detail"].get<std::string>().size(), 20u) << "a message a person can act on";
    EXPECT_TRUE(p["type"].is_string());
    EXPECT_FALSE(r.header("content-security-policy").empty()) << "security headers on errors too";
  }
  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
};

INSTANTIATE_TEST_SUITE_P(Db, Server, ::testing::ValuesIn(TestDbKinds()), DbParamName);

TEST_P(Server, HealthzAnswersWithSecurityHeaders) {
  Start();
  HttpClient c(server_->port());
  HttpResult r = c.Send("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["status"], "ok");
  EXPECT_EQ(r.header("content-security-policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_NE(r.header("strict-transport-security").find("max-age="), std::string::npos);
  EXPECT_NE(r.header("permissions-policy").find("camera=()"), std::string::npos);
  EXPECT_EQ(r.header("cross-origin-opener-policy"), "same-origin");
  EXPECT_EQ(r.header("cross-origin-resource-policy"), "same-origin");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_EQ(r.header("access-control-allow-origin"), "") << "no CORS, ever";
}

TEST_P(Server, ReadyzChecksDatabaseAndMigrations) {
  Start();
  HttpClient c(server_->port());
  HttpResult r = c.Send("GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["status"], "ready");
  EXPECT_GE(j["migration"].get<int>(), 2);
}

TEST_P(Server, KeepAliveServesManyRequestsOnOneConnection) {
  Start();
  HttpClient c(server_->port());
  for (int i = 0; i < 20; ++i) {
    HttpResult r = c.Send("GET", "/healthz");
    ASSERT_EQ(r.status, 200);
    ASSERT_FALSE(r.closed) << "request " << i;
  }
}

TEST_P(Server, UnknownApiPathIsProblemJson404) {
  Start();
  HttpClient c(server_->port());
  ExpectProblem(c.Send("GET", "/api/nothing-here"), 404, "not_found");
  ExpectProblem(c.Send("GET", "/assets/missing.js"), 404, "not_found");
}

TEST_P(Server, WrongMethodIs405WithAllow) {
  Start();
  HttpClient c(server_->port());
  HttpResult r = c.Send("DELETE", "/healthz", "", {{"X-Requested-With", "hotshop"}});
  ExpectProblem(r, 405, "method_not_allowed");
  EXPECT_EQ(r.header("allow"), "GET");
}

TEST_P(Server, BodyOverOneMiBIs413AndTheServerStaysUp) {
  // §4 #15: a 50 MB body is refused from its Content-Length, before it is read.
  Start();
  HttpClient c(server_->port());
  std::string reply = c.Raw("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "X-Requested-With: t\r\nContent-Length: 52428800\r\n\r\n{",
                            1000);
  EXPECT_NE(reply.find("HTTP/1.1 413"), std::string::npos) << reply;
  EXPECT_NE(reply.find("application/problem+json"), std::string::npos) << reply;
  EXPECT_NE(reply.find("larger than 1 MiB"), std::string::npos) << reply;
  // Without a Content-Length (chunked), the limit still holds while reading.
  HttpClient chunked(server_->port());
  std::string chunk(512 * 1024, 'x');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  std::string req = "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "X-Requested-With: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) req += size_line + chunk + "\r\n";
  std::string reply2 = chunked.Raw(req, 1500);
  EXPECT_NE(reply2.find("HTTP/1.1 413"), std::string::npos) << reply2.substr(0, 200);
  HttpClient again(server_->port());
  EXPECT_EQ(again.Send("GET", "/healthz").status, 200);
}

TEST_P(Server, CrossSiteTextPlainPostIs415) {
  // §4 #21: a form on another site can send text/plain without a preflight.
  Start();
  HttpClient c(server_->port());
  ExpectProblem(c.Send("POST", "/healthz", "a=1", {{"Content-Type", "text/plain"}}), 415,
                "unsupported_media_type");
  ExpectProblem(c.Send("POST", "/healthz", "a=1", {{"Content-Type", "application/x-www-form-urlencoded"}}), 415,
                "unsupported_media_type");
}

TEST_P(Server, CrossSiteFetchIsRefused) {
  Start();
  HttpClient c(server_->port());
  ExpectProblem(c.Send("DELETE", "/healthz", "", {{"Sec-Fetch-Site", "cross-site"}}), 405, "method_not_allowed");
  // Framing is blocked by CSP frame-ancestors and X-Frame-Options on every page.
  HttpResult r = c.Send("GET", "/");
  EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
}

TEST_P(Server, OversizedHeaderIs431ProblemJson) {
  Start();
  HttpClient c(server_->port());
  HttpResult r = c.Send("GET", "/healthz", "", {{"X-Filler", std::string(40 * 1024, 'a')}});
  ExpectProblem(r, 431, "header_too_large");
}

TEST_P(Server, RateLimitAnswers429WithRetryAfter) {
  Start({"--rate-limit", "1"});
  HttpClient c(server_->port());
  HttpResult last;
  for (int i = 0; i < 12 && last.status != 429; ++i) last = c.Send("GET", "/healthz");
  ExpectProblem(last, 429, "rate_limited");
  EXPECT_GE(std::stoi(last.header("retry-after")), 1);
}

TEST_P(Server, StaticFilesAreServedWithCachingHeaders) {
  Start();
  HttpClient c(server_->port());
  HttpResult index = c.Send("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<title>hotshop</title>"), std::string::npos);
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  HttpResult asset = c.Send("GET", "/assets/app-abc123.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.header("content-type"), "text/javascript; charset=utf-8");
  // A client-side route gets the app shell.
  HttpResult route = c.Send("GET", "/triage");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("<title>hotshop</title>"), std::string::npos);
  // Climbing out of the web root is not possible.
  HttpResult climb = c.Send("GET", "/assets/../../master.key");
  EXPECT_NE(climb.status, 200);
  EXPECT_EQ(climb.body.find(ReadFile(server_->key_file())), std::string::npos);
}

TEST_P(Server, PrecompressedFilesGoToBrowsersThatAcceptGzip) {
  // The web build writes app.js.gz beside app.js (web/vite.config.ts); the
  // server picks it by Accept-Encoding, like nginx's gzip_static.
  WriteFile(db_->dir() + "/web/assets/app-abc123.js.gz", "GZIPPED-BYTES");
  Start();
  HttpClient c(server_->port());
  HttpResult gz = c.Send("GET", "/assets/app-abc123.js", "", {{"Accept-Encoding", "br, gzip, deflate"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.body, "GZIPPED-BYTES");
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
  EXPECT_EQ(gz.header("content-type"), "text/javascript; charset=utf-8");
  HttpResult plain = c.Send("GET", "/assets/app-abc123.js");
  EXPECT_EQ(plain.body, "console.log('hi')");
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  HttpResult refused = c.Send("GET", "/assets/app-abc123.js", "", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.body, "console.log('hi')");
}

TEST_P(Server, AccessLogHasNoAddressesQueriesOrInjectedLines) {
  Start();
  {
    HttpClient c(server_->port());
    c.Send("GET", "/healthz?phone=5550100123&name=Rosa");
    // §4 #18: a path carrying a newline and a fake log line.
    c.Send("GET", "/api/x%0a2026-01-01T00:00:00Z%20POST%20%22/admin%22%20200");
  }
  server_->Terminate();
  std::string log = ReadFile(db_->dir() + "/access.log");
  EXPECT_NE(log.find("GET \"/healthz\" 200"), std::string::npos) << log;
  EXPECT_EQ(log.find("5550100123"), std::string::npos);
  EXPECT_EQ(log.find("Rosa"), std::string::npos);
  EXPECT_EQ(log.find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(log.find("\"/admin\""), std::string::npos) << "no forged line";
  // Every line has the one shape: time, method, quoted route, status, bytes, duration.
  std::regex shape(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [A-Z]+ "[^"]*" \d{3} \d+ [0-9.]+ms$)");
  std::istringstream lines(log);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    EXPECT_TRUE(std::regex_match(line, shape)) << line;
  }
  EXPECT_GE(n, 3);
}

TEST_P(Server, SigtermClosesIdleConnectionsAndExitsCleanly) {
  Start({"--idle-timeout", "60"});
  HttpClient idle(server_->port());
  ASSERT_EQ(idle.Send("GET", "/healthz").status, 200);
  int code = server_->Terminate(10000);
  EXPECT_EQ(code, 0) << "graceful shutdown, not a timeout";
  EXPECT_TRUE(idle.ServerClosed(1000));
  EXPECT_NE(server_->Log().find("stopped"), std::string::npos);
}

TEST_P(Server, SigtermLetsAnInFlightRequestFinish) {
  Start({"--idle-timeout", "60", "--request-timeout", "10"});
  HttpClient c(server_->port());
  // Headers sent, body still to come: the request is in flight.
  std::string head = "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "X-Requested-With: t\r\nContent-Length: 2\r\n\r\n";
  c.Raw(head, 200);
  std::thread term([&] { server_->Terminate(10000); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string reply = c.Raw("{}", 2000);
  term.join();
  EXPECT_NE(reply.find("HTTP/1.1 405"), std::string::npos) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
}

TEST_P(Server, SlowClientIsCutOff) {
  Start({"--request-timeout", "1"});
  HttpClient c(server_->port());
  c.Raw("GET /healthz HTTP/1.1\r\nHost: x\r\n", 100);  // never finishes its headers
  EXPECT_TRUE(c.ServerClosed(4000));
}

TEST_P(Server, RefusesToStartWithoutTheMasterKey) {
  Start();
  server_->Terminate();
  std::filesystem::path key = server_->key_file();
  std::filesystem::rename(key, key.string() + ".away");
  CommandResult r = RunHotshop({"serve", "--db", db_->app_url(), "--listen", "127.0.0.1:" + std::to_string(FreePort()),
                                "--key-file", key.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("no master key"), std::string::npos) << r.out;
}

TEST_P(Server, RefusesToStartWithTheWrongMasterKey) {
  // §4 #30
  Start();
  server_->Terminate();
  std::string other = db_->dir() + "/other.key";
  ASSERT_EQ(RunHotshop({"keys", "init", "--key-file", other}).exit_code, 0);
  CommandResult r = RunHotshop({"serve", "--db", db_->app_url(), "--listen", "127.0.0.1:" + std::to_string(FreePort()),
                                "--key-file", other});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("does not match this database"), std::string::npos) << r.out;
  int lines = 0;
  for (char ch : r.out) lines += ch == '\n';
  EXPECT_EQ(lines, 1) << "one clear line: " << r.out;
}

TEST_P(Server, RefusesToStartOnAnUnmigratedDatabase) {
  std::string key = db_->dir() + "/k.key";
  ASSERT_EQ(RunHotshop({"keys", "init", "--key-file", key}).exit_code, 0);
  CommandResult r = RunHotshop({"serve", "--db", db_->url(), "--listen", "127.0.0.1:" + std::to_string(FreePort()),
                                "--key-file", key});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("run `hotshop migrate"), std::string::npos) << r.out;
}

// The command line, as a newcomer meets it.
TEST(Cli, HelpListsSubcommands) {
  CommandResult r = RunHotshop({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"serve", "migrate", "demo", "keys"}) EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  CommandResult s = RunHotshop({"serve", "--help"});
  EXPECT_EQ(s.exit_code, 0);
  EXPECT_NE(s.out.find("--db URL"), std::string::npos);
  EXPECT_NE(s.out.find("--listen HOST:PORT"), std::string::npos);
}

TEST(Cli, WrongFlagIsOneLineAndExit2) {
  CommandResult r = RunHotshop({"serve", "--lisen", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("unknown flag --lisen"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_EQ(RunHotshop({"frobnicate"}).exit_code, 2);
}

TEST(Cli, UnreachableDatabaseIsOneLine) {
  CommandResult r = RunHotshop({"migrate", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("cannot connect to PostgreSQL"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("secret"), std::string::npos) << "password redacted: " << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  CommandResult bad = RunHotshop({"migrate", "--db", "mysql://x"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("sqlite: or postgresql://"), std::string::npos) << bad.out;
}

TEST(Cli, DatabaseUrlComesFromEnvironment) {
  std::string dir = MakeTempDir("hotshop-env-");
  CommandResult r = RunHotshop({"migrate"}, {"HOTSHOP_DB=sqlite:" + dir + "/env.db"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir + "/env.db"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hotshop::testing
