// SPDX-License-Identifier: AGPL-3.0-or-later
#include <iostream>

#include "cli/commands.h"
#include "store/ids.h"
#include "store/migrations.h"

namespace hotshop::cli {

int RunMigrate(const Flags& flags) {
  std::string url = DatabaseUrl(flags);
  auto db = OpenOrExplain(url);
  if (!db) return 1;
  Result<std::vector<int>> applied = store::ApplyMigrations(*db, store::NowMillis());
  if (!applied) {
    Fail("migrate", applied.error().message());
    return 1;
  }
  Result<store::MigrationState> st = store::ReadMigrationState(*db);
  if (!st) {
    Fail("migrate", st.error().message());
    return 1;
  }
  if (applied->empty()) {
    std::cout << "hotshop migrate: " << store::RedactUrl(url) << " is up to date (migration " << st->current << ")\n";
  } else {
    std::cout << "hotshop migrate: applied " << applied->size() << " migration(s); " << store::RedactUrl(url)
              << " is at migration " << st->current << "\n";
  }
  return 0;
}

}  // namespace hotshop::cli
