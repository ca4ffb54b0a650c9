// SPDX-License-Identifier: AGPL-3.0-or-later
// InstanceSettings: name → value settings of this deployment (not a tenant's).
//
// Thread rule: stateless; safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace hotshop::store {

inline constexpr const char* kMasterKeyCheckSetting = "master_key_check";

Result<std::optional<std::string>> GetInstanceSetting(Tx& tx, const std::string& name);
// Inserts the value only when the setting is absent; returns the stored value.
Result<std::string> SetInstanceSettingIfAbsent(Tx& tx, const std::string& name, const std::string& value);

}  // namespace hotshop::store
