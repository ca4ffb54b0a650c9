// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/workplace_handlers.h"

#include "api/handler_util.h"
#include "api/page.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "http/etag.h"
#include "http/problem.h"
#include "io/email.h"
#include "io/phone.h"
#include "store/connection_repo.h"
#include "store/employment_repo.h"
#include "store/person_repo.h"
#include "store/workplace_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json EmployerJson(const store::Employer& e) {
  return {{"id", e.id}, {"campaign_id", e.campaign_id}, {"name", e.name}, {"version", e.version}};
}

json WorksiteJson(const store::Worksite& w) {
  return {{"id", w.id},           {"employer_id", w.employer_id},     {"name", w.name},
          {"address", w.address}, {"time_zone", OptText(w.time_zone)}, {"region", OptText(w.region)},
          {"version", w.version}};
}

json UnitJson(const store::Unit& u) {
  return {{"id", u.id},
          {"campaign_id", u.campaign_id},
          {"employer_id", u.employer_id},
          {"name", u.name},
          {"eligibility", u.eligibility},
          {"size_override", u.size_override ? json(*u.size_override) : json(nullptr)},
          {"card_percent", u.card_percent},
          {"support_percent", u.support_percent},
          {"committee_percent", u.committee_percent},
          {"go_public_percent", u.go_public_percent},
          {"worksite_ids", u.worksite_ids},
          {"version", u.version}};
}

json AreaJson(const store::Area& a) {
  return {{"id", a.id},     {"unit_id", a.unit_id},
          {"kind", store::AreaKindName(a.kind)}, {"name", a.name},
          {"worksite_id", OptText(a.worksite_id)}, {"version", a.version}};
}

json EmploymentJson(const store::Employment& e) {
  return {{"id", e.id},
          {"worksite_id", e.worksite_id},
          {"unit_id", OptText(e.unit_id)},
          {"department_id", OptText(e.department_id)},
          {"shift_id", OptText(e.shift_id)},
          {"job_class_id", OptText(e.job_class_id)},
          {"employment_type", e.employment_type},
          {"supervisor", e.supervisor},
          {"started_on", OptText(e.started_on)},
          {"recorded_at", core::FormatUtcInstant(e.valid_from_ms)},
          {"ended_at", e.valid_to_ms ? json(core::FormatUtcInstant(*e.valid_to_ms)) : json(nullptr)},
          {"current", !e.valid_to_ms.has_value()}};
}

// A name field: required when creating, trimmed of nothing, at most 200 bytes.
Result<std::optional<std::string>> NameField(const json& body, bool required) {
  Result<std::optional<std::string>> n = OptName(body, "name", 200);
  if (!n) return n.error();
  if (required && (!*n || (*n)->empty())) return Error::InvalidInput("name", "name is required");
  if (*n && (*n)->empty()) return Error::InvalidInput("name", "name cannot be empty");
  return n;
}

Result<store::WorksiteFields> ParseWorksite(const json& body, bool create) {
  store::WorksiteFields f;
  Result<std::optional<std::string>> name = NameField(body, create);
  if (!name) return name.error();
  f.name = *name;
  Result<std::optional<std::string>> address = OptString(body, "address", 500);
  if (!address) return address.error();
  f.address = *address;
  Result<std::optional<std::string>> tz = OptTimeZone(body, "time_zone");
  if (!tz) return tz.error();
  f.time_zone = *tz;
  Result<std::optional<std::string>> region = OptString(body, "region", 200);
  if (!region) return region.error();
  f.region = *region;
  return f;
}

