// SPDX-License-Identifier: AGPL-3.0-or-later
// hotshop import FILE --org SLUG: contacts from a CSV into an org's people,
// with a row-level report (store/import_engine.h). Exit codes: 0 imported
// (in partial mode, possibly without some rows: see the report), 1 nothing
// imported (atomic mode with rejected rows) or the import failed, 2 the
// command line was wrong.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "io/csv_reader.h"
#include "io/header_mapping.h"
#include "store/import_engine.h"
#include "store/org_repo.h"

namespace hotshop::cli {

namespace {

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

// A progress bar on stderr (issue #6: "a live bar in the UI and on the
// CLI"): redrawn in place at most ten times a second on a terminal, one line
// per tenth of the file otherwise (a log, a CI job), so output stays short.
class ProgressBar {
 public:
  ProgressBar() : tty_(::isatty(STDERR_FILENO) == 1), last_(std::chrono::steady_clock::now()) {}

  void Update(const store::ImportProgress& p) {
    last_progress_ = p;
    if (p.bytes_total == 0) return;
    const int percent = static_cast<int>(std::min<uint64_t>(100, p.bytes_done * 100 / p.bytes_total));
    if (tty_) {
      auto now = std::chrono::steady_clock::now();
      if (percent != 100 && now - last_ < std::chrono::milliseconds(100)) return;
      last_ = now;
      const int filled = percent / 5;
      std::fprintf(stderr, "\r  [%.*s%.*s] %3d%%  %llu rows", filled, "####################", 20 - filled,
                   "....................", percent, static_cast<unsigned long long>(p.rows_done));
      std::fflush(stderr);
      drawn_ = true;
    } else if (percent / 10 > last_tenth_) {
      last_tenth_ = percent / 10;
      std::fprintf(stderr, "  %3d%%  %llu rows\n", last_tenth_ * 10, static_cast<unsigned long long>(p.rows_done));
    }
  }
  void Finish() {
    if (drawn_) {
      std::fputc('\n', stderr);
    } else if (last_progress_.rows_done > 0) {
      std::fprintf(stderr, "  done  %llu rows\n", static_cast<unsigned long long>(last_progress_.rows_done));
    }
  }

 private:
  bool tty_;
  bool drawn_ = false;
  int last_tenth_ = 0;
  store::ImportProgress last_progress_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

int RunImport(const Flags& flags) {
  if (flags.positionals().size() != 1) {
    Fail("import", "say which file: `hotshop import FILE --org SLUG`");
    return 2;
  }
  if (!flags.Has("org")) {
    Fail("import", "--org is required (run `hotshop import --help`)");
    return 2;
  }
  const std::string file = flags.positionals()[0];
  store::ImportOptions opt;
  Result<io::SourceFormat> format = io::ParseSourceFormat(flags.GetOr("format", "auto"));
  Result<store::ImportMode> mode = store::ParseImportMode(flags.GetOr("mode", "atomic"));
  Result<store::DuplicatePolicy> policy = store::ParseDuplicatePolicy(flags.GetOr("on-duplicate", "fill"));
  Result<io::TextEncoding> encoding = io::ParseTextEncoding(flags.GetOr("encoding", "auto"));
  for (const Error* e : {format ? nullptr : &format.error(), mode ? nullptr : &mode.error(),
                         policy ? nullptr : &policy.error(), encoding ? nullptr : &encoding.error()}) {
    if (e) {
      Fail("import", "--" + (e->field() == "on_duplicate" ? std::string("on-duplicate") : e->field()) + " " +
                         e->message());
      return 2;
    }
  }
  opt.format = *format;
  opt.mode = *mode;
  opt.policy = *policy;
  opt.encoding = *encoding;
  opt.region = flags.GetOr("region", "");
  if (auto t = flags.Get("threads")) {
    try {
      opt.threads = std::stoi(*t);
    } catch (const std::exception&) {
      Fail("import", "--threads must be a number");
      return 2;
    }
  }
  opt.report_clean_rows = flags.Has("report-all");
  const std::string report_path = flags.GetOr("report", file + ".report.csv");

  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("import", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  Result<std::optional<store::Org>> org = store::TransactValue<std::optional<store::Org>>(
      *db, [&](store::Tx& tx) { return store::FindOrgBySlug(tx, *flags.Get("org")); }, store::TxMode::kRead);
  if (!org) {
    Fail("import", org.error().message());
    return 1;
  }
  if (!*org) {
    Fail("import", "no organization '" + *flags.Get("org") + "'");
    return 1;
  }

  std::ofstream report(report_path, std::ios::binary | std::ios::trunc);
  if (!report) {
    Fail("import", "cannot write the report to " + report_path + " (choose another place with --report)");
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  store::Scope scope = store::Scope::ForOrg((*org)->id);
  ProgressBar bar;
  opt.on_progress = [&bar](const store::ImportProgress& p) { bar.Update(p); };
  Result<store::ImportSummary> s = store::ImportCsv(*db, keys, scope, file, opt, &report);
  bar.Finish();
  std::cerr.flush();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report.close();
  if (!s) {
    Fail("import", s.error().message());
    return 1;
  }
  std::cout << "hotshop import: " << file << " into " << (*org)->slug << " (import " << s->import_id << ")\n";
  if (s->already_imported) {
    std::cout << "  this file was already imported: nothing changed (it created " << s->created << " and updated "
              << s->updated << " people then)\n";
    return 0;
  }
  std::cout << "  format: " << io::SourceFormatCode(s->mapping.format)
            << (s->mapping.forced ? " (as asked)" : " (" + std::string(io::ConfidenceName(s->mapping.confidence)) +
                                                      " confidence: " + s->mapping.reason + ")")
            << "; phones without a country code read as " << s->region << "\n";
  if (s->resumed) std::cout << "  resumed after row " << s->resumed_after_rows << " of an interrupted run\n";
  if (s->committed) {
    std::cout << "  rows: " << s->rows << " read; " << s->created << " created, " << s->updated << " updated, "
              << s->skipped << " unchanged or skipped, " << s->rejected << " rejected, " << s->suggested
              << " possible duplicates left for review; " << s->warnings << " warnings\n";
  } else {
    std::cout << "  rows: " << s->rows << " read; " << s->rejected << " rejected\n";
  }
  std::cout << "  report: " << report_path << "\n  time: " << Seconds(secs) << " (writing " << Seconds(s->write_seconds)
            << ", waiting for rows " << Seconds(s->wait_seconds) << ")\n";
  if (!s->committed) {
    std::cout << "  NOTHING WAS IMPORTED: " << s->rejected
              << " rows could not be imported (see the report). Fix them, or import the others with --mode partial.\n";
    return 1;
  }
  if (s->rejected > 0) {
    std::cout << "  " << s->rejected << " rows were left out (see the report); the rest is imported.\n";
  }
  return 0;
}

}  // namespace hotshop::cli
