// SPDX-License-Identifier: AGPL-3.0-or-later
// Campaign repository: scoping, optimistic concurrency and transactions, on
// both databases.
#include "store/campaign_repo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/ids.h"
#include "store/org_repo.h"
#include "store_test_base.h"

namespace hotshop::testing {
namespace {

using store::Campaign;
using store::CampaignRepo;
using store::Scope;

class CampaignRepoTest : public StoreTest {
 protected:
  std::string NewOrg(const std::string& slug) {
    auto org = store::TransactValue<store::Org>(*db_, [&](store::Tx& tx) {
      return store::CreateOrg(tx, slug, slug + " org", 1000);
    });
    EXPECT_TRUE(org.ok());
    return org->id;
  }
  Result<Campaign> Create(const std::string& org, const std::string& name) {
    Scope scope = Scope::ForOrg(org);
    return store::TransactValue<Campaign>(*db_, [&](store::Tx& tx) {
      return CampaignRepo(tx, scope).Create(name, 2000);
    }, store::TxMode::kWrite, org);
  }
  Result<Campaign> Get(const std::string& org, const std::string& id) {
    Scope scope = Scope::ForOrg(org);
    return store::TransactValue<Campaign>(*db_, [&](store::Tx& tx) {
      return CampaignRepo(tx, scope).Get(id);
    }, store::TxMode::kRead, org);
  }
  Result<Campaign> Rename(const std::string& org, const std::string& id, int64_t version, const std::string& name) {
    Scope scope = Scope::ForOrg(org);
    store::CampaignChanges ch;
    ch.name = name;
    return store::TransactValue<Campaign>(*db_, [&](store::Tx& tx) {
      return CampaignRepo(tx, scope).Update(id, version, ch, 3000);
    }, store::TxMode::kWrite, org);
  }
};
HOTSHOP_ON_BOTH_DATABASES(CampaignRepoTest);

TEST_P(CampaignRepoTest, CreateThenGet) {
  std::string org = NewOrg("local-1");
  auto c = Create(org, "Harbor View Hotel");
  ASSERT_TRUE(c.ok()) << c.error().message();
  auto got = Get(org, c->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Harbor View Hotel");
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(c->id[14], '7');  // UUIDv7
}

TEST_P(CampaignRepoTest, AnotherOrgSeesNotFoundExactlyLikeMissing) {
  std::string a = NewOrg("org-a"), b = NewOrg("org-b");
  auto c = Create(a, "Secret drive");
  ASSERT_TRUE(c.ok());
  auto from_b = Get(b, c->id);
  auto missing = Get(b, store::NewId());
  ASSERT_FALSE(from_b.ok());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(from_b.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(from_b.error().message(), missing.error().message());
}

TEST_P(CampaignRepoTest, StaleVersionChangesNothing) {
  std::string org = NewOrg("local-2");
  auto c = Create(org, "Before");
  ASSERT_TRUE(c.ok());
  auto first = Rename(org, c->id, 1, "First writer");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->version, 2);
  auto second = Rename(org, c->id, 1, "Second writer, stale");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kPreconditionFailed);
  auto now = Get(org, c->id);
  EXPECT_EQ(now->name, "First writer");
  EXPECT_EQ(now->version, 2);
}

TEST_P(CampaignRepoTest, FailedTransactionWritesNothing) {
  std::string org = NewOrg("local-3");
  Scope scope = Scope::ForOrg(org);
  std::string id;
  Status s = db_->Transact([&](store::Tx& tx) -> Status {
    auto c = CampaignRepo(tx, scope).Create("Will roll back", 1);
    if (!c) return c.error();
    id = c->id;
    return Error::InvalidInput("x", "abort on purpose");
  }, store::TxMode::kWrite, org);
  ASSERT_FALSE(s.ok());
  EXPECT_FALSE(Get(org, id).ok());
}

TEST_P(CampaignRepoTest, ConcurrentWritersOnlyOneWinsEachVersion) {
  // conn2-style race: many threads update from the same version; exactly one wins.
  std::string org = NewOrg("local-4");
  auto c = Create(org, "Race");
  ASSERT_TRUE(c.ok());
  std::atomic<int> won{0}, stale{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&, i] {
      auto r = Rename(org, c->id, 1, "writer " + std::to_string(i));
      if (r.ok()) ++won;
      else if (r.error().code() == ErrorCode::kPreconditionFailed) ++stale;
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(stale.load(), 3);
  EXPECT_EQ(Get(org, c->id)->version, 2);
}

TEST_P(CampaignRepoTest, DuplicateOrgSlugIsAConflictNamingTheField) {
  NewOrg("same");
  auto again = store::TransactValue<store::Org>(*db_, [&](store::Tx& tx) {
    return store::CreateOrg(tx, "same", "again", 1);
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.error().field(), "slug");
}

}  // namespace
}  // namespace hotshop::testing
