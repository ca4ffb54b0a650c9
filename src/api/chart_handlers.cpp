// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/chart_handlers.h"

#include <map>

#include "api/handler_util.h"
#include "api/page.h"
#include "api/json_response.h"
#include "api/unit_views.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/account_repo.h"
#include "store/assessment_repo.h"
#include "store/unit_roster.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

// An assessment may be dated a little ahead of the server's clock (a phone's
// clock runs fast), never into the future beyond that.
constexpr int64_t kClockSkewMs = 5 * 60 * 1000;

json AssessmentJson(const store::Assessment& a, const store::Scale& s) {
  const auto& labels = s.scale.labels;
  return {{"id", a.id},
          {"value", a.value},
          {"label", a.value >= 0 && static_cast<size_t>(a.value) < labels.size() ? json(labels[a.value]) : json(nullptr)},
          {"assessed_at", core::FormatUtcInstant(a.at_ms)},
          {"assessed_on", core::FormatIsoDate(core::UtcDateOfMillis(a.at_ms))},
          {"source", a.source == core::AssessmentSource::kRule ? "rule" : "human"},
          {"rule", a.source == core::AssessmentSource::kRule && a.by_actor.rfind("rule:", 0) == 0 ? json(a.by_actor.substr(5))
                                                                                                  : json(nullptr)},
          {"by", a.by_actor},
          {"note", a.note.empty() ? json(nullptr) : json(a.note)}};
}

// History (oldest first) and the effective one (R18) of a person on a scale.
Result<json> HistoryJson(store::AssessmentRepo& repo, const std::string& person, const store::Scale& scale) {
  Result<std::vector<store::Assessment>> h = repo.History(person, scale.id);
  if (!h) return h.error();
  Result<std::optional<size_t>> eff = core::EffectiveAssessment(store::ToRecords(*h), scale.scale);
  if (!eff) return eff.error();
  json list = json::array();
  for (const auto& a : *h) list.push_back(AssessmentJson(a, scale));
  return json{{"person_id", person},
              {"scale", ScaleJson(scale)},
              {"effective", *eff ? AssessmentJson((*h)[**eff], scale) : json(nullptr)},
              {"history", list},
              {"version", AssessmentHistoryVersion(h->size())}};
}

// The display name of who made an assessment ("user:<id>"), for the people
// who may read the history anyway (J4.1: "the history shows Marcus, 14:05");
// null for a rule, the CLI or an account that is gone.
class ActorNames {
 public:
  ActorNames(store::Tx& tx, const store::KeyService& keys) : accounts_(tx, keys) {}
  json NameOf(const json& by) {
    if (!by.is_string()) return nullptr;
    const std::string actor = by.get<std::string>();
    if (actor.rfind("user:", 0) != 0) return nullptr;
    auto it = cache_.find(actor);
    if (it != cache_.end()) return it->second;
    Result<store::User> u = accounts_.Get(actor.substr(5));
    json name = u ? json(u->name) : json(nullptr);
    cache_[actor] = name;
    return name;
  }
  // Adds by_name to a history answer's records.
  void Annotate(json& history) {
    for (auto& h : history["history"]) h["by_name"] = NameOf(h["by"]);
    if (history["effective"].is_object()) history["effective"]["by_name"] = NameOf(history["effective"]["by"]);
    if (history.contains("added")) history["added"]["by_name"] = NameOf(history["added"]["by"]);
  }

 private:
  store::AccountRepo accounts_;
  std::map<std::string, json> cache_;
};

// Viewers (and anyone else who may not see the unit's people) get small
// counts suppressed.
bool Suppress(const Context& ctx, const Access& a) {
  return !Allowed(ctx, a.scope.org_id(), Action::kViewWorkers, a.owner);
}

// One label of a scale: a short name (OptName's rules), at most 100 bytes.
Result<std::string> Label(const json& l) {
  Result<std::optional<std::string>> text = OptName(json{{"labels", l}}, "labels", 100);
  if (!text) return text.error();
  if (!*text) return Error::InvalidInput("labels", "each label must be a short text");
  // An empty label would leave a level with no name on the chart.
  if ((*text)->find_first_not_of(" \t") == std::string::npos) {
    return Error::InvalidInput("labels", "each level needs a label; none may be empty");
  }
  return **text;
}

