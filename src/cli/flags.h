// SPDX-License-Identifier: AGPL-3.0-or-later
// Flags: the command line of one subcommand, `--name value` or `--name=value`,
// checked against the flags that subcommand declares, so a typo is one clear
// line and exit code 2, never a silent default.
//
// Thread rule: single-threaded use at startup.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace hotshop::cli {

struct FlagSpec {
  std::string name;   // without dashes
  std::string value;  // placeholder shown in help, "" for a boolean switch
  std::string help;
};

struct Command {
  std::string name;
  std::string summary;
  std::vector<FlagSpec> flags;
  std::vector<std::string> positionals;  // names shown in help
};

class Flags {
 public:
  // Parses args (after the subcommand). Errors name the bad flag.
  static Result<Flags> Parse(const Command& cmd, const std::vector<std::string>& args);

  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

std::string HelpText(const Command& cmd);

}  // namespace hotshop::cli
