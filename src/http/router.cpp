// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/router.h"

namespace hotshop::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool Match(const Route& r, const std::vector<std::string_view>& segs,
           std::map<std::string, std::string>* params) {
  if (r.segments.size() != segs.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (segs[i].empty()) return false;
      if (params) (*params)[p.substr(1, p.size() - 2)] = std::string(segs[i]);
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(Verb method, std::string pattern, Handler handler, RouteOptions options) {
  Route r{method, pattern, {}, std::move(handler), options};
  for (auto s : Split(pattern)) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
}

RouteMatch Router::Find(Verb method, std::string_view path) const {
  RouteMatch m;
  auto segs = Split(path);
  for (const Route& r : routes_) {
    if (!Match(r, segs, nullptr)) continue;
    if (r.method == method || (method == Verb::head && r.method == Verb::get)) {
      m.kind = RouteMatch::kFound;
      m.route = &r;
      m.params.clear();
      Match(r, segs, &m.params);
      return m;
    }
    m.kind = RouteMatch::kMethodNotAllowed;
    std::string name(bhttp::to_string(r.method));
    if (m.allow.find(name) == std::string::npos) {
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += name;
    }
  }
  return m;
}

size_t Router::BodyLimit(Verb method, std::string_view path) const {
  RouteMatch m = Find(method, path);
  return m.kind == RouteMatch::kFound ? m.route->options.body_limit : kDefaultBodyLimit;
}

}  // namespace hotshop::http
