// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/structure_test_handlers.h"

#include <set>

#include "api/handler_util.h"
#include "api/page.h"
#include "api/json_response.h"
#include "api/unit_views.h"
#include "api/workplace_access.h"
#include "http/json_body.h"
#include "core/iso_date.h"
#include "http/problem.h"
#include "io/time_zone.h"
#include "store/assessment_repo.h"
#include "store/structure_test_repo.h"
#include "store/unit_roster.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

// Loads the tests (all of a unit, or one) with their participation.
Result<std::vector<TestWithParticipation>> LoadTests(store::StructureTestRepo& repo, const std::string& unit,
                                                     const std::string& only) {
  std::vector<store::StructureTestRecord> tests;
  if (only.empty()) {
    Result<std::vector<store::StructureTestRecord>> all = repo.OfUnit(unit);
    if (!all) return all.error();
    tests = std::move(*all);
  } else {
    Result<store::StructureTestRecord> one = repo.Get(only);
    if (!one) return one.error();
    tests.push_back(std::move(*one));
  }
  std::vector<TestWithParticipation> out;
  for (auto& t : tests) {
    Result<std::vector<store::Participation>> p = repo.ParticipationOf(t.id);
    if (!p) return p.error();
    out.push_back({std::move(t), std::move(*p)});
  }
  return out;
}

Result<std::vector<store::TestTarget>> ParseTargets(const json& body) {
  std::vector<store::TestTarget> out;
  auto it = body.find("targets");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 200) return Error::InvalidInput("targets", "targets must be a list");
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& t = (*it)[i];
    std::string field = "targets[" + std::to_string(i) + "]";
    if (!t.is_object()) return Error::InvalidInput(field, "each target is {kind, name, percent}");
    if (Status only = http::OnlyFields(t, {"kind", "name", "percent"}); !only) {
      return Error::InvalidInput(field, only.error().message());
    }
    Result<std::string> kind = ReqString(t, "kind", 20);
    if (!kind) return Error::InvalidInput(field, kind.error().message());
    std::optional<core::TestGroupKind> k = store::ParseTestGroupKind(*kind);
    if (!k) return Error::InvalidInput(field, "kind must be department, shift, language or entrance");
    Result<std::optional<std::string>> name = OptName(t, "name", 200);
    if (!name) return Error::InvalidInput(field, name.error().message());
    if (!*name || (*name)->empty()) return Error::InvalidInput(field, "name is required");
    Result<std::optional<int64_t>> pct = OptInt(t, "percent", 1, 100);
    if (!pct || !*pct) return Error::InvalidInput(field, "percent must be from 1 to 100");
    if (!seen.insert({*kind, **name}).second) return Error::InvalidInput(field, "this group has two targets");
    out.push_back({*k, **name, **pct});
  }
  return out;
}

// The unit's employment history as spans of civil days in the unit's time
// zone (R21: each test is scored against the unit on its day). A closed
// row's last day is the day it was closed there.
Result<std::vector<core::RosterSpan>> HistoryOf(store::Tx& tx, const Access& a) {
  Result<std::vector<store::UnitEmploymentRow>> rows = store::LoadUnitEmploymentHistory(tx, a.scope, a.owner.unit_id);
  if (!rows) return rows.error();
  Result<std::string> zone = TimeZoneOf(tx, a.scope, a.owner);
  if (!zone) return zone.error();
  std::vector<core::RosterSpan> out;
  for (const auto& r : *rows) {
    core::RosterSpan s;
    s.member = {r.person_id, r.department, r.shift, r.preferred_language, "", false};
    s.supervisor = r.supervisor;
    if (Result<core::Date> d = core::ParseIsoDate(r.started_on, "started_on"); d) s.started_on = *d;
    if (r.valid_to_ms) s.ended_on = io::CivilDateIn(*r.valid_to_ms, *zone);
    out.push_back(std::move(s));
  }
  return out;
}

bool Suppress(const Context& ctx, const Access& a) {
  return !Allowed(ctx, a.scope.org_id(), Action::kViewWorkers, a.owner);
}

}  // namespace

http::Response GetStructureTests(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewAggregates, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  bool suppress = Suppress(ctx, *a);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, unit, "", false);
    if (!roster) return roster.error();
    store::StructureTestRepo repo(tx, a->scope);
    Result<std::vector<TestWithParticipation>> tests = LoadTests(repo, unit, "");
    if (!tests) return tests.error();
    Result<std::vector<core::RosterSpan>> history = HistoryOf(tx, *a);
    if (!history) return history.error();
    return StructureTestsJson(*roster, *tests, suppress, &*history);
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "tests", *page);
  return Json(*out);
}