Result<store::UnitFields> ParseUnit(const json& body, bool create) {
  store::UnitFields f;
  Result<std::optional<std::string>> name = NameField(body, create);
  if (!name) return name.error();
  f.name = *name;
  Result<std::optional<std::string>> elig = OptString(body, "eligibility", 2000);
  if (!elig) return elig.error();
  f.eligibility = *elig;
  if (auto it = body.find("size_override"); it != body.end()) {
    if (it->is_null()) {
      f.size_override = std::optional<int64_t>();
    } else {
      Result<std::optional<int64_t>> n = OptInt(body, "size_override", 1, 10'000'000);
      if (!n) return n.error();
      f.size_override = *n;
    }
  }
  struct P {
    const char* field;
    std::optional<int64_t>* slot;
    int64_t min;
  };
  for (const P& p : {P{"card_percent", &f.card_percent, 0}, P{"support_percent", &f.support_percent, 0},
                     P{"committee_percent", &f.committee_percent, 0}, P{"go_public_percent", &f.go_public_percent, 1}}) {
    Result<std::optional<int64_t>> v = OptInt(body, p.field, p.min, 100);
    if (!v) return v.error();
    *p.slot = *v;
  }
  if (auto it = body.find("worksite_ids"); it != body.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 1000) return Error::InvalidInput("worksite_ids", "worksite_ids must be a list of ids");
    std::vector<std::string> ids;
    for (const auto& x : *it) {
      if (!x.is_string()) return Error::InvalidInput("worksite_ids", "worksite_ids must be a list of ids");
      ids.push_back(x.get<std::string>());
    }
    f.worksite_ids = ids;
  }
  return f;
}

// The employment fields of a body (PUT employment, POST a unit's person).
Result<store::EmploymentFields> ParseEmployment(const json& body) {
  store::EmploymentFields f;
  for (auto [field, slot] : std::initializer_list<std::pair<const char*, std::string*>>{
           {"worksite_id", &f.worksite_id}, {"unit_id", &f.unit_id}, {"department_id", &f.department_id},
           {"shift_id", &f.shift_id}, {"job_class_id", &f.job_class_id}}) {
    Result<std::string> id = OptId(body, field);
    if (!id) return id.error();
    *slot = *id;
  }
  Result<std::optional<std::string>> type = OptString(body, "employment_type", 20);
  if (!type) return type.error();
  f.employment_type = type->value_or("unknown");
  if (f.employment_type != "full_time" && f.employment_type != "part_time" && f.employment_type != "unknown") {
    return Error::InvalidInput("employment_type", "employment_type must be full_time, part_time or unknown");
  }
  Result<std::optional<bool>> sup = OptBool(body, "supervisor");
  if (!sup) return sup.error();
  f.supervisor = sup->value_or(false);
  Result<std::optional<std::string>> started = OptDate(body, "started_on");
  if (!started) return started.error();
  f.started_on = started->value_or("");
  return f;
}

// Audited write: fn's value, with one audit record in the same transaction.
template <typename T>
Result<T> Write(Context& ctx, const store::Scope& scope, const std::string& event,
                const std::function<Result<T>(store::Tx&, const store::OrgKeys&)>& fn,
                const std::function<std::string(const T&)>& object) {
  return InOrg<T>(ctx, scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<T> {
    Result<T> v = fn(tx, k);
    if (!v) return v.error();
    if (Status a = Audit(tx, ctx, scope.org_id(), event, object(*v), "allowed"); !a) return a.error();
    return v;
  });
}

// DELETE of a workplace object (employer, worksite, unit, area): workplace.edit
// on it, If-Match (428 without, 412 stale), 409 naming what still refers to
// it, else 204; audited with the id only.
using DeleteFn = Status (store::WorkplaceRepo::*)(const std::string&, int64_t);
http::Response DeleteObject(const http::Request& req, Context& ctx, ObjectKind kind, const std::string& noun,
                            DeleteFn del) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, kind, id);
  if (!a) return http::Problem(a.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<int> done = Write<int>(ctx, a->scope, noun + ".deleted", [&](store::Tx& tx, const store::OrgKeys& k) -> Result<int> {
    store::WorkplaceRepo w(tx, a->scope, k);
    if (Status s = (w.*del)(id, *version); !s) return s.error();
    return 0;
  }, [&](const int&) { return noun + ":" + id; });
  if (!done) return http::Problem(done.error());
  return http::Response{HttpStatus::no_content, 11};
}

}  // namespace

