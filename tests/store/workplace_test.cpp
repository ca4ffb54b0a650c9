// SPDX-License-Identifier: AGPL-3.0-or-later
// The campaign workplace in the store (migration 0008; issue #4 "The
// workplace"), on SQLite and PostgreSQL: employers, worksites, units and
// their areas; employment with history; connections; the committee (RULE
// R20); cards (RULE R2, R3, R4); structure tests (RULE R21); the roster and
// rollup read models; sealed columns and their key rotation.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/committee_coverage.h"
#include "core/showing_of_interest.h"
#include "security/field_cipher.h"
#include "store/assessment_repo.h"
#include "store/card_repo.h"
#include "store/committee_repo.h"
#include "store/connection_repo.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/structure_test_repo.h"
#include "store/unit_roster.h"
#include "workplace_test_support.h"

namespace hotshop::testing {
namespace {

using store::OrgKeys;
using store::Scope;
using store::Tx;

class WorkplaceRepoTest : public WorkplaceTestBase {};
HOTSHOP_ON_BOTH_DATABASES(WorkplaceRepoTest);

// ------------------------------------------------------------- the workplace

TEST_P(WorkplaceRepoTest, MapsEmployerWorksitesUnitAndAreas) {
  Map m = MapWorkplace();
  auto unit = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetUnit(m.unit);
  });
  ASSERT_TRUE(unit.ok()) << unit.error().message();
  EXPECT_EQ(unit->campaign_id, campaign_);
  EXPECT_EQ(unit->worksite_ids.size(), 2u);
  EXPECT_EQ(unit->card_percent, 65);      // R5 default
  EXPECT_EQ(unit->committee_percent, 10);  // R5 default
  EXPECT_EQ(unit->go_public_percent, 90);  // R21 default
  EXPECT_FALSE(unit->size_override.has_value());
  auto areas = Run<std::vector<store::Area>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).ListAreas(m.unit);
  });
  ASSERT_TRUE(areas.ok());
  EXPECT_EQ(areas->size(), 5u);
  auto site = Run<store::Worksite>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetWorksite(m.site_a);
  });
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->address, "100 Example Quay, Springfield");
  EXPECT_EQ(site->time_zone, "America/Chicago");
}

TEST_P(WorkplaceRepoTest, WorksiteAddressIsSealedAtRest) {
  Map m = MapWorkplace();
  auto raw = store::TransactValue<store::Rows>(*db_, [&](Tx& tx) {
    return tx.Query("SELECT address_ct FROM worksites WHERE org_id = $1 AND id = $2", {org_, m.site_a});
  }, store::TxMode::kRead, org_);
  ASSERT_TRUE(raw.ok());
  std::string blob = (*raw)[0].Blob(0);
  EXPECT_EQ(blob.find("Example Quay"), std::string::npos);
  // Pasted into the other worksite's row, the blob does not open (§4 #29).
  ASSERT_TRUE(db_->Transact([&](Tx& tx) -> Status {
    Result<int64_t> n = tx.Exec("UPDATE worksites SET address_ct = $3 WHERE org_id = $1 AND id = $2",
                                {org_, m.site_b, store::Bytes{blob}});
    if (!n) return n.error();
    return Ok();
  }, store::TxMode::kWrite, org_).ok());
  auto pasted = Run<store::Worksite>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetWorksite(m.site_b);
  });
  ASSERT_FALSE(pasted.ok());
  EXPECT_EQ(pasted.error().code(), ErrorCode::kInternal);
}

TEST_P(WorkplaceRepoTest, AnotherOrgSeesNothingExactlyLikeMissing) {
  Map m = MapWorkplace();
  std::string other = NewOrg("other-local");
  for (const std::string& id : {m.employer, m.site_a, m.unit, m.housekeeping}) {
    auto got = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys& k) -> Result<store::Owner> {
      store::WorkplaceRepo w(tx, s, k);
      if (id == m.employer) return w.OwnerOfEmployer(id);
      if (id == m.site_a) return w.OwnerOfWorksite(id);
      if (id == m.unit) return w.OwnerOfUnit(id);
      return w.OwnerOfArea(id);
    }, other);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code(), ErrorCode::kNotFound);
  }
  auto units = Run<std::vector<store::Unit>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).ListUnits(campaign_);
  }, other);
  ASSERT_TRUE(units.ok());
  EXPECT_TRUE(units->empty());
}

