// SPDX-License-Identifier: AGPL-3.0-or-later
// Matching, the organizer's side, referrals and the movement view over
// HTTP (issue #5; docs/api.md), on SQLite and PostgreSQL against a real
// `hotshop serve` with the demo data.
// Rules and journeys covered: R22 (ranking by language, distance,
// industry, load, training; new organizers need a mentor; 48 h without a
// first contact -> back to the queue), J2.1 (ranked with reasons, greyed
// with reasons, assign -> matched; never the free text to an unassigned
// organizer), J2.2 (decline -> back in the queue with history, re-match),
// J2.3 and security-model.md §3/§4 #11 (consent, anonymous card, accept,
// only the consented fields copied under B's keys, expiry, withdrawal
// erases B's copy, both audit logs), J3.1 (exactly one conversation record
// after retries; the SLA stops at the device time), small-cell suppression.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/master_key.h"
#include "store/ids.h"
#include "store/intake_repo.h"
#include "store/key_service.h"
#include "store/org_repo.h"
#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {
namespace {

using nlohmann::json;

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;

json Parse(const HttpResult& r) {
  json j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

class MatchingApi : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_, std::vector<std::string>{"--intake-rate", "0"});
    LoadDemo(*db_, *server_);
    admin_ = std::make_unique<ApiActor>(ApiActor::DemoAdmin(*db_, *server_));
    owner_ = db_->Open(1);
    Result<security::SecretBytes> kek = cli::LoadAndCheckMasterKey(*owner_, server_->key_file());
    ASSERT_TRUE(kek.ok()) << kek.error().message();
    keys_ = std::make_unique<store::KeyService>(std::move(*kek));
    demo_ = Scalar("SELECT id FROM orgs WHERE slug = 'demo'");
    dispatcher_ = std::make_unique<ApiActor>(
        ApiActor::ProvisionIn(*db_, *server_, "demo", "dana@example.org", "dispatcher", "Dana Dispatcher"));
  }

  std::string Scalar(const std::string& sql, store::Params p = {}) {
    auto r = store::TransactValue<std::string>(*owner_, [&](store::Tx& tx) -> Result<std::string> {
      auto rows = tx.Query(sql, p);
      if (!rows) return rows.error();
      if (rows->empty()) return std::string();
      return (*rows)[0].IsNull(0) ? std::string() : (*rows)[0].Text(0);
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
    return r.ok() ? *r : "";
  }
  int64_t Count(const std::string& sql, store::Params p = {}) { return std::stoll(Scalar(sql, std::move(p))); }

  // A worker's request, as the public form lands it.
  std::string Intake(const std::string& lang, const std::string& zip, const std::string& industry,
                     const std::string& name = "Rosa Example", const std::string& org = "") {
    const std::string org_id = org.empty() ? demo_ : org;
    std::string id;
    Status s = owner_->Transact([&](store::Tx& tx) -> Status {
      if (Status o = tx.SetOrg(org_id); !o) return o;
      auto k = keys_->ForOrg(tx, org_id);
      if (!k) return k.error();
      store::Scope scope = store::Scope::ForOrg(org_id);
      store::NewIntake n;
      n.submission_id = "sub-" + store::NewId();
      n.name = name;
      n.phone = "+1202555019" + std::to_string(counter_++ % 10);
      n.employer = "Harbor View Hotel";
      n.story = "They cut our hours after we asked about overtime.";
      n.best_time = "evenings";
      n.city = "Austin";
      n.zip = zip;
      n.region = "TX";
      n.industry = industry;
      n.size_band = "11-50";
      n.language = lang;
      n.consent_version = "test";
      Result<store::SubmitOutcome> out = store::IntakeRepo(tx, scope, **k).Submit(n, 0, store::NowMillis());
      if (!out) return out.error();
      id = out->intake_id;
      return Ok();
    }, store::TxMode::kWrite, org_id);
    EXPECT_TRUE(s.ok()) << s.error().message();
    return id;
  }

  // An organizer account with a profile.
  std::unique_ptr<ApiActor> Organizer(const std::string& email, const std::string& name, json profile) {
    auto a = std::make_unique<ApiActor>(
        ApiActor::ProvisionIn(*db_, *server_, "demo", email, "volunteer_organizer", name));
    if (!profile.contains("completed_campaigns")) profile["completed_campaigns"] = 1;
    HttpResult r = dispatcher_->Send("PUT", "/api/orgs/demo/organizers/" + a->user_id(), profile.dump(),
                                     {{"If-Match", "\"v0\""}});
    EXPECT_EQ(r.status, 200) << r.body;
    return a;
  }

  json Ranked(const std::string& intake) {
    HttpResult r = dispatcher_->Get("/api/orgs/demo/intakes/" + intake + "/organizers");
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r);
  }
  static const json* Row(const json& ranked, const std::string& user) {
    for (const auto& o : ranked["organizers"]) {
      if (o["user_id"] == user) return &o;
    }
    return nullptr;
  }
  static bool HasReason(const json& row, const std::string& code) {
    for (const auto& r : row["reasons"]) {
      if (r["code"] == code) return true;
    }
    return false;
  }
  HttpResult Assign(const std::string& intake, const std::string& organizer) {
    json ranked = Ranked(intake);
    std::string etag = "\"v" + std::to_string(ranked["intake"]["version"].get<int64_t>()) + "\"";
    return dispatcher_->Post("/api/orgs/demo/intakes/" + intake + "/assign", {{"organizer_id", organizer}},
                             {{"If-Match", etag}});
  }

  json Ana() {
    return {{"home_zip", "78704"}, {"radius_km", 30}, {"languages", {"es", "en"}}, {"industries", {"hotels"}},
            {"capacity", 3}, {"training", {"charting"}}};
  }

  int counter_ = 0;
  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiActor> admin_, dispatcher_;
  std::unique_ptr<store::Database> owner_;
  std::unique_ptr<store::KeyService> keys_;
  std::string demo_;
};
HOTSHOP_ON_BOTH_DATABASES(MatchingApi);

