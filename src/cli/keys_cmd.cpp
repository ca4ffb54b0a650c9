// SPDX-License-Identifier: AGPL-3.0-or-later
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/master_key.h"
#include "security/keyring.h"

namespace hotshop::cli {

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
  Fail("keys", "unknown action '" + what + "': use init or status");
  return 2;
}

}  // namespace hotshop::cli
