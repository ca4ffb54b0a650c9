// SPDX-License-Identifier: AGPL-3.0-or-later
// hotshop: one binary, many subcommands. Wrong flags or an unreachable
// database give one clear line and a non-zero exit, never a stack trace.
#include <iostream>

#include "cli/commands.h"
#include "security/sodium_init.h"

using hotshop::cli::AllCommands;
using hotshop::cli::Command;

namespace {

void PrintUsage(std::ostream& out) {
  out << "hotshop: organize the unorganized. Intake, campaigns, casework and field programs.\n\n"
         "usage: hotshop <command> [flags]\n\ncommands:\n";
  for (const auto& c : AllCommands()) {
    out << "  " << c.name << std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ') << c.summary << "\n";
  }
  out << "\nRun `hotshop <command> --help` for its flags. Free software under AGPL-3.0-or-later.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintUsage(std::cout);
    return args.empty() ? 2 : 0;
  }
  if (!hotshop::security::InitSodium()) {
    std::cerr << "hotshop: libsodium could not start (no entropy source?)\n";
    return 1;
  }
  const Command* cmd = nullptr;
  for (const auto& c : AllCommands()) {
    if (c.name == args[0]) cmd = &c;
  }
  if (!cmd) {
    std::cerr << "hotshop: unknown command '" << args[0] << "' (run `hotshop --help`)\n";
    return 2;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      std::cout << hotshop::cli::HelpText(*cmd);
      return 0;
    }
  }
  hotshop::Result<hotshop::cli::Flags> flags = hotshop::cli::Flags::Parse(*cmd, rest);
  if (!flags) {
    std::cerr << "hotshop " << cmd->name << ": " << flags.error().message() << " (run `hotshop "
              << cmd->name << " --help`)\n";
    return 2;
  }
  try {
    if (cmd->name == "serve") return hotshop::cli::RunServe(*flags);
    if (cmd->name == "migrate") return hotshop::cli::RunMigrate(*flags);
    if (cmd->name == "demo") return hotshop::cli::RunDemo(*flags);
    if (cmd->name == "keys") return hotshop::cli::RunKeys(*flags);
    if (cmd->name == "user") return hotshop::cli::RunUser(*flags);
    if (cmd->name == "audit") return hotshop::cli::RunAudit(*flags);
    if (cmd->name == "import") return hotshop::cli::RunImport(*flags);
    if (cmd->name == "export") return hotshop::cli::RunExport(*flags);
    if (cmd->name == "intake") return hotshop::cli::RunIntake(*flags);
    if (cmd->name == "match") return hotshop::cli::RunMatch(*flags);
    if (cmd->name == "org") return hotshop::cli::RunOrg(*flags);
  } catch (const std::exception& e) {
    std::cerr << "hotshop " << cmd->name << ": unexpected error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
