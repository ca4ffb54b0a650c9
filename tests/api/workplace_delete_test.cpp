// SPDX-License-Identifier: AGPL-3.0-or-later
// Deleting employers, worksites, units and their departments / shifts / job
// classes (docs/api.md "Campaign workplace", DELETE; issue #4), on SQLite
// and PostgreSQL against a real `hotshop serve` with the demo data: 204 when
// nothing refers to the object; 409 problem+json that says what still does,
// in words an organizer can act on, with nothing changed; If-Match required
// (428) and checked (412); another org's object answers 404 exactly like a
// missing one (security-model.md §3); each delete is audited by id only.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/workplace_api_fixture.h"
#include "cli/master_key.h"
#include "store/campaign_repo.h"
#include "store/demo_workplace.h"
#include "store/ids.h"
#include "store/key_service.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "store/store_test_base.h"
#include "support/api_actor.h"
#include "support/http_client.h"

namespace hotshop::testing {
namespace {

class WorkplaceDelete : public WorkplaceApiTest {
 protected:
  HttpResult Del(const std::string& path, const std::string& if_match) {
    std::map<std::string, std::string> h;
    if (!if_match.empty()) h["If-Match"] = if_match;
    return admin_->Send("DELETE", path, "", h);
  }
  std::string ETag(const std::string& path) { return admin_->Get(path).header("etag"); }

  std::string Rows() { return WorkplaceSnapshot(); }

  bool Audited(const std::string& action, const std::string& object) {
    json events = Parse(admin_->Get("/api/orgs/demo/audit?limit=50"))["events"];
    for (const auto& e : events) {
      if (e["action"] == action && e["object"] == object) return true;
    }
    return false;
  }
};
HOTSHOP_ON_BOTH_DATABASES(WorkplaceDelete);

TEST_P(WorkplaceDelete, DeletesWhatNothingRefersToInOrderAndAuditsIt) {
  const std::string employers = "/api/orgs/demo/campaigns/" + harbor_ + "/employers";
  const size_t employers_before = Parse(admin_->Get(employers))["employers"].size();
  HttpResult e = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/employers", {{"name", "Mistake Holdings"}});
  ASSERT_EQ(e.status, 201) << e.body;
  std::string employer = Parse(e)["id"].get<std::string>();
  HttpResult s = admin_->Post("/api/orgs/demo/employers/" + employer + "/worksites", {{"name", "Mistake Depot"}});
  ASSERT_EQ(s.status, 201) << s.body;
  std::string site = Parse(s)["id"].get<std::string>();
  HttpResult u = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/units",
                              {{"employer_id", employer}, {"name", "Mistake unit"}, {"worksite_ids", {site}}});
  ASSERT_EQ(u.status, 201) << u.body;
  std::string unit = Parse(u)["id"].get<std::string>();
  HttpResult d1 = admin_->Post("/api/orgs/demo/units/" + unit + "/areas", {{"kind", "department"}, {"name", "Dock"}});
  HttpResult d2 = admin_->Post("/api/orgs/demo/units/" + unit + "/areas",
                               {{"kind", "shift"}, {"name", "Nights"}, {"worksite_id", site}});
  ASSERT_EQ(d1.status, 201) << d1.body;
  ASSERT_EQ(d2.status, 201) << d2.body;
  std::string dock = Parse(d1)["id"].get<std::string>();