// ------------------------------------------------------------------ employers

http::Response GetEmployers(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkplace, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<std::vector<store::Employer>> list = store::WorkplaceRepo(tx, a->scope, k).ListEmployers(campaign);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& e : *list) items.push_back(EmployerJson(e));
    return json{{"employers", items}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "employers", *page);
  return Json(*out);
}

http::Response PostEmployer(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name"});
  if (!body) return http::Problem(body.error());
  Result<std::optional<std::string>> name = NameField(*body, true);
  if (!name) return http::Problem(name.error());
  Result<store::Employer> e = Write<store::Employer>(ctx, a->scope, "employer.created", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).CreateEmployer(campaign, **name, ctx.now_ms);
  }, [](const store::Employer& x) { return "employer:" + x.id; });
  if (!e) return http::Problem(e.error());
  return WithETag(Json(EmployerJson(*e), HttpStatus::created), e->version);
}

http::Response GetEmployer(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkplace, ObjectKind::kEmployer, id);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  int64_t version = 1;
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::WorkplaceRepo w(tx, a->scope, k);
    Result<store::Employer> e = w.GetEmployer(id);
    if (!e) return e.error();
    version = e->version;
    Result<std::vector<store::Worksite>> sites = w.ListWorksites(id);
    if (!sites) return sites.error();
    Result<std::vector<store::Unit>> units = w.ListUnitsOfEmployer(id);
    if (!units) return units.error();
    json j = EmployerJson(*e);
    j["worksites"] = json::array();
    for (const auto& s : *sites) j["worksites"].push_back(WorksiteJson(s));
    j["units"] = json::array();
    for (const auto& u : *units) j["units"].push_back({{"id", u.id}, {"name", u.name}});
    return j;
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "worksites", *page);
  return WithETag(Json(*out), version);
}

http::Response PatchEmployer(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kEmployer, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<std::string>> name = NameField(*body, false);
  if (!name) return http::Problem(name.error());
  Result<store::Employer> e = Write<store::Employer>(ctx, a->scope, "employer.edited", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).RenameEmployer(id, *version, *name, ctx.now_ms);
  }, [](const store::Employer& x) { return "employer:" + x.id; });
  if (!e) return http::Problem(e.error());
  return WithETag(Json(EmployerJson(*e)), e->version);
}

http::Response DeleteEmployer(const http::Request& req, Context& ctx) {
  return DeleteObject(req, ctx, ObjectKind::kEmployer, "employer", &store::WorkplaceRepo::DeleteEmployer);
}

// ------------------------------------------------------------------ worksites

http::Response PostWorksite(const http::Request& req, Context& ctx) {
  std::string employer = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kEmployer, employer);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name", "address", "time_zone", "region"});
  if (!body) return http::Problem(body.error());
  Result<store::WorksiteFields> f = ParseWorksite(*body, true);
  if (!f) return http::Problem(f.error());
  Result<store::Worksite> w = Write<store::Worksite>(ctx, a->scope, "worksite.created", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).CreateWorksite(employer, *f, ctx.now_ms);
  }, [](const store::Worksite& x) { return "worksite:" + x.id; });
  if (!w) return http::Problem(w.error());
  return WithETag(Json(WorksiteJson(*w), HttpStatus::created), w->version);
}

http::Response GetWorksite(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkplace, ObjectKind::kWorksite, id);
  if (!a) return http::Problem(a.error());
  Result<store::Worksite> w = InOrg<store::Worksite>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).GetWorksite(id);
  });
  if (!w) return http::Problem(w.error());
  return WithETag(Json(WorksiteJson(*w)), w->version);
}

