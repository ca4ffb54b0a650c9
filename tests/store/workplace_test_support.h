// SPDX-License-Identifier: AGPL-3.0-or-later
// WorkplaceTestBase: the StoreTest fixture the campaign-workplace store tests
// share (workplace_test.cpp, assessment_repo_test.cpp): an org with keys and
// a campaign, people made through PersonRepo, a small mapped workplace (one
// employer, two worksites, one unit with departments and shifts), and Run()
// to call repositories inside one transaction. Invented names; phones only
// in the 555-01xx range. One body runs on SQLite and on PostgreSQL.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "security/secret.h"
#include "store/campaign_repo.h"
#include "store/employment_repo.h"
#include "store/key_service.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "store/workplace_repo.h"
#include "store_test_base.h"

namespace hotshop::testing {

class WorkplaceTestBase : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    keys_ = std::make_unique<store::KeyService>(security::SecretBytes::Random(32));
    org_ = NewOrg("workplace-local");
    campaign_ = NewCampaign(org_, "Harbor View Hotel housekeeping");
  }

  std::string NewOrg(const std::string& slug) {
    auto org = store::TransactValue<store::Org>(*db_, [&](store::Tx& tx) -> Result<store::Org> {
      auto o = store::CreateOrg(tx, slug, slug + " org", 1000);
      if (!o) return o.error();
      if (Status k = keys_->CreateOrgKeys(tx, o->id, 1000); !k) return k.error();
      return o;
    });
    EXPECT_TRUE(org.ok()) << org.error().message();
    return org->id;
  }

  std::string NewCampaign(const std::string& org, const std::string& name) {
    store::Scope scope = store::Scope::ForOrg(org);
    auto c = store::TransactValue<store::Campaign>(*db_, [&](store::Tx& tx) {
      return store::CampaignRepo(tx, scope).Create(name, 2000);
    }, store::TxMode::kWrite, org);
    EXPECT_TRUE(c.ok()) << c.error().message();
    return c->id;
  }

  // Runs fn in one write transaction of org (default: the fixture's org).
  template <typename T>
  Result<T> Run(const std::function<Result<T>(store::Tx&, const store::Scope&, const store::OrgKeys&)>& fn,
                const std::string& org = "") {
    std::string o = org.empty() ? org_ : org;
    store::Scope scope = store::Scope::ForOrg(o);
    return store::TransactValue<T>(*db_, [&](store::Tx& tx) -> Result<T> {
      auto k = keys_->ForOrg(tx, o);
      if (!k) return k.error();
      return fn(tx, scope, **k);
    }, store::TxMode::kWrite, o);
  }

  std::string NewPerson(const std::string& name, const std::string& phone = "", const std::string& campaign = "",
                        const std::string& language = "en", const std::string& org = "") {
    auto p = Run<store::Person>([&](store::Tx& tx, const store::Scope& s, const store::OrgKeys& k) {
      store::PersonFields f;
      f.name = name;
      if (!phone.empty()) f.phone = phone;
      f.preferred_language = language;
      return store::PersonRepo(tx, s, k).Create(campaign, f, 3000);
    }, org);
    EXPECT_TRUE(p.ok()) << p.error().message();
    return p->id;
  }

  // One employer with two worksites, one unit covering both, departments
  // Housekeeping and Laundry, shifts Days and Nights.
  struct Map {
    std::string employer, site_a, site_b, unit, housekeeping, laundry, days, nights, room_attendant;
  };
  Map MapWorkplace(const std::string& campaign = "", const std::string& org = "") {
    std::string c = campaign.empty() ? campaign_ : campaign;
    auto m = Run<Map>([&](store::Tx& tx, const store::Scope& s, const store::OrgKeys& k) -> Result<Map> {
      store::WorkplaceRepo w(tx, s, k);
      Map out;
      auto e = w.CreateEmployer(c, "Harbor View Hospitality LLC", 4000);
      if (!e) return e.error();
      out.employer = e->id;
      store::WorksiteFields a;
      a.name = "Harbor View Hotel";
      a.address = "100 Example Quay, Springfield";
      a.time_zone = "America/Chicago";
      a.region = "Midwest";
      auto sa = w.CreateWorksite(e->id, a, 4000);
      if (!sa) return sa.error();
      store::WorksiteFields b;
      b.name = "Harbor View Annex";
      b.region = "Midwest";
      auto sb = w.CreateWorksite(e->id, b, 4000);
      if (!sb) return sb.error();
      out.site_a = sa->id;
      out.site_b = sb->id;
      store::UnitFields uf;
      uf.name = "Housekeeping and laundry";
      uf.eligibility = "All full- and part-time room attendants, housepersons and laundry attendants";
      uf.worksite_ids = std::vector<std::string>{sa->id, sb->id};
      auto u = w.CreateUnit(c, e->id, uf, 4000);
      if (!u) return u.error();
      out.unit = u->id;
      struct A {
        store::AreaKind kind;
        const char* name;
        std::string* slot;
      };
      for (const A& x : {A{store::AreaKind::kDepartment, "Housekeeping", &out.housekeeping},
                         A{store::AreaKind::kDepartment, "Laundry", &out.laundry},
                         A{store::AreaKind::kShift, "Days", &out.days}, A{store::AreaKind::kShift, "Nights", &out.nights},
                         A{store::AreaKind::kJobClass, "Room attendant", &out.room_attendant}}) {
        auto area = w.CreateArea(u->id, x.kind, x.name, "", 4000);
        if (!area) return area.error();
        *x.slot = area->id;
      }
      return out;
    }, org);
    EXPECT_TRUE(m.ok()) << m.error().message();
    return *m;
  }

  // Places a person on the unit; returns the employment's ETag version after.
  Status Employ(const std::string& person, const Map& m, const std::string& department, const std::string& shift,
                bool supervisor = false, const std::string& org = "") {
    auto r = Run<int64_t>([&](store::Tx& tx, const store::Scope& s, const store::OrgKeys&) -> Result<int64_t> {
      store::EmploymentRepo e(tx, s);
      auto v = e.Version(person);
      if (!v) return v.error();
      store::EmploymentFields f;
      f.worksite_id = m.site_a;
      f.unit_id = m.unit;
      f.department_id = department;
      f.shift_id = shift;
      f.employment_type = "full_time";
      f.supervisor = supervisor;
      f.started_on = "2021-06-01";
      auto set = e.Set(person, *v, f, "user:test", 5000);
      if (!set) return set.error();
      return e.Version(person);
    }, org);
    if (!r) return r.error();
    return Ok();
  }

  std::unique_ptr<store::KeyService> keys_;
  std::string org_;
  std::string campaign_;
};

}  // namespace hotshop::testing
