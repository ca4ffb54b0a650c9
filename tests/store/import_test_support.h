// SPDX-License-Identifier: AGPL-3.0-or-later
// ImportTestBase: the StoreTest fixture the contact-import tests share
// (tests/store/import_test.cpp, import_files_test.cpp): an org with keys, a
// file written into the test's directory, ImportCsv with the report captured,
// and reads of what was stored (counts, PersonRepo lookups, decrypted
// details). One body runs on SQLite and on PostgreSQL (store_test_base.h).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "security/field_cipher.h"
#include "security/secret.h"
#include "store/import_engine.h"
#include "store/import_row.h"
#include "store/key_service.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "store_test_base.h"

namespace hotshop::testing {

class ImportTestBase : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    keys_ = std::make_unique<store::KeyService>(security::SecretBytes::Random(32));
    org_ = NewOrg("local-7");
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

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = test_db_->dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<store::ImportSummary> Import(const std::string& path, store::ImportOptions opt = {},
                                      const std::string& org = "") {
    report_.str("");
    store::Scope scope = store::Scope::ForOrg(org.empty() ? org_ : org);
    return store::ImportCsv(*db_, *keys_, scope, path, opt, &report_);
  }

  int64_t Count(const std::string& sql) {
    auto n = store::TransactValue<int64_t>(*db_, [&](store::Tx& tx) -> Result<int64_t> {
      auto r = tx.Query(sql, {org_});
      if (!r) return r.error();
      return (*r)[0].Int(0);
    });
    EXPECT_TRUE(n.ok()) << n.error().message();
    return n.ok() ? *n : -1;
  }
  int64_t People() { return Count("SELECT count(*) FROM people WHERE org_id = $1"); }

  std::vector<store::Person> ByPhone(const std::string& e164) {
    store::Scope scope = store::Scope::ForOrg(org_);
    auto r = store::TransactValue<std::vector<store::Person>>(*db_, [&](store::Tx& tx)
                                                                  -> Result<std::vector<store::Person>> {
      auto k = keys_->ForOrg(tx, org_);
      if (!k) return k.error();
      return store::PersonRepo(tx, scope, **k).FindByPhone(e164);
    }, store::TxMode::kRead, org_);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : std::vector<store::Person>{};
  }

  // Every person of the org, read through PersonRepo::Get, in id order
  // (UUIDv7: the order the import created them).
  std::vector<store::Person> AllPeople() {
    store::Scope scope = store::Scope::ForOrg(org_);
    auto r = store::TransactValue<std::vector<store::Person>>(*db_, [&](store::Tx& tx)
                                                                  -> Result<std::vector<store::Person>> {
      auto k = keys_->ForOrg(tx, org_);
      if (!k) return k.error();
      auto ids = tx.Query("SELECT id FROM people WHERE org_id = $1 ORDER BY id", {org_});
      if (!ids) return ids.error();
      store::PersonRepo repo(tx, scope, **k);
      std::vector<store::Person> out;
      for (const auto& row : *ids) {
        auto p = repo.Get(row.Text(0));
        if (!p) return p.error();
        out.push_back(std::move(*p));
      }
      return out;
    }, store::TxMode::kRead, org_);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : std::vector<store::Person>{};
  }

  // The decrypted details of one person.
  store::Details DetailsOf(const std::string& id) {
    auto d = store::TransactValue<store::Details>(*db_, [&](store::Tx& tx) -> Result<store::Details> {
      auto k = keys_->ForOrg(tx, org_);
      if (!k) return k.error();
      auto r = tx.Query("SELECT details_ct FROM people WHERE org_id = $1 AND id = $2", {org_, id});
      if (!r) return r.error();
      if (r->empty() || (*r)[0].IsNull(0)) return store::Details{};
      auto plain = security::Decrypt((*k)->data, (*r)[0].Blob(0), security::FieldAd{"people", "details", id, org_});
      if (!plain) return plain.error();
      return store::DetailsFromJson(*plain);
    }, store::TxMode::kRead, org_);
    EXPECT_TRUE(d.ok()) << d.error().message();
    return d.ok() ? *d : store::Details{};
  }

  std::unique_ptr<store::KeyService> keys_;
  std::string org_;
  std::ostringstream report_;
};

}  // namespace hotshop::testing
