// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreTest: a TEST_P fixture whose parameter is the database kind, so one
// test body runs on SQLite and on PostgreSQL.
#pragma once

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace hotshop::testing {

class StoreTest : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    test_db_ = std::make_unique<TestDb>(GetParam());
    db_ = test_db_->OpenMigrated(4);
  }
  void TearDown() override {
    db_.reset();
    test_db_.reset();
  }
  std::unique_ptr<TestDb> test_db_;
  std::unique_ptr<store::Database> db_;
};

inline std::string DbParamName(const ::testing::TestParamInfo<DbKind>& info) {
  return DbKindName(info.param);
}

#define HOTSHOP_ON_BOTH_DATABASES(Fixture)                                                    \
  INSTANTIATE_TEST_SUITE_P(Db, Fixture, ::testing::ValuesIn(::hotshop::testing::TestDbKinds()), \
                           ::hotshop::testing::DbParamName)

}  // namespace hotshop::testing
