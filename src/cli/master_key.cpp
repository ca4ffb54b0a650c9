// SPDX-License-Identifier: AGPL-3.0-or-later
#include "cli/master_key.h"

#include "security/keyring.h"
#include "store/instance_settings.h"

namespace hotshop::cli {

Result<security::SecretBytes> LoadAndCheckMasterKey(store::Database& db, const std::string& key_file) {
  Result<security::SecretBytes> kek = security::LoadMasterKey(key_file);
  if (!kek) {
    if (kek.error().code() == ErrorCode::kNotFound) {
      return Error::NotFound("no master key at " + key_file +
                             ": create one with `hotshop keys init --key-file " + key_file +
                             "` (or restore yours from its offline backup)");
    }
    return kek.error();
  }
  std::string check = security::MasterKeyCheck(*kek);
  Result<std::string> stored = store::TransactValue<std::string>(db, [&](store::Tx& tx) {
    return store::SetInstanceSettingIfAbsent(tx, store::kMasterKeyCheckSetting, check);
  });
  if (!stored) return stored.error();
  if (Status s = security::VerifyMasterKeyCheck(*kek, *stored); !s) {
    return Error::Conflict("master_key_file", "the master key in " + key_file +
                                                  " does not match this database; refusing to start "
                                                  "(use the key file this database was created with)");
  }
  return std::move(*kek);
}

}  // namespace hotshop::cli
