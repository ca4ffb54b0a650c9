// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hotshop::http {
namespace {

std::string_view MimeType(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  if (ends(".webmanifest")) return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True when the client lists gzip in Accept-Encoding without ;q=0.
bool AcceptsGzip(std::string_view accept) {
  size_t at = 0;
  while (at < accept.size()) {
    size_t comma = accept.find(',', at);
    std::string_view item = accept.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name == "gzip" || name == "x-gzip") {
      std::string_view params = item.substr(name.size());
      return params.find("q=0") == std::string_view::npos || params.find("q=0.") != std::string_view::npos;
    }
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return false;
}

}  // namespace

bool StaticFiles::available() const {
  return !root_.empty() && std::filesystem::exists(std::filesystem::path(root_) / "index.html");
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (req.method() != Verb::get && req.method() != Verb::head) return std::nullopt;
  if (root_.empty()) return std::nullopt;
  const std::string& path = req.path;
  // Request path must be absolute and must not climb out of the root.
  if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos ||
      path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  std::string rel = path == "/" ? "index.html" : path.substr(1);
  std::filesystem::path file = std::filesystem::path(root_) / rel;
  bool has_ext = rel.rfind('.') != std::string::npos && rel.rfind('.') > rel.rfind('/') + 0;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    if (has_ext || rel.rfind("api/", 0) == 0) return std::nullopt;
    file = std::filesystem::path(root_) / "index.html";  // a client-side route
    rel = "index.html";
  }
  // A .gz written beside the file at build time (web/vite.config.ts) is sent
  // as is to a browser that accepts gzip.
  std::filesystem::path gz = file;
  gz += ".gz";
  const bool gzip = AcceptsGzip(req.header("Accept-Encoding")) && std::filesystem::is_regular_file(gz, ec);
  std::optional<std::string> body = ReadFile(gzip ? gz : file);
  if (!body) return std::nullopt;
  Response res{HttpStatus::ok, req.raw.version()};
  res.set(bhttp::field::content_type, MimeType(rel));
  if (gzip) res.set(bhttp::field::content_encoding, "gzip");
  if (std::filesystem::is_regular_file(gz, ec)) res.set(bhttp::field::vary, "Accept-Encoding");
  if (rel.rfind("assets/", 0) == 0) {
    res.set(bhttp::field::cache_control, "public, max-age=31536000, immutable");
  } else {
    res.set(bhttp::field::cache_control, "no-cache");
  }
  res.body() = std::move(*body);
  res.prepare_payload();
  if (req.method() == Verb::head) res.body().clear();
  return res;
}

}  // namespace hotshop::http