  // The employer still has its worksite and unit: 409, saying so, nothing changed.
  std::string before = Rows();
  HttpResult busy = Del("/api/orgs/demo/employers/" + employer, ETag("/api/orgs/demo/employers/" + employer));
  EXPECT_EQ(busy.status, 409) << busy.body;
  EXPECT_EQ(busy.header("content-type"), "application/problem+json");
  std::string why = Parse(busy)["detail"].get<std::string>();
  EXPECT_NE(why.find("1 worksite belongs to this employer; delete it first"), std::string::npos) << why;
  EXPECT_NE(why.find("1 bargaining unit belongs to this employer"), std::string::npos) << why;
  EXPECT_NE(why.find("Nothing was deleted."), std::string::npos) << why;
  // The worksite is covered by the unit and has its shift.
  HttpResult site_busy = Del("/api/orgs/demo/worksites/" + site, ETag("/api/orgs/demo/worksites/" + site));
  EXPECT_EQ(site_busy.status, 409) << site_busy.body;
  why = Parse(site_busy)["detail"].get<std::string>();
  EXPECT_NE(why.find("1 bargaining unit covers this worksite; take the worksite off those units first"), std::string::npos) << why;
  EXPECT_NE(why.find("1 department, shift or job class is at this worksite"), std::string::npos) << why;
  EXPECT_EQ(Rows(), before);
  EXPECT_EQ(admin_->Get("/api/orgs/demo/employers/" + employer).status, 200);

  // The department alone: 204, gone from the unit, audited by id.
  HttpResult gone = Del("/api/orgs/demo/areas/" + dock, "\"v1\"");
  EXPECT_EQ(gone.status, 204) << gone.body;
  EXPECT_TRUE(gone.body.empty());
  EXPECT_TRUE(Parse(admin_->Get("/api/orgs/demo/units/" + unit))["departments"].empty());
  EXPECT_TRUE(Audited("area.deleted", "area:" + dock));
  EXPECT_EQ(Del("/api/orgs/demo/areas/" + dock, "\"v1\"").status, 404) << "deleted twice";

