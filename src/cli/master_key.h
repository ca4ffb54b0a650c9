// SPDX-License-Identifier: AGPL-3.0-or-later
// The master key at startup: load it from its file and check it against the
// database's check value, storing the value on first use. Any failure means
// the server must not start (security-model.md §2.2, §4 #30).
#pragma once

#include <string>

#include "core/result.h"
#include "security/secret.h"
#include "store/database.h"

namespace hotshop::cli {

Result<security::SecretBytes> LoadAndCheckMasterKey(store::Database& db, const std::string& key_file);

}  // namespace hotshop::cli
