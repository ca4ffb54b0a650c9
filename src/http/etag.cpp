// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/etag.h"

#include <charconv>

namespace hotshop::http {

std::string ETagFor(int64_t version) { return "\"v" + std::to_string(version) + "\""; }

Result<int64_t> IfMatchVersion(const Request& req) {
  std::string_view h = req.header("If-Match");
  if (h.empty()) {
    return Error::PreconditionRequired(
        "send If-Match with the ETag you read, so your change can't overwrite someone else's");
  }
  if (h.size() < 4 || h.front() != '"' || h[1] != 'v' || h.back() != '"') {
    return Error::InvalidInput("If-Match", "If-Match must be an ETag from hotshop, like \"v3\"");
  }
  int64_t v = 0;
  auto [p, ec] = std::from_chars(h.data() + 2, h.data() + h.size() - 1, v);
  if (ec != std::errc() || p != h.data() + h.size() - 1 || v < 1) {
    return Error::InvalidInput("If-Match", "If-Match must be an ETag from hotshop, like \"v3\"");
  }
  return v;
}

}  // namespace hotshop::http