  // The unit takes its remaining shift and its worksite link with it.
  HttpResult unit_gone = Del("/api/orgs/demo/units/" + unit, ETag("/api/orgs/demo/units/" + unit));
  EXPECT_EQ(unit_gone.status, 204) << unit_gone.body;
  EXPECT_EQ(admin_->Get("/api/orgs/demo/units/" + unit).status, 404);
  EXPECT_TRUE(Audited("unit.deleted", "unit:" + unit));
  // Then the worksite, then the employer.
  HttpResult site_gone = Del("/api/orgs/demo/worksites/" + site, ETag("/api/orgs/demo/worksites/" + site));
  EXPECT_EQ(site_gone.status, 204) << site_gone.body;
  EXPECT_TRUE(Audited("worksite.deleted", "worksite:" + site));
  HttpResult employer_gone = Del("/api/orgs/demo/employers/" + employer, ETag("/api/orgs/demo/employers/" + employer));
  EXPECT_EQ(employer_gone.status, 204) << employer_gone.body;
  EXPECT_TRUE(Audited("employer.deleted", "employer:" + employer));
  EXPECT_EQ(admin_->Get("/api/orgs/demo/employers/" + employer).status, 404);
  EXPECT_EQ(Parse(admin_->Get(employers))["employers"].size(), employers_before);
}

TEST_P(WorkplaceDelete, IfMatchIsRequiredAndCheckedBeforeAnythingIsDeleted) {
  HttpResult e = admin_->Post("/api/orgs/demo/campaigns/" + harbor_ + "/employers", {{"name", "Versioned Inc."}});
  ASSERT_EQ(e.status, 201) << e.body;
  std::string employer = Parse(e)["id"].get<std::string>();
  std::string path = "/api/orgs/demo/employers/" + employer;
  HttpResult missing = Del(path, "");
  EXPECT_EQ(missing.status, 428) << missing.body;
  EXPECT_EQ(Parse(missing)["field"], "If-Match");
  // Someone renamed it since: the delete is refused and the employer stays.
  ASSERT_EQ(admin_->Patch(path, {{"name", "Versioned Ltd."}}, "\"v1\"").status, 200);
  HttpResult stale = Del(path, "\"v1\"");
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(Parse(stale)["code"], "stale_version");
  EXPECT_EQ(Del(path, "not-an-etag").status, 400);
  EXPECT_EQ(Parse(admin_->Get(path))["name"], "Versioned Ltd.");
  EXPECT_EQ(Del(path, "\"v2\"").status, 204);

  // The same for a unit, a worksite and an area (each still there afterwards).
  SecondUnit s = MakeSecondUnit();
  for (const std::string& p : {"/api/orgs/demo/units/" + s.unit, "/api/orgs/demo/areas/" + s.dept,
                               "/api/orgs/demo/worksites/" + s.site}) {
    EXPECT_EQ(Del(p, "").status, 428) << p;
    EXPECT_EQ(Del(p, "\"v99\"").status, 412) << p;
  }
  EXPECT_EQ(Areas(s.unit).count("Front office"), 1u);
  EXPECT_EQ(admin_->Get("/api/orgs/demo/units/" + s.unit).status, 200);
}

TEST_P(WorkplaceDelete, WorkersGrantsAndHistoryBlockTheDeleteAndNothingChanges) {
  SecondUnit s = MakeSecondUnit();
  std::string p = NewPerson("Dara Example", harbor_);
  HttpResult placed = Employ(*admin_, p, {{"worksite_id", s.site}, {"unit_id", s.unit}, {"department_id", s.dept},
                                          {"shift_id", s.shift}});
  ASSERT_EQ(placed.status, 200) << placed.body;
  ApiActor leader = ApiActor::Provision(*db_, *server_, "delete-leader@example.org", "worker_leader",
                                        "Harbor View Hotel housekeeping", s.unit);
  std::string before = Rows();
  std::string unit_before = admin_->Get("/api/orgs/demo/units/" + s.unit).body;

  HttpResult dept = Del("/api/orgs/demo/areas/" + s.dept, "\"v1\"");
  EXPECT_EQ(dept.status, 409) << dept.body;
  EXPECT_NE(Parse(dept)["detail"].get<std::string>().find("1 worker is in this department; move them elsewhere first"),
            std::string::npos) << dept.body;
  HttpResult unit = Del("/api/orgs/demo/units/" + s.unit, ETag("/api/orgs/demo/units/" + s.unit));
  EXPECT_EQ(unit.status, 409) << unit.body;
  std::string why = Parse(unit)["detail"].get<std::string>();
  EXPECT_NE(why.find("1 worker is in this unit; move or end their employment first"), std::string::npos) << why;
  EXPECT_NE(why.find("1 person's access is granted on this unit only; remove those grants first"), std::string::npos) << why;
  HttpResult site = Del("/api/orgs/demo/worksites/" + s.site, ETag("/api/orgs/demo/worksites/" + s.site));
  EXPECT_EQ(site.status, 409) << site.body;
  EXPECT_NE(Parse(site)["detail"].get<std::string>().find("workers are employed at this worksite; move or end their employment first"),
            std::string::npos) << site.body;
  EXPECT_EQ(Rows(), before);
  EXPECT_EQ(admin_->Get("/api/orgs/demo/units/" + s.unit).body, unit_before);
  EXPECT_EQ(Parse(admin_->Get("/api/orgs/demo/people/" + p + "/employment"))["current"]["department_id"], s.dept);

  // A worker-leader may not delete the workplace at all: 404 like missing.
  std::map<std::string, std::string> h{{"If-Match", "\"v1\""}};
  EXPECT_EQ(leader.Send("DELETE", "/api/orgs/demo/areas/" + s.shift, "", h).status, 404);
  EXPECT_EQ(Areas(s.unit).count("Days"), 1u);

  // Once the worker has left, the history still names the department.
  HttpResult cur = admin_->Get("/api/orgs/demo/people/" + p + "/employment");
  ASSERT_EQ(admin_->Send("DELETE", "/api/orgs/demo/people/" + p + "/employment", "", {{"If-Match", cur.header("etag")}}).status,
            204);
  HttpResult kept = Del("/api/orgs/demo/areas/" + s.dept, "\"v1\"");
  EXPECT_EQ(kept.status, 409) << kept.body;
  EXPECT_NE(Parse(kept)["detail"].get<std::string>().find(
                "1 past employment record names this department; employment history is kept, so rename the department "
                "instead of deleting it"),
            std::string::npos) << kept.body;
  EXPECT_EQ(Areas(s.unit).count("Front office"), 1u);
}

TEST_P(WorkplaceDelete, AUnitWithCardsAndTestsSaysToRenameItInstead) {
  // The demo's Harbor unit: workers, cards, structure tests and elections.
  std::string before = Rows();
  HttpResult r = Del("/api/orgs/demo/units/" + harbor_unit_, ETag("/api/orgs/demo/units/" + harbor_unit_));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Parse(r)["code"], "conflict");
  std::string why = Parse(r)["detail"].get<std::string>();
  for (const char* part : {"workers are in this unit; move or end their employment first",
                           "cards were signed in this unit; these records are kept, so rename the unit instead of "
                           "deleting it",
                           "structure tests were held in this unit", "Nothing was deleted."}) {
    EXPECT_NE(why.find(part), std::string::npos) << part << " in: " << why;
  }
  EXPECT_EQ(why.find("1 cards"), std::string::npos) << "counts agree with their nouns: " << why;
  EXPECT_EQ(Rows(), before);
}

