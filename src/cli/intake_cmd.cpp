// SPDX-License-Identifier: AGPL-3.0-or-later
// `hotshop intake purge|remind`: the intake jobs an operator runs from cron
// or a systemd timer (docs/operators.md "Intake").
//   purge: deletes unresolved intakes past each org's retention (R41),
//     except those on legal hold (R40); audited per intake.
//   remind: records a reminder on every intake past its SLA without a first
//     contact (at most one a day each); audited. The triage page's overdue
//     view shows the same list.
#include <iostream>

#include "cli/commands.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/intake_repo.h"
#include "cli/master_key.h"
#include "store/key_service.h"

namespace hotshop::cli {

int RunIntake(const Flags& flags) {
  if (flags.positionals().empty() || (flags.positionals()[0] != "purge" && flags.positionals()[0] != "remind")) {
    Fail("intake", "say what to do: `hotshop intake purge` or `hotshop intake remind`");
    return 2;
  }
  const bool purge = flags.positionals()[0] == "purge";
  int64_t now = store::NowMillis();
  if (auto at = flags.Get("as-of")) {
    try {
      now = std::stoll(*at);
    } catch (const std::exception&) {
      Fail("intake", "--as-of must be milliseconds since 1970 (UTC)");
      return 2;
    }
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("intake", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  const std::string only = flags.GetOr("org", "");
  Result<store::Rows> orgs = store::TransactValue<store::Rows>(*db, [&](store::Tx& tx) {
    return only.empty() ? tx.Query("SELECT id, slug FROM orgs ORDER BY slug")
                        : tx.Query("SELECT id, slug FROM orgs WHERE slug = $1", {only});
  }, store::TxMode::kRead);
  if (!orgs) {
    Fail("intake", orgs.error().message());
    return 1;
  }
  if (orgs->empty()) {
    Fail("intake", "no organization '" + only + "'");
    return 1;
  }
  for (const store::Row& o : *orgs) {
    const std::string org = o.Text(0);
    store::Scope scope = store::Scope::ForOrg(org);
    int64_t held = 0;
    Result<std::vector<std::string>> done = store::TransactValue<std::vector<std::string>>(
        *db, [&](store::Tx& tx) -> Result<std::vector<std::string>> {
          Result<store::IntakeSettings> settings = store::GetIntakeSettings(tx, scope);
          if (!settings) return settings.error();
          Result<std::vector<std::string>> ids = std::vector<std::string>{};
          if (purge) {
            auto k = keys.ForOrg(tx, org);
            if (!k) return k.error();
            ids = store::IntakeRepo(tx, scope, **k).PurgeExpired(settings->retention_days, now, &held);
          } else {
            ids = store::RemindOverdueIntakes(tx, scope, settings->sla_hours, 24 * 3600 * 1000, now);
          }
          if (!ids) return ids.error();
          for (const std::string& id : *ids) {
            Result<int64_t> seq = store::AppendAudit(tx, org, "system:cli", purge ? "intake.purged" : "intake.reminder",
                                                     "intake:" + id, "allowed", now);
            if (!seq) return seq.error();
          }
          if (purge && held > 0) {
            Result<int64_t> seq = store::AppendAudit(tx, org, "system:cli", "intake.purge_held",
                                                     "count:" + std::to_string(held), "allowed", now);
            if (!seq) return seq.error();
          }
          return ids;
        },
        store::TxMode::kWrite, org);
    if (!done) {
      Fail("intake", done.error().message());
      return 1;
    }
    if (purge) {
      std::cout << "hotshop intake: " << o.Text(1) << ": purged " << done->size() << " unresolved requests past retention; "
                << held << " kept by a legal hold\n";
    } else {
      std::cout << "hotshop intake: " << o.Text(1) << ": reminded " << done->size() << " overdue requests\n";
    }
  }
  return 0;
}

}  // namespace hotshop::cli
