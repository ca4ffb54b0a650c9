// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo data for `hotshop demo`: one organization with a few campaigns and
// an admin account. Invented names and the fictional 555-01xx phone range
// only. Idempotent: a second run finds the org and changes nothing.
#pragma once

#include <string>

#include "core/result.h"
#include "store/key_service.h"
#include "store/database.h"

namespace hotshop::store {

struct DemoResult {
  bool created = false;
  std::string org_slug;
  int campaigns = 0;
  std::string admin_login;
  std::string one_time_password;  // only when created
};

// Creates the demo org (with its keys), campaigns and invented people.
Result<DemoResult> LoadDemoData(Database& db, KeyService& keys, int64_t now_ms);

inline constexpr const char* kDemoAdminEmail = "admin@demo.hotshop.invalid";

}  // namespace hotshop::store