http::Response PatchWorksite(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kWorksite, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name", "address", "time_zone", "region"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::WorksiteFields> f = ParseWorksite(*body, false);
  if (!f) return http::Problem(f.error());
  Result<store::Worksite> w = Write<store::Worksite>(ctx, a->scope, "worksite.edited", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).UpdateWorksite(id, *version, *f, ctx.now_ms);
  }, [](const store::Worksite& x) { return "worksite:" + x.id; });
  if (!w) return http::Problem(w.error());
  return WithETag(Json(WorksiteJson(*w)), w->version);
}

http::Response DeleteWorksite(const http::Request& req, Context& ctx) {
  return DeleteObject(req, ctx, ObjectKind::kWorksite, "worksite", &store::WorkplaceRepo::DeleteWorksite);
}

// ---------------------------------------------------------------------- units

http::Response GetUnits(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkplace, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<std::vector<store::Unit>> list = store::WorkplaceRepo(tx, a->scope, k).ListUnits(campaign);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& u : *list) items.push_back(UnitJson(u));
    return json{{"units", items}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "units", *page);
  return Json(*out);
}

http::Response PostUnit(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"employer_id", "name", "eligibility", "size_override", "worksite_ids", "card_percent",
                                 "support_percent", "committee_percent", "go_public_percent"});
  if (!body) return http::Problem(body.error());
  Result<std::string> employer = OptId(*body, "employer_id");
  if (!employer) return http::Problem(employer.error());
  if (employer->empty()) return http::Problem(Error::InvalidInput("employer_id", "employer_id is required"));
  Result<store::UnitFields> f = ParseUnit(*body, true);
  if (!f) return http::Problem(f.error());
  Result<store::Unit> u = Write<store::Unit>(ctx, a->scope, "unit.created", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).CreateUnit(campaign, *employer, *f, ctx.now_ms);
  }, [](const store::Unit& x) { return "unit:" + x.id; });
  if (!u) return http::Problem(u.error());
  return WithETag(Json(UnitJson(*u), HttpStatus::created), u->version);
}

http::Response GetUnit(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkplace, ObjectKind::kUnit, id);
  if (!a) return http::Problem(a.error());
  int64_t version = 1;
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::WorkplaceRepo w(tx, a->scope, k);
    Result<store::Unit> u = w.GetUnit(id);
    if (!u) return u.error();
    version = u->version;
    Result<std::vector<store::Area>> areas = w.ListAreas(id);
    if (!areas) return areas.error();
    json j = UnitJson(*u);
    j["departments"] = json::array();
    j["shifts"] = json::array();
    j["job_classes"] = json::array();
    for (const auto& ar : *areas) {
      const char* key = ar.kind == store::AreaKind::kDepartment ? "departments"
                        : ar.kind == store::AreaKind::kShift    ? "shifts"
                                                                : "job_classes";
      j[key].push_back(AreaJson(ar));
    }
    return j;
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out), version);
}

http::Response PatchUnit(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kUnit, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name", "eligibility", "size_override", "worksite_ids", "card_percent",
                                 "support_percent", "committee_percent", "go_public_percent"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::UnitFields> f = ParseUnit(*body, false);
  if (!f) return http::Problem(f.error());
  Result<store::Unit> u = Write<store::Unit>(ctx, a->scope, "unit.edited", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).UpdateUnit(id, *version, *f, ctx.now_ms);
  }, [](const store::Unit& x) { return "unit:" + x.id; });
  if (!u) return http::Problem(u.error());
  return WithETag(Json(UnitJson(*u)), u->version);
}

http::Response DeleteUnit(const http::Request& req, Context& ctx) {
  return DeleteObject(req, ctx, ObjectKind::kUnit, "unit", &store::WorkplaceRepo::DeleteUnit);
}

