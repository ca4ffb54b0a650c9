// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/export_handlers.h"

#include <sodium.h>

#include <algorithm>
#include <ctime>

#include "api/handler_util.h"
#include "api/json_response.h"
#include "core/voter_list.h"
#include "http/problem.h"
#include "io/export_csv.h"
#include "io/export_decoys.h"
#include "store/campaign_repo.h"
#include "store/export_repo.h"
#include "store/ids.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;

constexpr size_t kReasonMinChars = 10;
constexpr size_t kReasonMaxChars = 500;
constexpr int kListLimit = 100;

const char* const kDenied = "nothing is here, or you don't have access to it";

bool IsStepUp(const Error& e) { return e.code() == ErrorCode::kUnauthenticated && e.field() == "step_up"; }

// What an export may cover: the whole org (campaigns == nullopt), or these
// campaigns.
struct ExportTarget {
  store::Scope scope;
  std::optional<std::vector<std::string>> campaigns;
};

// security::Authorize for kExport, widened to "every campaign the actor may
// export" when no campaign is named: an org-scope grant covers the whole
// org; campaign grants (staff organizers with the export flag) each cover
// their campaign. With ignore_step_up (the download, which needs no second
// step-up), a refusal only for a stale step-up still counts as allowed:
// Authorize checks the grant before the step-up.
Result<ExportTarget> ResolveTarget(const security::Actor& actor, const std::string& org, const std::string& campaign,
                                   int64_t now_ms, bool ignore_step_up) {
  using security::Action;
  if (!campaign.empty()) {
    Result<store::Scope> r = security::Authorize(actor, Action::kExport, {org, campaign}, now_ms);
    if (r) return ExportTarget{*r, std::vector<std::string>{campaign}};
    if (ignore_step_up && IsStepUp(r.error())) {
      return ExportTarget{store::Scope::ForOrg(org), std::vector<std::string>{campaign}};
    }
    return r.error();
  }
  Result<store::Scope> whole = security::Authorize(actor, Action::kExport, {org, ""}, now_ms);
  if (whole) return ExportTarget{*whole, std::nullopt};
  if (IsStepUp(whole.error())) {
    if (ignore_step_up) return ExportTarget{store::Scope::ForOrg(org), std::nullopt};
    return whole.error();
  }
  std::vector<std::string> ids;
  std::optional<Error> step_up;
  for (const auto& g : actor.grants) {
    if (g.scope_kind == security::ScopeKind::kOrg || g.scope_id.empty()) continue;
    if (std::find(ids.begin(), ids.end(), g.scope_id) != ids.end()) continue;
    Result<store::Scope> r = security::Authorize(actor, Action::kExport, {org, g.scope_id}, now_ms);
    if (r || (ignore_step_up && IsStepUp(r.error()))) {
      ids.push_back(g.scope_id);
    } else if (IsStepUp(r.error())) {
      step_up = r.error();
    }
  }
  if (step_up) return *step_up;
  if (ids.empty()) return whole.error();
  return ExportTarget{store::Scope::ForOrg(org), std::move(ids)};
}

// A refusal: 404 exactly like a missing object, audited; or 401 step-up.
http::Response Refuse(const http::Request& req, Context& ctx, const std::string& org, const char* action,
                      const Error& e) {
  if (IsStepUp(e)) return http::Problem(HttpStatus::unauthorized, "step_up_required", e.message());
  if (e.code() == ErrorCode::kNotFound) {
    AuditAlone(ctx, org, action, "route:" + req.route, "denied");
    return http::Problem(Error::NotFound(kDenied));
  }
  return http::Problem(e);
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string DownloadUrl(const std::string& slug, const std::string& id) {
  return "/api/orgs/" + slug + "/exports/" + id + "/file";
}

std::string AuditObject(const std::string& id, int64_t rows, const std::string& fields) {
  std::string out = "export:" + id + " rows=" + std::to_string(rows);
  if (!fields.empty()) out += " fields=" + fields;
  return out;
}

// "hotshop-export-2025-03-04-1405.csv" (UTC), for Content-Disposition.
std::string FileName(int64_t created_at_ms) {
  std::time_t t = static_cast<std::time_t>(created_at_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "hotshop-export-%Y-%m-%d-%H%M.csv", &tm);
  return buf;
}

void Wipe(std::string& s) {
  sodium_memzero(s.data(), s.size());
  s.clear();
}

}  // namespace

