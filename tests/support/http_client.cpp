// SPDX-License-Identifier: AGPL-3.0-or-later
#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace hotshop::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

struct HttpClient::Impl {
  int port;
  net::io_context ioc;
  std::unique_ptr<tcp::socket> sock;
  beast::flat_buffer buf;

  void Connect() {
    sock = std::make_unique<tcp::socket>(ioc);
    sock->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    buf.clear();
  }
};

HttpClient::HttpClient(int port) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->Connect();
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                            const std::map<std::string, std::string>& headers) {
  if (!impl_->sock || !impl_->sock->is_open()) impl_->Connect();
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  req.keep_alive(true);
  for (auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") req.prepare_payload();
  beast::error_code ec;
  bhttp::write(*impl_->sock, req, ec);
  HttpResult out;
  if (ec) {
    // The server ended the connection mid-request (e.g. a 413 on the
    // headers of an oversized body): the next request starts a new one.
    out.closed = true;
    impl_->sock->close();
    return out;
  }
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(*impl_->sock, impl_->buf, parser, ec);
  if (ec) {
    out.closed = true;
    impl_->sock->close();
    return out;
  }
  auto res = parser.release();
  out.status = static_cast<int>(res.result_int());
  for (auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  out.closed = !res.keep_alive();
  if (out.closed) impl_->sock->close();
  return out;
}

std::string HttpClient::Raw(const std::string& bytes, int wait_ms) {
  if (!impl_->sock || !impl_->sock->is_open()) impl_->Connect();
  beast::error_code ec;
  net::write(*impl_->sock, net::buffer(bytes), ec);
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  impl_->sock->non_blocking(true);
  char tmp[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    size_t n = impl_->sock->read_some(net::buffer(tmp), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (ec) break;
    out.append(tmp, n);
  }
  impl_->sock->non_blocking(false);
  return out;
}

bool HttpClient::ServerClosed(int wait_ms) {
  if (!impl_->sock || !impl_->sock->is_open()) return true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  impl_->sock->non_blocking(true);
  char tmp[256];
  bool closed = false;
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code ec;
    impl_->sock->read_some(net::buffer(tmp), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (ec) {
      closed = true;
      break;
    }
  }
  impl_->sock->non_blocking(false);
  return closed;
}

}  // namespace hotshop::testing
