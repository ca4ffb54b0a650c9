// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/match_util.h"

#include "http/etag.h"
#include "store/account_repo.h"

namespace hotshop::api {

using nlohmann::json;

Result<std::optional<std::vector<std::string>>> OptStringList(const json& body, const std::string& field,
                                                              size_t max_items, size_t max_chars) {
  if (!body.contains(field) || body[field].is_null()) return std::optional<std::vector<std::string>>();
  const json& v = body[field];
  if (!v.is_array()) return Error::InvalidInput(field, field + " must be a list of words");
  if (v.size() > max_items) return Error::InvalidInput(field, field + " takes at most " + std::to_string(max_items) + " items");
  std::vector<std::string> out;
  for (const json& item : v) {
    if (!item.is_string()) return Error::InvalidInput(field, field + " must be a list of words");
    std::string s = item.get<std::string>();
    if (s.empty()) continue;
    if (s.size() > max_chars) return Error::InvalidInput(field, "each item of " + field + " must be at most " + std::to_string(max_chars) + " characters");
    for (unsigned char c : s) {
      if (c < 0x20 || c == ',' || c == 0x7f) return Error::InvalidInput(field, "items of " + field + " cannot contain commas or control characters");
    }
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return std::optional<std::vector<std::string>>(out);
}

Result<std::map<std::string, std::string>> UserNames(store::Tx& tx, Context& ctx, const std::string& org_id) {
  Result<std::vector<store::User>> users = store::AccountRepo(tx, ctx.services.keys).OrgUsers(org_id);
  if (!users) return users.error();
  std::map<std::string, std::string> out;
  for (const auto& u : *users) out[u.id] = u.name;
  return out;
}

Result<int64_t> IfMatchVersionOrNew(const http::Request& req) {
  if (req.header("If-Match") == "\"v0\"") return int64_t{0};
  return http::IfMatchVersion(req);
}

json ReasonJson(const core::MatchReason& r) {
  json j = {{"code", core::ReasonCodeName(r.code)}, {"blocks", r.blocks}};
  switch (r.code) {
    case core::ReasonCode::kLanguage:
    case core::ReasonCode::kNoLanguage:
    case core::ReasonCode::kIndustry:
    case core::ReasonCode::kTraining:
      j["text"] = r.text;
      break;
    case core::ReasonCode::kDistance:
    case core::ReasonCode::kOutsideRadius:
      j["km"] = r.km;
      j["limit_km"] = r.limit_km;
      break;
    case core::ReasonCode::kLoad:
    case core::ReasonCode::kAtCapacity:
      j["count"] = r.count;
      j["limit"] = r.limit;
      break;
    default:
      break;
  }
  return j;
}

json ProfileJson(const store::OrganizerProfile& p, const std::string& name) {
  return {{"user_id", p.user_id},
          {"name", name},
          {"home_zip", p.home_zip},
          {"radius_km", p.radius_km},
          {"languages", p.languages},
          {"industries", p.industries},
          {"capacity", p.capacity},
          {"load", p.load},
          {"training", p.training},
          {"mentor_id", p.mentor_id.empty() ? json(nullptr) : json(p.mentor_id)},
          {"completed_campaigns", p.completed_campaigns},
          {"available", p.available},
          // A new organizer with no mentor is flagged (R22 interpretation).
          {"needs_mentor", p.completed_campaigns == 0 && p.mentor_id.empty()},
          {"version", p.version}};
}

}  // namespace hotshop::api
