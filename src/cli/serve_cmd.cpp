// SPDX-License-Identifier: AGPL-3.0-or-later
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "api/app.h"
#include "api/import_jobs.h"
#include "api/scheduled_jobs.h"
#include "cli/commands.h"
#include "cli/master_key.h"
#include "http/server.h"
#include "security/password.h"
#include "store/key_service.h"
#include "store/ids.h"
#include "store/migrations.h"

namespace hotshop::cli {
namespace {

std::string DefaultWebDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = exe.parent_path() / "web";
    if (std::filesystem::exists(beside / "index.html")) return beside.string();
  }
  return "build/web";
}

}  // namespace

int RunServe(const Flags& flags) {
  http::ServerOptions opts;
  std::string listen = flags.GetOr("listen", "127.0.0.1:8080");
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    Fail("serve", "--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    return 2;
  }
  opts.host = listen.substr(0, colon);
  if (opts.host.size() > 2 && opts.host.front() == '[') opts.host = opts.host.substr(1, opts.host.size() - 2);
  try {
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    opts.port = static_cast<uint16_t>(port);
    if (auto t = flags.Get("threads")) opts.threads = std::stoi(*t);
    if (auto r = flags.Get("rate-limit")) opts.rate_per_client = std::stod(*r);
    opts.burst_per_client = opts.rate_per_client * 4;
    if (auto t = flags.Get("idle-timeout")) opts.idle_timeout = std::chrono::seconds(std::stoi(*t));
    if (auto t = flags.Get("request-timeout")) opts.request_timeout = std::chrono::seconds(std::stoi(*t));
  } catch (const std::exception&) {
    Fail("serve", "--listen port, --threads, --rate-limit and the timeouts must be numbers");
    return 2;
  }

  std::string url = DatabaseUrl(flags);
  auto db = OpenOrExplain(url);
  if (!db) return 1;
  Result<store::MigrationState> st = store::ReadMigrationState(*db);
  if (!st) {
    Fail("serve", st.error().message());
    return 1;
  }
  if (!st->up_to_date()) {
    Fail("serve", "the database is at migration " + std::to_string(st->current) + " but this hotshop needs " +
                      std::to_string(st->latest) + ": run `hotshop migrate --db " + store::RedactUrl(url) + "` first");
    return 1;
  }
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("serve", kek.error().message());
    return 1;
  }

  std::ofstream log_file;
  if (flags.Has("no-access-log")) {
    opts.access_log = nullptr;
  } else if (auto p = flags.Get("access-log"); p && *p != "-") {
    log_file.open(*p, std::ios::app);
    if (!log_file) {
      Fail("serve", "cannot open access log " + *p);
      return 1;
    }
    opts.access_log = &log_file;
  } else {
    opts.access_log = &std::cerr;
  }

  Result<security::CommonPasswords> common = security::CommonPasswords::Load();
  if (!common) {
    Fail("serve", common.error().message());
    return 1;
  }
  security::PwhashParams pwhash;
  if (auto ops = flags.Get("pwhash-opslimit"); ops && *ops != "0") {
    pwhash.opslimit = std::stoull(*ops);
  } else {
    std::chrono::milliseconds took{0};
    pwhash = security::TunePwhash(std::chrono::milliseconds(250), std::chrono::milliseconds(500), &took);
    std::cout << "hotshop serve: password hashing tuned to Argon2id opslimit " << pwhash.opslimit << ", "
              << (pwhash.memlimit >> 20) << " MiB (" << took.count() << " ms per hash)" << std::endl;
  }
  store::KeyService keys(std::move(*kek));
  security::HashLimiter hash_limiter;
  http::RateLimiter per_account(5.0 / 60.0, 5);        // 5 attempts a minute per account
  http::RateLimiter failures(100.0 / 3600.0, 100);     // 100 failures an hour per account
  http::RateLimiter per_client(30.0 / 60.0, 30);       // 30 a minute per client address
  api::ImportJobs imports(*db, keys);
  api::Services services{keys, *common, pwhash, hash_limiter, per_account, failures, per_client, &imports};
  // The public intake form (security-model.md §2.9, §4 #22): per client
  // address, every request; globally, submissions that carry valid work.
  double intake_rate = 20, intake_global = 600;  // per minute
  try {
    if (auto v = flags.Get("intake-rate")) intake_rate = std::stod(*v);
    if (auto v = flags.Get("intake-global-rate")) intake_global = std::stod(*v);
    if (auto v = flags.Get("intake-pow-bits")) services.intake.pow_bits = std::stoi(*v);
  } catch (const std::exception&) {
    Fail("serve", "--intake-rate, --intake-global-rate and --intake-pow-bits must be numbers");
    return 2;
  }
  int jobs_every_s = 300;
  try {
    if (auto v = flags.Get("jobs-every")) jobs_every_s = std::stoi(*v);
  } catch (const std::exception&) {
    jobs_every_s = -1;
  }
  if (jobs_every_s < 0 || jobs_every_s > 86400) {
    Fail("serve", "--jobs-every must be a number of seconds from 0 (never) to 86400 (default 300)");
    return 2;
  }
  if (services.intake.pow_bits < 1 || services.intake.pow_bits > 28) {
    Fail("serve", "--intake-pow-bits must be between 1 and 28 (14, the default, takes an old phone about a second)");
    return 2;
  }
  http::RateLimiter intake_per_client(intake_rate / 60.0, std::max(5.0, intake_rate / 2));
  http::RateLimiter intake_global_bucket(intake_global / 60.0, std::max(10.0, intake_global / 6));
  if (intake_rate > 0) services.intake.per_client = &intake_per_client;
  if (intake_global > 0) services.intake.global = &intake_global_bucket;

  api::Config config;
  config.web_dir = flags.GetOr("web-dir", DefaultWebDir());
  config.latest_migration = st->latest;
  api::App app(*db, config, services);
  http::Server server(opts, http::Dispatcher{
                                [&app](http::Request& r) { return app.Handle(r); },
                                [&app](http::Verb m, std::string_view p) { return app.BodyLimit(m, p); }});
  if (Status s = server.Listen(); !s) {
    Fail("serve", s.error().message());
    return 1;
  }
  std::cout << "hotshop serve: listening on http://" << listen.substr(0, colon) << ":" << server.port()
            << " (database " << store::RedactUrl(url) << ")" << std::endl;
  // Reminders, the purge and the match sweep run here so that a server
  // without cron still keeps its promises (api/scheduled_jobs.h). The first
  // run is logged whatever it did; later ones only when they changed something.
  std::unique_ptr<api::JobScheduler> jobs;
  if (jobs_every_s > 0) {
    auto first = std::make_shared<bool>(true);
    jobs = std::make_unique<api::JobScheduler>(
        *db, keys, std::chrono::seconds(jobs_every_s), [] { return store::NowMillis(); },
        [first](const std::vector<api::JobReport>& reports) {
          for (const api::JobReport& r : reports) {
            if (!*first && !r.changed()) continue;
            std::cout << "hotshop serve: scheduled jobs: " << r.org_slug << ": " << r.reminded << " reminded, "
                      << r.back_in_queue << " back in the queue, " << r.offers_expired << " offers expired, " << r.purged
                      << " purged (" << r.kept_by_hold << " kept by a legal hold)" << std::endl;
          }
          *first = false;
        },
        [](const Error& e) { std::cerr << "hotshop serve: scheduled jobs failed: " << e.message() << std::endl; });
  }
  server.Run();
  if (jobs) jobs->Stop();
  // Imports still running stop as a crash would: a partial one resumes when
  // the same file is started again.
  imports.Shutdown();
  std::cout << "hotshop serve: stopped" << std::endl;
  return 0;
}

}  // namespace hotshop::cli
