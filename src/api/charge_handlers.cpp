// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/charge_handlers.h"

#include "api/election_fields.h"
#include "api/election_views.h"
#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "core/legal_codes.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/charge_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

const std::initializer_list<std::string_view> kKinds = {
    "threat", "interrogation", "promise", "surveillance", "impression_of_surveillance", "retaliatory_discharge",
    "retaliatory_discipline", "refusal_to_bargain"};
const std::initializer_list<std::string_view> kFields = {
    "unit_id", "person_id", "kind", "conduct_on", "filed_on", "served_on", "case_number", "blocking", "description"};

bool Details(const Context& ctx, const Access& a) {
  return Allowed(ctx, a.scope.org_id(), Action::kViewChargeDetails, a.owner);
}

Result<store::ChargeFields> ParseCharge(const json& body, core::Date today, bool create) {
  store::ChargeFields f;
  for (const char* id : {"unit_id", "person_id"}) {
    auto it = body.find(id);
    if (it == body.end()) continue;
    Result<std::string> v = OptId(body, id);  // null or "" clears
    if (!v) return v.error();
    (std::string(id) == "unit_id" ? f.unit_id : f.person_id) = *v;
  }
  Result<std::optional<std::string>> kind = OptCode(body, "kind", kKinds);
  if (!kind) return kind.error();
  if (create && !*kind) {
    return Error::InvalidInput("kind", "kind is required: threat, interrogation, promise, surveillance, "
                                       "impression_of_surveillance, retaliatory_discharge, retaliatory_discipline or "
                                       "refusal_to_bargain");
  }
  f.kind = *kind;
  if (create) {
    Result<std::string> on = RequiredDate(body, "conduct_on", today);
    if (!on) return on.error();
    f.conduct_on = *on;
  } else {
    Result<std::optional<std::string>> on = EditDate(body, "conduct_on", today);
    if (!on) return on.error();
    if (*on && (*on)->empty()) return Error::InvalidInput("conduct_on", "a charge always has the day of the conduct");
    f.conduct_on = *on;
  }
  Result<std::optional<std::string>> filed = EditDate(body, "filed_on", today);
  if (!filed) return filed.error();
  f.filed_on = *filed;
  Result<std::optional<std::string>> served = EditDate(body, "served_on", today);
  if (!served) return served.error();
  f.served_on = *served;
  Result<std::optional<std::string>> cn = OptCaseNumber(body, "case_number");
  if (!cn) return cn.error();
  f.case_number = *cn;
  Result<std::optional<bool>> blocking = OptBool(body, "blocking");
  if (!blocking) return blocking.error();
  f.blocking = *blocking;
  Result<std::optional<std::string>> d = OptString(body, "description", 8000);
  if (!d) return d.error();
  f.description = *d;
  return f;
}

http::Response Versioned(Result<json> out, HttpStatus status = HttpStatus::ok) {
  if (!out) return http::Problem(out.error());
  int64_t v = (*out)["version"].get<int64_t>();
  return WithETag(Json(*out, status), v);
}

// A charge that names a worker is hidden from those without details.
Result<Access> AuthorizeCharge(const http::Request& req, Context& ctx, Action action, const std::string& id) {
  Result<Access> a = AuthorizeObject(req, ctx, action, ObjectKind::kCharge, id);
  if (!a) return a;
  if (Details(ctx, *a)) return a;
  Result<bool> names = InOrg<bool>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<bool> {
    Result<store::Charge> c = store::ChargeRepo(tx, a->scope, k).Get(id);
    if (!c) return c.error();
    return !c->person_id.empty();
  });
  if (!names) return names.error();
  if (*names) {
    AuditAlone(ctx, a->scope.org_id(), security::ActionName(Action::kViewChargeDetails), "charge:" + id, "denied");
    return Error::NotFound("nothing is here, or you don't have access to it");
  }
  return a;
}

}  // namespace