http::Response PostExport(const http::Request& req, Context& ctx) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return http::Problem(org.error());
  // The campaign is part of what is authorized, so it is read first; every
  // other check of the body comes after the authorization, so a refused
  // caller learns nothing from a malformed body.
  Result<json> body = Body(req, {"reason", "fields", "campaign"});
  std::string campaign;
  if (body) {
    auto it = body->find("campaign");
    if (it != body->end() && it->is_string()) campaign = it->get<std::string>();
  }
  Result<ExportTarget> target = ResolveTarget(*ctx.actor, *org, campaign, ctx.now_ms, false);
  if (!target) return Refuse(req, ctx, *org, "export", target.error());
  if (!body) return http::Problem(body.error());
  if (auto it = body->find("campaign"); it != body->end() && !it->is_null() && !it->is_string()) {
    return http::Problem(Error::InvalidInput("campaign", "campaign must be a campaign id"));
  }

  Result<std::string> reason_in = ReqString(*body, "reason", 4 * kReasonMaxChars);
  if (!reason_in) {
    return http::Problem(Error::InvalidInput("reason", "say why you need this export (10 to 500 characters)"));
  }
  std::string reason(Trim(*reason_in));
  if (CodePoints(reason) < kReasonMinChars || CodePoints(reason) > kReasonMaxChars) {
    return http::Problem(Error::InvalidInput("reason", "the reason must be 10 to 500 characters long"));
  }
  auto f = body->find("fields");
  if (f == body->end() || !f->is_array()) {
    return http::Problem(Error::InvalidInput("fields", "fields must be a list of the fields to export, e.g. [\"name\", \"phone\"]"));
  }
  std::vector<std::string> names;
  for (const auto& x : *f) {
    if (!x.is_string()) return http::Problem(Error::InvalidInput("fields", "fields must be a list of field names"));
    names.push_back(x.get<std::string>());
  }
  Result<std::vector<io::ExportField>> fields = io::ParseExportFields(names);
  if (!fields) return http::Problem(fields.error());

  const store::Scope& scope = target->scope;
  if (!campaign.empty()) {
    Result<store::Campaign> c = store::TransactValue<store::Campaign>(ctx.db, [&](store::Tx& tx) {
      return store::CampaignRepo(tx, scope).Get(campaign);
    }, store::TxMode::kRead, scope.org_id());
    if (!c) return Refuse(req, ctx, *org, "export", c.error());
  }

  // Build the file in a read transaction, then record it in a write one: a
  // failure on the way leaves nothing behind (the file is only in memory).
  const std::string id = store::NewId();
  struct Built {
    std::string content;
    int64_t rows = 0;
    int64_t decoys = 0;
    int64_t restricted = 0;  // voter-list people left out (R7)
  };
  // RULE R7 (UNVERIFIED): a voter list may be used only for its election
  // proceeding and related matters. An export is for outreach (it names no
  // proceeding), so people tagged restricted-use by a voter-list import are
  // left out of the file, and the answer says how many and why.
  const Status voter_list_use = core::CheckVoterListUse(core::VoterListUse::kOther);
  int64_t restricted = 0;
  auto keep = [&](const std::vector<std::string>& tags) {
    if (voter_list_use.ok()) return true;
    if (std::find(tags.begin(), tags.end(), core::kRestrictedUseTag) == tags.end()) return true;
    ++restricted;
    return false;
  };
  Result<Built> built = store::TransactValue<Built>(ctx.db, [&](store::Tx& tx) -> Result<Built> {
    auto keys = ctx.services.keys.ForOrg(tx, scope.org_id());
    if (!keys) return keys.error();
    store::ExportRepo exports(tx, scope, **keys);
    Result<security::SecretBytes> decoy_key = store::ExportDecoyKey(tx, ctx.services.keys, scope.org_id());
    if (!decoy_key) return decoy_key.error();
    Result<std::vector<std::string>> campaign_names = exports.CampaignNames(target->campaigns);
    if (!campaign_names) return campaign_names.error();
    // The people count places the decoys; a person added meanwhile only
    // moves a decoy by one row.
    Result<int64_t> people = exports.CountPeople(target->campaigns);
    if (!people) return people.error();
    const size_t n = io::DecoyCount(static_cast<size_t>(*people));
    io::ExportCsvBuilder csv(*fields, io::MakeDecoys(*decoy_key, id, n, *campaign_names),
                             io::DecoyPositions(*decoy_key, id, n, static_cast<size_t>(*people)));
    restricted = 0;  // a retried transaction counts again
    if (Status s = exports.ForEachPerson(target->campaigns, *fields,
                                         [&](const io::ExportRecord& r) { csv.AddPerson(r); }, keep);
        !s) {
      return s.error();
    }
    Built b;
    b.rows = static_cast<int64_t>(csv.people());
    b.decoys = static_cast<int64_t>(n);
    b.restricted = restricted;
    b.content = csv.Finish();
    return b;
  }, store::TxMode::kRead, scope.org_id());
  if (!built) return http::Problem(built.error());

  const std::string fields_text = io::ExportFieldsText(*fields);
  Status saved = ctx.db.Transact([&](store::Tx& tx) -> Status {
    auto keys = ctx.services.keys.ForOrg(tx, scope.org_id());
    if (!keys) return keys.error();
    store::ExportRepo exports(tx, scope, **keys);
    if (Result<int64_t> p = exports.PurgeExpired(ctx.now_ms); !p) return p.error();
    store::NewExport e;
    e.id = id;
    e.created_by = ctx.actor->user_id;
    e.campaign_id = campaign;
    e.fields = *fields;
    e.reason = reason;
    e.row_count = built->rows;
    e.decoy_count = built->decoys;
    e.content = built->content;
    Status c = exports.Create(e, ctx.now_ms);
    Wipe(e.content);
    if (!c) return c;
    std::string object = AuditObject(id, built->rows, fields_text);
    if (built->restricted > 0) object += " restricted_left_out=" + std::to_string(built->restricted);
    return Audit(tx, ctx, scope.org_id(), "export.created", object, "allowed");
  }, store::TxMode::kWrite, scope.org_id());
  Wipe(built->content);
  if (!saved) return http::Problem(saved.error());

  json field_list = json::array();
  for (io::ExportField x : *fields) field_list.push_back(std::string(io::ExportFieldName(x)));
  return Json({{"id", id},
               {"download_url", DownloadUrl(req.path_param("org"), id)},
               {"expires_at", ctx.now_ms + store::kExportLinkValidMs},
               {"rows", built->rows},
               {"fields", field_list},
               {"left_out", {{"restricted_use", built->restricted},
                             {"reason", built->restricted > 0
                                            ? json("people from an NLRB voter list (tagged restricted-use) were left out: " +
                                                   voter_list_use.error().message())
                                            : json(nullptr)}}}},
              HttpStatus::created);
}