http::Response PostArea(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"kind", "name", "worksite_id"});
  if (!body) return http::Problem(body.error());
  Result<std::string> kind_text = ReqString(*body, "kind", 20);
  if (!kind_text) return http::Problem(kind_text.error());
  std::optional<store::AreaKind> kind = store::ParseAreaKind(*kind_text);
  if (!kind) return http::Problem(Error::InvalidInput("kind", "kind must be department, shift or job_class"));
  Result<std::optional<std::string>> name = NameField(*body, true);
  if (!name) return http::Problem(name.error());
  Result<std::string> site = OptId(*body, "worksite_id");
  if (!site) return http::Problem(site.error());
  Result<store::Area> ar = Write<store::Area>(ctx, a->scope, "area.created", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).CreateArea(unit, *kind, **name, *site, ctx.now_ms);
  }, [](const store::Area& x) { return "area:" + x.id; });
  if (!ar) return http::Problem(ar.error());
  return WithETag(Json(AreaJson(*ar), HttpStatus::created), ar->version);
}

http::Response PatchArea(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkplace, ObjectKind::kArea, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<std::string>> name = NameField(*body, true);
  if (!name) return http::Problem(name.error());
  Result<store::Area> ar = Write<store::Area>(ctx, a->scope, "area.edited", [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::WorkplaceRepo(tx, a->scope, k).RenameArea(id, *version, **name, ctx.now_ms);
  }, [](const store::Area& x) { return "area:" + x.id; });
  if (!ar) return http::Problem(ar.error());
  return WithETag(Json(AreaJson(*ar)), ar->version);
}

http::Response DeleteArea(const http::Request& req, Context& ctx) {
  return DeleteObject(req, ctx, ObjectKind::kArea, "area", &store::WorkplaceRepo::DeleteArea);
}

// ----------------------------------------------------------------- employment

http::Response GetEmployment(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  int64_t version = 1;
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys&) -> Result<json> {
    store::EmploymentRepo e(tx, a->scope);
    Result<std::vector<store::Employment>> hist = e.History(person);
    if (!hist) return hist.error();
    Result<int64_t> v = e.Version(person);
    if (!v) return v.error();
    version = *v;
    json current = nullptr, history = json::array();
    for (const auto& x : *hist) {
      if (!x.valid_to_ms) current = EmploymentJson(x);
      history.push_back(EmploymentJson(x));
    }
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "employment.read", "person:" + person, "allowed"); !s) return s.error();
    return json{{"person_id", person}, {"current", current}, {"history", history}, {"version", version}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "history", *page);
  return WithETag(Json(*out), version);
}

http::Response PutEmployment(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"worksite_id", "unit_id", "department_id", "shift_id", "job_class_id",
                                 "employment_type", "supervisor", "started_on"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::EmploymentFields> parsed = ParseEmployment(*body);
  if (!parsed) return http::Problem(parsed.error());
  const store::EmploymentFields& f = *parsed;
  if (f.worksite_id.empty()) return http::Problem(Error::InvalidInput("worksite_id", "worksite_id is required"));
  // The place the person moves to must be within the actor's reach too: a
  // worker-leader cannot move someone into another unit. Out of reach reads
  // exactly like a unit or worksite that does not exist.
  Result<store::Owner> target = InOrg<store::Owner>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) {
    store::WorkplaceRepo w(tx, a->scope, k);
    return f.unit_id.empty() ? w.OwnerOfWorksite(f.worksite_id) : w.OwnerOfUnit(f.unit_id);
  });
  const Error out_of_reach = f.unit_id.empty() ? Error::InvalidInput("worksite_id", "no such worksite")
                                               : Error::InvalidInput("unit_id", "no such unit at this worksite");
  if (!target && target.error().code() != ErrorCode::kNotFound) return http::Problem(target.error());
  if (!target || !Allowed(ctx, a->scope.org_id(), Action::kEditWorkerRecord, *target)) {
    return http::Problem(out_of_reach);
  }
  using Placed = std::pair<store::Employment, int64_t>;
  Result<Placed> e = Write<Placed>(ctx, a->scope, "employment.set", [&](store::Tx& tx, const store::OrgKeys&) -> Result<Placed> {
    store::EmploymentRepo repo(tx, a->scope);
    Result<store::Employment> set = repo.Set(person, *version, f, "user:" + ctx.actor->user_id, ctx.now_ms);
    if (!set) return set.error();
    Result<int64_t> v = repo.Version(person);
    if (!v) return v.error();
    return Placed{*set, *v};
  }, [&](const Placed&) { return "person:" + person; });
  if (!e) return http::Problem(e.error());
  return WithETag(Json(EmploymentJson(e->first)), e->second);
}