TEST_P(WorkplaceRepoTest, OwnersNameCampaignAndUnit) {
  Map m = MapWorkplace();
  auto owner = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).OwnerOfArea(m.nights);
  });
  ASSERT_TRUE(owner.ok());
  EXPECT_EQ(owner->campaign_id, campaign_);
  EXPECT_EQ(owner->unit_id, m.unit);
  auto site = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).OwnerOfWorksite(m.site_b);
  });
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->campaign_id, campaign_);
  EXPECT_EQ(site->unit_id, "");
}

TEST_P(WorkplaceRepoTest, UnitRefusesAnotherEmployersWorksite) {
  Map m = MapWorkplace();
  auto bad = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) -> Result<store::Unit> {
    store::WorkplaceRepo w(tx, s, k);
    auto e2 = w.CreateEmployer(campaign_, "Other Hotel Group", 6000);
    if (!e2) return e2.error();
    store::UnitFields f;
    f.name = "Mixed";
    f.worksite_ids = std::vector<std::string>{m.site_a};
    return w.CreateUnit(campaign_, e2->id, f, 6000);
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().field(), "worksite_ids");
}

TEST_P(WorkplaceRepoTest, UnitRefusesAnEmployerOfAnotherCampaign) {
  Map m = MapWorkplace();
  std::string copper = NewCampaign(org_, "Copper Kettle Coffee");
  auto bad = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    store::UnitFields f;
    f.name = "Borrowed employer";
    return store::WorkplaceRepo(tx, s, k).CreateUnit(copper, m.employer, f, 6000);
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field(), "employer_id");
}

TEST_P(WorkplaceRepoTest, DuplicateAreaNameIsAConflictNamingTheField) {
  Map m = MapWorkplace();
  auto dup = Run<store::Area>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).CreateArea(m.unit, store::AreaKind::kShift, "Nights", "", 6000);
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field(), "name");
  // The same name as another kind is fine: a "Laundry" job class.
  auto ok = Run<store::Area>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).CreateArea(m.unit, store::AreaKind::kJobClass, "Laundry", "", 6000);
  });
  EXPECT_TRUE(ok.ok()) << ok.error().message();
}

TEST_P(WorkplaceRepoTest, StaleVersionsChangeNothing) {
  Map m = MapWorkplace();
  auto first = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    store::UnitFields f;
    f.size_override = std::optional<int64_t>(40);
    return store::WorkplaceRepo(tx, s, k).UpdateUnit(m.unit, 1, f, 7000);
  });
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->version, 2);
  EXPECT_EQ(first->size_override, 40);
  auto second = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    store::UnitFields f;
    f.name = "Second writer, stale";
    return store::WorkplaceRepo(tx, s, k).UpdateUnit(m.unit, 1, f, 7000);
  });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kPreconditionFailed);
  auto renamed = Run<store::Employer>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).RenameEmployer(m.employer, 9, "Nope", 7000);
  });
  EXPECT_EQ(renamed.error().code(), ErrorCode::kPreconditionFailed);
  auto now = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetUnit(m.unit);
  });
  EXPECT_EQ(now->name, "Housekeeping and laundry");
  // Clearing the entered size goes back to counting the chart.
  auto cleared = Run<store::Unit>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    store::UnitFields f;
    f.size_override = std::optional<int64_t>();
    return store::WorkplaceRepo(tx, s, k).UpdateUnit(m.unit, 2, f, 7000);
  });
  ASSERT_TRUE(cleared.ok());
  EXPECT_FALSE(cleared->size_override.has_value());
}

// ----------------------------------------------------------------- employment

TEST_P(WorkplaceRepoTest, EmploymentKeepsHistoryAndOneCurrentRow) {
  Map m = MapWorkplace();
  std::string rosa = NewPerson("Rosa Quintero", "+12025550101", campaign_);
  ASSERT_TRUE(Employ(rosa, m, m.housekeeping, m.days).ok());
  ASSERT_TRUE(Employ(rosa, m, m.laundry, m.nights).ok());
  auto hist = Run<std::vector<store::Employment>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::EmploymentRepo(tx, s).History(rosa);
  });
  ASSERT_TRUE(hist.ok());
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_FALSE((*hist)[0].valid_to_ms.has_value());  // newest first, current
  EXPECT_EQ((*hist)[0].department_id, m.laundry);
  EXPECT_TRUE((*hist)[1].valid_to_ms.has_value());
  EXPECT_EQ((*hist)[1].department_id, m.housekeeping);
  auto owner = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::EmploymentRepo(tx, s).OwnerOfPerson(rosa);
  });
  EXPECT_EQ(owner->unit_id, m.unit);
  EXPECT_EQ(owner->campaign_id, campaign_);
}

