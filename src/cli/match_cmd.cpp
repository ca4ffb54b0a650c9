// SPDX-License-Identifier: AGPL-3.0-or-later
// `hotshop match sweep`: the matching jobs an operator runs from cron or a
// systemd timer, every few minutes (docs/operators.md "Matching and
// referrals"):
//   - a request assigned to an organizer with no first contact logged
//     within 48 hours goes back to the queue, with a reminder for the
//     dispatchers and a note to the organizer (journeys J2.2; RULE R22
//     interpretation in core/first_contact.h);
//   - a referral offer unanswered for 14 days expires, on both sides
//     (security-model.md §3).
// Each step is audited in the org(s) concerned. --as-of sets the time.
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "store/assignment_repo.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/key_service.h"
#include "store/referral_repo.h"

namespace hotshop::cli {

int RunMatch(const Flags& flags) {
  if (flags.positionals().empty() || flags.positionals()[0] != "sweep") {
    Fail("match", "say what to do: `hotshop match sweep`");
    return 2;
  }
  int64_t now = store::NowMillis();
  if (auto at = flags.Get("as-of")) {
    try {
      now = std::stoll(*at);
    } catch (const std::exception&) {
      Fail("match", "--as-of must be milliseconds since 1970 (UTC)");
      return 2;
    }
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("match", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  const std::string only = flags.GetOr("org", "");
  Result<store::Rows> orgs = store::TransactValue<store::Rows>(*db, [&](store::Tx& tx) {
    return only.empty() ? tx.Query("SELECT id, slug FROM orgs ORDER BY slug")
                        : tx.Query("SELECT id, slug FROM orgs WHERE slug = $1", {only});
  }, store::TxMode::kRead);
  if (!orgs) {
    Fail("match", orgs.error().message());
    return 1;
  }
  if (orgs->empty()) {
    Fail("match", "no organization '" + only + "'");
    return 1;
  }
  for (const store::Row& o : *orgs) {
    const std::string org = o.Text(0);
    store::Scope scope = store::Scope::ForOrg(org);
    size_t timed_out = 0, expired = 0;
    Status s = db->Transact([&](store::Tx& tx) -> Status {
      auto k = keys.ForOrg(tx, org);
      if (!k) return k.error();
      if (Status set = tx.SetOrg(org); !set) return set;
      Result<std::vector<std::string>> back = store::AssignmentRepo(tx, scope, **k).TimeOutOverdue(now);
      if (!back) return back.error();
      for (const std::string& id : *back) {
        Result<int64_t> seq = store::AppendAudit(tx, org, "system:cli", "intake.assignment_timed_out",
                                                 "intake:" + id, "allowed", now);
        if (!seq) return seq.error();
      }
      Result<std::vector<store::Referral>> gone = store::ExpireOffers(tx, scope, now);
      if (!gone) return gone.error();
      for (const store::Referral& r : *gone) {
        for (const std::string& in : {org, r.partner_org_id}) {
          if (Status set = tx.SetOrg(in); !set) return set;
          Result<int64_t> seq =
              store::AppendAudit(tx, in, "system:cli", "referral.expired", "referral:" + r.id, "allowed", now);
          if (!seq) return seq.error();
        }
      }
      timed_out = back->size();
      expired = gone->size();
      return Ok();
    }, store::TxMode::kWrite, org);
    if (!s) {
      Fail("match", s.error().message());
      return 1;
    }
    std::cout << "hotshop match: " << o.Text(1) << ": " << timed_out << " requests back in the queue, " << expired
              << " referral offers expired\n";
  }
  return 0;
}

}  // namespace hotshop::cli