// RULE R22 / J2.1: ranked with reasons; without the language, at capacity,
// outside the radius or new without a mentor: greyed with the reason.
TEST_P(MatchingApi, RankingShowsReasonsAndGreysWithReasons) {
  auto ana = Organizer("ana@example.org", "Ana Lead", Ana());
  json ben_p = Ana();
  ben_p["languages"] = {"en"};
  auto ben = Organizer("ben@example.org", "Ben English", ben_p);
  json cy_p = Ana();
  cy_p["capacity"] = 0;
  auto cy = Organizer("cy@example.org", "Cy Full", cy_p);
  json dee_p = Ana();
  dee_p["home_zip"] = "75201";  // Dallas
  auto dee = Organizer("dee@example.org", "Dee Dallas", dee_p);
  json sam_p = Ana();
  sam_p["completed_campaigns"] = 0;
  auto sam = Organizer("sam@example.org", "Sam New", sam_p);
  const std::string intake = Intake("es", "78701", "hotels");
  json ranked = Ranked(intake);
  ASSERT_GE(ranked["organizers"].size(), 5u) << ranked.dump();
  EXPECT_EQ(ranked["organizers"][0]["user_id"], ana->user_id());
  const json& a = *Row(ranked, ana->user_id());
  EXPECT_TRUE(a["assignable"].get<bool>());
  EXPECT_EQ(a["name"], "Ana Lead");
  EXPECT_TRUE(HasReason(a, "language") && HasReason(a, "distance") && HasReason(a, "industry") &&
              HasReason(a, "load") && HasReason(a, "training"));
  EXPECT_LT(a["distance_km"].get<int64_t>(), 10);
  auto greyed_for = [&](const ApiActor& who, const std::string& code) {
    const json* r = Row(ranked, who.user_id());
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE((*r)["assignable"].get<bool>()) << r->dump();
    EXPECT_EQ((*r)["reasons"][0]["code"], code) << r->dump();
    EXPECT_TRUE((*r)["reasons"][0]["blocks"].get<bool>());
  };
  greyed_for(*ben, "no_language");
  greyed_for(*cy, "at_capacity");
  greyed_for(*dee, "outside_radius");
  greyed_for(*sam, "needs_mentor");
  // A greyed organizer cannot be assigned; the request is unchanged.
  HttpResult bad = Assign(intake, ben->user_id());
  EXPECT_EQ(bad.status, 409) << bad.body;
  EXPECT_EQ(Scalar("SELECT stage FROM intakes WHERE id = $1", {intake}), "new");
}