TEST_P(WorkplaceRepoTest, EmploymentWithAStaleVersionChangesNothing) {
  Map m = MapWorkplace();
  std::string lee = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Employ(lee, m, m.housekeeping, m.days).ok());
  auto stale = Run<store::Employment>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    store::EmploymentFields f;
    f.worksite_id = m.site_b;
    f.unit_id = m.unit;
    return store::EmploymentRepo(tx, s).Set(lee, 1, f, "user:test", 8000);
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  auto cur = Run<std::optional<store::Employment>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::EmploymentRepo(tx, s).Current(lee);
  });
  EXPECT_EQ((*cur)->worksite_id, m.site_a);
}

TEST_P(WorkplaceRepoTest, EmploymentRefusesAreasOfAnotherUnitOrKind) {
  Map m = MapWorkplace();
  std::string p = NewPerson("Marisol Vega", "", campaign_);
  auto wrong_kind = Run<store::Employment>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    store::EmploymentFields f;
    f.worksite_id = m.site_a;
    f.unit_id = m.unit;
    f.department_id = m.nights;  // a shift, not a department
    return store::EmploymentRepo(tx, s).Set(p, 1, f, "user:test", 8000);
  });
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_EQ(wrong_kind.error().field(), "department_id");
  auto no_unit = Run<store::Employment>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    store::EmploymentFields f;
    f.worksite_id = m.site_a;
    f.shift_id = m.nights;
    return store::EmploymentRepo(tx, s).Set(p, 1, f, "user:test", 8000);
  });
  ASSERT_FALSE(no_unit.ok());
  EXPECT_EQ(no_unit.error().field(), "unit_id");
}

TEST_P(WorkplaceRepoTest, EmploymentBringsACampaignlessPersonInAndRefusesAnotherCampaigns) {
  Map m = MapWorkplace();
  std::string imported = NewPerson("Imported Ada");  // no campaign, as an import leaves it
  ASSERT_TRUE(Employ(imported, m, m.housekeeping, m.days).ok());
  auto owner = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::EmploymentRepo(tx, s).OwnerOfPerson(imported);
  });
  EXPECT_EQ(owner->campaign_id, campaign_);
  std::string copper = NewCampaign(org_, "Copper Kettle Coffee");
  std::string marcus = NewPerson("Marcus Bell", "+12025550111", copper);
  Status refused = Employ(marcus, m, m.housekeeping, m.days);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field(), "unit_id");
}

TEST_P(WorkplaceRepoTest, EndingEmploymentTakesThePersonOffTheChart) {
  Map m = MapWorkplace();
  std::string p = NewPerson("Tomas Reyes", "", campaign_);
  ASSERT_TRUE(Employ(p, m, m.housekeeping, m.days).ok());
  auto ended = Run<int64_t>([&](Tx& tx, const Scope& s, const OrgKeys&) -> Result<int64_t> {
    store::EmploymentRepo e(tx, s);
    auto v = e.Version(p);
    if (!v) return v.error();
    if (Status x = e.End(p, *v, 9000); !x) return x.error();
    auto again = e.End(p, *v + 1, 9000);
    if (again.ok() || again.error().code() != ErrorCode::kConflict) return Error::Internal("ended twice");
    return e.Version(p);
  });
  ASSERT_TRUE(ended.ok()) << ended.error().message();
  EXPECT_EQ(*ended, 3);  // 1 + one row + one closed row: the version only grows
  auto roster = Run<store::UnitRoster>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::LoadUnitRoster(tx, s, k, m.unit, "", false);
  });
  ASSERT_TRUE(roster.ok());
  EXPECT_TRUE(roster->workers.empty());
}

