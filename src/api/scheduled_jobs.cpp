// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/scheduled_jobs.h"

#include <algorithm>

#include "store/assignment_repo.h"
#include "store/audit_log.h"
#include "store/intake_repo.h"
#include "store/referral_repo.h"

namespace hotshop::api {
namespace {

constexpr int64_t kRemindEveryMs = int64_t{24} * 3600 * 1000;

bool Has(const std::vector<ScheduledJob>& jobs, ScheduledJob j) {
  return std::find(jobs.begin(), jobs.end(), j) != jobs.end();
}

Status Audit(store::Tx& tx, const std::string& org, const std::string& actor, const std::string& action,
             const std::string& target, int64_t now_ms) {
  Result<int64_t> seq = store::AppendAudit(tx, org, actor, action, target, "allowed", now_ms);
  if (!seq) return seq.error();
  return Ok();
}

Status IntakeJobs(store::Database& db, store::KeyService& keys, const std::string& org, bool remind, bool purge,
                  int64_t now_ms, const std::string& actor, JobReport& report) {
  store::Scope scope = store::Scope::ForOrg(org);
  return db.Transact([&](store::Tx& tx) -> Status {
    report.reminded = report.purged = 0;
    report.kept_by_hold = 0;
    Result<store::IntakeSettings> settings = store::GetIntakeSettings(tx, scope);
    if (!settings) return settings.error();
    if (purge) {
      auto k = keys.ForOrg(tx, org);
      if (!k) return k.error();
      int64_t held = 0;
      Result<std::vector<std::string>> gone =
          store::IntakeRepo(tx, scope, **k).PurgeExpired(settings->retention_days, now_ms, &held);
      if (!gone) return gone.error();
      for (const std::string& id : *gone) {
        if (Status s = Audit(tx, org, actor, "intake.purged", "intake:" + id, now_ms); !s) return s;
      }
      if (held > 0) {
        if (Status s = Audit(tx, org, actor, "intake.purge_held", "count:" + std::to_string(held), now_ms); !s) return s;
      }
      report.purged = gone->size();
      report.kept_by_hold = held;
    }
    if (remind) {
      Result<std::vector<std::string>> due =
          store::RemindOverdueIntakes(tx, scope, settings->sla_hours, kRemindEveryMs, now_ms);
      if (!due) return due.error();
      for (const std::string& id : *due) {
        if (Status s = Audit(tx, org, actor, "intake.reminder", "intake:" + id, now_ms); !s) return s;
      }
      report.reminded = due->size();
    }
    return Ok();
  }, store::TxMode::kWrite, org);
}

Status MatchSweep(store::Database& db, store::KeyService& keys, const std::string& org, int64_t now_ms,
                  const std::string& actor, JobReport& report) {
  store::Scope scope = store::Scope::ForOrg(org);
  return db.Transact([&](store::Tx& tx) -> Status {
    auto k = keys.ForOrg(tx, org);
    if (!k) return k.error();
    if (Status set = tx.SetOrg(org); !set) return set;
    Result<std::vector<std::string>> back = store::AssignmentRepo(tx, scope, **k).TimeOutOverdue(now_ms);
    if (!back) return back.error();
    for (const std::string& id : *back) {
      if (Status s = Audit(tx, org, actor, "intake.assignment_timed_out", "intake:" + id, now_ms); !s) return s;
    }
    Result<std::vector<store::Referral>> gone = store::ExpireOffers(tx, scope, now_ms);
    if (!gone) return gone.error();
    // An expired offer is recorded in both orgs' audit logs (§3 referral).
    for (const store::Referral& r : *gone) {
      for (const std::string& in : {org, r.partner_org_id}) {
        if (Status set = tx.SetOrg(in); !set) return set;
        if (Status s = Audit(tx, in, actor, "referral.expired", "referral:" + r.id, now_ms); !s) return s;
      }
    }
    report.back_in_queue = back->size();
    report.offers_expired = gone->size();
    return Ok();
  }, store::TxMode::kWrite, org);
}

}  // namespace

Result<std::vector<JobReport>> RunScheduledJobs(store::Database& db, store::KeyService& keys,
                                                const std::vector<ScheduledJob>& jobs, const std::string& only_slug,
                                                int64_t now_ms, const std::string& actor) {
  Result<store::Rows> orgs = store::TransactValue<store::Rows>(db, [&](store::Tx& tx) {
    return only_slug.empty() ? tx.Query("SELECT id, slug FROM orgs ORDER BY slug")
                             : tx.Query("SELECT id, slug FROM orgs WHERE slug = $1", {only_slug});
  }, store::TxMode::kRead);
  if (!orgs) return orgs.error();
  if (!only_slug.empty() && orgs->empty()) return Error::NotFound("no organization '" + only_slug + "'");
  const bool remind = Has(jobs, ScheduledJob::kIntakeRemind), purge = Has(jobs, ScheduledJob::kIntakePurge);
  std::vector<JobReport> reports;
  for (const store::Row& o : *orgs) {
    JobReport r;
    r.org_slug = o.Text(1);
    if (remind || purge) {
      if (Status s = IntakeJobs(db, keys, o.Text(0), remind, purge, now_ms, actor, r); !s) return s.error();
    }
    if (Has(jobs, ScheduledJob::kMatchSweep)) {
      if (Status s = MatchSweep(db, keys, o.Text(0), now_ms, actor, r); !s) return s.error();
    }
    reports.push_back(r);
  }
  return reports;
}

JobScheduler::JobScheduler(store::Database& db, store::KeyService& keys, std::chrono::milliseconds every,
                           std::function<int64_t()> now, std::function<void(const std::vector<JobReport>&)> on_run,
                           std::function<void(const Error&)> on_error)
    : db_(db),
      keys_(keys),
      every_(every),
      now_(std::move(now)),
      on_run_(std::move(on_run)),
      on_error_(std::move(on_error)),
      thread_([this] { Loop(); }) {}

JobScheduler::~JobScheduler() { Stop(); }

void JobScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobScheduler::Loop() {
  const std::vector<ScheduledJob> all = {ScheduledJob::kMatchSweep, ScheduledJob::kIntakeRemind,
                                         ScheduledJob::kIntakePurge};
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    Result<std::vector<JobReport>> r = RunScheduledJobs(db_, keys_, all, "", now_(), "system:serve");
    if (r) {
      if (on_run_) on_run_(*r);
    } else if (on_error_) {
      on_error_(r.error());
    }
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace hotshop::api