http::Response GetExportFile(const http::Request& req, Context& ctx) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return http::Problem(org.error());
  // A link opened from another site (a top-level navigation carries the
  // SameSite=Lax cookie) would spend the single use: refused, unspent.
  if (req.header("Sec-Fetch-Site") == "cross-site") {
    return http::Problem(HttpStatus::forbidden, "cross_site",
                         "Open hotshop directly and download the export from its page.");
  }
  const std::string id = req.path_param("id");
  const store::Scope org_scope = store::Scope::ForOrg(*org);
  Result<store::ExportInfo> info = store::TransactValue<store::ExportInfo>(ctx.db, [&](store::Tx& tx) -> Result<store::ExportInfo> {
    auto keys = ctx.services.keys.ForOrg(tx, *org);
    if (!keys) return keys.error();
    return store::ExportRepo(tx, org_scope, **keys).Get(id);
  }, store::TxMode::kRead, *org);
  if (!info && info.error().code() != ErrorCode::kNotFound) return http::Problem(info.error());
  // Another user's export, or one its maker may no longer export, does
  // not exist for the caller.
  if (!info || info->created_by != ctx.actor->user_id ||
      !ResolveTarget(*ctx.actor, *org, info->campaign_id, ctx.now_ms, true)) {
    return Refuse(req, ctx, *org, "export.download", Error::NotFound(kDenied));
  }
  Result<std::string> content = store::TransactValue<std::string>(ctx.db, [&](store::Tx& tx) -> Result<std::string> {
    auto keys = ctx.services.keys.ForOrg(tx, *org);
    if (!keys) return keys.error();
    store::ExportRepo exports(tx, org_scope, **keys);
    Result<std::string> file = exports.Claim(id, ctx.actor->user_id, ctx.now_ms);
    if (!file) return file.error();
    // Other files whose time is up go too (there is no background job yet).
    if (Result<int64_t> p = exports.PurgeExpired(ctx.now_ms); !p) return p.error();
    if (Status a = Audit(tx, ctx, *org, "export.downloaded", AuditObject(id, info->row_count, ""), "allowed"); !a) {
      return a.error();
    }
    return file;
  }, store::TxMode::kWrite, *org);
  if (!content) {
    if (content.error().code() == ErrorCode::kConflict && content.error().field() == "gone") {
      AuditAlone(ctx, *org, "export.download", "export:" + id, "denied");
      return http::Problem(HttpStatus::gone, "export_gone",
                           "This download link was already used or has expired: a link works once, for 10 minutes. "
                           "Make a new export.");
    }
    if (content.error().code() == ErrorCode::kNotFound) {
      return Refuse(req, ctx, *org, "export.download", content.error());
    }
    return http::Problem(content.error());
  }
  http::Response res{HttpStatus::ok, 11};
  res.set(http::bhttp::field::content_type, "text/csv; charset=utf-8");
  res.set(http::bhttp::field::content_disposition, "attachment; filename=\"" + FileName(info->created_at_ms) + "\"");
  res.body() = std::move(*content);
  res.prepare_payload();
  return res;
}

http::Response GetExports(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kViewAudit);
  if (!scope) return http::Problem(scope.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    auto keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<std::vector<store::ExportInfo>> list = store::ExportRepo(tx, *scope, **keys).List(kListLimit);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& e : *list) {
      json fields = json::array();
      for (io::ExportField x : e.fields) fields.push_back(std::string(io::ExportFieldName(x)));
      items.push_back({{"id", e.id},
                       {"created_by", e.created_by},
                       {"campaign_id", e.campaign_id.empty() ? json(nullptr) : json(e.campaign_id)},
                       {"fields", fields},
                       {"rows", e.row_count},
                       {"reason", e.reason},
                       {"created_at", e.created_at_ms},
                       {"expires_at", e.expires_at_ms},
                       {"downloaded_at", e.downloaded_at_ms ? json(*e.downloaded_at_ms) : json(nullptr)}});
    }
    // The reasons are free text a person typed: reading them is audited.
    if (Status a = Audit(tx, ctx, scope->org_id(), "exports.viewed", "org:" + scope->org_id(), "allowed"); !a) {
      return a.error();
    }
    return json{{"exports", items}};
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

}  // namespace hotshop::api