TEST_P(WorkplaceRepoTest, ConcurrentEmploymentWritersOnlyOneWins) {
  Map m = MapWorkplace();
  std::string p = NewPerson("Dana Whitfield", "", campaign_);
  std::atomic<int> won{0}, stale{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&, i] {
      auto r = Run<store::Employment>([&](Tx& tx, const Scope& s, const OrgKeys&) {
        store::EmploymentFields f;
        f.worksite_id = i % 2 ? m.site_a : m.site_b;
        f.unit_id = m.unit;
        return store::EmploymentRepo(tx, s).Set(p, 1, f, "user:t" + std::to_string(i), 9000 + i);
      });
      if (r.ok()) ++won;
      else if (r.error().code() == ErrorCode::kPreconditionFailed) ++stale;
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(stale.load(), 3);
  auto hist = Run<std::vector<store::Employment>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::EmploymentRepo(tx, s).History(p);
  });
  EXPECT_EQ(hist->size(), 1u);
}

// ---------------------------------------------------------------- connections

TEST_P(WorkplaceRepoTest, MutualConnectionsAreOneRowPerPairInfluenceIsDirected) {
  std::string a = NewPerson("Ana Lindqvist", "", campaign_), b = NewPerson("Sam Dufresne", "", campaign_);
  auto add = [&](const std::string& x, const std::string& y, store::ConnectionKind k) {
    return Run<store::Connection>([&](Tx& tx, const Scope& s, const OrgKeys&) {
      return store::ConnectionRepo(tx, s).Add(x, y, k, "user:test", 10000);
    });
  };
  ASSERT_TRUE(add(a, b, store::ConnectionKind::kFriend).ok());
  auto again = add(b, a, store::ConnectionKind::kFriend);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_TRUE(add(a, b, store::ConnectionKind::kInfluences).ok());
  EXPECT_TRUE(add(b, a, store::ConnectionKind::kInfluences).ok());
  auto self = add(a, a, store::ConnectionKind::kCarpool);
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().field(), "other_person_id");
  auto of_b = Run<std::vector<store::Connection>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::ConnectionRepo(tx, s).OfPerson(b);
  });
  ASSERT_EQ(of_b->size(), 3u);
  ASSERT_TRUE(Run<int>([&](Tx& tx, const Scope& s, const OrgKeys&) -> Result<int> {
    if (Status r = store::ConnectionRepo(tx, s).Remove((*of_b)[0].id); !r) return r.error();
    return 0;
  }).ok());
  auto removed = Run<int>([&](Tx& tx, const Scope& s, const OrgKeys&) -> Result<int> {
    if (Status r = store::ConnectionRepo(tx, s).Remove((*of_b)[0].id); !r) return r.error();
    return 0;
  });
  EXPECT_EQ(removed.error().code(), ErrorCode::kNotFound);
}

TEST_P(WorkplaceRepoTest, ConnectionToAnotherOrgsPersonIsNotFound) {
  std::string other = NewOrg("other-connections");
  std::string theirs = NewPerson("Olu Otherorg", "", "", "en", other);
  std::string mine = NewPerson("Kim Nakamura", "", campaign_);
  auto c = Run<store::Connection>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::ConnectionRepo(tx, s).Add(mine, theirs, store::ConnectionKind::kFamily, "user:test", 10000);
  });
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kNotFound);
}

// ------------------------------------------------------------------ committee

// RULE R20: no supervisors on the organizing committee.
TEST_P(WorkplaceRepoTest, CommitteeRefusesASupervisor) {
  Map m = MapWorkplace();
  std::string boss = NewPerson("Pat Supervisor", "", campaign_);
  ASSERT_TRUE(Employ(boss, m, m.housekeeping, m.days, true).ok());
  auto added = Run<store::CommitteeMember>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::CommitteeRepo(tx, s).Add(campaign_, boss, "committee", "2025-01-10", 11000);
  });
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(added.error().field(), "person_id");
}

