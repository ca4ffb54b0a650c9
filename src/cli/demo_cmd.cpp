// SPDX-License-Identifier: AGPL-3.0-or-later
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "cli/provision.h"
#include "store/demo_data.h"
#include "store/ids.h"
#include "store/migrations.h"

namespace hotshop::cli {

int RunDemo(const Flags& flags) {
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  if (Result<std::vector<int>> m = store::ApplyMigrations(*db, store::NowMillis()); !m) {
    Fail("demo", m.error().message());
    return 1;
  }
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("demo", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  Result<store::DemoResult> r = store::LoadDemoData(*db, keys, store::NowMillis());
  if (!r) {
    Fail("demo", r.error().message());
    return 1;
  }
  r->admin_login = store::kDemoAdminEmail;
  if (r->created) {
    Result<NewUser> admin = ProvisionUser(*db, keys, r->org_slug, store::kDemoAdminEmail, "Ade Admin (demo)",
                                          "org_admin", "", store::NowMillis());
    if (!admin) {
      Fail("demo", admin.error().message());
      return 1;
    }
    r->one_time_password = admin->one_time_password;
  }
  if (!r->created) {
    std::cout << "hotshop demo: demo data already present (organization '" << r->org_slug << "').\n";
    if (!r->admin_login.empty()) std::cout << "  admin login: " << r->admin_login << "\n";
    return 0;
  }
  std::cout << "hotshop demo: created organization '" << r->org_slug << "' with " << r->campaigns
            << " campaigns (invented people only).\n"
            << "  admin login:              " << r->admin_login << "\n"
            << "  one-time password:        " << r->one_time_password << "\n"
            << "  (you will set your own password and two-factor code at first sign-in)\n";
  return 0;
}

}  // namespace hotshop::cli
