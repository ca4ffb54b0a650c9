// SPDX-License-Identifier: AGPL-3.0-or-later
#include "support/server_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/http_client.h"

namespace hotshop::testing {

namespace {

int Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& out_file) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int fd = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    std::string bin = HOTSHOP_BINARY;
    argv.push_back(bin.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(s);
  return port;
}

CommandResult RunHotshop(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::string dir = MakeTempDir("hotshop-cmd-");
  std::string out = dir + "/out.txt";
  int pid = Spawn(args, env, out);
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(out);
  std::filesystem::remove_all(dir);
  return r;
}

ServerProcess::ServerProcess(const TestDb& db, std::vector<std::string> extra_args) {
  key_file_ = db.dir() + "/master.key";
  log_file_ = db.dir() + "/serve.log";
  if (!std::filesystem::exists(key_file_)) {
    CommandResult k = RunHotshop({"keys", "init", "--key-file", key_file_});
    if (k.exit_code != 0) throw std::runtime_error("keys init failed: " + k.out);
  }
  CommandResult m = RunHotshop({"migrate", "--db", db.url()});
  if (m.exit_code != 0) throw std::runtime_error("migrate failed: " + m.out);
  port_ = FreePort();
  std::vector<std::string> args = {"serve", "--db", db.app_url(), "--listen", "127.0.0.1:" + std::to_string(port_),
                                   "--key-file", key_file_, "--web-dir", db.dir() + "/web"};
  bool has_log_flag = false;
  for (auto& a : extra_args) has_log_flag = has_log_flag || a == "--access-log" || a == "--no-access-log";
  if (!has_log_flag) {
    args.push_back("--access-log");
    args.push_back(db.dir() + "/access.log");
  }
  // Cheap hashing in tests: tuning at start and 64 MiB x 3 passes per login add nothing here.
  args.push_back("--pwhash-opslimit");
  args.push_back("1");
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, {}, log_file_);
  for (int i = 0; i < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!running()) throw std::runtime_error("serve exited: " + Log());
    try {
      HttpClient c(port_);
      if (c.Send("GET", "/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
  }
  throw std::runtime_error("serve did not answer /healthz: " + Log());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

bool ServerProcess::running() const {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    const_cast<ServerProcess*>(this)->pid_ = -1;
    return false;
  }
  return r == 0;
}

int ServerProcess::Terminate(int timeout_ms) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

std::string ServerProcess::Log() const { return ReadAll(log_file_); }

}  // namespace hotshop::testing