TEST_P(WorkplaceRepoTest, CommitteeMembershipEndsAndKeepsHistory) {
  Map m = MapWorkplace();
  std::string rosa = NewPerson("Rosa Quintero", "", campaign_);
  ASSERT_TRUE(Employ(rosa, m, m.housekeeping, m.days).ok());
  auto add = [&]() {
    return Run<store::CommitteeMember>([&](Tx& tx, const Scope& s, const OrgKeys&) {
      return store::CommitteeRepo(tx, s).Add(campaign_, rosa, "committee", "2025-01-10", 11000);
    });
  };
  auto first = add();
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto dup = add();
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  auto early = Run<store::CommitteeMember>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::CommitteeRepo(tx, s).End(first->id, 1, "2024-12-31", 12000);
  });
  EXPECT_EQ(early.error().field(), "until_on");
  auto ended = Run<store::CommitteeMember>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::CommitteeRepo(tx, s).End(first->id, 1, "2025-06-30", 12000);
  });
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->until_on, "2025-06-30");
  EXPECT_TRUE(add().ok());  // rejoined
  auto all = Run<std::vector<store::CommitteeMember>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::CommitteeRepo(tx, s).OfCampaign(campaign_, true);
  });
  EXPECT_EQ(all->size(), 2u);
  auto current = Run<std::vector<store::CommitteeMember>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::CommitteeRepo(tx, s).OfCampaign(campaign_, false);
  });
  EXPECT_EQ(current->size(), 1u);
}

// ---------------------------------------------------------------------- cards

TEST_P(WorkplaceRepoTest, CardNeedsAWorkerOnTheChartAndAnESignatureItsEvidence) {
  Map m = MapWorkplace();
  std::string off_chart = NewPerson("Not Employed", "", campaign_);
  std::string on_chart = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Employ(on_chart, m, m.housekeeping, m.days).ok());
  auto add = [&](const store::NewCard& c) {
    return Run<store::CardRecord>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return store::CardRepo(tx, s, k).Add(m.unit, c, "user:test", 13000);
    });
  };
  store::NewCard c;
  c.person_id = off_chart;
  c.signed_on = "2025-02-03";
  c.method = "paper_photo";
  EXPECT_EQ(add(c).error().field(), "person_id");
  c.person_id = on_chart;
  c.method = "e_signature";
  EXPECT_EQ(add(c).error().field(), "signed_at");
  c.signed_at_ms = 1738600000000;
  EXPECT_EQ(add(c).error().field(), "evidence_hash");
  c.evidence_hash = "9f2c0d";
  c.note = "Signed at the break room, facts only";
  auto ok = add(c);
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  EXPECT_EQ(ok->note, "Signed at the break room, facts only");
  auto owner = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::CardRepo(tx, s, k).OwnerOfCard(ok->id);
  });
  EXPECT_EQ(owner->unit_id, m.unit);
}

// RULE R2: there is no undated card to store: the schema refuses one.
TEST_P(WorkplaceRepoTest, TheSchemaRefusesAnUndatedCard) {
  Map m = MapWorkplace();
  std::string p = NewPerson("Lee Okafor", "", campaign_);
  Status s = db_->Transact([&](Tx& tx) -> Status {
    Result<int64_t> n = tx.Exec(
        "INSERT INTO cards (org_id, id, person_id, unit_id, signed_on, method, recorded_by, created_at_ms, updated_at_ms) "
        "VALUES ($1, $2, $3, $4, NULL, 'paper_photo', 'x', 1, 1)",
        {org_, store::NewId(), p, m.unit});
    if (!n) return n.error();
    return Ok();
  }, store::TxMode::kWrite, org_);
  EXPECT_FALSE(s.ok());
}

TEST_P(WorkplaceRepoTest, RevokedCardStopsCountingFromItsDate) {
  Map m = MapWorkplace();
  std::string p = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Employ(p, m, m.housekeeping, m.days).ok());
  auto card = Run<store::CardRecord>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    store::NewCard c;
    c.person_id = p;
    c.signed_on = "2025-02-03";
    c.method = "paper_photo";
    c.evidence_hash = "ab12";
    return store::CardRepo(tx, s, k).Add(m.unit, c, "user:test", 13000);
  });
  ASSERT_TRUE(card.ok());
  auto before_signing = Run<store::CardRecord>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::CardRepo(tx, s, k).Revoke(card->id, 1, "2025-01-01", 14000);
  });
  EXPECT_EQ(before_signing.error().field(), "revoked_on");
  auto revoked = Run<store::CardRecord>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::CardRepo(tx, s, k).Revoke(card->id, 1, "2025-05-01", 14000);
  });
  ASSERT_TRUE(revoked.ok());
  auto twice = Run<store::CardRecord>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::CardRepo(tx, s, k).Revoke(card->id, 2, "2025-05-02", 14000);
  });
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
  // As of April the card still counted; as of May it does not.
  EXPECT_FALSE(store::ToCoreCard(*revoked, "2025-04-30").revoked);
  EXPECT_TRUE(store::ToCoreCard(*revoked, "2025-05-01").revoked);
}

