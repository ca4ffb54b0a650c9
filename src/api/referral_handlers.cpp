// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/referral_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/match_util.h"
#include "core/referral.h"
#include "http/problem.h"
#include "store/intake_repo.h"
#include "store/referral_repo.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using security::Action;

json PartnerJson(const store::Partner& p) {
  return {{"org_id", p.org_id}, {"slug", p.slug}, {"name", p.name}, {"they_list_us", p.they_list}, {"active", p.active()}};
}

json FieldsJson(const std::vector<core::ReferralField>& f) {
  json out = json::array();
  for (core::ReferralField x : f) out.push_back(core::ReferralFieldName(x));
  return out;
}

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

// The card B sees: industry, city, size band (§3), and the fields on offer.
json CardJson(const store::Referral& r) {
  return {{"id", r.id},
          {"state", core::ReferralStateName(r.state)},
          {"from_org", r.partner_name},
          {"offered_at_ms", r.offered_at_ms},
          {"expires_at_ms", r.offered_at_ms + core::kReferralOfferTtlMs},
          {"answered_at_ms", Opt(r.answered_at_ms)},
          {"card", {{"industry", r.card_industry}, {"city", r.card_city}, {"size_band", r.card_size_band}}},
          {"fields", FieldsJson(r.fields)}};
}

json OutgoingJson(const store::Referral& r) {
  json j = CardJson(r);
  j.erase("from_org");
  j["partner_org_id"] = r.partner_org_id;
  j["partner_name"] = r.partner_name;
  j["consent"] = {{"recorded_by", r.consent_by}, {"at_ms", r.consent_at_ms}, {"channel", r.consent_channel}};
  return j;
}

json CopyJson(const store::ReferralCopy& c) {
  json values = json::object();
  auto put = [&](core::ReferralField f, const std::string& v) {
    if (std::find(c.fields.begin(), c.fields.end(), f) != c.fields.end()) values[core::ReferralFieldName(f)] = v;
  };
  using F = core::ReferralField;
  put(F::kName, c.name);
  put(F::kPhone, c.phone);
  put(F::kEmail, c.email);
  put(F::kLanguage, c.language);
  put(F::kBestTime, c.best_time);
  put(F::kEmployer, c.employer);
  put(F::kCity, c.city);
  put(F::kZip, c.zip);
  put(F::kIndustry, c.industry);
  put(F::kSizeBand, c.size_band);
  put(F::kStory, c.story);
  return {{"id", c.id},
          {"values", values},
          {"provenance", {{"referral_id", c.referral_id}, {"from_org", c.from_org_name},
                          {"consent_at_ms", c.consent_at_ms}, {"consent_channel", c.consent_channel},
                          {"copied_at_ms", c.copied_at_ms}}}};
}

Result<std::string> ReferralId(const json& body) { return ReqString(body, "referral_id", 40); }

}  // namespace

http::Response GetPartners(const http::Request& req, Context& ctx) {
  // Dispatchers read the list to refer; admins manage it.
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kReferIntake);
  if (!scope) return http::Problem(scope.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<std::vector<store::Partner>> all = store::ListPartners(tx, *scope);
    if (!all) return all.error();
    json list = json::array();
    for (const auto& p : *all) list.push_back(PartnerJson(p));
    return json{{"partners", list}};
  }, store::TxMode::kRead, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostPartner(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kManagePartners);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"slug"});
  if (!body) return http::Problem(body.error());
  Result<std::string> slug = ReqString(*body, "slug", 80);
  if (!slug) return http::Problem(Error::InvalidInput("slug", "give the partner organization's short name"));
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<store::Partner> p = store::AddPartner(tx, *scope, *slug, ctx.actor->user_id, ctx.now_ms);
    if (!p) return p.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "partner.added", "org:" + p->org_id, "allowed"); !s) return s.error();
    return PartnerJson(*p);
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out, http::HttpStatus::created);
}

http::Response PostPartnerRemove(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kManagePartners);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"org_id"});
  if (!body) return http::Problem(body.error());
  Result<std::string> partner = ReqString(*body, "org_id", 40);
  if (!partner) return http::Problem(partner.error());
  Status s = ctx.db.Transact([&](store::Tx& tx) -> Status {
    if (Status r = store::RemovePartner(tx, *scope, *partner); !r) return r;
    return Audit(tx, ctx, scope->org_id(), "partner.removed", "org:" + *partner, "allowed");
  }, store::TxMode::kWrite, scope->org_id());
  if (!s) return http::Problem(s.error());
  return Json(json{{"removed", *partner}});
}

