// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/database.h"

namespace hotshop::store {

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size);
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size);

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, int pool_size) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) return Error::InvalidInput("db", "sqlite: URL needs a file path, e.g. sqlite:var/hotshop.db");
    return OpenSqlite(path, pool_size);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgres(url, pool_size);
  }
  return Error::InvalidInput("db", "database URL must start with sqlite: or postgresql:// (got '" +
                                       RedactUrl(url) + "')");
}

std::string RedactUrl(std::string_view url) {
  std::string u(url);
  auto scheme = u.find("://");
  if (scheme == std::string::npos) return u;
  auto at = u.find('@', scheme + 3);
  if (at == std::string::npos) return u;
  auto colon = u.find(':', scheme + 3);
  if (colon != std::string::npos && colon < at) {
    u.replace(colon + 1, at - colon - 1, "***");
  }
  return u;
}

}  // namespace hotshop::store