// RULE R3: a card older than 12 months is flagged stale and still counted.
TEST_P(WorkplaceRepoTest, StaleCardFromTheStoreIsCountedAndFlagged) {
  Map m = MapWorkplace();
  std::string p = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Employ(p, m, m.housekeeping, m.days).ok());
  auto card = Run<store::CardRecord>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    store::NewCard c;
    c.person_id = p;
    c.signed_on = "2023-01-15";
    c.method = "paper_photo";
    return store::CardRepo(tx, s, k).Add(m.unit, c, "user:test", 13000);
  });
  ASSERT_TRUE(card.ok());
  std::vector<core::Card> cards = {store::ToCoreCard(*card, "2025-03-01")};
  auto showing = core::TallyShowing(cards, 1, core::Date{std::chrono::year{2025}, std::chrono::March, std::chrono::day{1}});
  ASSERT_TRUE(showing.ok());
  EXPECT_EQ(showing->counted, 1);
  EXPECT_EQ(showing->stale, 1);
}

// ------------------------------------------------------------ structure tests

// RULE R21: a structure test records its target per group and who took part.
TEST_P(WorkplaceRepoTest, StructureTestKeepsTargetsAndParticipation) {
  Map m = MapWorkplace();
  std::string a = NewPerson("Rosa Quintero", "", campaign_), b = NewPerson("Lee Okafor", "", campaign_);
  std::string outsider = NewPerson("Not On Chart", "", campaign_);
  ASSERT_TRUE(Employ(a, m, m.housekeeping, m.days).ok());
  ASSERT_TRUE(Employ(b, m, m.laundry, m.nights).ok());
  auto t = Run<store::StructureTestRecord>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::StructureTestRepo(tx, s).Create(m.unit, core::StructureTestKind::kStickerDay, "Button day",
                                                  "2025-04-02", 60, {{core::TestGroupKind::kShift, "Nights", 50}}, 15000);
  });
  ASSERT_TRUE(t.ok()) << t.error().message();
  ASSERT_EQ(t->targets.size(), 1u);
  EXPECT_EQ(t->targets[0].percent, 50);
  auto record = [&](const std::string& person, bool took_part) {
    return Run<int>([&](Tx& tx, const Scope& s, const OrgKeys&) -> Result<int> {
      store::Participation p{person, took_part, "Loading dock", "user:test", 0};
      if (Status r = store::StructureTestRepo(tx, s).Record(t->id, p, 16000); !r) return r.error();
      return 0;
    });
  };
  ASSERT_TRUE(record(a, true).ok());
  ASSERT_TRUE(record(a, false).ok());  // corrected: replaces, not duplicates
  ASSERT_TRUE(record(b, true).ok());
  auto off = record(outsider, true);
  ASSERT_FALSE(off.ok());
  EXPECT_EQ(off.error().field(), "person_id");
  auto parts = Run<std::vector<store::Participation>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::StructureTestRepo(tx, s).ParticipationOf(t->id);
  });
  ASSERT_EQ(parts->size(), 2u);
  int took = 0;
  for (const auto& p : *parts) took += p.participated ? 1 : 0;
  EXPECT_EQ(took, 1);
  auto owner = Run<store::Owner>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::StructureTestRepo(tx, s).OwnerOfTest(t->id);
  });
  EXPECT_EQ(owner->unit_id, m.unit);
}

// ---------------------------------------------------------------- read models

