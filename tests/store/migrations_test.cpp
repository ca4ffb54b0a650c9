// SPDX-License-Identifier: AGPL-3.0-or-later
// Migrations and the schema lint (scale-out.md §3.1), on both databases.
#include "store/migrations.h"

#include <gtest/gtest.h>

#include "store/ids.h"
#include "store/schema_lint.h"
#include "store_test_base.h"

namespace hotshop::testing {
namespace {

using store::Dialect;

class Migrations : public StoreTest {};
HOTSHOP_ON_BOTH_DATABASES(Migrations);

TEST_P(Migrations, FreshDatabaseIsUpToDate) {
  auto st = store::ReadMigrationState(*db_);
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE(st->up_to_date());
  EXPECT_EQ(st->current, st->latest);
  EXPECT_GE(st->latest, 2);
}

TEST_P(Migrations, SecondRunAppliesNothing) {
  auto again = store::ApplyMigrations(*db_, store::NowMillis());
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->empty());
}

TEST_P(Migrations, EmptyDatabaseIsAtZero) {
  TestDb other(GetParam());
  auto db = other.Open();
  auto st = store::ReadMigrationState(*db);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->current, 0);
  EXPECT_FALSE(st->up_to_date());
}

TEST_P(Migrations, SchemaPassesTheLint) {
  auto v = store::LintSchema(*db_);
  ASSERT_TRUE(v.ok()) << v.error().message();
  std::string all;
  for (auto& line : *v) all += line + "\n";
  EXPECT_TRUE(v->empty()) << all;
}

TEST_P(Migrations, BothDatabasesHaveTheSameTablesAndColumns) {
  // The same migrations must yield equivalent schemas: compare the column
  // lists of every registered table against a fixed expectation per table.
  auto cols = store::TransactValue<std::string>(*db_, [](store::Tx& tx) -> Result<std::string> {
    auto kinds = tx.Query("SELECT table_name FROM table_kinds ORDER BY table_name");
    if (!kinds) return kinds.error();
    std::string out;
    for (const auto& k : *kinds) {
      std::string t = k.Text(0);
      auto c = tx.dialect() == Dialect::kSqlite
                   ? tx.Query("SELECT name FROM pragma_table_info($1) ORDER BY cid", {t})
                   : tx.Query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                              "AND table_name = $1 ORDER BY ordinal_position", {t});
      if (!c) return c.error();
      out += t + ":";
      for (const auto& r : *c) out += r.Text(0) + ",";
      out += "\n";
    }
    return out;
  });
  ASSERT_TRUE(cols.ok()) << cols.error().message();
  // Computed once on SQLite; PostgreSQL must match it exactly.
  static std::string first;
  if (first.empty()) first = *cols;
  EXPECT_EQ(*cols, first);
  EXPECT_NE(cols->find("campaigns:org_id,id,name,status,version,"), std::string::npos);
}

// Incorrect usage: the lint must catch what it claims to catch.
TEST_P(Migrations, LintFlagsPlantedViolations) {
  bool pg = db_->dialect() == Dialect::kPostgres;
  std::string uuid = pg ? "uuid" : "TEXT";
  Status s = db_->Transact([&](store::Tx& tx) -> Status {
    for (const std::string& sql : {
             "CREATE TABLE unregistered (id " + uuid + " PRIMARY KEY)",
             "CREATE TABLE bad_pk (id " + uuid + " NOT NULL, org_id " + uuid + " NOT NULL, PRIMARY KEY (id, org_id))",
             "CREATE TABLE no_org (id " + uuid + " NOT NULL PRIMARY KEY)",
             "CREATE TABLE bad_unique (org_id " + uuid + " NOT NULL, id " + uuid +
                 " NOT NULL, email TEXT, PRIMARY KEY (org_id, id))",
             std::string("CREATE UNIQUE INDEX bad_unique_email ON bad_unique (email)"),
             "CREATE TABLE bad_fk (org_id " + uuid + " NOT NULL, id " + uuid + " NOT NULL, campaign_id " + uuid +
                 ", PRIMARY KEY (org_id, id), FOREIGN KEY (campaign_id, org_id) REFERENCES campaigns (org_id, id))",
             "CREATE TABLE null_fk (org_id " + uuid + " NOT NULL, id " + uuid + " NOT NULL, campaign_id " + uuid +
                 ", PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id) ON DELETE SET NULL)",
             std::string("INSERT INTO table_kinds (table_name, kind) VALUES ('bad_pk','tenant'),('no_org','tenant'),"
                         "('bad_unique','tenant'),('bad_fk','tenant'),('null_fk','tenant')"),
         }) {
      if (Status x = tx.ExecScript(sql); !x) return x;
    }
    return Ok();
  });
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto v = store::LintSchema(*db_);
  ASSERT_TRUE(v.ok()) << v.error().message();
  auto has = [&](const std::string& needle) {
    for (auto& line : *v) {
      if (line.find(needle) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("unregistered: not registered"));
  EXPECT_TRUE(has("bad_pk: primary key does not lead with org_id"));
  EXPECT_TRUE(has("no_org: tenant table without org_id"));
  EXPECT_TRUE(has("bad_unique: unique index"));
  EXPECT_TRUE(has("bad_fk → campaigns: tenant→tenant foreign key without an org_id→org_id pair"));
  EXPECT_TRUE(has("null_fk → campaigns: tenant→tenant foreign key ON DELETE SET NULL"));
  if (pg) {
    // Planted after the security step ran, so RLS is missing on them.
    EXPECT_TRUE(has("bad_pk: row-level security not enabled and forced"));
  }
}

}  // namespace
}  // namespace hotshop::testing
