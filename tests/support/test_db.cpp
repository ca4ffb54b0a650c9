// SPDX-License-Identifier: AGPL-3.0-or-later
#include "support/test_db.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "store/ids.h"
#include "store/migrations.h"

namespace hotshop::testing {
namespace {

const char* PgAdminUrl() {
  const char* u = std::getenv("HOTSHOP_TEST_PG_ADMIN_URL");
  return (u && *u) ? u : nullptr;
}

// Replaces the database name (the path after the last '/') in a URL.
std::string WithDbName(const std::string& url, const std::string& name) {
  auto q = url.find('?');
  std::string base = url.substr(0, q);
  std::string rest = q == std::string::npos ? "" : url.substr(q);
  auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name + rest;
}

// user:password@ for the app role, in place of whatever user the admin URL has.
std::string WithUser(const std::string& url, const std::string& userinfo) {
  auto scheme = url.find("://");
  auto at = url.find('@', scheme + 3);
  auto slash = url.find('/', scheme + 3);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    return url.substr(0, scheme + 3) + userinfo + url.substr(at);
  }
  return url.substr(0, scheme + 3) + userinfo + "@" + url.substr(scheme + 3);
}

}  // namespace

std::vector<DbKind> TestDbKinds() {
  std::vector<DbKind> k{DbKind::kSqlite};
  if (PgAdminUrl()) k.push_back(DbKind::kPostgres);
  return k;
}

std::string DbKindName(DbKind k) { return k == DbKind::kSqlite ? "SQLite" : "PostgreSQL"; }

std::string MakeTempDir(const std::string& prefix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  char* p = mkdtemp(tmpl.data());
  if (!p) throw std::runtime_error("mkdtemp failed");
  return p;
}

TestDb::TestDb(DbKind kind) : kind_(kind) {
  dir_ = MakeTempDir("hotshop-test-");
  if (kind == DbKind::kSqlite) {
    url_ = "sqlite:" + dir_ + "/hotshop.db";
    app_url_ = url_;
    return;
  }
  std::string admin = PgAdminUrl();
  char rnd[9];
  uint8_t b[4];
  randombytes_buf(b, sizeof b);
  std::snprintf(rnd, sizeof rnd, "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
  pg_name_ = std::string("hs_test_") + rnd;
  pqxx::connection c(admin);
  pqxx::nontransaction n(c);
  n.exec("CREATE DATABASE " + pg_name_);
  // The app role logs in with a password; it owns nothing and can't bypass RLS.
  n.exec(
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hotshop_app') THEN "
      "CREATE ROLE hotshop_app LOGIN PASSWORD 'hotshop-test' NOSUPERUSER NOBYPASSRLS; "
      "ELSE ALTER ROLE hotshop_app LOGIN PASSWORD 'hotshop-test'; END IF; END $$");
  url_ = WithDbName(admin, pg_name_);
  app_url_ = WithUser(url_, "hotshop_app:hotshop-test");
}

TestDb::~TestDb() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  if (kind_ == DbKind::kPostgres && !pg_name_.empty()) {
    try {
      pqxx::connection c(PgAdminUrl());
      pqxx::nontransaction n(c);
      n.exec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // The cluster is torn down at the end of make test anyway.
    }
  }
}

std::unique_ptr<store::Database> TestDb::Open(int pool) const {
  auto db = store::OpenDatabase(url_, pool);
  if (!db) throw std::runtime_error(db.error().message());
  return std::move(*db);
}

std::unique_ptr<store::Database> TestDb::OpenMigrated(int pool) const {
  auto db = Open(pool);
  auto r = store::ApplyMigrations(*db, store::NowMillis());
  if (!r) throw std::runtime_error(r.error().message());
  return db;
}

}  // namespace hotshop::testing
