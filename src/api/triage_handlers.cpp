// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/triage_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/intake_sla.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/intake_campaign.h"
#include "store/intake_repo.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using security::Action;

const Error kDenied = Error::NotFound("nothing is here, or you don't have access to it");

json Nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json IntakeJson(const store::Intake& i, const store::IntakeSettings& settings, int64_t now_ms, bool detail) {
  core::SlaStatus sla = core::IntakeSla(i.received_at_ms, i.first_contact_at_ms, now_ms, settings.sla_hours);
  json j = {{"id", i.id},
            {"stage", core::IntakeStageName(i.stage)},
            {"received_at_ms", i.received_at_ms},
            {"last_request_at_ms", i.last_request_at_ms},
            {"repeat_count", i.repeat_count},
            {"repeat_request", i.repeat_count > 0},
            {"name", i.name},
            {"phone", Nullable(i.phone)},
            {"email", Nullable(i.email)},
            {"work_email", i.work_email},
            {"employer", i.employer},
            {"best_time", i.best_time},
            {"city", i.city},
            {"zip", i.zip},
            {"region", i.region},
            {"industry", i.industry},
            {"size_band", i.size_band},
            {"language", i.language},
            {"consent_version", i.consent_version},
            {"spam", i.spam},
            {"spam_reason", i.spam_reason},
            {"legal_hold", i.legal_hold},
            {"legal_hold_reason", i.legal_hold_reason},
            {"assigned_to", Nullable(i.assigned_to)},
            {"person_id", Nullable(i.person_id)},
            {"merged_into_id", Nullable(i.merged_into_id)},
            {"campaign_id", Nullable(i.campaign_id)},
            {"close_reason", i.close_reason},
            {"first_contact_at_ms", i.first_contact_at_ms ? json(*i.first_contact_at_ms) : json(nullptr)},
            {"stage_changed_at_ms", i.stage_changed_at_ms},
            {"version", i.version},
            {"sla", {{"badge", core::SlaBadgeName(sla.badge)},
                     {"waited_ms", sla.waited_ms},
                     {"due_at_ms", sla.due_at_ms},
                     {"overdue", sla.overdue},
                     {"hours", settings.sla_hours}}}};
  // R41: when the purge would take it (null: resolved, or held, R40).
  const bool resolved = i.stage == core::IntakeStage::kCampaignOpened || i.stage == core::IntakeStage::kReferred;
  j["purge_after_ms"] = resolved || i.legal_hold
                            ? json(nullptr)
                            : json(std::max(i.last_request_at_ms, i.stage_changed_at_ms) + settings.retention_days * 86400000);
  if (detail) j["story"] = i.story;
  return j;
}

json EventJson(const store::IntakeEvent& e) {
  return {{"id", e.id},          {"at_ms", e.at_ms},       {"actor", e.actor},
          {"kind", e.kind},      {"from_stage", Nullable(e.from_stage)}, {"to_stage", Nullable(e.to_stage)},
          {"note", e.note}};
}

// The scope of a triage action (dispatchers and org admins); a denial is
// audited under the action and answers 404.
Result<store::Scope> Triage(const http::Request& req, Context& ctx, Action action = Action::kTriageIntake) {
  return OrgAction(req, ctx, action);
}

Result<store::Intake> RequireIntake(Context& ctx, const store::Scope& scope, const std::string& id);

// Triage() and the intake of the path must exist in the org.
Result<store::Scope> TriageIntake(const http::Request& req, Context& ctx, Action action = Action::kTriageIntake) {
  Result<store::Scope> scope = OrgAction(req, ctx, action);
  if (!scope) return scope;
  if (Result<store::Intake> i = RequireIntake(ctx, *scope, req.path_param("id")); !i) return i.error();
  return scope;
}

// The intake of the path in scope, or kNotFound (checked before the body,
// so a refusal or a missing request never depends on what was sent).
Result<store::Intake> RequireIntake(Context& ctx, const store::Scope& scope, const std::string& id) {
  return store::TransactValue<store::Intake>(ctx.db, [&](store::Tx& tx) -> Result<store::Intake> {
    auto keys = ctx.services.keys.ForOrg(tx, scope.org_id());
    if (!keys) return keys.error();
    return store::IntakeRepo(tx, scope, **keys).Get(id);
  }, store::TxMode::kRead, scope.org_id());
}

