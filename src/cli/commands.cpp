// SPDX-License-Identifier: AGPL-3.0-or-later
#include "cli/commands.h"

#include <cstdlib>
#include <iostream>

namespace hotshop::cli {

namespace {
const FlagSpec kDb{"db", "URL", "sqlite:PATH or postgresql://… (default $HOTSHOP_DB or sqlite:var/hotshop.db)"};
const FlagSpec kKeyFile{"key-file", "PATH", "master key file (default $HOTSHOP_KEY_FILE or var/master.key)"};
}  // namespace

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kAll = {
      {"serve", "Serve the web UI and JSON API.",
       {kDb, kKeyFile,
        {"listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080)"},
        {"web-dir", "DIR", "built web UI (default: web/ beside the binary)"},
        {"threads", "N", "worker threads (default: one per core)"},
        {"rate-limit", "N", "requests per second per client, 0 = off (default 50; burst 4x)"},
        {"idle-timeout", "SECONDS", "close idle keep-alive connections after this (default 30)"},
        {"request-timeout", "SECONDS", "cut off a client slower than this to send a request (default 20)"},
        {"access-log", "PATH", "append the access log here, '-' for stderr (default: stderr)"},
        {"no-access-log", "", "write no access log"},
        {"pwhash-opslimit", "N", "Argon2id passes (default 0: tuned to 250-500 ms at start)"},
        {"intake-rate", "N", "public intake requests a minute per client address, 0 = off (default 20)"},
        {"intake-global-rate", "N", "intake submissions with valid proof of work a minute, all clients, 0 = off (default 600)"},
        {"intake-pow-bits", "N", "proof-of-work difficulty in leading zero bits (default 14)"},
        {"jobs-every", "SECONDS", "run the scheduled jobs (intake reminders and purge, match sweep) this often, 0 = never (default 300)"}},
       {}},
      {"migrate", "Apply pending database migrations.", {kDb}, {}},
      {"demo", "Load demo data (invented people only) and print a one-time admin login.",
       {kDb, kKeyFile}, {}},
      {"keys", "Manage keys: init | status | rotate (new data keys for every org, re-encrypt, resumable).",
       {kKeyFile, kDb}, {"init|status|rotate"}},
      {"user", "Add a user: user add --org SLUG --email E --name N --role ROLE [--campaign NAME] [--unit NAME].",
       {kDb, kKeyFile, {"org", "SLUG", "organization short name"}, {"email", "EMAIL", "the person's email"},
        {"name", "NAME", "the name shown to others"}, {"role", "ROLE", "org_admin, staff_organizer, volunteer_organizer, worker_leader, viewer, dispatcher, mentor or caller"},
        {"campaign", "NAME|ID", "scope the grant to this campaign (default: the whole org)"},
        {"unit", "NAME|ID", "scope a worker_leader's grant to this bargaining unit (with --campaign: a unit of it)"}},
       {"add"}},
      {"audit", "Check the audit chains: audit verify [--org SLUG].", {kDb, {"org", "SLUG", "only this organization"}},
       {"verify"}},
      {"import", "Import contacts from a CSV: import FILE --org SLUG [--mode atomic|partial] [--on-duplicate fill|overwrite|skip].",
       {kDb, kKeyFile, {"org", "SLUG", "organization short name"},
        {"format", "FORMAT", "auto, an, ab, van, spoke, st or generic (default auto: detected from the header)"},
        {"mode", "MODE", "atomic: nothing is imported if a row is bad (default); partial: the bad rows are left out"},
        {"on-duplicate", "POLICY", "a row matching a known person: fill (blank fields, default), overwrite or skip"},
        {"encoding", "NAME", "the file's encoding: auto (default: UTF-8, else Windows-1252, row by row), utf-8 or windows-1252"},
        {"region", "CC", "region of phone numbers without a country code (default: the organization's, else US)"},
        {"report", "PATH", "write the row-level report here (default FILE.report.csv)"},
        {"report-all", "", "also list the rows created without a problem"},
        {"threads", "N", "encryption threads (default: one per core)"}},
       {"FILE"}},
      {"intake", "Intake jobs, once (serve runs them every --jobs-every): intake purge (unresolved requests past retention, not on legal hold) | intake remind (overdue requests).",
       {kDb, kKeyFile, {"org", "SLUG", "only this organization (default: every one)"},
        {"as-of", "MS", "act as if it were this time, ms since 1970 UTC (default: now)"}},
       {"purge|remind"}},
      {"org", "Add an organization: org add --slug SLUG --name NAME.",
       {kDb, kKeyFile, {"slug", "SLUG", "the short name (lowercase letters, digits, '-')"},
        {"name", "NAME", "the name shown to people"}},
       {"add"}},
      {"match", "Matching jobs, once (serve runs them every --jobs-every): match sweep (requests with no first contact 48 h after assignment go back to the queue; referral offers expire after 14 days).",
       {kDb, kKeyFile, {"org", "SLUG", "only this organization (default: every one)"},
        {"as-of", "MS", "act as if it were this time, ms since 1970 UTC (default: now)"}},
       {"sweep"}},
      {"export", "Trace a leaked file to the export it came from: export trace FILE --org SLUG.",
       {kDb, kKeyFile, {"org", "SLUG", "organization short name"}},
       {"trace", "FILE"}},
  };
  return kAll;
}

std::string DatabaseUrl(const Flags& flags) {
  if (auto v = flags.Get("db")) return *v;
  if (const char* e = std::getenv("HOTSHOP_DB"); e && *e) return e;
  return "sqlite:var/hotshop.db";
}

std::string KeyFilePath(const Flags& flags) {
  if (auto v = flags.Get("key-file")) return *v;
  if (const char* e = std::getenv("HOTSHOP_KEY_FILE"); e && *e) return e;
  return "var/master.key";
}

std::unique_ptr<store::Database> OpenOrExplain(const std::string& url) {
  Result<std::unique_ptr<store::Database>> db = store::OpenDatabase(url);
  if (!db) {
    std::cerr << "hotshop: " << db.error().message() << "\n";
    return nullptr;
  }
  return std::move(*db);
}

void Fail(const std::string& cmd, const std::string& message) {
  std::cerr << "hotshop " << cmd << ": " << message << "\n";
}

}  // namespace hotshop::cli