Result<std::optional<std::vector<std::string>>> OptLabels(const json& body) {
  auto labels = body.find("labels");
  if (labels == body.end() || labels->is_null()) return std::optional<std::vector<std::string>>();
  if (!labels->is_array()) return Error::InvalidInput("labels", "labels must be a list of words");
  if (static_cast<int64_t>(labels->size()) > core::kMaxAssessmentLevel + 1) return Error::InvalidInput("labels", "labels has too many entries");
  std::vector<std::string> out;
  for (const auto& l : *labels) {
    Result<std::string> text = Label(l);
    if (!text) return text.error();
    out.push_back(*text);
  }
  return std::optional<std::vector<std::string>>(out);
}

Result<core::AssessmentScale> ParseScaleBody(const json& body) {
  core::AssessmentScale s;
  Result<std::optional<int64_t>> max = OptInt(body, "max_level", 1, core::kMaxAssessmentLevel);
  if (!max) return max.error();
  if (!*max) return Error::InvalidInput("max_level", "max_level is required");
  s.max_level = **max;
  auto labels = body.find("labels");
  if (labels == body.end() || !labels->is_array()) return Error::InvalidInput("labels", "labels must be a list of words");
  Result<std::optional<std::vector<std::string>>> texts = OptLabels(body);
  if (!texts) return texts.error();
  s.labels = **texts;
  auto levels = body.find("support_levels");
  if (levels == body.end() || !levels->is_array()) {
    return Error::InvalidInput("support_levels", "support_levels must be a list of levels");
  }
  s.support_levels.clear();
  if (static_cast<int64_t>(levels->size()) > core::kMaxAssessmentLevel) {
    return Error::InvalidInput("support_levels", "support_levels has too many entries");
  }
  for (const auto& l : *levels) {
    // Range-checked before it is read: 2^64-1 must not wrap to -1.
    Result<std::optional<int64_t>> level = OptInt(json{{"support_levels", l}}, "support_levels", 0, core::kMaxAssessmentLevel);
    if (!level) return level.error();
    if (!*level) return Error::InvalidInput("support_levels", "support_levels must be whole numbers");
    s.support_levels.push_back(**level);
  }
  if (Status v = core::ValidateScale(s); !v) return v.error();
  return s;
}

// "rules": {"card_signed": 2, "structure_test": 3} (a level, or null for no
// rule); the object replaces the scale's rules. Absent -> nullopt.
Result<std::optional<core::AssessmentRules>> OptRules(const json& body) {
  auto it = body.find("rules");
  if (it == body.end()) return std::optional<core::AssessmentRules>();
  const char* shape = "rules is an object like {\"card_signed\": 2, \"structure_test\": 3}; null turns a rule off";
  if (it->is_null()) return std::optional<core::AssessmentRules>(core::AssessmentRules{});
  if (!it->is_object()) return Error::InvalidInput("rules", shape);
  core::AssessmentRules r;
  for (const auto& [key, value] : it->items()) {
    std::optional<int64_t>* slot = nullptr;
    if (key == core::FactName(core::AssessmentFact::kCardSigned)) slot = &r.card_signed;
    if (key == core::FactName(core::AssessmentFact::kTookPartInTest)) slot = &r.took_part_in_test;
    if (!slot) return Error::InvalidInput("rules", std::string("unknown rule \"") + key + "\": " + shape);
    if (value.is_null()) continue;
    if (!value.is_number_integer()) return Error::InvalidInput("rules." + key, "rules." + key + " must be a level (a whole number) or null");
    *slot = value.get<int64_t>();
  }
  return std::optional<core::AssessmentRules>(r);
}

}  // namespace

