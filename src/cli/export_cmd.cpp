// SPDX-License-Identifier: AGPL-3.0-or-later
// hotshop export trace FILE --org SLUG: which export a leaked file came from
// (security-model.md §2.12, the watermark). Every export of the org has its
// decoy rows rebuilt from its id (io/export_decoys.h) and the file's rows
// are searched for them, by value, whatever the columns are now called or
// how they were reordered; phones match by digits. The exports holding the
// most decoys are listed with who made them, when, the fields, the row count
// and the stated reason. The trace itself is audited ("export.traced").
// Exit codes: 0 a source was found (some decoy found whole), 1 none was (or
// the trace failed), 2 the command line was wrong.
#include <ctime>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "io/csv_reader.h"
#include "io/export_decoys.h"
#include "store/account_repo.h"
#include "store/audit_log.h"
#include "store/export_repo.h"
#include "store/ids.h"
#include "store/org_repo.h"

namespace hotshop::cli {
namespace {

std::string UtcTime(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// Up to this many candidate exports are described.
constexpr size_t kShown = 5;

}  // namespace

int RunExport(const Flags& flags) {
  if (flags.positionals().size() != 2 || flags.positionals()[0] != "trace") {
    Fail("export", "say what to do: `hotshop export trace FILE --org SLUG`");
    return 2;
  }
  if (!flags.Has("org")) {
    Fail("export", "--org is required (run `hotshop export --help`)");
    return 2;
  }
  const std::string file = flags.positionals()[1];
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Fail("export", "cannot read " + file);
    return 1;
  }
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("export", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  Result<std::optional<store::Org>> org = store::TransactValue<std::optional<store::Org>>(
      *db, [&](store::Tx& tx) { return store::FindOrgBySlug(tx, *flags.Get("org")); }, store::TxMode::kRead);
  if (!org) {
    Fail("export", org.error().message());
    return 1;
  }
  if (!*org) {
    Fail("export", "no organization '" + *flags.Get("org") + "'");
    return 1;
  }
  const std::string org_id = (*org)->id;
  const store::Scope scope = store::Scope::ForOrg(org_id);

  // Every export of the org, and its decoys.
  std::vector<store::ExportInfo> exports;
  io::DecoyIndex index;
  Status loaded = db->Transact([&](store::Tx& tx) -> Status {
    auto k = keys.ForOrg(tx, org_id);
    if (!k) return k.error();
    Result<security::SecretBytes> decoy_key = store::ExportDecoyKey(tx, keys, org_id);
    if (!decoy_key) return decoy_key.error();
    Result<std::vector<store::ExportInfo>> list = store::ExportRepo(tx, scope, **k).List(1 << 30);
    if (!list) return list.error();
    exports = std::move(*list);
    for (const auto& e : exports) {
      // The decoys' identifying values do not depend on the campaign names.
      std::vector<io::ExportRecord> decoys =
          io::MakeDecoys(*decoy_key, e.id, static_cast<size_t>(e.decoy_count), std::vector<std::string>{});
      index.Add(e.id, e.fields, decoys);
    }
    return Ok();
  }, store::TxMode::kRead, org_id);
  if (!loaded) {
    Fail("export", loaded.error().message());
    return 1;
  }

  // The file: every row, header included, cells matched by value.
  io::CsvOptions options;
  options.has_header = false;
  Result<io::CsvReader> reader = io::CsvReader::Open(in, options);
  if (!reader) {
    Fail("export", file + ": " + reader.error().message());
    return 1;
  }
  io::CsvRecord record;
  std::vector<std::string_view> cells;
  uint64_t rows = 0;
  for (;;) {
    Result<bool> more = reader->Next(record);
    if (!more) {
      Fail("export", file + ": " + more.error().message());
      return 1;
    }
    if (!*more) break;
    ++rows;
    cells.clear();
    for (size_t i = 0; i < record.size(); ++i) cells.push_back(record[i]);
    index.Scan(cells);
  }

  std::vector<io::DecoyIndex::Hit> hits = index.Results();
  std::cout << "hotshop export trace: " << file << " (" << rows << " rows) against the " << exports.size()
            << " exports of " << (*org)->slug << "\n";
  const bool found = !hits.empty() && hits.front().found > 0;
  Status described = db->Transact([&](store::Tx& tx) -> Status {
    store::AccountRepo accounts(tx, keys);
    for (size_t i = 0; i < hits.size() && i < kShown; ++i) {
      const io::DecoyIndex::Hit& h = hits[i];
      const store::ExportInfo* e = nullptr;
      for (const auto& x : exports) {
        if (x.id == h.export_id) e = &x;
      }
      if (!e) continue;
      std::string who = "user " + e->created_by;
      if (Result<store::User> u = accounts.Get(e->created_by)) who = u->name + " <" + u->email + "> (" + e->created_by + ")";
      std::cout << "  export " << e->id << ": " << h.found << " of " << h.decoys << " decoy rows found";
      if (h.partly > 0) std::cout << ", " << h.partly << " more in part";
      std::cout << "\n    made " << UtcTime(e->created_at_ms) << " by " << who << "\n    fields "
                << io::ExportFieldsText(e->fields) << "; " << e->row_count << " people"
                << (e->campaign_id.empty() ? "" : "; campaign " + e->campaign_id) << "\n    reason: "
                << (e->reason.empty() ? "(unreadable)" : e->reason) << "\n";
    }
    if (Status o = tx.SetOrg(org_id); !o) return o;
    std::string object = found ? "export:" + hits.front().export_id : "export:none";
    Result<int64_t> seq = store::AppendAudit(tx, org_id, "system:cli", "export.traced", object, "allowed", store::NowMillis());
    if (!seq) return seq.error();
    return Ok();
  }, store::TxMode::kWrite, org_id);
  if (!described) {
    Fail("export", described.error().message());
    return 1;
  }
  if (found) {
    std::cout << "  => the file came from export " << hits.front().export_id << "\n";
    return 0;
  }
  std::cout << (hits.empty() ? "  no decoy row of any export is in this file: it did not come from a hotshop export of "
                               "this organization, or its decoy rows were removed\n"
                             : "  only parts of decoy rows are in this file: no export can be named for sure\n");
  return 1;
}

}  // namespace hotshop::cli