// Runs fn with the org's keys and the intake settings in one transaction.
template <typename T>
Result<T> WithIntakes(Context& ctx, const store::Scope& scope,
                      const std::function<Result<T>(store::Tx&, store::IntakeRepo&, const store::IntakeSettings&,
                                                    const store::OrgKeys&)>& fn,
                      store::TxMode mode = store::TxMode::kWrite) {
  return store::TransactValue<T>(ctx.db, [&](store::Tx& tx) -> Result<T> {
    auto keys = ctx.services.keys.ForOrg(tx, scope.org_id());
    if (!keys) return keys.error();
    Result<store::IntakeSettings> settings = store::GetIntakeSettings(tx, scope);
    if (!settings) return settings.error();
    store::IntakeRepo repo(tx, scope, **keys);
    return fn(tx, repo, *settings, **keys);
  }, mode, scope.org_id());
}

Result<std::string> Reason(const json& body, bool required) {
  Result<std::optional<std::string>> r = OptString(body, "reason", 500);
  if (!r) return r.error();
  if (required && (!*r || (*r)->find_first_not_of(" \t\n") == std::string::npos)) {
    return Error::InvalidInput("reason", "a reason is required: say why, in a few words");
  }
  return r->value_or("");
}

// A change through the repository, audited, answered with the intake and its ETag.
http::Response Change(const http::Request& req, Context& ctx, const store::Scope& scope, const std::string& audit_action,
                      const std::function<Result<store::Intake>(store::IntakeRepo&, int64_t version)>& fn) {
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  const std::string id = req.path_param("id");
  Result<json> out = WithIntakes<json>(ctx, scope, [&](store::Tx& tx, store::IntakeRepo& repo,
                                                       const store::IntakeSettings& settings,
                                                       const store::OrgKeys&) -> Result<json> {
    Result<store::Intake> i = fn(repo, *version);
    if (!i) return i.error();
    if (Status a = Audit(tx, ctx, scope.org_id(), audit_action, "intake:" + id, "allowed"); !a) return a.error();
    return IntakeJson(*i, settings, ctx.now_ms, true);
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

std::string ActorId(const Context& ctx) { return ctx.actor->user_id; }

std::optional<int64_t> HoursParam(const http::Request& req, std::string_view name, Status* bad) {
  std::optional<std::string> v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  try {
    size_t used = 0;
    long long h = std::stoll(*v, &used);
    if (used != v->size() || h < 0 || h > 24 * 3650) throw std::out_of_range("hours");
    return static_cast<int64_t>(h) * 3600000;
  } catch (const std::exception&) {
    *bad = Error::InvalidInput(std::string(name), std::string(name) + " must be a whole number of hours");
    return std::nullopt;
  }
}

}  // namespace

http::Response GetIntakes(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = Triage(req, ctx);
  if (!scope) return http::Problem(scope.error());
  store::IntakeQueueFilter f;
  if (std::optional<std::string> stages = req.query_param("stage"); stages && !stages->empty()) {
    size_t start = 0;
    while (start <= stages->size()) {
      size_t comma = stages->find(',', start);
      std::string s = stages->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      std::optional<core::IntakeStage> st = core::ParseIntakeStage(s);
      if (!st) {
        return http::Problem(Error::InvalidInput("stage", "stage must be a comma-separated list of: new, triaged, "
                                                          "matched, first_contact, assessed, campaign_opened, referred, closed"));
      }
      f.stages.push_back(*st);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  f.region = req.query_param("region").value_or("");
  f.industry = req.query_param("industry").value_or("");
  f.language = req.query_param("language").value_or("");
  f.spam = req.query_param("spam").value_or("") == "1";
  f.overdue_only = req.query_param("overdue").value_or("") == "1";
  Status bad = Ok();
  f.min_age_ms = HoursParam(req, "min_age_hours", &bad);
  f.max_age_ms = HoursParam(req, "max_age_hours", &bad);
  if (!bad) return http::Problem(bad.error());
  Result<json> out = WithIntakes<json>(ctx, *scope, [&](store::Tx& tx, store::IntakeRepo& repo,
                                                        const store::IntakeSettings& settings,
                                                        const store::OrgKeys&) -> Result<json> {
    Result<std::vector<store::Intake>> q = repo.Queue(f, settings.sla_hours, ctx.now_ms);
    if (!q) return q.error();
    json list = json::array();
    for (const store::Intake& i : *q) list.push_back(IntakeJson(i, settings, ctx.now_ms, false));
    if (Status a = Audit(tx, ctx, scope->org_id(), "intake.queue_viewed", "org:" + scope->org_id(), "allowed"); !a) {
      return a.error();
    }
    return json{{"intakes", list},
                {"settings", {{"sla_hours", settings.sla_hours}, {"retention_days", settings.retention_days},
                              {"repeat_days", settings.repeat_days}}}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetIntake(const http::Request& req, Context& ctx) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return http::Problem(org.error());
  const std::string id = req.path_param("id");
  // Dispatchers and org admins: any request. Organizers: their own only.
  Result<store::Scope> scope = security::Authorize(*ctx.actor, Action::kTriageIntake, {*org, ""}, ctx.now_ms);
  const bool dispatcher = scope.ok();
  if (!dispatcher) scope = security::Authorize(*ctx.actor, Action::kViewAssignedIntake, {*org, ""}, ctx.now_ms);
  if (!scope) {
    AuditAlone(ctx, ctx.actor->org_id, security::ActionName(Action::kTriageIntake), "route:" + req.route, "denied");
    return http::Problem(scope.error());
  }
  Result<json> out = WithIntakes<json>(ctx, *scope, [&](store::Tx& tx, store::IntakeRepo& repo,
                                                        const store::IntakeSettings& settings,
                                                        const store::OrgKeys&) -> Result<json> {
    Result<store::Intake> i = repo.Get(id);
    if (!i) return i.error();
    // J2.1 never-line: the free text only to the assigned organizer.
    if (!dispatcher && i->assigned_to != ctx.actor->user_id) return kDenied;
    Result<std::vector<store::IntakeEvent>> events = repo.Events(id);
    if (!events) return events.error();
    json j = IntakeJson(*i, settings, ctx.now_ms, true);
    j["events"] = json::array();
    for (const auto& e : *events) j["events"].push_back(EventJson(e));
    if (Status a = Audit(tx, ctx, scope->org_id(), "intake.viewed", "intake:" + id, "allowed"); !a) return a.error();
    return j;
  });
  if (!out) {
    if (out.error().code() == ErrorCode::kNotFound) {
      AuditAlone(ctx, ctx.actor->org_id, security::ActionName(Action::kTriageIntake), "intake:" + id, "denied");
    }
    return http::Problem(out.error());
  }
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

http::Response PostIntakeStage(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = TriageIntake(req, ctx);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"to", "reason"});
  if (!body) return http::Problem(body.error());
  Result<std::string> to = ReqString(*body, "to", 40);
  if (!to) return http::Problem(to.error());
  std::optional<core::IntakeStage> stage = core::ParseIntakeStage(*to);
  if (!stage) {
    return http::Problem(Error::InvalidInput("to", "to must be one of: triaged, matched, first_contact, assessed, "
                                                   "referred, closed (campaigns are opened with .../campaign)"));
  }
  if (*stage == core::IntakeStage::kCampaignOpened || *stage == core::IntakeStage::kMatched) {
    return http::Problem(Error::InvalidInput(
        "to", *stage == core::IntakeStage::kMatched ? "a request is matched by assigning an organizer"
                                                    : "open a campaign with POST .../campaign, which creates it"));
  }
  Result<std::string> reason = Reason(*body, false);
  if (!reason) return http::Problem(reason.error());
  const std::string id = req.path_param("id");
  return Change(req, ctx, *scope, "intake.stage", [&](store::IntakeRepo& repo, int64_t v) {
    if (*stage == core::IntakeStage::kFirstContact) return repo.RecordFirstContact(id, v, ctx.now_ms, ActorId(ctx), ctx.now_ms);
    return repo.Transition(id, v, *stage, *reason, ActorId(ctx), ctx.now_ms);
  });
}

http::Response PostIntakeSpam(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = TriageIntake(req, ctx);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"spam", "reason"});
  if (!body) return http::Problem(body.error());
  auto spam = body->find("spam");
  if (spam == body->end() || !spam->is_boolean()) {
    return http::Problem(Error::InvalidInput("spam", "spam must be true (mark) or false (unmark)"));
  }
  const bool mark = spam->get<bool>();
  Result<std::string> reason = Reason(*body, mark);
  if (!reason) return http::Problem(reason.error());
  const std::string id = req.path_param("id");
  return Change(req, ctx, *scope, mark ? "intake.spam" : "intake.unspam", [&](store::IntakeRepo& repo, int64_t v) {
    return repo.MarkSpam(id, v, mark, *reason, ActorId(ctx), ctx.now_ms);
  });
}

http::Response GetIntakeDuplicates(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = TriageIntake(req, ctx);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> out = WithIntakes<json>(ctx, *scope, [&](store::Tx& tx, store::IntakeRepo& repo,
                                                        const store::IntakeSettings& settings,
                                                        const store::OrgKeys&) -> Result<json> {
    Result<store::Intake> self = repo.Get(id);
    if (!self) return self.error();
    Result<std::vector<store::DuplicateSuggestion>> d = repo.Duplicates(id);
    if (!d) return d.error();
    json list = json::array();
    for (const auto& s : *d) {
      json item = {{"kind", s.kind}, {"id", s.id}, {"match", s.match}, {"name", s.name},
                   {"phone", Nullable(s.phone)}, {"email", Nullable(s.email)},
                   {"campaign_id", Nullable(s.campaign_id)}};
      if (s.kind == "intake") {
        item["stage"] = s.stage;
        item["received_at_ms"] = s.received_at_ms;
      }
      list.push_back(item);
    }
    if (Status a = Audit(tx, ctx, scope->org_id(), "intake.duplicates_viewed", "intake:" + id, "allowed"); !a) {
      return a.error();
    }
    return json{{"intake", IntakeJson(*self, settings, ctx.now_ms, true)}, {"suggestions", list}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostIntakeMerge(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = TriageIntake(req, ctx);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"into_intake_id", "person_id", "reason"});
  if (!body) return http::Problem(body.error());
  Result<std::optional<std::string>> into = OptString(*body, "into_intake_id", 40);
  if (!into) return http::Problem(into.error());
  Result<std::optional<std::string>> person = OptString(*body, "person_id", 40);
  if (!person) return http::Problem(person.error());
  if (!*into == !*person) {
    return http::Problem(Error::InvalidInput("into_intake_id", "give either into_intake_id (another request) or "
                                                               "person_id (an existing person), not both"));
  }
  Result<std::string> reason = Reason(*body, true);
  if (!reason) return http::Problem(reason.error());
  const std::string id = req.path_param("id");
  return Change(req, ctx, *scope, "intake.merged", [&](store::IntakeRepo& repo, int64_t v) {
    if (*into) return repo.MergeInto(id, v, **into, *reason, ActorId(ctx), ctx.now_ms);
    return repo.LinkPerson(id, v, **person, *reason, ActorId(ctx), ctx.now_ms);
  });
}

http::Response PostIntakeLegalHold(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = TriageIntake(req, ctx, Action::kManageIntake);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"hold", "reason"});
  if (!body) return http::Problem(body.error());
  auto hold = body->find("hold");
  if (hold == body->end() || !hold->is_boolean()) {
    return http::Problem(Error::InvalidInput("hold", "hold must be true (set) or false (release)"));
  }
  const bool set = hold->get<bool>();
  Result<std::string> reason = Reason(*body, set);
  if (!reason) return http::Problem(reason.error());
  const std::string id = req.path_param("id");
  return Change(req, ctx, *scope, set ? "intake.hold_set" : "intake.hold_released", [&](store::IntakeRepo& repo, int64_t v) {
    return repo.SetLegalHold(id, v, set, *reason, ActorId(ctx), ctx.now_ms);
  });
}

http::Response PostIntakeDecline(const http::Request& req, Context& ctx) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return http::Problem(org.error());
  Result<store::Scope> scope = security::Authorize(*ctx.actor, Action::kTriageIntake, {*org, ""}, ctx.now_ms);
  const bool dispatcher = scope.ok();
  if (!dispatcher) scope = security::Authorize(*ctx.actor, Action::kViewAssignedIntake, {*org, ""}, ctx.now_ms);
  if (!scope) {
    AuditAlone(ctx, ctx.actor->org_id, security::ActionName(Action::kTriageIntake), "route:" + req.route, "denied");
    return http::Problem(scope.error());
  }
  Result<store::Intake> cur = RequireIntake(ctx, *scope, req.path_param("id"));
  if (cur && !dispatcher && cur->assigned_to != ctx.actor->user_id) cur = kDenied;
  if (!cur) {
    if (cur.error().code() == ErrorCode::kNotFound) {
      AuditAlone(ctx, ctx.actor->org_id, security::ActionName(Action::kTriageIntake), "intake:" + req.path_param("id"),
                 "denied");
    }
    return http::Problem(cur.error());
  }
  Result<json> body = Body(req, {"reason"});
  if (!body) return http::Problem(body.error());
  Result<std::string> reason = Reason(*body, true);
  if (!reason) return http::Problem(reason.error());
  const std::string id = req.path_param("id");
  return Change(req, ctx, *scope, "intake.declined", [&](store::IntakeRepo& repo, int64_t v) -> Result<store::Intake> {
    Result<store::Intake> now = repo.Get(id);  // re-checked: the assignment may have changed
    if (!now) return now.error();
    if (!dispatcher && now->assigned_to != ctx.actor->user_id) return kDenied;
    return repo.Decline(id, v, *reason, ActorId(ctx), ctx.now_ms);
  });
}

http::Response PostIntakeCampaign(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = TriageIntake(req, ctx, Action::kOpenCampaignFromIntake);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"campaign_name", "employer_name", "worksite_name", "region"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  store::OpenCampaignInput in;
  struct F {
    const char* name;
    std::string* out;
  };
  for (const F& f : {F{"campaign_name", &in.campaign_name}, F{"employer_name", &in.employer_name},
                     F{"worksite_name", &in.worksite_name}, F{"region", &in.region}}) {
    Result<std::optional<std::string>> v = OptString(*body, f.name, 200);
    if (!v) return http::Problem(v.error());
    if (*v) *f.out = **v;
  }
  const std::string id = req.path_param("id");
  Result<json> out = WithIntakes<json>(ctx, *scope, [&](store::Tx& tx, store::IntakeRepo& repo,
                                                        const store::IntakeSettings& settings,
                                                        const store::OrgKeys& keys) -> Result<json> {
    Result<store::OpenedCampaign> opened =
        store::OpenCampaignFromIntake(tx, *scope, keys, id, *version, in, ActorId(ctx), ctx.now_ms);
    if (!opened) return opened.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "intake.campaign_opened", "intake:" + id, "allowed"); !a) return a.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), "campaign.created", "campaign:" + opened->campaign_id, "allowed"); !a) {
      return a.error();
    }
    Result<store::Intake> i = repo.Get(id);
    if (!i) return i.error();
    return json{{"campaign_id", opened->campaign_id}, {"employer_id", opened->employer_id},
                {"worksite_id", opened->worksite_id}, {"person_id", opened->person_id},
                {"intake", IntakeJson(*i, settings, ctx.now_ms, true)}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out, http::HttpStatus::created);
}

