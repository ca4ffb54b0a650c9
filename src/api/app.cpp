// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/app.h"

#include "api/session_auth.h"
#include "http/headers.h"
#include "http/problem.h"
#include "store/ids.h"

namespace hotshop::api {
namespace {

// The media type of a Content-Type value, lowercased, without parameters.
std::string MediaType(std::string_view ct) {
  auto semi = ct.find(';');
  std::string_view media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  std::string lower(media);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsJsonContentType(std::string_view ct) { return MediaType(ct) == "application/json"; }

// What browsers and tools label a .csv or .tsv file with (Windows reports
// application/vnd.ms-excel for .csv), or nothing at all.
bool IsFileContentType(std::string_view ct) {
  std::string media = MediaType(ct);
  return media.empty() || media == "text/csv" || media == "text/tab-separated-values" || media == "text/plain" ||
         media == "application/octet-stream" || media == "application/vnd.ms-excel" ||
         media == "application/csv";
}

bool IsUnsafe(http::Verb v) {
  return v != http::Verb::get && v != http::Verb::head && v != http::Verb::options;
}

}  // namespace

App::App(store::Database& db, Config config, Services& services)
    : db_(db), config_(std::move(config)), services_(services), static_files_(config_.web_dir) {
  RegisterRoutes(*this, [this](http::Verb m, std::string p, ApiHandler h, http::RouteOptions o) {
    Register(m, std::move(p), h, o);
  });
}

void App::Register(http::Verb method, std::string pattern, ApiHandler handler,
                   http::RouteOptions options) {
  router_.Add(method, std::move(pattern),
              [this, handler, options](const http::Request& req) {
                Context ctx{db_, config_, services_, store::NowMillis(), std::nullopt, std::nullopt};
                if (Status s = ResolveSession(req, ctx); !s) return http::Problem(s.error());
                if (!options.public_route) {
                  if (!ctx.actor) {
                    return http::Problem(Error::Unauthenticated("sign in to continue; your session may have ended"));
                  }
                  if (!ctx.session->needs.empty() && !options.setup_ok) {
                    return http::Problem(http::HttpStatus::forbidden, "setup_required",
                                         "finish setting up your account (new password and two-factor code) first");
                  }
                }
                return handler(req, ctx);
              },
              options);
}

size_t App::BodyLimit(http::Verb method, std::string_view path) const {
  return router_.BodyLimit(method, path);
}

http::Response App::Handle(http::Request& req) {
  unsigned version = req.raw.version();
  auto finish = [&](http::Response res, bool cacheable) {
    res.version(version);
    http::ApplySecurityHeaders(res, cacheable);
    return res;
  };

  http::RouteMatch m = router_.Find(req.method(), req.path);
  // hotshop takes JSON bodies only, and a file's bytes on upload routes: a
  // form body (the shape a cross-site form can send without a preflight) is
  // refused (security-model.md §2.7, §4 #21).
  if (IsUnsafe(req.method()) && !req.body().empty()) {
    const bool file_route = m.kind == http::RouteMatch::kFound && m.route->options.file_body;
    std::string_view ct = req.header("Content-Type");
    if (file_route ? !IsFileContentType(ct) : !IsJsonContentType(ct)) {
      return finish(http::Problem(http::HttpStatus::unsupported_media_type, "unsupported_media_type",
                                  file_route
                                      ? "Send the file itself as the body (a .csv or .tsv file), not a form."
                                      : "Send the body as JSON with Content-Type: application/json.",
                                  version),
                    false);
    }
  }

  if (m.kind == http::RouteMatch::kNotFound) {
    if (auto file = static_files_.Serve(req)) return finish(std::move(*file), true);
    return finish(http::Problem(http::HttpStatus::not_found, "not_found",
                                "Nothing is here. Check the address; if you followed a link, it may have expired.",
                                version),
                  false);
  }
  if (m.kind == http::RouteMatch::kMethodNotAllowed) {
    http::Response res = http::Problem(http::HttpStatus::method_not_allowed, "method_not_allowed",
                                       "This address does not accept " +
                                           std::string(req.raw.method_string()) + "; it accepts " + m.allow + ".",
                                       version);
    res.set(http::bhttp::field::allow, m.allow);
    return finish(std::move(res), false);
  }
  req.route = m.route->pattern;
  req.path_params = std::move(m.params);

  // CSRF (security-model.md §2.7): a cross-site request never changes state.
  if (IsUnsafe(req.method())) {
    std::string_view site = req.header("Sec-Fetch-Site");
    std::string_view origin = req.header("Origin");
    if (site == "cross-site" || origin == "null") {
      return finish(http::Problem(http::HttpStatus::forbidden, "cross_site",
                                  "Requests from other websites are refused. Open hotshop directly and try again.",
                                  version),
                    false);
    }
  }
  if (IsUnsafe(req.method()) && !m.route->options.public_route &&
      req.header("X-Requested-With").empty()) {
    return finish(http::Problem(http::HttpStatus::forbidden, "csrf_header_missing",
                                "This request is missing the X-Requested-With header that hotshop's pages send; "
                                "reload the page and try again.",
                                version),
                  false);
  }
  try {
    return finish(m.route->handler(req), false);
  } catch (const std::exception&) {
    return finish(http::Problem(Error::Internal(""), version), false);
  }
}

}  // namespace hotshop::api
