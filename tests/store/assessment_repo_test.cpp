// SPDX-License-Identifier: AGPL-3.0-or-later
// Assessment scales and assessments in the store (migration 0008), on SQLite
// and PostgreSQL. Rules covered: R18 (0 = not assessed and never support;
// labels configurable; dated snapshots with history; a rule never overrides
// a newer human assessment, read back from the store).
#include "store/assessment_repo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "workplace_test_support.h"

namespace hotshop::testing {
namespace {

using store::OrgKeys;
using store::Scope;
using store::Tx;

class AssessmentRepoTest : public WorkplaceTestBase {
 protected:
  Result<store::Scale> Default() {
    return Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return store::AssessmentRepo(tx, s, k).DefaultScale(1000);
    });
  }
  Result<store::Assessment> Assess(const std::string& person, const std::string& scale, int64_t value, int64_t at_ms,
                                   core::AssessmentSource source = core::AssessmentSource::kHuman,
                                   const std::string& note = "") {
    return Run<store::Assessment>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return store::AssessmentRepo(tx, s, k).Add(person, scale, value, at_ms, source,
                                                 source == core::AssessmentSource::kRule ? "rule:card_signed"
                                                                                         : "user:test",
                                                 note, at_ms);
    });
  }
  Result<std::vector<store::Assessment>> History(const std::string& person, const std::string& scale,
                                                 const std::string& org = "") {
    return Run<std::vector<store::Assessment>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return store::AssessmentRepo(tx, s, k).History(person, scale);
    }, org);
  }
};
HOTSHOP_ON_BOTH_DATABASES(AssessmentRepoTest);

// RULE R18: the default scale is 0-5 with the EWOC labels; made once.
TEST_P(AssessmentRepoTest, DefaultScaleIsMadeOnceWithTheCoreDefaults) {
  auto a = Default();
  ASSERT_TRUE(a.ok()) << a.error().message();
  auto b = Default();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->id, b->id);
  EXPECT_TRUE(a->is_default);
  EXPECT_EQ(a->scale.max_level, 5);
  EXPECT_EQ(a->scale.labels, core::AssessmentScale{}.labels);
  EXPECT_EQ(a->scale.support_levels, (std::vector<int64_t>{1, 2}));
}

TEST_P(AssessmentRepoTest, ConcurrentFirstCallsMakeOneDefault) {
  std::atomic<int> ok{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&] {
      if (Default().ok()) ++ok;
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(ok.load(), 4);
  auto all = Run<std::vector<store::Scale>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).ListScales();
  });
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

// RULE R18: labels are configurable; 0 never counts as support.
TEST_P(AssessmentRepoTest, ScalesAreConfigurableButZeroNeverCounts) {
  core::AssessmentScale three;
  three.max_level = 3;
  three.labels = {"sin evaluar", "con nosotros", "indeciso", "en contra"};
  three.support_levels = {1};
  auto made = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).CreateScale(campaign_, "Escala corta", three, 2000);
  });
  ASSERT_TRUE(made.ok()) << made.error().message();
  EXPECT_EQ(made->campaign_id, campaign_);
  EXPECT_EQ(made->scale.labels[1], "con nosotros");
  core::AssessmentScale bad = three;
  bad.support_levels = {0, 1};
  auto refused = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).CreateScale("", "Zero counts", bad, 2000);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field(), "support_levels");
}

TEST_P(AssessmentRepoTest, RelabellingKeepsTheLevelsAndChecksTheVersion) {
  auto d = Default();
  ASSERT_TRUE(d.ok());
  std::vector<std::string> labels = {"not_assessed", "OC", "yes", "maybe", "leaning no", "no"};
  auto relabelled = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).UpdateScale(d->id, 1, std::nullopt, labels, 3000);
  });
  ASSERT_TRUE(relabelled.ok()) << relabelled.error().message();
  EXPECT_EQ(relabelled->scale.labels[1], "OC");
  EXPECT_EQ(relabelled->version, 2);
  auto short_list = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).UpdateScale(d->id, 2, std::nullopt, std::vector<std::string>{"a", "b"}, 3000);
  });
  ASSERT_FALSE(short_list.ok());
  EXPECT_EQ(short_list.error().field(), "labels");
  auto stale = Run<store::Scale>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).UpdateScale(d->id, 1, std::string("Stale"), std::nullopt, 3000);
  });
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
}

