// SPDX-License-Identifier: AGPL-3.0-or-later
#include "cli/flags.h"

#include <sstream>

namespace hotshop::cli {

Result<Flags> Flags::Parse(const Command& cmd, const std::vector<std::string>& args) {
  Flags f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      if (f.positionals_.size() >= cmd.positionals.size()) {
        return Error::InvalidInput(a, "unexpected argument '" + a + "'");
      }
      f.positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : cmd.flags) {
      if (s.name == name) spec = &s;
    }
    if (!spec) return Error::InvalidInput(name, "unknown flag --" + name);
    if (spec->value.empty()) {
      if (inline_value) return Error::InvalidInput(name, "--" + name + " takes no value");
      f.values_[name] = "1";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return Error::InvalidInput(name, "--" + name + " needs a value (" + spec->value + ")");
      value = args[++i];
    }
    f.values_[name] = value;
  }
  return f;
}

std::optional<std::string> Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Flags::GetOr(const std::string& name, const std::string& fallback) const {
  auto v = Get(name);
  return v ? *v : fallback;
}

std::string HelpText(const Command& cmd) {
  std::ostringstream out;
  out << "usage: hotshop " << cmd.name;
  for (const auto& p : cmd.positionals) out << " " << p;
  if (!cmd.flags.empty()) out << " [flags]";
  out << "\n\n" << cmd.summary << "\n";
  if (!cmd.flags.empty()) {
    out << "\nflags:\n";
    for (const auto& s : cmd.flags) {
      std::string left = "  --" + s.name + (s.value.empty() ? "" : " " + s.value);
      out << left;
      out << std::string(left.size() < 28 ? 28 - left.size() : 1, ' ') << s.help << "\n";
    }
  }
  return out.str();
}

}  // namespace hotshop::cli