TEST_P(WorkplaceRepoTest, RosterLoadsTheUnitAndNamesOnlyWhenAsked) {
  Map m = MapWorkplace();
  std::string rosa = NewPerson("Rosa Quintero", "+12025550101", campaign_, "es");
  std::string lee = NewPerson("Lee Okafor", "+12025550102", campaign_);
  std::string elsewhere = NewPerson("Not On Unit", "", campaign_);
  ASSERT_TRUE(Employ(rosa, m, m.housekeeping, m.days).ok());
  ASSERT_TRUE(Employ(lee, m, m.laundry, m.nights).ok());
  ASSERT_TRUE(Run<int>([&](Tx& tx, const Scope& s, const OrgKeys& k) -> Result<int> {
    store::ConnectionRepo c(tx, s);
    if (auto x = c.Add(rosa, lee, store::ConnectionKind::kCarpool, "user:test", 1); !x) return x.error();
    if (auto x = c.Add(rosa, elsewhere, store::ConnectionKind::kFamily, "user:test", 1); !x) return x.error();
    auto scale = store::AssessmentRepo(tx, s, k).DefaultScale(1);
    if (!scale) return scale.error();
    if (auto x = store::AssessmentRepo(tx, s, k).Add(rosa, scale->id, 1, 1000, core::AssessmentSource::kHuman,
                                                     "user:test", "", 1);
        !x) {
      return x.error();
    }
    if (auto x = store::CommitteeRepo(tx, s).Add(campaign_, rosa, "committee", "2025-01-01", 1); !x) return x.error();
    return 0;
  }).ok());
  auto scale = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).DefaultScale(1);
  });
  auto named = Run<store::UnitRoster>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::LoadUnitRoster(tx, s, k, m.unit, scale->id, true);
  });
  ASSERT_TRUE(named.ok()) << named.error().message();
  ASSERT_EQ(named->workers.size(), 2u);
  EXPECT_EQ(named->departments, (std::vector<std::string>{"Housekeeping", "Laundry"}));
  EXPECT_EQ(named->shifts, (std::vector<std::string>{"Days", "Nights"}));
  bool saw_rosa = false;
  for (const auto& w : named->workers) {
    if (w.person_id != rosa) continue;
    saw_rosa = true;
    EXPECT_EQ(w.name, "Rosa Quintero");
    EXPECT_EQ(w.phone, "+12025550101");
    EXPECT_EQ(w.department, "Housekeeping");
    EXPECT_EQ(w.shift, "Days");
    EXPECT_EQ(w.worksite, "Harbor View Hotel");
    EXPECT_EQ(w.preferred_language, "es");
  }
  EXPECT_TRUE(saw_rosa);
  EXPECT_EQ(named->assessments[rosa].size(), 1u);
  EXPECT_EQ(named->committee[rosa], "committee");
  ASSERT_EQ(named->connections.size(), 1u);  // the family tie leaves the unit: not on the chart
  EXPECT_EQ(named->connections[0].kind, store::ConnectionKind::kCarpool);
  auto bare = Run<store::UnitRoster>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::LoadUnitRoster(tx, s, k, m.unit, scale->id, false);
  });
  ASSERT_TRUE(bare.ok());
  for (const auto& w : bare->workers) {
    EXPECT_EQ(w.name, "");
    EXPECT_EQ(w.phone, "");
  }
  EXPECT_TRUE(bare->connections.empty());
}

TEST_P(WorkplaceRepoTest, RollupLoadsEveryShopOfTheEmployer) {
  Map m = MapWorkplace();
  std::string a = NewPerson("Rosa Quintero", "", campaign_), b = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Employ(a, m, m.housekeeping, m.days).ok());
  ASSERT_TRUE(Employ(b, m, m.laundry, m.nights, true).ok());
  auto data = Run<store::EmployerRollupData>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::LoadEmployerRollup(tx, s, k, m.employer, "");
  });
  ASSERT_TRUE(data.ok()) << data.error().message();
  ASSERT_EQ(data->sites.size(), 2u);
  EXPECT_EQ(data->sites[0].unit_names, (std::vector<std::string>{"Housekeeping and laundry"}));
  ASSERT_EQ(data->workers.size(), 2u);
  int supervisors = 0;
  for (const auto& w : data->workers) supervisors += w.supervisor ? 1 : 0;
  EXPECT_EQ(supervisors, 1);
}

