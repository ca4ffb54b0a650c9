// SPDX-License-Identifier: AGPL-3.0-or-later
// ServerProcess: a real `hotshop serve` in a child process, on a free port,
// against a TestDb, for API tests. Also runs other subcommands and captures
// their output, as a person at a terminal would see it.
#pragma once

#include <string>
#include <vector>

#include "support/test_db.h"

namespace hotshop::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs build/hotshop with args; waits for it.
CommandResult RunHotshop(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

int FreePort();

class ServerProcess {
 public:
  // Creates a key, migrates the database, starts serve and waits for
  // /healthz. Extra serve flags go in extra_args.
  ServerProcess(const TestDb& db, std::vector<std::string> extra_args = {});
  ~ServerProcess();

  int port() const { return port_; }
  const std::string& key_file() const { return key_file_; }
  const std::string& log_file() const { return log_file_; }
  // Sends SIGTERM and waits; returns the exit code (or -1 after timeout_ms).
  int Terminate(int timeout_ms = 15000);
  bool running() const;
  std::string Log() const;

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string key_file_;
  std::string log_file_;
};

}  // namespace hotshop::testing
