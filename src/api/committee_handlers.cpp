// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/committee_handlers.h"

#include "api/handler_util.h"
#include "api/page.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/committee_repo.h"
#include "store/person_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

json MemberJson(const store::CommitteeMember& m, const std::string& name) {
  return {{"id", m.id},
          {"campaign_id", m.campaign_id},
          {"person_id", m.person_id},
          {"name", name},
          {"role", m.role},
          {"since_on", m.since_on},
          {"until_on", m.until_on.empty() ? json(nullptr) : json(m.until_on)},
          {"version", m.version}};
}

}  // namespace

http::Response GetCommittee(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  bool history = req.query_param("history").value_or("") == "true";
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<std::vector<store::CommitteeMember>> list = store::CommitteeRepo(tx, a->scope).OfCampaign(campaign, history);
    if (!list) return list.error();
    store::PersonRepo people(tx, a->scope, k);
    json items = json::array();
    for (const auto& m : *list) {
      Result<store::Person> p = people.Get(m.person_id);
      if (!p) return p.error();
      items.push_back(MemberJson(m, p->name));
    }
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "committee.read", "campaign:" + campaign, "allowed"); !s) {
      return s.error();
    }
    return json{{"campaign_id", campaign}, {"members", items}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "members", *page);
  return Json(*out);
}

http::Response PostCommitteeMember(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kManageCommittee, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"person_id", "role", "since_on"});
  if (!body) return http::Problem(body.error());
  Result<std::string> person = OptId(*body, "person_id");
  if (!person) return http::Problem(person.error());
  if (person->empty()) return http::Problem(Error::InvalidInput("person_id", "person_id is required"));
  Result<std::optional<std::string>> role = OptString(*body, "role", 20);
  if (!role) return http::Problem(role.error());
  std::string r = role->value_or("committee");
  if (r != "committee" && r != "helper") return http::Problem(Error::InvalidInput("role", "role must be committee or helper"));
  Result<std::optional<std::string>> since = OptDate(*body, "since_on");
  if (!since) return http::Problem(since.error());
  std::string since_on = since->value_or(core::FormatIsoDate(*today));
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::CommitteeMember> m = store::CommitteeRepo(tx, a->scope).Add(campaign, *person, r, since_on, ctx.now_ms);
    if (!m) return m.error();
    Result<store::Person> p = store::PersonRepo(tx, a->scope, k).Get(*person);
    if (!p) return p.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "committee.added", "committee_member:" + m->id, "allowed"); !s) {
      return s.error();
    }
    return MemberJson(*m, p->name);
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out, HttpStatus::created), 1);
}

http::Response PostCommitteeMemberEnd(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kManageCommittee, ObjectKind::kCommitteeMember, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"until_on"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<std::string>> until = OptDate(*body, "until_on");
  if (!until) return http::Problem(until.error());
  std::string until_on = until->value_or(core::FormatIsoDate(*today));
  Result<store::CommitteeMember> m = InOrg<store::CommitteeMember>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys&) -> Result<store::CommitteeMember> {
    Result<store::CommitteeMember> ended = store::CommitteeRepo(tx, a->scope).End(id, *version, until_on, ctx.now_ms);
    if (!ended) return ended.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "committee.ended", "committee_member:" + id, "allowed"); !s) {
      return s.error();
    }
    return ended;
  });
  if (!m) return http::Problem(m.error());
  json j = MemberJson(*m, "");
  j.erase("name");
  return WithETag(Json(j), m->version);
}

}  // namespace hotshop::api
