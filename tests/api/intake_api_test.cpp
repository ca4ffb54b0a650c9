// SPDX-License-Identifier: AGPL-3.0-or-later
// Intake over HTTP (issue #5; docs/api.md "Intake"), on SQLite and
// PostgreSQL against a real `hotshop serve` with the demo data: the public
// form's guards (security-model.md §2.9; §4 #22, #23), quarantine,
// idempotency, repeat requests (J1.2), the triage queue and its filters,
// the J2.1 never-lines (no free text for an unassigned organizer, no
// automatic merge), the pipeline (RULE R22), legal holds and the retention
// purge (RULE R40, R41), and opening a campaign.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/master_key.h"
#include "security/proof_of_work.h"
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

constexpr const char* kKnownPhone = "+12025550101";  // Rosa Quintero in the demo data
constexpr int64_t kDay = 86'400'000;

json Parse(const HttpResult& r) {
  json j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

class IntakeApi : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_, std::vector<std::string>{"--intake-pow-bits", "8", "--intake-rate", "0"});
    LoadDemo(*db_, *server_);
    admin_ = std::make_unique<ApiActor>(ApiActor::DemoAdmin(*db_, *server_));
    anon_ = std::make_unique<HttpClient>(server_->port());
    owner_ = db_->Open(1);
  }

  json Challenge() {
    HttpResult r = anon_->Send("GET", "/api/intake/demo/challenge");
    EXPECT_EQ(r.status, 200) << r.body;
    json c = Parse(r);
    c["number"] = security::SolvePow(c["salt"].get<std::string>(), c["bits"].get<int>());
    return c;
  }

  json Form(const std::string& phone = "+12025550190") {
    return json{{"submission_id", "sub-" + store::NewId()},
                {"name", "Rosa Example"},
                {"phone", phone},
                {"employer", "Harbor View Hotel"},
                {"city", "Austin"},
                {"zip", "78701"},
                {"industry", "hotels"},
                {"size_band", "11-50"},
                {"story", "They cut our hours after we asked about overtime."},
                {"language", "es"},
                {"best_time", "evenings"},
                {"consent", true},
                {"consent_version", "2026-12-v1"}};
  }

  HttpResult Send(json form, std::optional<json> pow = std::nullopt) {
    if (!form.contains("pow")) form["pow"] = pow ? *pow : Challenge();
    return anon_->Send("POST", "/api/intake/demo/requests", form.dump(), {{"Content-Type", "application/json"}});
  }

  int64_t Count(const std::string& sql, store::Params p = {}) {
    auto r = store::TransactValue<int64_t>(*owner_, [&](store::Tx& tx) -> Result<int64_t> {
      auto rows = tx.Query(sql, p);
      if (!rows) return rows.error();
      return (*rows)[0].Int(0);
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
    return r.ok() ? *r : -1;
  }
  void Exec(const std::string& sql, store::Params p = {}) {
    Status s = owner_->Transact([&](store::Tx& tx) -> Status {
      auto n = tx.Exec(sql, p);
      if (!n) return n.error();
      return Ok();
    });
    ASSERT_TRUE(s.ok()) << s.error().message();
  }

  json Queue(const std::string& query = "") {
    HttpResult r = admin_->Get("/api/orgs/demo/intakes" + (query.empty() ? "" : "?" + query));
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r)["intakes"];
  }
  std::string OnlyIntake() {
    json q = Queue();
    EXPECT_EQ(q.size(), 1u) << q.dump();
    return q.empty() ? "" : q[0]["id"].get<std::string>();
  }

  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiActor> admin_;
  std::unique_ptr<HttpClient> anon_;
  std::unique_ptr<store::Database> owner_;
};
HOTSHOP_ON_BOTH_DATABASES(IntakeApi);

TEST_P(IntakeApi, ASubmissionLandsInQuarantineAndOnlyTheDetailCarriesTheFreeText) {
  HttpResult r = Send(Form());
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(Parse(r), json({{"status", "received"}}));
  json q = Queue();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["stage"], "new");
  EXPECT_EQ(q[0]["language"], "es");
  EXPECT_EQ(q[0]["region"], "TX");  // from the ZIP
  EXPECT_EQ(q[0]["sla"]["badge"], "green");
  EXPECT_FALSE(q[0].contains("story"));
  HttpResult d = admin_->Get("/api/orgs/demo/intakes/" + q[0]["id"].get<std::string>());
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(Parse(d)["story"], "They cut our hours after we asked about overtime.");
  EXPECT_EQ(Parse(d)["events"][0]["kind"], "received");
  EXPECT_FALSE(d.header("etag").empty());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.received' AND actor = 'public'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.viewed'"), 1);
}