http::Response GetChart(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  std::optional<std::string> scale_id = req.query_param("scale_id");
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Scale> scale = ScaleFor(tx, a->scope, k, scale_id, a->owner.campaign_id, ctx.now_ms);
    if (!scale) return scale.error();
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, unit, scale->id, true);
    if (!roster) return roster.error();
    // Names and phones of a whole unit: a sensitive read (ASVS 8.3.5), ids only.
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "chart.read", "unit:" + unit, "allowed"); !s) return s.error();
    Result<json> chart = ChartJson(*roster, *scale, *today);
    if (!chart) return chart.error();
    ActorNames names(tx, ctx.services.keys);
    for (auto& d : (*chart)["departments"]) {
      for (auto& sh : d["shifts"]) {
        for (auto& row : sh["rows"]) {
          row["assessed_by_name"] = names.NameOf(row["assessed_by"]);
          row["last_contact_by_name"] = names.NameOf(row["last_contact_by"]);
        }
      }
    }
    return chart;
  });
  if (!out) return http::Problem(out.error());
  ApplyChartPage(*out, *page);
  return Json(*out);
}

http::Response GetMeters(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewAggregates, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  std::optional<std::string> scale_id = req.query_param("scale_id");
  bool suppress = Suppress(ctx, *a);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Scale> scale = ScaleFor(tx, a->scope, k, scale_id, a->owner.campaign_id, ctx.now_ms);
    if (!scale) return scale.error();
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, unit, scale->id, false);
    if (!roster) return roster.error();
    return MetersJson(*roster, *scale, *today, suppress);
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetRollup(const http::Request& req, Context& ctx) {
  std::string employer = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewAggregates, ObjectKind::kEmployer, employer);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<RollupQuery> q = ParseRollupQuery(req.query_param("region"), req.query_param("sort"), req.query_param("order"));
  if (!q) return http::Problem(q.error());
  std::optional<std::string> scale_id = req.query_param("scale_id");
  bool suppress = Suppress(ctx, *a);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Scale> scale = ScaleFor(tx, a->scope, k, scale_id, a->owner.campaign_id, ctx.now_ms);
    if (!scale) return scale.error();
    Result<store::EmployerRollupData> data = store::LoadEmployerRollup(tx, a->scope, k, employer, scale->id);
    if (!data) return data.error();
    return RollupJson(*data, *scale, *today, *q, suppress);
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "shops", *page);
  return Json(*out);
}

http::Response GetAssessments(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  std::optional<std::string> scale_id = req.query_param("scale_id");
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Scale> scale = ScaleFor(tx, a->scope, k, scale_id, a->owner.campaign_id, ctx.now_ms);
    if (!scale) return scale.error();
    store::AssessmentRepo repo(tx, a->scope, k);
    Result<json> j = HistoryJson(repo, person, *scale);
    if (!j) return j.error();
    ActorNames(tx, ctx.services.keys).Annotate(*j);
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "assessments.read", "person:" + person, "allowed"); !s) {
      return s.error();
    }
    return j;
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "history", *page);
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

http::Response PostAssessment(const http::Request& req, Context& ctx) {
  std::string person = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kPerson, person);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"value", "scale_id", "assessed_at", "note"});
  if (!body) return http::Problem(body.error());
  Result<std::optional<int64_t>> value = OptInt(*body, "value", 0, core::kMaxAssessmentLevel);
  if (!value) return http::Problem(value.error());
  if (!*value) return http::Problem(Error::InvalidInput("value", "value is required (0 = not assessed)"));
  Result<std::string> scale_id = OptId(*body, "scale_id");
  if (!scale_id) return http::Problem(scale_id.error());
  int64_t at_ms = ctx.now_ms;
  Result<std::optional<std::string>> at_text = OptString(*body, "assessed_at", 40);
  if (!at_text) return http::Problem(at_text.error());
  if (*at_text) {
    Result<int64_t> at = core::ParseUtcInstant(**at_text, "assessed_at");
    if (!at) return http::Problem(at.error());
    if (*at > ctx.now_ms + kClockSkewMs) {
      return http::Problem(Error::InvalidInput("assessed_at", "an assessment cannot be dated in the future"));
    }
    at_ms = *at;
  }
  Result<std::optional<std::string>> note = OptString(*body, "note", 2000);
  if (!note) return http::Problem(note.error());
  // History is append-only, so If-Match is optional (a rule or an import
  // adds without one); with it, a rating made by someone else since the
  // caller read the history answers 412 and adds nothing.
  std::optional<int64_t> if_match;
  if (!req.header("If-Match").empty()) {
    Result<int64_t> v = http::IfMatchVersion(req);
    if (!v) return http::Problem(v.error());
    if_match = *v;
  }
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Scale> scale = ScaleFor(tx, a->scope, k, *scale_id, a->owner.campaign_id, ctx.now_ms);
    if (!scale) return scale.error();
    store::AssessmentRepo repo(tx, a->scope, k);
    if (if_match) {
      Result<std::vector<store::Assessment>> before = repo.History(person, scale->id);
      if (!before) return before.error();
      if (AssessmentHistoryVersion(before->size()) != *if_match) {
        return Error::PreconditionFailed("someone else assessed this person since you read it: see their rating, then choose");
      }
    }
    Result<store::Assessment> added = repo.Add(person, scale->id, **value, at_ms, core::AssessmentSource::kHuman,
                                               "user:" + ctx.actor->user_id, note->value_or(""), ctx.now_ms);
    if (!added) return added.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "assessment.added", "person:" + person, "allowed"); !s) {
      return s.error();
    }
    Result<json> j = HistoryJson(repo, person, *scale);
    if (!j) return j.error();
    (*j)["added"] = AssessmentJson(*added, *scale);
    ActorNames(tx, ctx.services.keys).Annotate(*j);
    return j;
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out, HttpStatus::created), (*out)["version"].get<int64_t>());
}

