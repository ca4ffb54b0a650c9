// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/handler_util.h"

#include "http/json_body.h"
#include "security/unicode_text.h"
#include "store/audit_log.h"

namespace hotshop::api {

Result<nlohmann::json> Body(const http::Request& req, std::initializer_list<std::string_view> allowed) {
  Result<nlohmann::json> j = http::ParseJsonStrict(req.body());
  if (!j) return j.error();
  if (Status s = http::OnlyFields(*j, allowed); !s) return s.error();
  return j;
}

Result<std::optional<std::string>> OptString(const nlohmann::json& body, const std::string& field,
                                             size_t max_bytes) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return Error::InvalidInput(field, field + " must be text");
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    return Error::InvalidInput(field, field + " is too long (at most " + std::to_string(max_bytes) + " bytes)");
  }
  // nlohmann rejects invalid UTF-8 at parse time; NUL and other control
  // characters (except tab and newline) are refused here (§4 #16).
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
      return Error::InvalidInput(field, field + " contains a control character");
    }
  }
  return std::optional<std::string>(s);
}

Result<std::string> ReqString(const nlohmann::json& body, const std::string& field, size_t max_bytes) {
  Result<std::optional<std::string>> v = OptString(body, field, max_bytes);
  if (!v) return v.error();
  if (!*v || (*v)->empty()) return Error::InvalidInput(field, field + " is required");
  return **v;
}

Result<std::string> OrgOfPath(const http::Request& req, const Context& ctx) {
  std::string slug = req.path_param("org");
  if (!ctx.actor) return Error::NotFound("nothing is here, or you don't have access to it");
  Result<std::string> id = store::TransactValue<std::string>(ctx.db, [&](store::Tx& tx) -> Result<std::string> {
    Result<store::Rows> r = tx.Query("SELECT id FROM orgs WHERE slug = $1", {slug});
    if (!r) return r.error();
    if (r->empty()) return Error::NotFound("nothing is here, or you don't have access to it");
    return (*r)[0].Text(0);
  }, store::TxMode::kRead);
  if (!id && id.error().code() != ErrorCode::kNotFound) return id.error();
  if (!id || *id != ctx.actor->org_id) {
    // A probe of another org (or of a made-up one) is recorded in the prober's own org.
    AuditAlone(ctx, ctx.actor->org_id, "org.probe", "route:" + req.route, "denied");
    return Error::NotFound("nothing is here, or you don't have access to it");
  }
  return id;
}

Result<store::Scope> OrgAction(const http::Request& req, Context& ctx, security::Action action) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return org.error();
  Result<store::Scope> scope = security::Authorize(*ctx.actor, action, {*org, ""}, ctx.now_ms);
  if (!scope && scope.error().code() == ErrorCode::kNotFound) {
    AuditAlone(ctx, ctx.actor->org_id, security::ActionName(action), "route:" + req.route, "denied");
  }
  return scope;
}

nlohmann::json GrantJson(const security::Grant& g) {
  using nlohmann::json;
  json flags = json::array();
  if (g.flags & security::kFlagCasework) flags.push_back("casework");
  if (g.flags & security::kFlagDale) flags.push_back("dale");
  if (g.flags & security::kFlagExport) flags.push_back("export");
  return {{"id", g.id}, {"role", security::RoleName(g.role)}, {"scope_kind", security::ScopeKindName(g.scope_kind)},
          {"scope_id", g.scope_id.empty() ? json(nullptr) : json(g.scope_id)}, {"flags", flags},
          // A unit grant's campaign (the unit's), so a client can name both.
          {"campaign_id", g.scope_kind == security::ScopeKind::kCampaign ? json(g.scope_id)
                          : g.unit_campaign_id.empty()                   ? json(nullptr)
                                                                         : json(g.unit_campaign_id)}};
}

Status Audit(store::Tx& tx, const Context& ctx, const std::string& org_id, const std::string& action,
             const std::string& object, const std::string& outcome) {
  if (Status s = tx.SetOrg(org_id); !s) return s;
  std::string actor = ctx.actor ? "user:" + ctx.actor->user_id : "system";
  Result<int64_t> seq = store::AppendAudit(tx, org_id, actor, action, object, outcome, ctx.now_ms);
  if (!seq) return seq.error();
  return Ok();
}

void AuditAlone(const Context& ctx, const std::string& org_id, const std::string& action, const std::string& object,
                const std::string& outcome) {
  (void)ctx.db.Transact([&](store::Tx& tx) { return Audit(tx, ctx, org_id, action, object, outcome); },
                        store::TxMode::kWrite, org_id);
}

}  // namespace hotshop::api