TEST_P(WorkplaceDelete, AnotherOrgsObjectIsNotFoundExactlyLikeAMissingOne) {
  // A second org with a small workplace, through the store.
  auto owner = db_->Open(1);
  Result<security::SecretBytes> kek = cli::LoadAndCheckMasterKey(*owner, server_->key_file());
  ASSERT_TRUE(kek.ok()) << kek.error().message();
  store::KeyService keys(std::move(*kek));
  int64_t now = store::NowMillis();
  store::WorkplaceFixture fx;
  Status made = owner->Transact([&](store::Tx& tx) -> Status {
    Result<store::Org> org = store::CreateOrg(tx, "elsewhere", "Elsewhere Local", now);
    if (!org) return org.error();
    if (Status k = keys.CreateOrgKeys(tx, org->id, now); !k) return k;
    if (Status o = tx.SetOrg(org->id); !o) return o;
    store::Scope scope = store::Scope::ForOrg(org->id);
    Result<store::Campaign> camp = store::CampaignRepo(tx, scope).Create("Elsewhere warehouse", now);
    if (!camp) return camp.error();
    auto org_keys = keys.ForOrg(tx, org->id);
    if (!org_keys) return org_keys.error();
    std::vector<std::string> people;
    for (const char* name : {"Ola Elsewhere", "Per Elsewhere"}) {
      store::PersonFields f;
      f.name = name;
      Result<store::Person> p = store::PersonRepo(tx, scope, **org_keys).Create(camp->id, f, now);
      if (!p) return p.error();
      people.push_back(p->id);
    }
    Result<store::WorkplaceFixture> m = store::MapSmallWorkplace(tx, scope, **org_keys, camp->id, people, "Elsewhere Co", now);
    if (!m) return m.error();
    fx = *m;
    return Ok();
  });
  ASSERT_TRUE(made.ok()) << made.error().message();
  std::string before = Rows();
  const std::pair<std::string, std::string> objects[] = {
      {"employers", fx.employer}, {"worksites", fx.worksite}, {"units", fx.unit}, {"areas", fx.area}};
  for (const auto& [kind, id] : objects) {
    for (const char* version : {"\"v1\"", "\"v2\""}) {
      HttpResult foreign = Del("/api/orgs/demo/" + kind + "/" + id, version);
      HttpResult missing = Del("/api/orgs/demo/" + kind + "/" + store::NewId(), version);
      HttpResult malformed = Del("/api/orgs/demo/" + kind + "/not-an-id", version);
      EXPECT_EQ(foreign.status, 404) << kind << " " << foreign.body;
      EXPECT_EQ(foreign.body, missing.body) << kind;
      EXPECT_EQ(malformed.body, missing.body) << kind;
    }
    // Without If-Match too: no 428 that would tell the object exists.
    EXPECT_EQ(Del("/api/orgs/demo/" + kind + "/" + id, "").status, 404) << kind;
  }
  EXPECT_EQ(Rows(), before);
}

}  // namespace
}  // namespace hotshop::testing