http::Response GetIntakeSettingsRoute(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = Triage(req, ctx);
  if (!scope) return http::Problem(scope.error());
  Result<store::IntakeSettings> s = store::TransactValue<store::IntakeSettings>(
      ctx.db, [&](store::Tx& tx) { return store::GetIntakeSettings(tx, *scope); }, store::TxMode::kRead, scope->org_id());
  if (!s) return http::Problem(s.error());
  return WithETag(Json(json{{"sla_hours", s->sla_hours}, {"retention_days", s->retention_days},
                            {"repeat_days", s->repeat_days}}),
                  s->version);
}

http::Response PutIntakeSettingsRoute(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = Triage(req, ctx, Action::kManageIntake);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"sla_hours", "retention_days", "repeat_days"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  store::IntakeSettings s;
  for (auto [name, out] : {std::pair<const char*, int64_t*>{"sla_hours", &s.sla_hours},
                           {"retention_days", &s.retention_days}, {"repeat_days", &s.repeat_days}}) {
    auto it = body->find(name);
    if (it == body->end() || !it->is_number_integer()) {
      return http::Problem(Error::InvalidInput(name, std::string(name) + " is required and must be a whole number"));
    }
    *out = it->get<int64_t>();
  }
  Result<store::IntakeSettings> saved = store::TransactValue<store::IntakeSettings>(
      ctx.db, [&](store::Tx& tx) -> Result<store::IntakeSettings> {
        Result<store::IntakeSettings> r = store::PutIntakeSettings(tx, *scope, s, *version, ctx.now_ms);
        if (!r) return r.error();
        if (Status a = Audit(tx, ctx, scope->org_id(), "intake.settings_changed", "org:" + scope->org_id(), "allowed"); !a) {
          return a.error();
        }
        return r;
      },
      store::TxMode::kWrite, scope->org_id());
  if (!saved) return http::Problem(saved.error());
  return WithETag(Json(json{{"sla_hours", saved->sla_hours}, {"retention_days", saved->retention_days},
                            {"repeat_days", saved->repeat_days}}),
                  saved->version);
}

}  // namespace hotshop::api
