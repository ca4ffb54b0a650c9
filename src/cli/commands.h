// SPDX-License-Identifier: AGPL-3.0-or-later
// The subcommands of `hotshop`. Each returns the process exit code: 0 ok,
// 1 the operation failed, 2 the command line was wrong.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/flags.h"
#include "store/database.h"

namespace hotshop::cli {

const std::vector<Command>& AllCommands();

int RunServe(const Flags& flags);
int RunMigrate(const Flags& flags);
int RunDemo(const Flags& flags);
int RunKeys(const Flags& flags);
int RunUser(const Flags& flags);
int RunAudit(const Flags& flags);
int RunImport(const Flags& flags);
int RunExport(const Flags& flags);
int RunIntake(const Flags& flags);
int RunMatch(const Flags& flags);
int RunOrg(const Flags& flags);

// --db, then $HOTSHOP_DB, then sqlite:var/hotshop.db.
std::string DatabaseUrl(const Flags& flags);
// --key-file, then $HOTSHOP_KEY_FILE, then var/master.key.
std::string KeyFilePath(const Flags& flags);

// Opens the database or prints one line saying why not (returns nullptr).
std::unique_ptr<store::Database> OpenOrExplain(const std::string& url);

// One line to stderr: "hotshop <cmd>: <message>".
void Fail(const std::string& cmd, const std::string& message);

}  // namespace hotshop::cli