http::Response DeleteEmployment(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<int64_t> after = Write<int64_t>(ctx, a->scope, "employment.ended", [&](store::Tx& tx, const store::OrgKeys&) -> Result<int64_t> {
    store::EmploymentRepo e(tx, a->scope);
    if (Status s = e.End(person, *version, ctx.now_ms); !s) return s.error();
    return e.Version(person);
  }, [&](const int64_t&) { return "person:" + person; });
  if (!after) return http::Problem(after.error());
  http::Response res{HttpStatus::no_content, 11};
  res.set(http::bhttp::field::etag, http::ETagFor(*after));
  return res;
}

http::Response PostUnitPerson(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name", "phone", "email", "preferred_language", "worksite_id", "department_id",
                                 "shift_id", "job_class_id", "employment_type", "supervisor", "started_on"});
  if (!body) return http::Problem(body.error());
  store::PersonFields person;
  Result<std::optional<std::string>> name = NameField(*body, true);
  if (!name) return http::Problem(name.error());
  person.name = *name;
  Result<std::optional<std::string>> lang = OptString(*body, "preferred_language", 20);
  if (!lang) return http::Problem(lang.error());
  person.preferred_language = *lang;
  Result<std::optional<std::string>> phone = OptString(*body, "phone", 64);
  if (!phone) return http::Problem(phone.error());
  if (*phone && !(*phone)->empty()) {
    Result<io::E164Phone> p = io::NormalizePhone(**phone);
    if (!p) return http::Problem(Error::InvalidInput("phone", p.error().message()));
    person.phone = p->e164;
  }
  Result<std::optional<std::string>> email = OptString(*body, "email", 320);
  if (!email) return http::Problem(email.error());
  if (*email && !(*email)->empty()) {
    Result<std::string> e = io::NormalizeEmail(**email);
    if (!e) return http::Problem(Error::InvalidInput("email", e.error().message()));
    person.email = *e;
  }
  Result<store::EmploymentFields> parsed = ParseEmployment(*body);
  if (!parsed) return http::Problem(parsed.error());
  store::EmploymentFields f = *parsed;
  f.unit_id = unit;
  using Made = std::pair<store::Person, store::Employment>;
  Result<Made> made = InOrg<Made>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<Made> {
    if (f.worksite_id.empty()) {
      // A unit at one worksite needs no choice; otherwise the caller says where.
      Result<store::Unit> u = store::WorkplaceRepo(tx, a->scope, k).GetUnit(unit);
      if (!u) return u.error();
      if (u->worksite_ids.size() != 1) return Error::InvalidInput("worksite_id", "say which of the unit's worksites");
      f.worksite_id = u->worksite_ids[0];
    }
    Result<store::Person> p = store::PersonRepo(tx, a->scope, k).Create(a->owner.campaign_id, person, ctx.now_ms);
    if (!p) return p.error();
    Result<store::Employment> e = store::EmploymentRepo(tx, a->scope).Set(p->id, 1, f, "user:" + ctx.actor->user_id, ctx.now_ms);
    if (!e) return e.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "person.created", "person:" + p->id, "allowed"); !s) return s.error();
    return Made{*p, *e};
  });
  if (!made) return http::Problem(made.error());
  return Json({{"id", made->first.id}, {"campaign_id", made->first.campaign_id}, {"name", made->first.name},
               {"phone", made->first.phone}, {"email", made->first.email},
               {"preferred_language", made->first.preferred_language}, {"employment", EmploymentJson(made->second)}},
              HttpStatus::created);
}

