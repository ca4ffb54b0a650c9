// SPDX-License-Identifier: AGPL-3.0-or-later
// Server: HTTP/1.1 on Boost.Beast/Asio with keep-alive, one thread per core,
// limits on header size, body size (per route), idle and slow clients, a
// per-client rate limit, and graceful shutdown on SIGTERM/SIGINT: the
// listener closes, idle connections close, in-flight requests finish.
//
// The server only moves bytes: it reads a request, calls the dispatch
// function, and writes what it returns (Beast's handle_request model).
// Transport-level failures (oversized header/body, 429) are answered here as
// problem+json; everything else is the dispatcher's.
//
// Thread rule: construct and Run() on one thread; dispatch is called from
// many threads at once and must be thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "core/result.h"
#include "http/message.h"

namespace hotshop::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 0;  // 0 = one per core
  // Why 16 KiB: browsers send a few KiB of headers; larger is an attack.
  size_t header_limit = 16 * 1024;
  // A keep-alive connection with nothing to say is closed after this.
  std::chrono::seconds idle_timeout{30};
  // A client that takes longer than this to send one request is cut off
  // (slowloris).
  std::chrono::seconds request_timeout{20};
  // How long shutdown waits for in-flight requests before it stops anyway.
  std::chrono::seconds drain_timeout{20};
  // Requests per second per client address (0 = off), with a burst allowance.
  double rate_per_client = 50;
  double burst_per_client = 200;  // serve sets 4x the rate
  std::ostream* access_log = nullptr;  // nullptr = no access log
};

struct Dispatcher {
  std::function<Response(Request&)> handle;
  std::function<size_t(Verb, std::string_view path)> body_limit;
};

class Server {
 public:
  Server(ServerOptions options, Dispatcher dispatcher);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listener. Errors: kUnavailable naming the address on failure.
  Status Listen();
  // The port actually bound (useful with port 0).
  uint16_t port() const;
  // Serves until SIGTERM/SIGINT or Stop(), then drains. Blocks.
  void Run();
  // Begins a graceful shutdown from any thread.
  void Stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// One line of the access log: no addresses, no bodies, no query strings,
// control characters escaped so a crafted path can't forge a line.
std::string AccessLogLine(int64_t unix_ms, std::string_view method, std::string_view route_or_path,
                          unsigned status, size_t bytes, double duration_ms);

// Escapes CR, LF and other control characters as \xNN (log injection, §4 #18).
std::string EscapeForLog(std::string_view s);

}  // namespace hotshop::http