// §4 #23: a coworker's phone as a probe: the same answer, no merge.
TEST_P(IntakeApi, TheAnswerIsTheSameForAKnownAndAnUnknownPhone) {
  const int64_t people = Count("SELECT count(*) FROM people");
  HttpResult known = Send(Form(kKnownPhone));
  HttpResult unknown = Send(Form("+12025550188"));
  ASSERT_EQ(known.status, 202) << known.body;
  EXPECT_EQ(known.status, unknown.status);
  EXPECT_EQ(known.body, unknown.body);
  auto headers = [](HttpResult r) {
    r.headers.erase("date");
    return r.headers;
  };
  EXPECT_EQ(headers(known), headers(unknown));
  EXPECT_EQ(Count("SELECT count(*) FROM people"), people);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes WHERE person_id IS NOT NULL"), 0);
  // A second request from the known phone: still the same answer.
  HttpResult again = Send(Form(kKnownPhone));
  EXPECT_EQ(again.body, unknown.body);
  EXPECT_EQ(headers(again), headers(unknown));
}

TEST_P(IntakeApi, TheHoneypotGetsTheSameAnswerAndNothingIsStored) {
  json form = Form();
  form["website"] = "http://spam.example";
  HttpResult r = Send(form);
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(Parse(r), json({{"status", "received"}}));
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 0);
}

TEST_P(IntakeApi, BadReusedOrExpiredWorkIsAProblemNamingPow) {
  json c = Challenge();
  json wrong = c;
  uint64_t n = c["number"].get<uint64_t>() + 1;
  while (security::PowSolves(c["salt"].get<std::string>(), n, c["bits"].get<int>())) ++n;
  wrong["number"] = n;
  HttpResult bad = Send(Form(), wrong);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.header("content-type"), "application/problem+json");
  EXPECT_EQ(Parse(bad)["field"], "pow") << bad.body;
  json easier = c;
  easier["bits"] = 1;
  EXPECT_EQ(Send(Form(), easier).status, 400);
  json missing = Form();
  missing["pow"] = nullptr;
  EXPECT_EQ(Send(missing, json::object()).status, 400);

  ASSERT_EQ(Send(Form(), c).status, 202);
  HttpResult reused = Send(Form("+12025550187"), c);  // a new submission with a spent challenge
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(Parse(reused)["field"], "pow");
  EXPECT_NE(Parse(reused)["detail"].get<std::string>().find("already used"), std::string::npos) << reused.body;

  // Expired: a challenge signed with the server's key, an hour old.
  Result<security::SecretBytes> kek = cli::LoadAndCheckMasterKey(*owner_, server_->key_file());
  ASSERT_TRUE(kek.ok());
  store::KeyService keys(std::move(*kek));
  security::PowChallenge old = security::NewPowChallenge(keys.intake_pow_key(), 8, store::NowMillis() - 3'600'000, 60'000);
  json expired = {{"algorithm", old.algorithm}, {"salt", old.salt}, {"expires_at_ms", old.expires_at_ms},
                  {"bits", old.bits},           {"signature", old.signature},
                  {"number", security::SolvePow(old.salt, old.bits)}};
  HttpResult late = Send(Form("+12025550186"), expired);
  EXPECT_EQ(late.status, 400);
  EXPECT_NE(Parse(late)["detail"].get<std::string>().find("expired"), std::string::npos) << late.body;
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 1);
}

TEST_P(IntakeApi, BadFieldsAreNamedAndNoFieldForImmigrationStatus) {
  json no_contact = Form();
  no_contact.erase("phone");
  HttpResult r = Send(no_contact);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Parse(r)["field"], "phone");
  json bad_zip = Form();
  bad_zip["zip"] = "7870";
  EXPECT_EQ(Parse(Send(bad_zip))["field"], "zip");
  json no_consent = Form();
  no_consent["consent"] = false;
  EXPECT_EQ(Parse(Send(no_consent))["field"], "consent");
  // R41: fields that must never exist are refused as unknown.
  for (const char* f : {"immigration_status", "country_of_birth", "ssn"}) {
    json extra = Form();
    extra[f] = "x";
    HttpResult e = Send(extra);
    EXPECT_EQ(e.status, 400) << f;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 0);
}