http::Response GetScales(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkplace, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::AssessmentRepo repo(tx, a->scope, k);
    if (Result<store::Scale> d = repo.DefaultScale(ctx.now_ms); !d) return d.error();
    Result<std::vector<store::Scale>> all = repo.ListScales();
    if (!all) return all.error();
    json list = json::array();
    for (const auto& s : *all) {
      if (s.campaign_id.empty() || s.campaign_id == campaign) list.push_back(ScaleJson(s));
    }
    return json{{"scales", list}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "scales", *page);
  return Json(*out);
}

http::Response PostScale(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kManageCommittee, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name", "max_level", "labels", "support_levels", "rules"});
  if (!body) return http::Problem(body.error());
  Result<std::optional<std::string>> name = OptName(*body, "name", 200);
  if (!name) return http::Problem(name.error());
  if (!*name || (*name)->empty()) return http::Problem(Error::InvalidInput("name", "name is required"));
  Result<core::AssessmentScale> scale = ParseScaleBody(*body);
  if (!scale) return http::Problem(scale.error());
  Result<std::optional<core::AssessmentRules>> rules = OptRules(*body);
  if (!rules) return http::Problem(rules.error());
  Result<store::Scale> s = InOrg<store::Scale>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<store::Scale> {
    Result<store::Scale> made = store::AssessmentRepo(tx, a->scope, k).CreateScale(campaign, **name, *scale, ctx.now_ms, rules->value_or(core::AssessmentRules{}));
    if (!made) return made.error();
    if (Status x = Audit(tx, ctx, a->scope.org_id(), "scale.created", "assessment_scale:" + made->id, "allowed"); !x) {
      return x.error();
    }
    return made;
  });
  if (!s) return http::Problem(s.error());
  return WithETag(Json(ScaleJson(*s), HttpStatus::created), s->version);
}

http::Response PatchScale(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kManageCommittee, ObjectKind::kScale, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, {"name", "labels", "rules"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<std::string>> name = OptName(*body, "name", 200);
  if (!name) return http::Problem(name.error());
  if (*name && (*name)->empty()) return http::Problem(Error::InvalidInput("name", "name cannot be empty"));
  Result<std::optional<std::vector<std::string>>> labels = OptLabels(*body);
  if (!labels) return http::Problem(labels.error());
  Result<std::optional<core::AssessmentRules>> rules = OptRules(*body);
  if (!rules) return http::Problem(rules.error());
  Result<store::Scale> s = InOrg<store::Scale>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<store::Scale> {
    Result<store::Scale> updated = store::AssessmentRepo(tx, a->scope, k).UpdateScale(id, *version, *name, *labels, ctx.now_ms, *rules);
    if (!updated) return updated.error();
    if (Status x = Audit(tx, ctx, a->scope.org_id(), "scale.edited", "assessment_scale:" + id, "allowed"); !x) {
      return x.error();
    }
    return updated;
  });
  if (!s) return http::Problem(s.error());
  return WithETag(Json(ScaleJson(*s)), s->version);
}

}  // namespace hotshop::api
