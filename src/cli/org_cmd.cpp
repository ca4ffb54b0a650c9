// SPDX-License-Identifier: AGPL-3.0-or-later
// `hotshop org add --slug SLUG --name NAME`: adds an organization (a
// tenant) with its own keys, for instances that host several, e.g. a union
// local and the worker center it refers workers to (docs/operators.md
// "Matching and referrals"). Its first admin comes from `hotshop user add`.
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "store/ids.h"
#include "store/key_service.h"
#include "store/org_repo.h"

namespace hotshop::cli {

int RunOrg(const Flags& flags) {
  if (flags.positionals().empty() || flags.positionals()[0] != "add" || !flags.Get("slug") || !flags.Get("name")) {
    Fail("org", "say what to do: `hotshop org add --slug SLUG --name NAME`");
    return 2;
  }
  const std::string slug = *flags.Get("slug");
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') || slug.size() > 40) {
      Fail("org", "--slug takes lowercase letters, digits and '-', at most 40");
      return 2;
    }
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("org", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  const int64_t now = store::NowMillis();
  Status s = db->Transact([&](store::Tx& tx) -> Status {
    Result<store::Org> org = store::CreateOrg(tx, slug, *flags.Get("name"), now);
    if (!org) return org.error();
    return keys.CreateOrgKeys(tx, org->id, now);
  });
  if (!s) {
    Fail("org", s.error().code() == ErrorCode::kConflict ? "an organization already has that short name"
                                                          : s.error().message());
    return 1;
  }
  std::cout << "hotshop org: created organization '" << slug << "'. Add its first admin with `hotshop user add --org "
            << slug << " --role org_admin …`.\n";
  return 0;
}

}  // namespace hotshop::cli