http::Response GetCharges(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewCharges, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<core::Date> as_of = AsOf(req, ctx, *a);
  if (!as_of) return http::Problem(as_of.error());
  const std::string& org = a->scope.org_id();
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<std::vector<store::Charge>> all = store::ChargeRepo(tx, a->scope, k).OfCampaign(campaign);
    if (!all) return all.error();
    json list = json::array();
    int64_t withheld = 0;
    for (const store::Charge& c : *all) {
      store::Owner o{campaign, c.unit_id};
      if (!Allowed(ctx, org, Action::kViewCharges, o)) continue;
      bool details = Allowed(ctx, org, Action::kViewChargeDetails, o);
      if (!details && !c.person_id.empty()) {
        ++withheld;
        continue;
      }
      list.push_back(ChargeJson(c, *as_of, details, nullptr));
    }
    return json{{"as_of", core::FormatIsoDate(*as_of)},
                {"charges", list},
                {"withheld_naming_people", withheld},
                {"can_edit", Allowed(ctx, org, Action::kEditCharges, a->owner)}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostCharge(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditCharges, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, kFields);
  if (!body) return http::Problem(body.error());
  Result<store::ChargeFields> f = ParseCharge(*body, NotAfter(ctx, *today), true);
  if (!f) return http::Problem(f.error());
  return Versioned(InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::ChargeRepo repo(tx, a->scope, k);
    Result<store::Charge> c = repo.Add(campaign, *f, "user:" + ctx.actor->user_id, ctx.now_ms);
    if (!c) return c.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "charge.recorded", "charge:" + c->id, "allowed"); !s) return s.error();
    Result<std::vector<store::StageChange>> stages = repo.Stages(c->id);
    if (!stages) return stages.error();
    return ChargeJson(*c, *today, true, &*stages);
  }), HttpStatus::created);
}

http::Response GetCharge(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeCharge(req, ctx, Action::kViewCharges, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> as_of = AsOf(req, ctx, *a);
  if (!as_of) return http::Problem(as_of.error());
  bool details = Details(ctx, *a);
  return Versioned(InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::ChargeRepo repo(tx, a->scope, k);
    Result<store::Charge> c = repo.Get(id);
    if (!c) return c.error();
    Result<std::vector<store::StageChange>> stages = repo.Stages(id);
    if (!stages) return stages.error();
    return ChargeJson(*c, *as_of, details, &*stages);
  }));
}

http::Response PatchCharge(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditCharges, ObjectKind::kCharge, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, kFields);
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::ChargeFields> f = ParseCharge(*body, NotAfter(ctx, *today), false);
  if (!f) return http::Problem(f.error());
  return Versioned(InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::ChargeRepo repo(tx, a->scope, k);
    Result<store::Charge> c = repo.Update(id, *version, *f, ctx.now_ms);
    if (!c) return c.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "charge.updated", "charge:" + id, "allowed"); !s) return s.error();
    Result<std::vector<store::StageChange>> stages = repo.Stages(id);
    if (!stages) return stages.error();
    return ChargeJson(*c, *today, true, &*stages);
  }));
}

http::Response PostChargeStage(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditCharges, ObjectKind::kCharge, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"stage", "on"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<std::string>> stage = OptString(*body, "stage", 40);
  if (!stage) return http::Problem(stage.error());
  if (!*stage || !core::ParseChargeStage(**stage)) {
    return http::Problem(Error::InvalidInput("stage", "stage must be one of the charge's next stages (see next_stages)"));
  }
  Result<std::optional<std::string>> on = EditDate(*body, "on", NotAfter(ctx, *today));
  if (!on) return http::Problem(on.error());
  std::string day = on->value_or("").empty() ? core::FormatIsoDate(*today) : **on;
  return Versioned(InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::ChargeRepo repo(tx, a->scope, k);
    Result<store::Charge> c = repo.MoveStage(id, *version, **stage, day, "user:" + ctx.actor->user_id, ctx.now_ms);
    if (!c) return c.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "charge.stage_moved", "charge:" + id, "allowed"); !s) return s.error();
    Result<std::vector<store::StageChange>> stages = repo.Stages(id);
    if (!stages) return stages.error();
    return ChargeJson(*c, *today, true, &*stages);
  }));
}

}  // namespace hotshop::api