// RULE R18: every assessment is a dated record; the history is kept.
TEST_P(AssessmentRepoTest, HistoryIsKeptInDateOrderWithSealedNotes) {
  auto d = Default();
  std::string rosa = NewPerson("Rosa Quintero", "+12025550101", campaign_);
  ASSERT_TRUE(Assess(rosa, d->id, 3, 5'000'000, core::AssessmentSource::kHuman, "Asked about the wage scale").ok());
  ASSERT_TRUE(Assess(rosa, d->id, 2, 9'000'000).ok());
  ASSERT_TRUE(Assess(rosa, d->id, 4, 1'000'000).ok());  // entered late, dated earliest
  auto h = History(rosa, d->id);
  ASSERT_TRUE(h.ok()) << h.error().message();
  ASSERT_EQ(h->size(), 3u);
  EXPECT_EQ((*h)[0].value, 4);
  EXPECT_EQ((*h)[1].note, "Asked about the wage scale");
  EXPECT_EQ((*h)[2].value, 2);
  auto raw = store::TransactValue<store::Rows>(*db_, [&](Tx& tx) {
    return tx.Query("SELECT note_ct FROM assessments WHERE org_id = $1 AND note_ct IS NOT NULL", {org_});
  }, store::TxMode::kRead, org_);
  ASSERT_EQ(raw->size(), 1u);
  EXPECT_EQ((*raw)[0].Blob(0).find("wage scale"), std::string::npos);
}

// RULE R18: a rule never overrides a newer human assessment (read back from
// the store through core::EffectiveAssessment).
TEST_P(AssessmentRepoTest, RuleNeverOverridesANewerHumanAssessment) {
  auto d = Default();
  std::string lee = NewPerson("Lee Okafor", "", campaign_);
  ASSERT_TRUE(Assess(lee, d->id, 4, 20'000'000).ok());                                 // human, newer
  ASSERT_TRUE(Assess(lee, d->id, 2, 10'000'000, core::AssessmentSource::kRule).ok());  // rule, older fact
  auto h = History(lee, d->id);
  auto eff = core::EffectiveAssessment(store::ToRecords(*h), d->scale);
  ASSERT_TRUE(eff.ok());
  ASSERT_TRUE(eff->has_value());
  EXPECT_EQ((*h)[**eff].value, 4);
  // A rule fired by a newer fact does take effect.
  ASSERT_TRUE(Assess(lee, d->id, 2, 30'000'000, core::AssessmentSource::kRule).ok());
  h = History(lee, d->id);
  eff = core::EffectiveAssessment(store::ToRecords(*h), d->scale);
  EXPECT_EQ((*h)[**eff].value, 2);
  EXPECT_EQ((*h)[**eff].source, core::AssessmentSource::kRule);
}

// ------------------------------------------------------------ incorrect usage

TEST_P(AssessmentRepoTest, ValueOutsideTheScaleIsRefusedNamingTheField) {
  auto d = Default();
  std::string p = NewPerson("Sam Dufresne", "", campaign_);
  auto high = Assess(p, d->id, 6, 1000);
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(high.error().field(), "value");
  EXPECT_EQ(Assess(p, d->id, -1, 1000).error().field(), "value");
  EXPECT_TRUE(History(p, d->id)->empty());
  EXPECT_EQ(Assess(p, "not-a-scale", 1, 1000).error().code(), ErrorCode::kNotFound);
}

TEST_P(AssessmentRepoTest, AnotherOrgCannotReadOrWriteTheHistory) {
  auto d = Default();
  std::string p = NewPerson("Kim Nakamura", "", campaign_);
  ASSERT_TRUE(Assess(p, d->id, 1, 1000).ok());
  std::string other = NewOrg("other-assess");
  auto h = History(p, d->id, other);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code(), ErrorCode::kNotFound);
  auto w = Run<store::Assessment>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::AssessmentRepo(tx, s, k).Add(p, d->id, 5, 2000, core::AssessmentSource::kHuman, "user:x", "", 2000);
  }, other);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(History(p, d->id)->size(), 1u);
}

}  // namespace
}  // namespace hotshop::testing
