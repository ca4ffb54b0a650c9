// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/page.h"

#include <charconv>
#include <cstdint>

#include "security/authorize.h"

namespace hotshop::api {
namespace {

using nlohmann::json;

constexpr int64_t kMaxLimit = 100'000;

Result<std::optional<int64_t>> Number(const http::Request& req, const char* name, int64_t min, int64_t max) {
  std::optional<std::string> v = req.query_param(name);
  if (!v) return std::optional<int64_t>();
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || end != v->data() + v->size() || n < min || n > max) {
    return Error::InvalidInput(name, std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                                         std::to_string(max));
  }
  return std::optional<int64_t>(n);
}

json PageJson(const Page& page, size_t total, size_t kept) {
  int64_t next = page.offset + static_cast<int64_t>(kept);
  return {{"offset", page.offset},
          {"limit", page.limit ? json(*page.limit) : json(nullptr)},
          {"total", total},
          {"next_offset", next < static_cast<int64_t>(total) ? json(next) : json(nullptr)}};
}

}  // namespace

Result<Page> ReadPage(const http::Request& req, const Context& ctx) {
  const bool capped = ctx.actor && security::PagesCapped(*ctx.actor);
  Result<std::optional<int64_t>> offset = Number(req, "offset", 0, INT32_MAX);
  if (!offset) return offset.error();
  Result<std::optional<int64_t>> limit = Number(req, "limit", 1, kMaxLimit);
  if (!limit) return limit.error();
  Page p;
  p.offset = offset->value_or(0);
  p.limit = *limit;
  if (capped) {
    if (p.limit && *p.limit > security::kLeaderPageRows) {
      return Error::InvalidInput("limit", "worker-leaders see at most " + std::to_string(security::kLeaderPageRows) +
                                              " rows at a time: ask for limit=" +
                                              std::to_string(security::kLeaderPageRows) + " or less, and page with offset");
    }
    if (!p.limit) p.limit = security::kLeaderPageRows;
  }
  return p;
}

void ApplyPage(json& out, const std::string& key, const Page& page) {
  auto it = out.find(key);
  if (it == out.end() || !it->is_array()) return;
  if (!page.limit && page.offset == 0) return;
  json& list = *it;
  const size_t total = list.size();
  const size_t from = std::min(total, static_cast<size_t>(page.offset));
  const size_t to = page.limit ? std::min(total, from + static_cast<size_t>(*page.limit)) : total;
  json kept = json::array();
  for (size_t i = from; i < to; ++i) kept.push_back(std::move(list[i]));
  list = std::move(kept);
  out["page"] = PageJson(page, total, to - from);
}

void ApplyChartPage(json& chart, const Page& page) {
  if (!page.limit && page.offset == 0) return;
  auto deps = chart.find("departments");
  if (deps == chart.end() || !deps->is_array()) return;
  size_t index = 0, kept = 0;
  const size_t from = static_cast<size_t>(page.offset);
  json out_deps = json::array();
  for (json& d : *deps) {
    json out_shifts = json::array();
    for (json& s : d["shifts"]) {
      json rows = json::array();
      for (json& r : s["rows"]) {
        bool in = index >= from && (!page.limit || kept < static_cast<size_t>(*page.limit));
        ++index;
        if (!in) continue;
        rows.push_back(std::move(r));
        ++kept;
      }
      if (!rows.empty()) out_shifts.push_back({{"shift", s["shift"]}, {"rows", std::move(rows)}});
    }
    if (!out_shifts.empty()) out_deps.push_back({{"department", d["department"]}, {"shifts", std::move(out_shifts)}});
  }
  *deps = std::move(out_deps);
  chart["page"] = PageJson(page, index, kept);
}

}  // namespace hotshop::api
