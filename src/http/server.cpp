// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <iomanip>
#include <limits>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "http/headers.h"
#include "http/problem.h"
#include "http/rate_limiter.h"

namespace hotshop::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

std::string EscapeForLog(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string AccessLogLine(int64_t unix_ms, std::string_view method, std::string_view route_or_path,
                          unsigned status, size_t bytes, double duration_ms) {
  std::time_t secs = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char ts[32];
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::ostringstream line;
  line << ts << " " << EscapeForLog(method) << " \"" << EscapeForLog(route_or_path) << "\" " << status
       << " " << bytes << " " << std::fixed << std::setprecision(1) << duration_ms << "ms";
  return line.str();
}

class Session;

struct Server::Impl {
  ServerOptions opts;
  Dispatcher dispatcher;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  RateLimiter limiter;
  std::atomic<bool> draining{false};
  std::mutex sessions_mu;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
  std::mutex log_mu;
  std::unique_ptr<net::steady_timer> drain_timer;

  Impl(ServerOptions o, Dispatcher d)
      : opts(std::move(o)), dispatcher(std::move(d)), limiter(opts.rate_per_client, opts.burst_per_client) {}

  void Accept();
  void BeginShutdown();
  void Log(const std::string& line) {
    if (!opts.access_log) return;
    std::lock_guard<std::mutex> lock(log_mu);
    *opts.access_log << line << '\n';
    opts.access_log->flush();
  }
};

// Polls until every session has ended, then cancels the drain timer so Run()
// returns as soon as the last in-flight request is answered.
void CheckDrainedImpl(Server::Impl* impl);

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {}

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Called at shutdown: an idle connection is closed now; a busy one closes
  // after its response is written.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void ReadHeader() {
    if (server_.draining) return Close();
    busy_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.opts.header_limit));
    // No limit while reading the header: the route's own limit is applied
    // in OnHeader, where an oversized Content-Length gets a 413, not a reset.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    if (buffer_.size() > 0) return ReadRestOfHeader();
    // Idle: wait for the first bytes of the next request under the idle
    // timeout; from then on the (shorter) request timeout applies, so a
    // client trickling a header byte by byte is cut off (slowloris).
    stream_.expires_after(server_.opts.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->Close();
                              self->buffer_.commit(n);
                              self->ReadRestOfHeader();
                            });
  }

  void ReadRestOfHeader() {
    if (!start_set_) start_ = std::chrono::steady_clock::now();
    stream_.expires_after(server_.opts.request_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit) {
      busy_ = true;
      return WriteAndClose(Problem(HttpStatus::request_header_fields_too_large, "header_too_large",
                                   "The request headers are larger than " +
                                       std::to_string(server_.opts.header_limit / 1024) +
                                       " KiB; clear this site's cookies and try again."));
    }
    if (ec) return Close();  // end of stream, timeout, reset: nothing to answer
    busy_ = true;
    start_ = std::chrono::steady_clock::now();
    auto& h = parser_->get();
    std::string_view target(h.target().data(), h.target().size());
    std::string_view path = target.substr(0, target.find('?'));
    size_t limit = server_.dispatcher.body_limit(h.method(), path);
    if (auto len = parser_->content_length(); len && *len > limit) {
      return WriteAndClose(TooLarge(limit));
    }
    parser_->body_limit(limit);
    limit_ = limit;
    stream_.expires_after(server_.opts.request_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) {
      return WriteAndClose(TooLarge(limit_));
    }
    if (ec) return Close();
    Request req;
    req.raw = parser_->release();
    std::string_view target(req.raw.target().data(), req.raw.target().size());
    auto q = target.find('?');
    req.query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
    auto decoded = PercentDecode(target.substr(0, q));
    req.path = decoded ? *decoded : std::string(target.substr(0, q));
    beast::error_code aec;
    auto ep = stream_.socket().remote_endpoint(aec);
    if (!aec) req.client_addr = ep.address().to_string();

    Response res;
    int64_t wait = server_.limiter.Take(req.client_addr, NowMs());
    if (wait > 0) {
      res = Problem(HttpStatus::too_many_requests, "rate_limited",
                    "Too many requests from your connection. Wait " + std::to_string(wait) +
                        " seconds and try again.",
                    req.raw.version());
      res.set(bhttp::field::retry_after, std::to_string(wait));
      ApplySecurityHeaders(res, false);
    } else {
      try {
        res = server_.dispatcher.handle(req);
      } catch (const std::exception&) {
        res = Problem(Error::Internal(""), req.raw.version());
        ApplySecurityHeaders(res, false);
      }
    }
    bool close = !req.raw.keep_alive() || server_.draining;
    res.version(req.raw.version());
    res.keep_alive(!close);
    LogLine(req.raw.method_string(), req.route.empty() ? "-" : req.route, res);
    Write(std::move(res), close);
  }

  Response TooLarge(size_t limit) {
    std::string what = limit >= 1024 * 1024 ? std::to_string(limit / (1024 * 1024)) + " MiB"
                                            : std::to_string(limit / 1024) + " KiB";
    Response res = Problem(HttpStatus::payload_too_large, "too_large",
                           "The request body is larger than " + what +
                               ", the most this endpoint accepts. Send less at once.");
    ApplySecurityHeaders(res, false);
    return res;
  }

  void WriteAndClose(Response res) {
    if (res.find("Content-Security-Policy") == res.end()) ApplySecurityHeaders(res, false);
    res.keep_alive(false);
    LogLine(parser_ ? std::string(parser_->get().method_string()) : "-", "-", res);
    Write(std::move(res), true);
  }

  void Write(Response res, bool close) {
    auto sp = std::make_shared<Response>(std::move(res));
    stream_.expires_after(server_.opts.request_timeout);
    bhttp::async_write(stream_, *sp,
                       [self = shared_from_this(), sp, close](beast::error_code ec, std::size_t) {
                         if (ec || close || self->server_.draining) return self->Close();
                         self->ReadHeader();
                       });
  }

  void LogLine(std::string_view method, std::string_view route, const Response& res) {
    if (!server_.opts.access_log) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    server_.Log(AccessLogLine(NowMs(), method, route, static_cast<unsigned>(res.result_int()),
                              res.body().size(), ms));
  }

  void Close() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  bool busy_ = false;
  bool start_set_ = false;
  size_t limit_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      return Accept();  // e.g. EMFILE: keep serving the connections we have
    }
    if (draining) return;
    auto s = std::make_shared<Session>(std::move(socket), *this);
    {
      std::lock_guard<std::mutex> lock(sessions_mu);
      for (auto it = sessions.begin(); it != sessions.end();) {
        it = it->expired() ? sessions.erase(it) : std::next(it);
      }
      sessions.insert(s);
    }
    s->Start();
    Accept();
  });
}

