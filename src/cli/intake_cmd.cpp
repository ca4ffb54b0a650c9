// SPDX-License-Identifier: AGPL-3.0-or-later
// `hotshop intake purge|remind` and `hotshop match sweep`: the scheduled
// jobs (api/scheduled_jobs.h) run once, for operators who run them from cron
// or a systemd timer instead of letting `hotshop serve` run them
// (docs/operators.md "Intake"). --as-of sets the time (milliseconds).
#include <iostream>

#include "api/scheduled_jobs.h"
#include "cli/commands.h"
#include "cli/master_key.h"
#include "store/ids.h"
#include "store/key_service.h"

namespace hotshop::cli {
namespace {

int RunJobs(const Flags& flags, const std::string& cmd, const std::vector<api::ScheduledJob>& jobs) {
  int64_t now = store::NowMillis();
  if (auto at = flags.Get("as-of")) {
    try {
      now = std::stoll(*at);
    } catch (const std::exception&) {
      Fail(cmd, "--as-of must be milliseconds since 1970 (UTC)");
      return 2;
    }
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail(cmd, kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  Result<std::vector<api::JobReport>> done =
      api::RunScheduledJobs(*db, keys, jobs, flags.GetOr("org", ""), now, "system:cli");
  if (!done) {
    Fail(cmd, done.error().message());
    return 1;
  }
  for (const api::JobReport& r : *done) {
    std::cout << "hotshop " << cmd << ": " << r.org_slug << ": ";
    switch (jobs.front()) {
      case api::ScheduledJob::kIntakePurge:
        std::cout << "purged " << r.purged << " unresolved requests past retention; " << r.kept_by_hold
                  << " kept by a legal hold\n";
        break;
      case api::ScheduledJob::kIntakeRemind:
        std::cout << "reminded " << r.reminded << " overdue requests\n";
        break;
      case api::ScheduledJob::kMatchSweep:
        std::cout << r.back_in_queue << " requests back in the queue, " << r.offers_expired
                  << " referral offers expired\n";
        break;
    }
  }
  return 0;
}

}  // namespace

int RunIntake(const Flags& flags) {
  if (flags.positionals().empty() || (flags.positionals()[0] != "purge" && flags.positionals()[0] != "remind")) {
    Fail("intake", "say what to do: `hotshop intake purge` or `hotshop intake remind`");
    return 2;
  }
  return RunJobs(flags, "intake",
                 {flags.positionals()[0] == "purge" ? api::ScheduledJob::kIntakePurge : api::ScheduledJob::kIntakeRemind});
}

int RunMatch(const Flags& flags) {
  if (flags.positionals().empty() || flags.positionals()[0] != "sweep") {
    Fail("match", "say what to do: `hotshop match sweep`");
    return 2;
  }
  return RunJobs(flags, "match", {api::ScheduledJob::kMatchSweep});
}

}  // namespace hotshop::cli
