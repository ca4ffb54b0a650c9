// SPDX-License-Identifier: AGPL-3.0-or-later
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "security/keyring.h"
#include "store/audit_log.h"
#include "store/export_repo.h"
#include "store/ids.h"
#include "store/import_history.h"
#include "store/intake_repo.h"
#include "store/key_service.h"
#include "store/person_repo.h"
#include "store/sealed_text.h"
#include <unistd.h>
#include <cstdlib>

namespace hotshop::cli {

namespace {

// Rotation (security-model.md §2.3): every org gets a new data key, every
// encrypted field is re-encrypted under it in small committed batches, and
// the old key is retired only when nothing uses it. Killed at any point, a
// rerun picks up where it stopped: an org with two active data keys is
// mid-rotation, and until it finishes both keys decrypt.
int RotateDataKeys(const Flags& flags) {
  auto db = OpenOrExplain(DatabaseUrl(flags));
  if (!db) return 1;
  Result<security::SecretBytes> kek = LoadAndCheckMasterKey(*db, KeyFilePath(flags));
  if (!kek) {
    Fail("keys", kek.error().message());
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  Result<std::vector<std::string>> orgs = store::TransactValue<std::vector<std::string>>(*db, [](store::Tx& tx) -> Result<std::vector<std::string>> {
    Result<store::Rows> r = tx.Query("SELECT id FROM orgs ORDER BY id");
    if (!r) return r.error();
    std::vector<std::string> out;
    for (const auto& row : *r) out.push_back(row.Text(0));
    return out;
  }, store::TxMode::kRead);
  if (!orgs) {
    Fail("keys", orgs.error().message());
    return 1;
  }
  const char* kill_after = std::getenv("HOTSHOP_TEST_KILL_AFTER_BATCHES");  // tests of §4 #28 only
  int batches = 0;
  for (const auto& org : *orgs) {
    int64_t now = store::NowMillis();
    Status started = db->Transact([&](store::Tx& tx) -> Status {
      Result<store::Rows> n = tx.Query(
          "SELECT count(*) FROM org_keys WHERE org_id = $1 AND purpose = 'data' AND state = 'active'", {org});
      if (!n) return n.error();
      if ((*n)[0].Int(0) > 1) return Ok();  // a rotation already under way: resume it
      Result<uint32_t> id = keys.AddDataKey(tx, org, now);
      if (!id) return id.error();
      return store::AppendAudit(tx, org, "system:cli", "keys.rotation_started", "key:" + std::to_string(*id),
                                "allowed", now).ok() ? Ok() : Status(Error::Internal("audit failed"));
    }, store::TxMode::kWrite, org);
    if (!started) {
      Fail("keys", started.error().message());
      return 1;
    }
    keys.Forget(org);
    int64_t total = 0;
    for (;;) {
      Result<int64_t> changed = store::TransactValue<int64_t>(*db, [&](store::Tx& tx) -> Result<int64_t> {
        auto k = keys.ForOrg(tx, org);
        if (!k) return k.error();
        store::Scope scope = store::Scope::ForOrg(org);
        // Every table that seals values under the org's data keys, people
        // first; a batch is at most 500 rows of each.
        int64_t n = 0;
        for (auto step : {+[](store::Tx& t, const store::Scope& s, const store::OrgKeys& ok) {
                            return store::PersonRepo(t, s, ok).ReencryptBatch(500);
                          },
                          +[](store::Tx& t, const store::Scope& s, const store::OrgKeys& ok) {
                            return store::ImportHistory(t, s, ok).ReencryptBatch(500);
                          },
                          +[](store::Tx& t, const store::Scope& s, const store::OrgKeys& ok) {
                            return store::ExportRepo(t, s, ok).ReencryptBatch(500);
                          },
                          +[](store::Tx& t, const store::Scope& s, const store::OrgKeys& ok) {
                            return store::ReencryptWorkplaceBatch(t, s, ok, 500);
                          },
                          +[](store::Tx& t, const store::Scope& s, const store::OrgKeys& ok) {
                            return store::ReencryptIntakeBatch(t, s, ok, 500);
                          }}) {
          Result<int64_t> done_now = step(tx, scope, **k);
          if (!done_now) return done_now.error();
          n += *done_now;
        }
        return n;
      }, store::TxMode::kWrite, org);
      if (!changed) {
        Fail("keys", changed.error().message());
        return 1;
      }
      if (*changed == 0) break;
      total += *changed;
      if (kill_after && ++batches >= std::atoi(kill_after)) _exit(137);
    }
    Status retired = db->Transact([&](store::Tx& tx) -> Status {
      Result<int64_t> r = tx.Exec(
          "UPDATE org_keys SET state = 'retired' WHERE org_id = $1 AND purpose = 'data' AND state = 'active' "
          "AND key_id < (SELECT MAX(key_id) FROM org_keys WHERE org_id = $1 AND purpose = 'data')",
          {org});
      if (!r) return r.error();
      Result<int64_t> seq = store::AppendAudit(tx, org, "system:cli", "keys.rotated", "rows:" + std::to_string(total),
                                               "allowed", store::NowMillis());
      if (!seq) return seq.error();
      return Ok();
    }, store::TxMode::kWrite, org);
    if (!retired) {
      Fail("keys", retired.error().message());
      return 1;
    }
    keys.Forget(org);
    std::cout << "hotshop keys: organization " << org << ": re-encrypted " << total << " records under a new key\n";
  }
  std::cout << "hotshop keys: rotation complete\n";
  return 0;
}

}  // namespace

int RunKeys(const Flags& flags) {
  if (flags.positionals().empty()) {
    Fail("keys", "say what to do: `hotshop keys init` or `hotshop keys status`");
    return 2;
  }
  const std::string& what = flags.positionals()[0];
  std::string path = KeyFilePath(flags);
  if (what == "init") {
    if (std::filesystem::exists(path)) {
      std::cout << "hotshop keys: " << path << " exists; keeping it\n";
      return 0;
    }
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (Status s = security::CreateMasterKeyFile(path); !s) {
      Fail("keys", s.error().message());
      return 1;
    }
    std::cout << "hotshop keys: created master key " << path
              << " (mode 0400). Back it up offline now: without it the data cannot be read.\n";
    return 0;
  }
  if (what == "status") {
    Result<security::SecretBytes> kek = security::LoadMasterKey(path);
    if (!kek) {
      Fail("keys", kek.error().message());
      return 1;
    }
    std::cout << "master key: " << path << " (ok, 32 bytes)\n";
    if (flags.Has("db")) {
      auto db = OpenOrExplain(DatabaseUrl(flags));
      if (!db) return 1;
      Result<security::SecretBytes> checked = LoadAndCheckMasterKey(*db, path);
      if (!checked) {
        Fail("keys", checked.error().message());
        return 1;
      }
      std::cout << "database: the key matches\n";
    }
    return 0;
  }
  if (what == "rotate") return RotateDataKeys(flags);
  Fail("keys", "unknown action '" + what + "': use init, status or rotate");
  return 2;
}

}  // namespace hotshop::cli
