// SPDX-License-Identifier: AGPL-3.0-or-later
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "cli/provision.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/org_repo.h"

namespace hotshop::cli {

int RunUser(const Flags& flags) {
  if (flags.positionals().empty() || flags.positionals()[0] != "add") {
    Fail("user", "say what to do: `hotshop user add --org SLUG --email E --name N --role ROLE`");
    return 2;
  }
  for (const char* required : {"org", "email", "name", "role"}) {
    if (!flags.Has(required)) {
      Fail("user", std::string("--") + required + " is required (run `hotshop user --help`)");
      return 2;
    }
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("user", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  Result<NewUser> u = ProvisionUser(*db, keys, *flags.Get("org"), *flags.Get("email"), *flags.Get("name"),
                                    *flags.Get("role"), flags.GetOr("campaign", ""), store::NowMillis(),
                                    flags.GetOr("unit", ""));
  if (!u) {
    Fail("user", u.error().message());
    return 1;
  }
  std::cout << "hotshop user: " << *flags.Get("email") << " is " << *flags.Get("role") << " in " << *flags.Get("org")
            << "\n";
  if (!u->one_time_password.empty()) {
    std::cout << "  one-time password: " << u->one_time_password << "\n"
              << "  (give it to them in person; they set their own password and two-factor at first sign-in)\n";
  } else {
    std::cout << "  (an existing account: they sign in with their own password)\n";
  }
  return 0;
}

int RunAudit(const Flags& flags) {
  if (flags.positionals().empty() || flags.positionals()[0] != "verify") {
    Fail("audit", "say what to do: `hotshop audit verify`");
    return 2;
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  int broken_chains = 0;
  Status s = db->Transact([&](store::Tx& tx) -> Status {
    Result<store::Rows> orgs = flags.Has("org") ? tx.Query("SELECT id, slug FROM orgs WHERE slug = $1", {*flags.Get("org")})
                                                : tx.Query("SELECT id, slug FROM orgs ORDER BY slug");
    if (!orgs) return orgs.error();
    if (orgs->empty()) return Error::NotFound("no such organization");
    for (const auto& o : *orgs) {
      if (Status x = tx.SetOrg(o.Text(0)); !x) return x;
      Result<std::optional<int64_t>> broken = store::VerifyAudit(tx, o.Text(0));
      if (!broken) return broken.error();
      if (*broken) {
        ++broken_chains;
        std::cout << o.Text(1) << ": ALTERED at seq " << **broken << "\n";
      } else {
        Result<store::Rows> n = tx.Query("SELECT count(*) FROM audit_events WHERE org_id = $1", {o.Text(0)});
        if (!n) return n.error();
        std::cout << o.Text(1) << ": ok (" << (*n)[0].Int(0) << " events)\n";
      }
    }
    return Ok();
  }, store::TxMode::kRead);
  if (!s) {
    Fail("audit", s.error().message());
    return 1;
  }
  return broken_chains == 0 ? 0 : 1;
}

}  // namespace hotshop::cli
