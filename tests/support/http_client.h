// SPDX-License-Identifier: AGPL-3.0-or-later
// HttpClient: a small blocking HTTP/1.1 client for API tests (Beast over a
// TCP socket), keeping one connection open so keep-alive is exercised.
#pragma once

#include <map>
#include <memory>
#include <string>

namespace hotshop::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool closed = false;  // the server closed the connection after this
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(int port);
  ~HttpClient();
  // Sends one request; reconnects first if the last one closed.
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {});
  // Writes raw bytes and reads whatever comes back until close or timeout.
  std::string Raw(const std::string& bytes, int wait_ms);
  // True when the server has closed this client's connection.
  bool ServerClosed(int wait_ms);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotshop::testing