// J2.1: assign -> matched, organizer notified; never the free text to an
// unassigned organizer. J2.2: decline -> back in the queue with history,
// the decliner greyed, re-match.
TEST_P(MatchingApi, AssignAcceptDeclineAndRematch) {
  auto ana = Organizer("ana@example.org", "Ana Lead", Ana());
  auto eve = Organizer("eve@example.org", "Eve Second", Ana());
  const std::string intake = Intake("es", "78701", "hotels");
  HttpResult as = Assign(intake, ana->user_id());
  ASSERT_EQ(as.status, 200) << as.body;
  EXPECT_EQ(Parse(as)["stage"], "matched");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.assigned'"), 1);
  // Ana is notified; Eve sees nothing of it.
  json mine = Parse(ana->Get("/api/orgs/demo/my/intakes"));
  ASSERT_EQ(mine["intakes"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["notifications"][0]["kind"], "assigned");
  EXPECT_FALSE(mine["intakes"][0].contains("story"));
  EXPECT_EQ(eve->Get("/api/orgs/demo/my/intakes/" + intake).status, 404);
  EXPECT_EQ(eve->Get("/api/orgs/demo/intakes/" + intake).status, 404);
  EXPECT_EQ(Parse(eve->Get("/api/orgs/demo/my/intakes"))["intakes"].size(), 0u);
  // Ana reads the worker's card (audited) and accepts.
  HttpResult card = ana->Get("/api/orgs/demo/my/intakes/" + intake);
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(Parse(card)["story"], "They cut our hours after we asked about overtime.");
  EXPECT_EQ(ana->Post("/api/orgs/demo/my/intakes/" + intake + "/accept", json::object()).status, 200);
  // Declines: back in the queue, history kept, Ana greyed for it.
  HttpResult no_reason = ana->Post("/api/orgs/demo/my/intakes/" + intake + "/decline", json::object());
  EXPECT_EQ(no_reason.status, 400);
  HttpResult d = ana->Post("/api/orgs/demo/my/intakes/" + intake + "/decline", {{"reason", "too far this month"}});
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(Parse(d)["stage"], "triaged");
  EXPECT_EQ(Scalar("SELECT assigned_to FROM intakes WHERE id = $1", {intake}), "");
  EXPECT_EQ(ana->Get("/api/orgs/demo/my/intakes/" + intake).status, 404);
  json ranked = Ranked(intake);
  ASSERT_EQ(ranked["history"].size(), 1u);
  EXPECT_EQ(ranked["history"][0]["end_kind"], "declined");
  EXPECT_TRUE(HasReason(*Row(ranked, ana->user_id()), "declined"));
  EXPECT_EQ(ranked["organizers"][0]["user_id"], eve->user_id());
  // Re-match: one call.
  ASSERT_EQ(Assign(intake, eve->user_id()).status, 200);
  EXPECT_EQ(Scalar("SELECT assigned_to FROM intakes WHERE id = $1", {intake}), eve->user_id());
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE intake_id = $1 AND kind = 'decline'", {intake}), 1);
}

// J3.1: exactly one record after retries; the SLA stops at the device time.
TEST_P(MatchingApi, ConversationIsRecordedOnceAndStopsTheClockAtDeviceTime) {
  auto ana = Organizer("ana@example.org", "Ana Lead", Ana());
  const std::string intake = Intake("es", "78701", "hotels");
  ASSERT_EQ(Assign(intake, ana->user_id()).status, 200);
  const std::string path = "/api/orgs/demo/my/intakes/" + intake + "/conversations";
  const std::string log_id = store::NewId();
  const int64_t device_time = store::NowMillis();
  json log = {{"id", log_id}, {"contacted_at_ms", device_time}, {"steps", {"intro", "issues", "ask"}},
              {"step_notes", {{"issues", "hours cut after overtime question"}}}, {"notes", "call back Friday"}};
  // Not accepted yet: refused, nothing written.
  EXPECT_EQ(ana->Post(path, log).status, 409);
  ASSERT_EQ(ana->Post("/api/orgs/demo/my/intakes/" + intake + "/accept", json::object()).status, 200);
  HttpResult first = ana->Post(path, log);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(ana->Post(path, log).status, 200);
  EXPECT_EQ(ana->Post(path, log).status, 200);
  EXPECT_EQ(Count("SELECT count(*) FROM conversation_logs WHERE intake_id = $1", {intake}), 1);
  EXPECT_EQ(Scalar("SELECT stage FROM intakes WHERE id = $1", {intake}), "first_contact");
  EXPECT_EQ(Scalar("SELECT first_contact_at_ms FROM intakes WHERE id = $1", {intake}), std::to_string(device_time));
  // The notes are sealed at rest.
  EXPECT_EQ(Count("SELECT count(*) FROM conversation_logs WHERE body_ct IS NOT NULL"), 1);
  json card = Parse(ana->Get("/api/orgs/demo/my/intakes/" + intake));
  ASSERT_EQ(card["conversations"].size(), 1u);
  EXPECT_EQ(card["conversations"][0]["notes"], "call back Friday");
  EXPECT_EQ(card["conversations"][0]["steps"], json({"intro", "issues", "ask"}));
  // Incorrect usage: a future device time or an unknown step.
  json future = log;
  future["id"] = store::NewId();
  future["contacted_at_ms"] = device_time + 2 * kHour;
  HttpResult f = ana->Post(path, future);
  EXPECT_EQ(f.status, 400);
  EXPECT_NE(f.body.find("contacted_at"), std::string::npos);
  future["contacted_at_ms"] = device_time;
  future["steps"] = {"small_talk"};
  EXPECT_EQ(ana->Post(path, future).status, 400);
  EXPECT_EQ(Count("SELECT count(*) FROM conversation_logs"), 1);
}

// J2.2 / RULE R22: 48 h without a first contact -> back in the queue with a reminder.
TEST_P(MatchingApi, FortyEightHoursWithoutContactSendsTheRequestBack) {
  auto ana = Organizer("ana@example.org", "Ana Lead", Ana());
  const std::string intake = Intake("es", "78701", "hotels");
  ASSERT_EQ(Assign(intake, ana->user_id()).status, 200);
  const int64_t now = store::NowMillis();
  CommandResult early = RunHotshop({"match", "sweep", "--db", db_->url(), "--key-file", server_->key_file(),
                                    "--as-of", std::to_string(now + 47 * kHour)});
  ASSERT_EQ(early.exit_code, 0) << early.out;
  EXPECT_EQ(Scalar("SELECT stage FROM intakes WHERE id = $1", {intake}), "matched");
  CommandResult late = RunHotshop({"match", "sweep", "--db", db_->url(), "--key-file", server_->key_file(),
                                   "--as-of", std::to_string(now + 49 * kHour)});
  ASSERT_EQ(late.exit_code, 0) << late.out;
  EXPECT_EQ(Scalar("SELECT stage FROM intakes WHERE id = $1", {intake}), "triaged");
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE intake_id = $1 AND kind = 'reminder'", {intake}), 1);
  EXPECT_EQ(Scalar("SELECT end_kind FROM intake_assignments WHERE intake_id = $1", {intake}), "timed_out");
  EXPECT_EQ(Count("SELECT count(*) FROM organizer_notifications WHERE kind = 'timed_out'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'intake.assignment_timed_out'"), 1);
  EXPECT_TRUE(HasReason(*Row(Ranked(intake), ana->user_id()), "declined"));
}

// An organizer edits only their own availability; profiles validate.
TEST_P(MatchingApi, OrganizersEditOwnAvailabilityOnly) {
  auto ana = Organizer("ana@example.org", "Ana Lead", Ana());
  auto ben = Organizer("ben@example.org", "Ben Other", Ana());
  HttpResult own = ana->Send("PUT", "/api/orgs/demo/organizers/" + ana->user_id() + "/availability",
                             json{{"available", false}}.dump(), {{"If-Match", "\"v1\""}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_FALSE(Parse(own)["available"].get<bool>());
  HttpResult other = ana->Send("PUT", "/api/orgs/demo/organizers/" + ben->user_id() + "/availability",
                               json{{"available", false}}.dump(), {{"If-Match", "\"v1\""}});
  EXPECT_EQ(other.status, 404);
  HttpResult edit = ana->Send("PUT", "/api/orgs/demo/organizers/" + ana->user_id(), Ana().dump(), {{"If-Match", "\"v2\""}});
  EXPECT_EQ(edit.status, 404);
  HttpResult bad_zip = dispatcher_->Send("PUT", "/api/orgs/demo/organizers/" + ben->user_id(),
                                         json{{"home_zip", "99999"}}.dump(), {{"If-Match", "\"v1\""}});
  EXPECT_EQ(bad_zip.status, 400);
  EXPECT_NE(bad_zip.body.find("home_zip"), std::string::npos);
  HttpResult stale = dispatcher_->Send("PUT", "/api/orgs/demo/organizers/" + ben->user_id(), Ana().dump(),
                                       {{"If-Match", "\"v7\""}});
  EXPECT_EQ(stale.status, 412);
  const std::string intake = Intake("es", "78701", "hotels");
  EXPECT_TRUE(HasReason(*Row(Ranked(intake), ana->user_id()), "unavailable"));
}

class ReferralApi : public MatchingApi {
 protected:
  void SetUp() override {
    MatchingApi::SetUp();
    // Org B: a worker center, with its own keys and admin.
    int64_t now = store::NowMillis();
    Status s = owner_->Transact([&](store::Tx& tx) -> Status {
      Result<store::Org> org = store::CreateOrg(tx, "center", "Worker Center (test)", now);
      if (!org) return org.error();
      center_ = org->id;
      return keys_->CreateOrgKeys(tx, org->id, now);
    });
    ASSERT_TRUE(s.ok()) << s.error().message();
    center_admin_ = std::make_unique<ApiActor>(
        ApiActor::ProvisionIn(*db_, *server_, "center", "lucia@example.org", "org_admin", "Lucia Center"));
  }
  void Partner() {
    ASSERT_EQ(admin_->Post("/api/orgs/demo/partners", {{"slug", "center"}}).status, 201);
    ASSERT_EQ(center_admin_->Post("/api/orgs/center/partners", {{"slug", "demo"}}).status, 201);
  }
  HttpResult Offer(const std::string& intake, json fields = {"name", "phone", "industry"}) {
    return dispatcher_->Post("/api/orgs/demo/intakes/" + intake + "/referrals",
                             {{"partner_org_id", center_}, {"fields", fields}, {"consent_channel", "phone"},
                              {"consent_given", true}});
  }
  json Incoming() {
    HttpResult r = center_admin_->Get("/api/orgs/center/referrals/incoming");
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r);
  }
  int64_t Audits(const std::string& org, const std::string& action) {
    return Count("SELECT count(*) FROM audit_events WHERE org_id = $1 AND action = $2", {org, action});
  }
  std::string center_;
  std::unique_ptr<ApiActor> center_admin_;
};
HOTSHOP_ON_BOTH_DATABASES(ReferralApi);

// §3 / J2.3: consent -> anonymous card -> accept -> only the consented
// fields, copied under B's keys with a new id; withdrawal erases B's copy;
// both audit logs record every step.
TEST_P(ReferralApi, ConsentCardAcceptCopyWithdraw) {
  const std::string intake = Intake("es", "78701", "hotels", "Rosa Quintana");
  // Without a partnership both ways: refused.
  ASSERT_EQ(admin_->Post("/api/orgs/demo/partners", {{"slug", "center"}}).status, 201);
  EXPECT_EQ(Offer(intake).status, 400);
  ASSERT_EQ(center_admin_->Post("/api/orgs/center/partners", {{"slug", "demo"}}).status, 201);
  json partners = Parse(dispatcher_->Get("/api/orgs/demo/partners"));
  ASSERT_EQ(partners["partners"].size(), 1u);
  EXPECT_TRUE(partners["partners"][0]["active"].get<bool>());
  // Without recorded consent: refused, nothing written.
  HttpResult no_consent = dispatcher_->Post("/api/orgs/demo/intakes/" + intake + "/referrals",
                                            {{"partner_org_id", center_}, {"fields", {"name"}}, {"consent_channel", "phone"}});
  EXPECT_EQ(no_consent.status, 400);
  EXPECT_NE(no_consent.body.find("consent_given"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM referrals_in"), 0);
  HttpResult offered = Offer(intake);
  ASSERT_EQ(offered.status, 201) << offered.body;
  const std::string rid = Parse(offered)["id"];
  EXPECT_EQ(Parse(offered)["consent"]["channel"], "phone");
  EXPECT_EQ(Parse(offered)["consent"]["recorded_by"], dispatcher_->user_id());
  // B sees the anonymous card only: industry, city, size band. Nothing else.
  HttpResult in = center_admin_->Get("/api/orgs/center/referrals/incoming");
  ASSERT_EQ(in.status, 200);
  json card = Parse(in)["referrals"][0];
  EXPECT_EQ(card["state"], "offered");
  EXPECT_EQ(card["card"], json({{"industry", "hotels"}, {"city", "Austin"}, {"size_band", "11-50"}}));
  EXPECT_FALSE(card.contains("copy"));
  for (const char* secret : {"Rosa", "+1202555", "overtime", "Harbor", "evenings"}) {
    EXPECT_EQ(in.body.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM referral_copies"), 0);
  // B cannot read A's request through A's routes.
  EXPECT_EQ(center_admin_->Get("/api/orgs/demo/intakes/" + intake).status, 404);
  // Accept: only the consented fields, under B's keys, with a new id.
  HttpResult acc = center_admin_->Post("/api/orgs/center/referrals/incoming/answer",
                                       {{"referral_id", rid}, {"answer", "accept"}});
  ASSERT_EQ(acc.status, 200) << acc.body;
  json values = Parse(acc)["copy"]["values"];
  EXPECT_EQ(values, json({{"name", "Rosa Quintana"}, {"phone", Scalar("SELECT '+12025550190'")}, {"industry", "hotels"}}))
      << values.dump();
  EXPECT_EQ(acc.body.find("overtime"), std::string::npos);
  EXPECT_EQ(acc.body.find("Harbor"), std::string::npos);
  EXPECT_NE(Parse(acc)["copy"]["id"], intake);
  EXPECT_EQ(Parse(acc)["copy"]["provenance"]["consent_channel"], "phone");
  EXPECT_EQ(Count("SELECT count(*) FROM referral_copies WHERE org_id = $1 AND name_ct IS NOT NULL AND story_ct IS NULL",
                  {center_}), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes WHERE org_id = $1", {center_}), 0);  // no row shared
  json listed = Incoming()["referrals"][0];
  EXPECT_EQ(listed["state"], "accepted");
  EXPECT_EQ(listed["copy"]["values"]["name"], "Rosa Quintana");
  // A's side knows it was accepted; accepting again conflicts.
  json mine = Parse(dispatcher_->Get("/api/orgs/demo/intakes/" + intake + "/referrals"));
  EXPECT_EQ(mine["referrals"][0]["state"], "accepted");
  EXPECT_EQ(center_admin_->Post("/api/orgs/center/referrals/incoming/answer", {{"referral_id", rid}, {"answer", "accept"}}).status,
            409);
  // Withdrawal erases B's copy.
  HttpResult w = dispatcher_->Post("/api/orgs/demo/intakes/" + intake + "/referrals/withdraw", {{"referral_id", rid}});
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(Count("SELECT count(*) FROM referral_copies"), 0);
  HttpResult after = center_admin_->Get("/api/orgs/center/referrals/incoming");
  EXPECT_EQ(Parse(after)["referrals"][0]["state"], "withdrawn");
  EXPECT_EQ(after.body.find("Rosa"), std::string::npos);
  // Both audit logs, every step.
  EXPECT_EQ(Audits(demo_, "referral.consent_recorded"), 1);
  EXPECT_EQ(Audits(demo_, "referral.offered"), 1);
  EXPECT_EQ(Audits(center_, "referral.received"), 1);
  EXPECT_EQ(Audits(center_, "referral.accepted"), 1);
  EXPECT_EQ(Audits(demo_, "referral.accepted_by_partner"), 1);
  EXPECT_EQ(Audits(demo_, "referral.withdrawn"), 1);
  EXPECT_EQ(Audits(center_, "referral.withdrawn_copy_erased"), 1);
  // The chains still verify.
  CommandResult v = RunHotshop({"audit", "verify", "--db", db_->url()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

// §3: offers expire after 14 days; an expired offer can't be accepted and
// never copies anything.
TEST_P(ReferralApi, OffersExpireAfterFourteenDays) {
  Partner();
  const std::string intake = Intake("es", "78701", "hotels");
  HttpResult offered = Offer(intake);
  ASSERT_EQ(offered.status, 201) << offered.body;
  const std::string rid = Parse(offered)["id"];
  const int64_t now = store::NowMillis();
  CommandResult sweep = RunHotshop({"match", "sweep", "--db", db_->url(), "--key-file", server_->key_file(),
                                    "--as-of", std::to_string(now + 15 * kDay)});
  ASSERT_EQ(sweep.exit_code, 0) << sweep.out;
  EXPECT_EQ(Scalar("SELECT state FROM referrals_out WHERE id = $1", {rid}), "expired");
  EXPECT_EQ(Scalar("SELECT state FROM referrals_in WHERE id = $1", {rid}), "expired");
  HttpResult late = center_admin_->Post("/api/orgs/center/referrals/incoming/answer",
                                        {{"referral_id", rid}, {"answer", "accept"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Count("SELECT count(*) FROM referral_copies"), 0);
  EXPECT_EQ(Audits(demo_, "referral.expired"), 1);
  EXPECT_EQ(Audits(center_, "referral.expired"), 1);
}

// J2.3 never-line on B's side: a declined offer copies nothing; consent to
// a field that does not exist is refused.
TEST_P(ReferralApi, DeclineCopiesNothingAndUnknownFieldsAreRefused) {
  Partner();
  const std::string intake = Intake("es", "78701", "hotels");
  HttpResult bad = Offer(intake, {"name", "immigration_status"});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("immigration_status"), std::string::npos);
  HttpResult offered = Offer(intake);
  ASSERT_EQ(offered.status, 201);
  const std::string rid = Parse(offered)["id"];
  HttpResult d = center_admin_->Post("/api/orgs/center/referrals/incoming/answer",
                                     {{"referral_id", rid}, {"answer", "decline"}});
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(Count("SELECT count(*) FROM referral_copies"), 0);
  EXPECT_EQ(Scalar("SELECT state FROM referrals_out WHERE id = $1", {rid}), "declined");
  // Another org's admin can't answer it.
  EXPECT_EQ(admin_->Post("/api/orgs/demo/referrals/incoming/answer", {{"referral_id", rid}, {"answer", "accept"}}).status,
            404);
}

// The movement view: stages, time to first contact, load; viewers get <5.
TEST_P(MatchingApi, MovementViewCountsAndSuppressesForViewers) {
  auto ana = Organizer("ana@example.org", "Ana Lead", Ana());
  const std::string a = Intake("es", "78701", "hotels");
  Intake("en", "78701", "warehouses");
  ASSERT_EQ(Assign(a, ana->user_id()).status, 200);
  ASSERT_EQ(ana->Post("/api/orgs/demo/my/intakes/" + a + "/accept", json::object()).status, 200);
  ASSERT_EQ(ana->Post("/api/orgs/demo/my/intakes/" + a + "/conversations",
                      {{"id", store::NewId()}, {"contacted_at_ms", store::NowMillis()}, {"steps", {"intro"}}})
                .status,
            201);
  HttpResult full = admin_->Get("/api/orgs/demo/movement");
  ASSERT_EQ(full.status, 200) << full.body;
  json t = Parse(full)["total"];
  EXPECT_EQ(t["intakes"], 2);
  EXPECT_EQ(t["stages"]["first_contact"], 1);
  EXPECT_EQ(t["stages"]["new"], 1);
  EXPECT_EQ(t["first_contact"]["count"], 1);
  EXPECT_TRUE(t["first_contact"]["median_ms"].is_number());
  EXPECT_EQ(t["organizers"], 1);
  EXPECT_EQ(t["capacity"], 3);
  EXPECT_EQ(t["load"], 1);
  ASSERT_FALSE(Parse(full)["by_industry"].empty());
  auto viewer = ApiActor::ProvisionIn(*db_, *server_, "demo", "vic@example.org", "viewer", "Vic Viewer",
                                      "Harbor View Hotel housekeeping");
  HttpResult small = viewer.Get("/api/orgs/demo/movement");
  ASSERT_EQ(small.status, 200) << small.body;
  EXPECT_TRUE(Parse(small)["suppressed"].get<bool>());
  EXPECT_EQ(Parse(small)["total"]["intakes"], "<5");
  EXPECT_TRUE(Parse(small)["total"]["first_contact"]["median_ms"].is_null());
}

}  // namespace
}  // namespace hotshop::testing
