// SPDX-License-Identifier: AGPL-3.0-or-later
// TestDb: a fresh, empty database for one test, on SQLite (a temp file) or
// PostgreSQL (a new database in the cluster that `make test` started, named
// by $HOTSHOP_TEST_PG_ADMIN_URL). Store and API tests are TEST_P over
// TestDbKinds(), so one body runs on both (style.md item 10).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace hotshop::testing {

enum class DbKind { kSqlite, kPostgres };

// SQLite always; PostgreSQL when $HOTSHOP_TEST_PG_ADMIN_URL is set (make
// test always sets it).
std::vector<DbKind> TestDbKinds();
std::string DbKindName(DbKind k);

class TestDb {
 public:
  explicit TestDb(DbKind kind);
  ~TestDb();
  TestDb(const TestDb&) = delete;
  TestDb& operator=(const TestDb&) = delete;

  // The owner's URL (runs migrations; the superuser on PostgreSQL).
  const std::string& url() const { return url_; }
  // The URL `serve` uses: the non-owner app role on PostgreSQL (RLS applies).
  const std::string& app_url() const { return app_url_; }
  DbKind kind() const { return kind_; }
  // A directory removed with the database.
  const std::string& dir() const { return dir_; }
  // A new connection pool to this database (owner).
  std::unique_ptr<store::Database> Open(int pool = 2) const;
  // Opens and applies all migrations.
  std::unique_ptr<store::Database> OpenMigrated(int pool = 2) const;

 private:
  DbKind kind_;
  std::string dir_;
  std::string url_;
  std::string app_url_;
  std::string pg_name_;
};

// A fresh temp directory (removed by the caller or left for inspection).
std::string MakeTempDir(const std::string& prefix);

}  // namespace hotshop::testing
