// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/election_fields.h"

#include "api/handler_util.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"

namespace hotshop::api {

Result<std::optional<std::string>> EditDate(const nlohmann::json& body, const std::string& field,
                                            std::optional<core::Date> latest) {
  auto it = body.find(field);
  if (it == body.end()) return std::optional<std::string>();
  if (it->is_null()) return std::optional<std::string>("");
  Result<std::optional<std::string>> d = OptDate(body, field);
  if (!d) return d.error();
  if (latest && **d > core::FormatIsoDate(*latest)) {
    return Error::InvalidInput(field, field + " is in the future: enter the day it happened");
  }
  return d;
}

Result<std::string> RequiredDate(const nlohmann::json& body, const std::string& field,
                                 std::optional<core::Date> latest) {
  Result<std::optional<std::string>> d = EditDate(body, field, latest);
  if (!d) return d.error();
  if (!*d || (*d)->empty()) return Error::InvalidInput(field, field + " is required (YYYY-MM-DD)");
  return **d;
}

Result<std::optional<std::string>> OptCode(const nlohmann::json& body, const std::string& field,
                                           std::initializer_list<std::string_view> codes) {
  Result<std::optional<std::string>> s = OptString(body, field, 64);
  if (!s) return s.error();
  if (!*s) return s;
  std::string list;
  for (std::string_view c : codes) {
    if (**s == c) return s;
    list += (list.empty() ? "" : ", ") + std::string(c);
  }
  return Error::InvalidInput(field, field + " must be one of: " + list);
}

Result<std::optional<std::string>> OptCaseNumber(const nlohmann::json& body, const std::string& field) {
  Result<std::optional<std::string>> s = OptString(body, field, 32);
  if (!s) return s.error();
  if (!*s) return s;
  for (char c : **s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return Error::InvalidInput(field, field + " is written like 19-RC-123456 (letters, digits and dashes)");
  }
  return s;
}

Result<core::Date> AsOf(const http::Request& req, Context& ctx, const Access& a) {
  std::optional<std::string> q = req.query_param("as_of");
  if (!q) return LocalToday(ctx, a);
  Result<core::Date> d = core::ParseIsoDate(*q, "as_of");
  if (!d) return Error::InvalidInput("as_of", "as_of must be a date written YYYY-MM-DD, like 2025-03-14");
  return d;
}

}  // namespace hotshop::api
