// SPDX-License-Identifier: AGPL-3.0-or-later
// Scheduled jobs: the work no one clicks for, on which every waiting worker
// depends (issue #5 "a service-level timer ... with an overdue view and
// reminders"; "Unresolved intakes are purged after 90 days ... the purge is
// audited"; "Offers expire after 14 days").
//
//   - kIntakeRemind: every open request past its org's SLA with no first
//     contact gets a "reminder" event (at most one a day each), shown on the
//     triage page; audited `intake.reminder`.
//   - kIntakePurge: unresolved requests past the org's retention are deleted
//     unless on legal hold (R40, R41); audited per request, and the count
//     kept by holds.
//   - kMatchSweep: a request assigned with no first contact within 48 hours
//     goes back to the queue with a notification to the organizer (R22
//     interpretation, core/first_contact.h); referral offers unanswered for
//     14 days expire, audited in both orgs.
//
// `hotshop serve` runs all three every few minutes (JobScheduler, `--jobs-every`);
// `hotshop intake purge|remind` and `hotshop match sweep` run them once, for
// operators who prefer cron. Every job is idempotent, so both may run.
//
// Thread rule: RunScheduledJobs is safe from any thread (a Database is
// shared); a JobScheduler owns one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"

namespace hotshop::api {

enum class ScheduledJob { kIntakeRemind, kIntakePurge, kMatchSweep };

// What one run did in one org.
struct JobReport {
  std::string org_slug;
  size_t reminded = 0;          // kIntakeRemind
  size_t purged = 0;            // kIntakePurge
  int64_t kept_by_hold = 0;     // kIntakePurge: past retention, on legal hold
  size_t back_in_queue = 0;     // kMatchSweep: assignments timed out
  size_t offers_expired = 0;    // kMatchSweep
  bool changed() const { return reminded + purged + back_in_queue + offers_expired > 0; }
};

// Runs jobs for every org, or only the one with slug only_slug (kNotFound
// when there is none), as of now_ms. actor is what the audit log records
// as the one who acted ("system:cli", "system:serve"). Each org's jobs run
// in transactions of their own: one org's failure stops the run with its
// error, and what earlier orgs did stays done.
Result<std::vector<JobReport>> RunScheduledJobs(store::Database& db, store::KeyService& keys,
                                                const std::vector<ScheduledJob>& jobs, const std::string& only_slug,
                                                int64_t now_ms, const std::string& actor);

// Runs every job for every org once at start and then every `every`, on a
// thread of its own, until Stop() or destruction. Each run's reports go to
// on_run (from the scheduler's thread); a failed run goes to on_error and
// the next run tries again. now() is the clock (tests set it).
class JobScheduler {
 public:
  JobScheduler(store::Database& db, store::KeyService& keys, std::chrono::milliseconds every,
               std::function<int64_t()> now, std::function<void(const std::vector<JobReport>&)> on_run,
               std::function<void(const Error&)> on_error);
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  // Stops the thread after the run in progress, if any. Idempotent.
  void Stop();

 private:
  void Loop();

  store::Database& db_;
  store::KeyService& keys_;
  std::chrono::milliseconds every_;
  std::function<int64_t()> now_;
  std::function<void(const std::vector<JobReport>&)> on_run_;
  std::function<void(const Error&)> on_error_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hotshop::api