// ---------------------------------------------------------------- connections

http::Response GetConnections(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<std::vector<store::Connection>> list = store::ConnectionRepo(tx, a->scope).OfPerson(person);
    if (!list) return list.error();
    store::EmploymentRepo employment(tx, a->scope);
    store::PersonRepo people(tx, a->scope, k);
    json items = json::array();
    for (const auto& c : *list) {
      bool mine = c.person_id == person;
      const std::string& other = mine ? c.other_person_id : c.person_id;
      // Only the other people this reader may see are listed at all.
      Result<store::Owner> owner = employment.OwnerOfPerson(other);
      if (!owner) return owner.error();
      if (!Allowed(ctx, a->scope.org_id(), Action::kViewWorkers, *owner)) continue;
      Result<store::Person> p = people.Get(other);
      if (!p) return p.error();
      std::string direction = c.kind != store::ConnectionKind::kInfluences ? "mutual" : mine ? "influences" : "influenced_by";
      items.push_back({{"id", c.id}, {"person_id", other}, {"name", p->name},
                       {"kind", store::ConnectionKindName(c.kind)}, {"direction", direction}});
    }
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "connections.read", "person:" + person, "allowed"); !s) return s.error();
    return json{{"person_id", person}, {"connections", items}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "connections", *page);
  return Json(*out);
}

http::Response PostConnection(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"other_person_id", "kind"});
  if (!body) return http::Problem(body.error());
  Result<std::string> other = OptId(*body, "other_person_id");
  if (!other) return http::Problem(other.error());
  if (other->empty()) return http::Problem(Error::InvalidInput("other_person_id", "other_person_id is required"));
  Result<std::string> kind_text = ReqString(*body, "kind", 20);
  if (!kind_text) return http::Problem(kind_text.error());
  std::optional<store::ConnectionKind> kind = store::ParseConnectionKind(*kind_text);
  if (!kind) return http::Problem(Error::InvalidInput("kind", "kind must be influences, friend, family or carpool"));
  // The other person must be one this actor may see; otherwise the same
  // answer as a person who does not exist.
  Result<store::Owner> owner = OwnerOfPersonIn(ctx, a->scope, *other);
  if (!owner || !Allowed(ctx, a->scope.org_id(), Action::kViewWorkers, *owner)) {
    if (!owner && owner.error().code() != ErrorCode::kNotFound) return http::Problem(owner.error());
    return http::Problem(Error::InvalidInput("other_person_id", "no such person"));
  }
  Result<store::Connection> c = Write<store::Connection>(ctx, a->scope, "connection.created", [&](store::Tx& tx, const store::OrgKeys&) {
    return store::ConnectionRepo(tx, a->scope).Add(person, *other, *kind, "user:" + ctx.actor->user_id, ctx.now_ms);
  }, [](const store::Connection& x) { return "connection:" + x.id; });
  if (!c) return http::Problem(c.error());
  return Json({{"id", c->id}, {"person_id", c->person_id}, {"other_person_id", c->other_person_id},
               {"kind", store::ConnectionKindName(c->kind)}},
              HttpStatus::created);
}

http::Response DeleteConnection(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kConnection, id);
  if (!a) return http::Problem(a.error());
  Result<int> done = Write<int>(ctx, a->scope, "connection.removed", [&](store::Tx& tx, const store::OrgKeys&) -> Result<int> {
    if (Status s = store::ConnectionRepo(tx, a->scope).Remove(id); !s) return s.error();
    return 0;
  }, [&](const int&) { return "connection:" + id; });
  if (!done) return http::Problem(done.error());
  return http::Response{HttpStatus::no_content, 11};
}

}  // namespace hotshop::api