void Server::Impl::BeginShutdown() {
  if (draining.exchange(true)) return;
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(sessions_mu);
    for (auto& w : sessions) {
      if (auto s = w.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->CloseIfIdle();
  // In-flight requests get drain_timeout to finish; then the loop stops.
  drain_timer = std::make_unique<net::steady_timer>(ioc, opts.drain_timeout);
  drain_timer->async_wait([this](beast::error_code e) {
    if (!e) ioc.stop();
  });
  // When the last session ends, nothing but the timer is left: cancel it.
  net::post(ioc, [this] { CheckDrainedImpl(this); });
}

void CheckDrainedImpl(Server::Impl* impl) {
  bool any = false;
  {
    std::lock_guard<std::mutex> lock(impl->sessions_mu);
    for (auto& w : impl->sessions) any = any || !w.expired();
  }
  if (!any) {
    if (impl->drain_timer) impl->drain_timer->cancel();
    return;
  }
  auto t = std::make_shared<net::steady_timer>(impl->ioc, std::chrono::milliseconds(20));
  t->async_wait([impl, t](beast::error_code) { CheckDrainedImpl(impl); });
}

Server::Server(ServerOptions options, Dispatcher dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatcher))) {}

Server::~Server() = default;

Status Server::Listen() {
  beast::error_code ec;
  auto addr = net::ip::make_address(impl_->opts.host, ec);
  if (ec) return Error::InvalidInput("listen", "'" + impl_->opts.host + "' is not an IP address; use e.g. 127.0.0.1:8080");
  tcp::endpoint ep{addr, impl_->opts.port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Unavailable("cannot listen on " + impl_->opts.host + ":" +
                              std::to_string(impl_->opts.port) + ": " + ec.message() +
                              " (is another server using that port?)");
  }
  return Ok();
}

uint16_t Server::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void Server::Run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](beast::error_code ec, int) {
    if (!ec) s.BeginShutdown();
  });
  s.Accept();
  int n = s.opts.threads > 0 ? s.opts.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int i = 1; i < n; ++i) pool.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : pool) t.join();
}

void Server::Stop() {
  net::post(impl_->ioc, [this] { impl_->BeginShutdown(); });
}

}  // namespace hotshop::http
