// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/instance_settings.h"

namespace hotshop::store {

Result<std::optional<std::string>> GetInstanceSetting(Tx& tx, const std::string& name) {
  Result<Rows> r = tx.Query("SELECT value FROM instance_settings WHERE name = $1", {name});
  if (!r) return r.error();
  if (r->empty()) return std::optional<std::string>();
  return std::optional<std::string>((*r)[0].Text(0));
}

Result<std::string> SetInstanceSettingIfAbsent(Tx& tx, const std::string& name, const std::string& value) {
  Result<int64_t> ins = tx.Exec(
      "INSERT INTO instance_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
      {name, value});
  if (!ins) return ins.error();
  Result<std::optional<std::string>> got = GetInstanceSetting(tx, name);
  if (!got) return got.error();
  return got->value_or("");
}

}  // namespace hotshop::store