TEST_P(IntakeApi, ABodyOver16KiBIs413) {
  json form = Form();
  form["pow"] = Challenge();
  std::string body = form.dump();
  body.insert(body.size() - 1, ",\"story\":\"" + std::string(16 * 1024, 'a') + "\"");
  body = body.substr(0, 16 * 1024 + 1);
  HttpResult r = anon_->Send("POST", "/api/intake/demo/requests", body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 0);
}

TEST_P(IntakeApi, ADoubleSubmitWithTheSameIdMakesOneIntake) {
  json form = Form();
  form["pow"] = Challenge();
  HttpResult a = Send(form);
  HttpResult b = Send(form);  // the same id and the same (now spent) challenge: a retry
  EXPECT_EQ(a.status, 202);
  EXPECT_EQ(b.status, 202) << b.body;
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.received'"), 1);
}

// J1.2: one intake, "repeat request", the SLA already overdue.
TEST_P(IntakeApi, ARepeatRequestKeepsTheOriginalTimeAndShowsOverdue) {
  ASSERT_EQ(Send(Form()).status, 202);
  std::string id = OnlyIntake();
  // Five days ago (the owner moves the clock of the row, never a sleep).
  Exec("UPDATE intakes SET received_at_ms = received_at_ms - $1, last_request_at_ms = last_request_at_ms - $1, "
       "stage_changed_at_ms = stage_changed_at_ms - $1",
       {5 * kDay});
  const int64_t received = Count("SELECT received_at_ms FROM intakes");
  ASSERT_EQ(Send(Form()).status, 202);
  json q = Queue();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["id"], id);
  EXPECT_EQ(q[0]["repeat_request"], true);
  EXPECT_EQ(q[0]["received_at_ms"], received);
  EXPECT_EQ(q[0]["sla"]["badge"], "red");
  EXPECT_EQ(q[0]["sla"]["overdue"], true);
  EXPECT_EQ(Queue("overdue=1").size(), 1u);
}

TEST_P(IntakeApi, TriageFiltersByLanguageRegionIndustryAndAge) {
  ASSERT_EQ(Send(Form("+12025550181")).status, 202);
  json en = Form("+12025550182");
  en["language"] = "en";
  en["zip"] = "90012";
  en["industry"] = "warehouses";
  ASSERT_EQ(Send(en).status, 202);
  EXPECT_EQ(Queue().size(), 2u);
  json es_tx = Queue("language=es&region=TX");
  ASSERT_EQ(es_tx.size(), 1u);
  EXPECT_EQ(es_tx[0]["language"], "es");
  json ca = Queue("region=CA&industry=warehouses");
  ASSERT_EQ(ca.size(), 1u);
  EXPECT_EQ(ca[0]["language"], "en");
  EXPECT_EQ(Queue("min_age_hours=24").size(), 0u);
  EXPECT_EQ(Queue("max_age_hours=24").size(), 2u);
  HttpResult bad = admin_->Get("/api/orgs/demo/intakes?stage=bogus");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Parse(bad)["field"], "stage");
  HttpResult hours = admin_->Get("/api/orgs/demo/intakes?min_age_hours=soon");
  EXPECT_EQ(Parse(hours)["field"], "min_age_hours");
}