// The rollup reads only each worker's newest second of assessments (what
// the effective assessment can be, R18): the answer is the full history's.
// A rule record 0.8 s after a human one is the same second: the human wins.
TEST_P(WorkplaceRepoTest, RollupReadsOnlyTheNewestSecondAndKeepsTheEffectiveAssessment) {
  Map m = MapWorkplace();
  std::string a = NewPerson("Rosa Quintero", "", campaign_), b = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Employ(a, m, m.housekeeping, m.days).ok());
  ASSERT_TRUE(Employ(b, m, m.laundry, m.nights).ok());
  auto scale = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).DefaultScale(5000);
  });
  ASSERT_TRUE(scale.ok());
  struct Add {
    std::string person;
    int64_t value, at_ms;
    core::AssessmentSource source;
  };
  const int64_t t = 1'700'000'000'000;
  for (const Add& x : {Add{a, 5, t - 90'000'000, core::AssessmentSource::kHuman},
                       Add{a, 3, t + 100, core::AssessmentSource::kHuman}, Add{a, 2, t + 900, core::AssessmentSource::kRule},
                       Add{b, 4, t - 5'000, core::AssessmentSource::kHuman}, Add{b, 1, t, core::AssessmentSource::kHuman}}) {
    auto r = Run<store::Assessment>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return store::AssessmentRepo(tx, s, k).Add(x.person, scale->id, x.value, x.at_ms, x.source, "user:test", "", t);
    });
    ASSERT_TRUE(r.ok()) << r.error().message();
  }
  auto data = Run<store::EmployerRollupData>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::LoadEmployerRollup(tx, s, k, m.employer, scale->id);
  });
  ASSERT_TRUE(data.ok()) << data.error().message();
  EXPECT_EQ(data->assessments.at(a).size(), 2u) << "the human and the rule record of the newest second";
  EXPECT_EQ(data->assessments.at(b).size(), 1u);
  for (const std::string& p : {a, b}) {
    auto full = Run<std::vector<store::Assessment>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return store::AssessmentRepo(tx, s, k).History(p, scale->id);
    });
    ASSERT_TRUE(full.ok());
    std::vector<core::AssessmentRecord> all = store::ToRecords(*full);
    auto want = core::EffectiveAssessment(all, scale->scale);
    auto got = core::EffectiveAssessment(data->assessments.at(p), scale->scale);
    ASSERT_TRUE(want.ok() && got.ok() && *want && *got);
    EXPECT_EQ(data->assessments.at(p)[**got].value, all[**want].value);
    EXPECT_EQ(data->assessments.at(p)[**got].source, all[**want].source);
  }
  EXPECT_EQ(data->assessments.at(a)[**core::EffectiveAssessment(data->assessments.at(a), scale->scale)].value, 3)
      << "R18: in the same second, the human judgment stands";
}

// Key rotation reaches the sealed columns of 0008 too.
TEST_P(WorkplaceRepoTest, ReencryptMovesSealedColumnsToTheNewestKey) {
  Map m = MapWorkplace();
  ASSERT_TRUE(db_->Transact([&](Tx& tx) -> Status {
    auto id = keys_->AddDataKey(tx, org_, 20000);
    if (!id) return id.error();
    return Ok();
  }, store::TxMode::kWrite, org_).ok());
  keys_->Forget(org_);
  auto changed = Run<int64_t>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::ReencryptWorkplaceBatch(tx, s, k, 100);
  });
  ASSERT_TRUE(changed.ok()) << changed.error().message();
  EXPECT_EQ(*changed, 1);  // the one worksite with an address
  auto again = Run<int64_t>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::ReencryptWorkplaceBatch(tx, s, k, 100);
  });
  EXPECT_EQ(*again, 0);
  auto site = Run<store::Worksite>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetWorksite(m.site_a);
  });
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->address, "100 Example Quay, Springfield");
}

// ------------------------------------------------------------ incorrect usage

TEST_P(WorkplaceRepoTest, MalformedIdsAreNotFoundNeverADatabaseError) {
  auto e = Run<store::Employer>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetEmployer("not-a-uuid'; DROP TABLE employers;--");
  });
  EXPECT_EQ(e.error().code(), ErrorCode::kNotFound);
  auto c = Run<store::Employer>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).CreateEmployer("nope", "X", 1);
  });
  EXPECT_EQ(c.error().code(), ErrorCode::kNotFound);
  auto h = Run<std::vector<store::Employment>>([&](Tx& tx, const Scope& s, const OrgKeys&) {
    return store::EmploymentRepo(tx, s).History("zzz");
  });
  EXPECT_EQ(h.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace hotshop::testing