http::Response GetIntakeReferrals(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kReferIntake);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    Result<store::Intake> i = store::IntakeRepo(tx, *scope, keys).Get(id);
    if (!i) return i.error();
    Result<std::vector<store::Referral>> all = store::ReferralsOfIntake(tx, *scope, id, ctx.now_ms);
    if (!all) return all.error();
    json list = json::array();
    for (const auto& r : *all) list.push_back(OutgoingJson(r));
    return json{{"referrals", list}};
  }, store::TxMode::kRead);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostIntakeReferral(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kReferIntake);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"partner_org_id", "fields", "consent_channel", "consent_given"});
  if (!body) return http::Problem(body.error());
  // J2.3 never-line: nothing leaves without the worker's recorded consent.
  if (!body->contains("consent_given") || (*body)["consent_given"] != true) {
    return http::Problem(Error::InvalidInput("consent_given", "record that the worker agreed before referring them"));
  }
  Result<std::string> partner = ReqString(*body, "partner_org_id", 40);
  if (!partner) return http::Problem(partner.error());
  Result<std::string> channel_name = ReqString(*body, "consent_channel", 20);
  if (!channel_name) return http::Problem(channel_name.error());
  std::optional<core::ConsentChannel> channel = core::ParseConsentChannel(*channel_name);
  if (!channel) {
    return http::Problem(Error::InvalidInput("consent_channel", "consent_channel must be in_person, phone, text, email or web_form"));
  }
  Result<std::optional<std::vector<std::string>>> names = OptStringList(*body, "fields", 11, 20);
  if (!names) return http::Problem(names.error());
  std::vector<std::string> list = names->value_or(std::vector<std::string>{});
  std::vector<std::string_view> views(list.begin(), list.end());
  Result<std::vector<core::ReferralField>> fields = core::ParseConsentFields(views);
  if (!fields) return http::Problem(fields.error());
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys&) -> Result<json> {
    store::NewReferral n{id, *partner, *fields, *channel, ctx.actor->user_id, ctx.now_ms};
    Result<store::Referral> r = store::OfferReferral(tx, *scope, n, ctx.now_ms);
    if (!r) return r.error();
    // Both audit chains record the step (§3).
    if (Status s = Audit(tx, ctx, scope->org_id(), "referral.consent_recorded", "referral:" + r->id, "allowed"); !s) return s.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "referral.offered", "referral:" + r->id, "allowed"); !s) return s.error();
    if (Status s = Audit(tx, ctx, r->partner_org_id, "referral.received", "referral:" + r->id, "allowed"); !s) return s.error();
    if (Status s = tx.SetOrg(scope->org_id()); !s) return s.error();
    return OutgoingJson(*r);
  });
  if (!out) return http::Problem(out.error());
  return Json(*out, http::HttpStatus::created);
}

http::Response PostIntakeReferralWithdraw(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kReferIntake);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"referral_id"});
  if (!body) return http::Problem(body.error());
  Result<std::string> rid = ReferralId(*body);
  if (!rid) return http::Problem(rid.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<store::Referral> cur = store::GetOutgoing(tx, *scope, *rid, ctx.now_ms);
    if (!cur) return cur.error();
    if (cur->intake_id != id) return Error::NotFound("nothing is here, or you don't have access to it");
    Result<store::Referral> r = store::WithdrawReferral(tx, *scope, *rid, ctx.now_ms);
    if (!r) return r.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "referral.withdrawn", "referral:" + r->id, "allowed"); !s) return s.error();
    if (Status s = Audit(tx, ctx, r->partner_org_id, "referral.withdrawn_copy_erased", "referral:" + r->id, "allowed"); !s) {
      return s.error();
    }
    if (Status s = tx.SetOrg(scope->org_id()); !s) return s.error();
    return OutgoingJson(*r);
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetIncomingReferrals(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kAnswerReferral);
  if (!scope) return http::Problem(scope.error());
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<std::vector<store::Referral>> all = store::ListIncoming(tx, *scope, ctx.now_ms);
    if (!all) return all.error();
    json list = json::array();
    bool read_copy = false;
    for (const auto& r : *all) {
      json j = CardJson(r);
      // The consented fields only once accepted (J2.3 never-line).
      if (core::PartnerMaySee(r.state) == core::PartnerView::kConsentedFields) {
        Result<store::ReferralCopy> c = store::GetReferralCopy(tx, *scope, ctx.services.keys, r.id, ctx.now_ms);
        if (!c) return c.error();
        j["copy"] = CopyJson(*c);
        read_copy = true;
      }
      list.push_back(j);
    }
    if (read_copy) {
      if (Status s = Audit(tx, ctx, scope->org_id(), "referral.copies_viewed", "route:" + req.route, "allowed"); !s) {
        return s.error();
      }
    }
    return json{{"referrals", list}};
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostIncomingReferralAnswer(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kAnswerReferral);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"referral_id", "answer"});
  if (!body) return http::Problem(body.error());
  Result<std::string> rid = ReferralId(*body);
  if (!rid) return http::Problem(rid.error());
  Result<std::string> answer = ReqString(*body, "answer", 10);
  if (!answer || (*answer != "accept" && *answer != "decline")) {
    return http::Problem(Error::InvalidInput("answer", "answer must be accept or decline"));
  }
  Result<json> out = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<store::Referral> in = store::GetIncoming(tx, *scope, *rid, ctx.now_ms);
    if (!in) return in.error();
    const std::string a_org = in->from_org_id;
    json j;
    if (*answer == "accept") {
      Result<store::ReferralCopy> c =
          store::AcceptReferral(tx, *scope, ctx.services.keys, *rid, ctx.actor->user_id, ctx.now_ms);
      if (!c) return c.error();
      j = CardJson(*in);
      j["state"] = "accepted";
      j["copy"] = CopyJson(*c);
    } else {
      Result<store::Referral> r = store::DeclineReferral(tx, *scope, *rid, ctx.actor->user_id, ctx.now_ms);
      if (!r) return r.error();
      j = CardJson(*r);
    }
    const std::string verb = *answer == "accept" ? "referral.accepted" : "referral.declined";
    if (Status s = Audit(tx, ctx, scope->org_id(), verb, "referral:" + *rid, "allowed"); !s) return s.error();
    if (Status s = Audit(tx, ctx, a_org, verb + "_by_partner", "referral:" + *rid, "allowed"); !s) return s.error();
    if (Status s = tx.SetOrg(scope->org_id()); !s) return s.error();
    return j;
  }, store::TxMode::kWrite, scope->org_id());
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

}  // namespace hotshop::api
