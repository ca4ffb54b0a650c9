// SPDX-License-Identifier: AGPL-3.0-or-later
// The fixture of the campaign-workplace API tests: a real `hotshop serve`
// on SQLite or PostgreSQL with the demo data, its admin signed in, and
// helpers to map a second unit, employ people and find demo people.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace hotshop::testing {

using nlohmann::json;

inline json Parse(const HttpResult& r) {
  json j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

class WorkplaceApiTest : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDb>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_, ServeArgs());
    LoadDemo(*db_, *server_);
    admin_ = std::make_unique<ApiActor>(ApiActor::DemoAdmin(*db_, *server_));
    HttpResult listed = admin_->Get("/api/orgs/demo/campaigns");
    json campaigns = Parse(listed)["campaigns"];  // kept: a range-for over a temporary's member dangles
    for (const auto& c : campaigns) {
      if (c["name"] == "Harbor View Hotel housekeeping") harbor_ = c["id"].get<std::string>();
      if (c["name"] == "Copper Kettle Coffee, 12 shops") copper_ = c["id"].get<std::string>();
    }
    ASSERT_FALSE(harbor_.empty() || copper_.empty()) << listed.status << " " << listed.body;
    json units = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/units"))["units"];
    ASSERT_EQ(units.size(), 1u);
    harbor_unit_ = units[0]["id"].get<std::string>();
  }

  // Extra `hotshop serve` flags of a suite (e.g. a higher --rate-limit).
  virtual std::vector<std::string> ServeArgs() const { return {}; }

  HttpResult Put(ApiActor& a, const std::string& path, const json& body, const std::string& if_match) {
    std::map<std::string, std::string> h;
    if (!if_match.empty()) h["If-Match"] = if_match;
    return a.Send("PUT", path, body.dump(), h);
  }
  HttpResult PostIfMatch(ApiActor& a, const std::string& path, const json& body, const std::string& if_match) {
    return a.Post(path, body, {{"If-Match", if_match}});
  }

  // A person in a campaign, by the admin.
  std::string NewPerson(const std::string& name, const std::string& campaign) {
    HttpResult r = admin_->Post("/api/orgs/demo/campaigns/" + campaign + "/people", {{"name", name}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r)["id"].get<std::string>();
  }

  // Places a person (as actor a) and returns the response.
  HttpResult Employ(ApiActor& a, const std::string& person, const json& body) {
    HttpResult cur = a.Get("/api/orgs/demo/people/" + person + "/employment");
    if (cur.status != 200) return cur;
    return Put(a, "/api/orgs/demo/people/" + person + "/employment", body, cur.header("etag"));
  }

  // The unit's departments / shifts by name.
  std::map<std::string, std::string> Areas(const std::string& unit) {
    json u = Parse(admin_->Get("/api/orgs/demo/units/" + unit));
    std::map<std::string, std::string> out;
    for (const char* k : {"departments", "shifts", "job_classes"}) {
      for (const auto& a : u[k]) out[a["name"].get<std::string>()] = a["id"].get<std::string>();
    }
    return out;
  }

  // The demo person with this phone in Harbor.
  std::string Demo(const std::string& e164) {
    json found = Parse(admin_->Get("/api/orgs/demo/people?phone=%2B" + e164.substr(1)))["people"];
    for (const auto& p : found) {
      if (p["campaign_id"] == harbor_ || p["campaign_id"] == copper_) return p["id"].get<std::string>();
    }
    return "";
  }

  // A second unit in Harbor at the hotel, with a department and a shift.
  struct SecondUnit {
    std::string unit, site, dept, shift;
  };
  SecondUnit MakeSecondUnit() {
    json employers = Parse(admin_->Get("/api/orgs/demo/campaigns/" + harbor_ + "/employers"))["employers"];
    std::string employer = employers[0]["id"].get<std::string>();
    json emp = Parse(admin_->Get("/api/orgs/demo/employers/" + employer));
    SecondUnit s;
    s.site = emp["worksites"][0]["id"].get<std::string>();
    HttpResult u = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/units",
                                {{"employer_id", employer}, {"name", "Front desk"}, {"worksite_ids", {s.site}}});
    EXPECT_EQ(u.status, 201) << u.body;
    s.unit = Parse(u)["id"].get<std::string>();
    s.dept = Parse(admin_->Post("/api/orgs/demo/units/" + s.unit + "/areas", {{"kind", "department"}, {"name", "Front office"}}))["id"].get<std::string>();
    s.shift = Parse(admin_->Post("/api/orgs/demo/units/" + s.unit + "/areas", {{"kind", "shift"}, {"name", "Days"}}))["id"].get<std::string>();
    return s;
  }

  // Rewrites a user's grant as a unit grant, as the owner of the database
  // (the tests that need a unit grant without going through the admin API).
  void ScopeToUnit(const std::string& user_id, const std::string& unit) {
    auto owner = db_->Open(1);
    Status s = owner->Transact([&](store::Tx& tx) -> Status {
      Result<int64_t> n = tx.Exec("UPDATE grants SET scope_kind = 'unit', scope_id = $2 WHERE user_id = $1", {user_id, unit});
      if (!n) return n.error();
      return *n == 1 ? Ok() : Status(Error::Internal("no grant to rewrite"));
    });
    ASSERT_TRUE(s.ok()) << s.error().message();
  }

  // Counts and versions of every table a workplace route writes, read as the
  // database owner: equal before and after a request that changed nothing.
  std::string WorkplaceSnapshot() {
    auto owner = db_->Open(1);
    std::string out;
    const char* const versioned[] = {"campaigns", "people", "employers", "worksites", "units", "unit_areas",
                                     "assessment_scales", "committee_members", "cards", "structure_tests"};
    std::vector<std::string> sql;
    for (const char* t : versioned) {
      sql.push_back(std::string("SELECT '") + t + "', CAST(count(*) AS BIGINT), CAST(coalesce(sum(version), 0) AS BIGINT), " +
                    "CAST(coalesce(max(updated_at_ms), 0) AS BIGINT) FROM " + t);
    }
    sql.push_back("SELECT 'employment', CAST(count(*) AS BIGINT), CAST(count(valid_to_ms) AS BIGINT), 0 FROM employment");
    for (const char* t : {"unit_worksites", "connections", "assessments", "structure_test_targets", "grants"}) {
      sql.push_back(std::string("SELECT '") + t + "', CAST(count(*) AS BIGINT), 0, 0 FROM " + t);
    }
    sql.push_back("SELECT 'participation', CAST(count(*) AS BIGINT), CAST(coalesce(sum(participated), 0) AS BIGINT), "
                  "CAST(coalesce(max(recorded_at_ms), 0) AS BIGINT) FROM structure_test_participation");
    for (const std::string& q : sql) {
      Result<store::Rows> r = store::TransactValue<store::Rows>(*owner, [&](store::Tx& tx) { return tx.Query(q); },
                                                                store::TxMode::kRead);
      if (!r) return "error: " + r.error().message();
      const store::Row& row = (*r)[0];
      out += row.Text(0) + "=" + row.Text(1) + "/" + row.Text(2) + "/" + row.Text(3) + " ";
    }
    return out;
  }

  std::unique_ptr<TestDb> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiActor> admin_;
  std::string harbor_, copper_, harbor_unit_;
};

}  // namespace hotshop::testing