http::Response PostStructureTest(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kManageCommittee, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"kind", "name", "held_on", "target_percent", "targets"});
  if (!body) return http::Problem(body.error());
  Result<std::string> kind_text = ReqString(*body, "kind", 40);
  if (!kind_text) return http::Problem(kind_text.error());
  std::optional<core::StructureTestKind> kind = store::ParseStructureTestKind(*kind_text);
  if (!kind) {
    return http::Problem(Error::InvalidInput(
        "kind", "kind must be majority_petition, sticker_day, photo, delegation, march_on_the_boss, strike_vote or custom"));
  }
  Result<std::optional<std::string>> name = OptName(*body, "name", 200);
  if (!name) return http::Problem(name.error());
  Result<std::optional<std::string>> held = OptDate(*body, "held_on");
  if (!held) return http::Problem(held.error());
  if (!*held) return http::Problem(Error::InvalidInput("held_on", "held_on is required"));
  // R21: the target is agreed before the test; there is no default.
  Result<std::optional<int64_t>> target = OptInt(*body, "target_percent", 1, 100);
  if (!target) return http::Problem(target.error());
  if (!*target) return http::Problem(Error::InvalidInput("target_percent", "agree on a target first: target_percent is required"));
  Result<std::vector<store::TestTarget>> targets = ParseTargets(*body);
  if (!targets) return http::Problem(targets.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::StructureTestRepo repo(tx, a->scope);
    Result<store::StructureTestRecord> t =
        repo.Create(unit, *kind, name->value_or(""), **held, **target, *targets, ctx.now_ms);
    if (!t) return t.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "structure_test.created", "structure_test:" + t->id, "allowed"); !s) {
      return s.error();
    }
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, unit, "", false);
    if (!roster) return roster.error();
    Result<std::vector<core::RosterSpan>> history = HistoryOf(tx, *a);
    if (!history) return history.error();
    Result<json> j = StructureTestsJson(*roster, {TestWithParticipation{*t, {}}}, false, &*history);
    if (!j) return j.error();
    return (*j)["tests"][0];
  });
  if (!out) return http::Problem(out.error());
  return Json(*out, HttpStatus::created);
}

http::Response GetStructureTest(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewAggregates, ObjectKind::kStructureTest, id);
  if (!a) return http::Problem(a.error());
  bool suppress = Suppress(ctx, *a);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, a->owner.unit_id, "", false);
    if (!roster) return roster.error();
    store::StructureTestRepo repo(tx, a->scope);
    Result<std::vector<TestWithParticipation>> tests = LoadTests(repo, a->owner.unit_id, id);
    if (!tests) return tests.error();
    Result<std::vector<core::RosterSpan>> history = HistoryOf(tx, *a);
    if (!history) return history.error();
    Result<json> j = StructureTestsJson(*roster, *tests, suppress, &*history);
    if (!j) return j.error();
    json one = (*j)["tests"][0];
    one["unit"] = (*j)["unit"];
    one["go_public"] = (*j)["go_public"];
    one["suppressed_below"] = (*j)["suppressed_below"];
    return one;
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetParticipation(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kStructureTest, id);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, a->owner.unit_id, "", true);
    if (!roster) return roster.error();
    store::StructureTestRepo repo(tx, a->scope);
    Result<std::vector<TestWithParticipation>> tests = LoadTests(repo, a->owner.unit_id, id);
    if (!tests) return tests.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "participation.read", "structure_test:" + id, "allowed"); !s) {
      return s.error();
    }
    return ParticipationJson(*roster, (*tests)[0]);
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "roster", *page);
  return Json(*out);
}

http::Response PutParticipation(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kStructureTest, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"person_id", "participated", "entrance"});
  if (!body) return http::Problem(body.error());
  Result<std::string> person = OptId(*body, "person_id");
  if (!person) return http::Problem(person.error());
  if (person->empty()) return http::Problem(Error::InvalidInput("person_id", "person_id is required"));
  Result<std::optional<bool>> took = OptBool(*body, "participated");
  if (!took) return http::Problem(took.error());
  if (!*took) return http::Problem(Error::InvalidInput("participated", "participated (true or false) is required"));
  Result<std::optional<std::string>> entrance = OptString(*body, "entrance", 200);
  if (!entrance) return http::Problem(entrance.error());
  store::Participation p{*person, **took, entrance->value_or(""), "user:" + ctx.actor->user_id, ctx.now_ms};
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::StructureTestRepo repo(tx, a->scope);
    if (Status s = repo.Record(id, p, ctx.now_ms); !s) return s.error();
    if (p.participated) {
      // RULE R18: a scale's "took part in a structure test" rule, dated the
      // day the test was held (a newer human rating stands).
      Result<store::StructureTestRecord> t = repo.Get(id);
      if (!t) return t.error();
      Result<core::Date> held = core::ParseIsoDate(t->held_on, "held_on");
      if (!held) return held.error();
      Result<int64_t> at = LocalStartOfDay(tx, a->scope, a->owner, *held);
      if (!at) return at.error();
      Result<int64_t> ruled = store::ApplyAssessmentRules(tx, a->scope, k, a->owner.campaign_id, p.person_id,
                                                         core::AssessmentFact::kTookPartInTest, *at, ctx.now_ms);
      if (!ruled) return ruled.error();
    }
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "participation.recorded", "structure_test:" + id, "allowed"); !s) {
      return s.error();
    }
    return json{{"test_id", id}, {"person_id", p.person_id}, {"participated", p.participated},
                {"entrance", p.entrance.empty() ? json(nullptr) : json(p.entrance)}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

}  // namespace hotshop::api