// J2.1 never-line: the free text only to the dispatcher and the assigned organizer.
TEST_P(IntakeApi, TheDispatcherSeesTheFreeTextAnUnassignedOrganizerGets404) {
  ASSERT_EQ(Send(Form()).status, 202);
  std::string id = OnlyIntake();
  ApiActor dispatcher = ApiActor::Provision(*db_, *server_, "intake-dispatcher@example.org", "dispatcher");
  ApiActor organizer = ApiActor::Provision(*db_, *server_, "intake-organizer@example.org", "volunteer_organizer",
                                           "Harbor View Hotel housekeeping");
  ApiActor other = ApiActor::Provision(*db_, *server_, "intake-other@example.org", "staff_organizer");
  HttpResult d = dispatcher.Get("/api/orgs/demo/intakes/" + id);
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(Parse(d)["story"], "They cut our hours after we asked about overtime.");
  HttpResult o = organizer.Get("/api/orgs/demo/intakes/" + id);
  EXPECT_EQ(o.status, 404);
  EXPECT_EQ(o.body.find("overtime"), std::string::npos);
  HttpResult missing = organizer.Get("/api/orgs/demo/intakes/" + store::NewId());
  EXPECT_EQ(Parse(o)["detail"], Parse(missing)["detail"]);  // a refusal reads like a missing one
  EXPECT_EQ(organizer.Get("/api/orgs/demo/intakes").status, 404);
  Exec("UPDATE intakes SET stage = 'matched', assigned_to = $1", {organizer.user_id()});
  HttpResult mine = organizer.Get("/api/orgs/demo/intakes/" + id);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Parse(mine)["story"], "They cut our hours after we asked about overtime.");
  EXPECT_EQ(other.Get("/api/orgs/demo/intakes/" + id).status, 404);  // org-wide staff, not assigned
  // J2.2: the organizer declines: back in the queue, history kept.
  HttpResult no_reason = organizer.Post("/api/orgs/demo/intakes/" + id + "/decline", json::object(),
                                        {{"If-Match", mine.header("etag")}});
  EXPECT_EQ(no_reason.status, 400);
  HttpResult declined = organizer.Post("/api/orgs/demo/intakes/" + id + "/decline", {{"reason", "no time this month"}},
                                       {{"If-Match", mine.header("etag")}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(Parse(declined)["stage"], "triaged");
  EXPECT_EQ(organizer.Get("/api/orgs/demo/intakes/" + id).status, 404);
}

TEST_P(IntakeApi, SpamIsMarkedWithAReasonAndReversible) {
  ASSERT_EQ(Send(Form()).status, 202);
  std::string id = OnlyIntake();
  HttpResult g = admin_->Get("/api/orgs/demo/intakes/" + id);
  HttpResult no_reason = admin_->Post("/api/orgs/demo/intakes/" + id + "/spam", {{"spam", true}}, {{"If-Match", g.header("etag")}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Parse(no_reason)["field"], "reason");
  HttpResult marked = admin_->Post("/api/orgs/demo/intakes/" + id + "/spam", {{"spam", true}, {"reason", "loan advert"}},
                                   {{"If-Match", g.header("etag")}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_TRUE(Queue().empty());
  EXPECT_EQ(Queue("spam=1").size(), 1u);
  HttpResult stale = admin_->Post("/api/orgs/demo/intakes/" + id + "/spam", {{"spam", false}}, {{"If-Match", g.header("etag")}});
  EXPECT_EQ(stale.status, 412);
  HttpResult back = admin_->Post("/api/orgs/demo/intakes/" + id + "/spam", {{"spam", false}},
                                 {{"If-Match", marked.header("etag")}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Queue().size(), 1u);
}

TEST_P(IntakeApi, DuplicatesAreSuggestedAndAMergeNeedsAReason) {
  json first = Form(kKnownPhone);
  ASSERT_EQ(Send(first).status, 202);
  json second = Form("+12025550185");
  second["email"] = "rosa.second@example.org";
  ASSERT_EQ(Send(second).status, 202);
  json q = Queue();
  ASSERT_EQ(q.size(), 2u);
  const bool first_is_known = q[0]["phone"] == kKnownPhone;
  std::string a = q[first_is_known ? 0 : 1]["id"], b = q[first_is_known ? 1 : 0]["id"];
  HttpResult dups = admin_->Get("/api/orgs/demo/intakes/" + a + "/duplicates");
  ASSERT_EQ(dups.status, 200) << dups.body;
  json s = Parse(dups)["suggestions"];
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["kind"], "person");
  EXPECT_EQ(s[0]["name"], "Rosa Quintero");
  EXPECT_EQ(Parse(dups)["intake"]["name"], "Rosa Example");  // side by side
  HttpResult g = admin_->Get("/api/orgs/demo/intakes/" + a);
  HttpResult no_reason = admin_->Post("/api/orgs/demo/intakes/" + a + "/merge", {{"into_intake_id", b}},
                                      {{"If-Match", g.header("etag")}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Parse(no_reason)["field"], "reason");
  EXPECT_EQ(Count("SELECT count(*) FROM intakes WHERE stage = 'closed'"), 0);
  HttpResult merged = admin_->Post("/api/orgs/demo/intakes/" + a + "/merge",
                                   {{"into_intake_id", b}, {"reason", "same worker, confirmed by call"}},
                                   {{"If-Match", g.header("etag")}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(Parse(merged)["id"], b);
  EXPECT_EQ(Queue().size(), 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.merged'"), 1);
}

TEST_P(IntakeApi, R22IllegalTransitionsAreRefusedAndChangeNothing) {
  ASSERT_EQ(Send(Form()).status, 202);
  std::string id = OnlyIntake();
  HttpResult g = admin_->Get("/api/orgs/demo/intakes/" + id);
  HttpResult skip = admin_->Post("/api/orgs/demo/intakes/" + id + "/stage", {{"to", "assessed"}}, {{"If-Match", g.header("etag")}});
  EXPECT_EQ(skip.status, 400);
  EXPECT_EQ(Parse(skip)["field"], "stage");
  HttpResult close_no_reason = admin_->Post("/api/orgs/demo/intakes/" + id + "/stage", {{"to", "closed"}},
                                            {{"If-Match", g.header("etag")}});
  EXPECT_EQ(Parse(close_no_reason)["field"], "reason");
  HttpResult after = admin_->Get("/api/orgs/demo/intakes/" + id);
  EXPECT_EQ(after.header("etag"), g.header("etag"));
  EXPECT_EQ(Parse(after)["events"].size(), 1u);
  HttpResult ok = admin_->Post("/api/orgs/demo/intakes/" + id + "/stage", {{"to", "triaged"}}, {{"If-Match", g.header("etag")}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Parse(ok)["stage"], "triaged");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.stage'"), 1);
}

TEST_P(IntakeApi, OpeningACampaignFromAMatchedIntake) {
  ASSERT_EQ(Send(Form()).status, 202);
  std::string id = OnlyIntake();
  ApiActor dispatcher = ApiActor::Provision(*db_, *server_, "intake-dispatcher2@example.org", "dispatcher");
  Exec("UPDATE intakes SET stage = 'matched', assigned_to = $1", {dispatcher.user_id()});
  HttpResult g = dispatcher.Get("/api/orgs/demo/intakes/" + id);
  HttpResult opened = dispatcher.Post("/api/orgs/demo/intakes/" + id + "/campaign", json::object(),
                                      {{"If-Match", g.header("etag")}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  json o = Parse(opened);
  EXPECT_EQ(o["intake"]["stage"], "campaign_opened");
  HttpResult camp = admin_->Get("/api/orgs/demo/campaigns/" + o["campaign_id"].get<std::string>());
  ASSERT_EQ(camp.status, 200) << camp.body;
  EXPECT_EQ(Parse(camp)["name"], "Harbor View Hotel (Austin)");
  HttpResult person = admin_->Get("/api/orgs/demo/people/" + o["person_id"].get<std::string>());
  ASSERT_EQ(person.status, 200);
  EXPECT_EQ(Parse(person)["name"], "Rosa Example");
  HttpResult twice = dispatcher.Post("/api/orgs/demo/intakes/" + id + "/campaign", json::object(),
                                     {{"If-Match", opened.header("etag").empty() ? "\"v1\"" : opened.header("etag")}});
  EXPECT_NE(twice.status, 201);
}

// R40, R41: the purge job, with and without a legal hold.
TEST_P(IntakeApi, R41PurgeTakesExpiredRequestsR40ButNotHeldOnes) {
  ASSERT_EQ(Send(Form("+12025550181")).status, 202);
  ASSERT_EQ(Send(Form("+12025550182")).status, 202);
  json q = Queue();
  ASSERT_EQ(q.size(), 2u);
  std::string held = q[0]["id"];
  ApiActor dispatcher = ApiActor::Provision(*db_, *server_, "intake-dispatcher3@example.org", "dispatcher");
  HttpResult g = admin_->Get("/api/orgs/demo/intakes/" + held);
  EXPECT_EQ(dispatcher.Post("/api/orgs/demo/intakes/" + held + "/legal-hold", {{"hold", true}, {"reason", "subpoena"}},
                            {{"If-Match", g.header("etag")}}).status,
            404);
  HttpResult h = admin_->Post("/api/orgs/demo/intakes/" + held + "/legal-hold", {{"hold", true}, {"reason", "subpoena 26-CV-0101"}},
                              {{"If-Match", g.header("etag")}});
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_EQ(Parse(h)["legal_hold"], true);
  EXPECT_TRUE(Parse(h)["purge_after_ms"].is_null());
  EXPECT_EQ(Queue()[0]["legal_hold"], true);  // visible in the queue
  const std::string as_of = std::to_string(store::NowMillis() + 91 * kDay);
  CommandResult early = RunHotshop({"intake", "purge", "--db", db_->url(), "--key-file", server_->key_file()});
  ASSERT_EQ(early.exit_code, 0) << early.out;
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 2);
  CommandResult late = RunHotshop({"intake", "purge", "--db", db_->url(), "--key-file", server_->key_file(), "--as-of", as_of});
  ASSERT_EQ(late.exit_code, 0) << late.out;
  EXPECT_NE(late.out.find("purged 1"), std::string::npos) << late.out;
  EXPECT_NE(late.out.find("1 kept by a legal hold"), std::string::npos) << late.out;
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE intake_id <> $1", {held}), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.purged'"), 1);
  CommandResult remind = RunHotshop({"intake", "remind", "--db", db_->url(), "--key-file", server_->key_file(), "--as-of", as_of});
  ASSERT_EQ(remind.exit_code, 0) << remind.out;
  EXPECT_NE(remind.out.find("reminded 1"), std::string::npos) << remind.out;
}

// Issue #5 "a service-level timer ... with reminders": `serve` runs the
// scheduled jobs itself (api/scheduled_jobs.h), so a server without cron
// still reminds; audited as the server, at most one reminder a day.
TEST_P(IntakeApi, ServeRemindsOverdueRequestsWithoutCron) {
  ASSERT_EQ(Send(Form("+12025550183")).status, 202);
  // Received 50 hours ago: past the 48-hour SLA, with no first contact.
  Exec("UPDATE intakes SET received_at_ms = received_at_ms - $1", {int64_t{50} * 3600 * 1000});
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE kind = 'reminder'"), 0);
  server_.reset();
  ServerProcess jobs(*db_, {"--intake-pow-bits", "8", "--intake-rate", "0", "--jobs-every", "1"});
  int64_t reminders = 0;
  for (int i = 0; i < 300 && reminders == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    reminders = Count("SELECT count(*) FROM intake_events WHERE kind = 'reminder'");
  }
  ASSERT_EQ(reminders, 1) << jobs.Log();
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.reminder' AND actor = 'system:serve'"), 1);
  EXPECT_NE(jobs.Log().find("scheduled jobs: demo: "), std::string::npos) << jobs.Log();
  // Runs every second; the reminder is not repeated within the day.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE kind = 'reminder'"), 1);
  EXPECT_TRUE(jobs.running());
  // A bad value is refused with the flag's name, before anything starts.
  CommandResult bad = RunHotshop({"serve", "--db", db_->url(), "--key-file", jobs.key_file(), "--jobs-every", "soon"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("--jobs-every"), std::string::npos) << bad.out;
}

TEST_P(IntakeApi, SettingsAreTheAdminsAndVersioned) {
  HttpResult g = admin_->Get("/api/orgs/demo/intake-settings");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(Parse(g)["sla_hours"], 48);
  EXPECT_EQ(Parse(g)["retention_days"], 90);
  HttpResult bad = admin_->Send("PUT", "/api/orgs/demo/intake-settings",
                                json({{"sla_hours", 0}, {"retention_days", 90}, {"repeat_days", 30}}).dump(),
                                {{"If-Match", g.header("etag")}, {"Content-Type", "application/json"}});
  EXPECT_EQ(Parse(bad)["field"], "sla_hours");
  HttpResult put = admin_->Send("PUT", "/api/orgs/demo/intake-settings",
                                json({{"sla_hours", 24}, {"retention_days", 60}, {"repeat_days", 14}}).dump(),
                                {{"If-Match", g.header("etag")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/intake-settings"))["sla_hours"], 24);
}

// §4 #22: past the per-client bucket, 429 with Retry-After.
TEST_P(IntakeApi, APerClientFloodIsAnswered429) {
  server_.reset();
  ServerProcess limited(*db_, {"--intake-pow-bits", "8", "--intake-rate", "6"});
  HttpClient c(limited.port());
  int ok = 0, throttled = 0;
  std::string retry_after;
  for (int i = 0; i < 12; ++i) {
    HttpResult r = c.Send("GET", "/api/intake/demo/challenge");
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++throttled;
      retry_after = r.header("retry-after");
    }
  }
  EXPECT_GE(ok, 5);  // the burst (and at most one refilled token)
  EXPECT_LE(ok, 6);
  EXPECT_EQ(ok + throttled, 12);
  EXPECT_FALSE(retry_after.empty());
}

}  // namespace
}  // namespace hotshop::testing
