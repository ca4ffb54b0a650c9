// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/my_handlers.h"

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/match_util.h"
#include "core/first_contact.h"
#include "core/organizing_conversation.h"
#include "http/problem.h"
#include "store/assignment_repo.h"
#include "store/conversation_repo.h"
#include "store/intake_repo.h"
#include "store/sql_rewrite.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using security::Action;

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json Summary(const store::Intake& i, const store::Assignment& a) {
  return {{"id", i.id},
          {"stage", core::IntakeStageName(i.stage)},
          {"name", i.name},
          {"city", i.city},
          {"industry", i.industry},
          {"language", i.language},
          {"size_band", i.size_band},
          {"received_at_ms", i.received_at_ms},
          {"assigned_at_ms", a.assigned_at_ms},
          {"accepted_at_ms", Opt(a.accepted_at_ms)},
          {"first_contact_at_ms", Opt(i.first_contact_at_ms)},
          {"first_contact_due_at_ms", a.assigned_at_ms + core::kFirstContactWindowMs}};
}

json LogJson(const store::ConversationLog& l) {
  return {{"id", l.id},          {"contacted_at_ms", l.contacted_at_ms}, {"steps", l.steps},
          {"step_notes", l.step_notes}, {"notes", l.notes},              {"created_at_ms", l.created_at_ms}};
}

// The request {id}, if it is assigned to the signed-in organizer.
Result<store::Scope> MyAccess(const http::Request& req, Context& ctx) {
  return OrgAction(req, ctx, Action::kViewAssignedIntake);
}

void AuditDenied(Context& ctx, const std::string& id) {
  AuditAlone(ctx, ctx.actor->org_id, security::ActionName(Action::kViewAssignedIntake), "intake:" + id, "denied");
}

}  // namespace

http::Response GetMyIntakes(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = MyAccess(req, ctx);
  if (!scope) return http::Problem(scope.error());
  const std::string me = ctx.actor->user_id;
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    store::AssignmentRepo assignments(tx, *scope, keys);
    store::IntakeRepo intakes(tx, *scope, keys);
    Result<std::vector<store::Assignment>> mine = assignments.OpenFor(me);
    if (!mine) return mine.error();
    json list = json::array();
    for (const auto& a : *mine) {
      Result<store::Intake> i = intakes.Get(a.intake_id);
      if (!i) return i.error();
      list.push_back(Summary(*i, a));
    }
    Result<std::vector<store::OrganizerNotification>> notes = assignments.Notifications(me);
    if (!notes) return notes.error();
    json nl = json::array();
    for (const auto& n : *notes) {
      nl.push_back({{"id", n.id}, {"intake_id", n.intake_id}, {"kind", n.kind}, {"created_at_ms", n.created_at_ms}});
    }
    return json{{"intakes", list}, {"notifications", nl}};
  }, store::TxMode::kRead);
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetMyIntake(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = MyAccess(req, ctx);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    // J2.1 never-line: the worker's card and free text only to the assigned organizer.
    Result<store::Assignment> a = store::AssignmentRepo(tx, *scope, keys).Open(id, ctx.actor->user_id);
    if (!a) return a.error();
    Result<store::Intake> i = store::IntakeRepo(tx, *scope, keys).Get(id);
    if (!i) return i.error();
    Result<std::vector<store::ConversationLog>> logs = store::ConversationRepo(tx, *scope, keys).ForIntake(id);
    if (!logs) return logs.error();
    json j = Summary(*i, *a);
    j["phone"] = i->phone;
    j["email"] = i->email;
    j["work_email"] = i->work_email;
    j["employer"] = i->employer;
    j["best_time"] = i->best_time;
    j["story"] = i->story;
    j["zip"] = i->zip;
    j["conversations"] = json::array();
    for (const auto& l : *logs) j["conversations"].push_back(LogJson(l));
    if (Status s = Audit(tx, ctx, scope->org_id(), "intake.viewed", "intake:" + id, "allowed"); !s) return s.error();
    return j;
  });
  if (!out) {
    if (out.error().code() == ErrorCode::kNotFound) AuditDenied(ctx, id);
    return http::Problem(out.error());
  }
  return Json(*out);
}

http::Response PostMyIntakeAccept(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = MyAccess(req, ctx);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {});
  if (!body) return http::Problem(body.error());
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    Result<store::Assignment> a = store::AssignmentRepo(tx, *scope, keys).Accept(id, ctx.actor->user_id, ctx.now_ms);
    if (!a) return a.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "intake.accepted", "intake:" + id, "allowed"); !s) return s.error();
    return json{{"intake_id", id}, {"accepted_at_ms", Opt(a->accepted_at_ms)}};
  });
  if (!out) {
    if (out.error().code() == ErrorCode::kNotFound) AuditDenied(ctx, id);
    return http::Problem(out.error());
  }
  return Json(*out);
}

http::Response PostMyIntakeDecline(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = MyAccess(req, ctx);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"reason"});
  if (!body) return http::Problem(body.error());
  Result<std::string> reason = ReqString(*body, "reason", 500);
  if (!reason) return http::Problem(Error::InvalidInput("reason", "a reason is required: say why, in a few words"));
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    Result<store::Intake> i =
        store::AssignmentRepo(tx, *scope, keys).Decline(id, ctx.actor->user_id, *reason, ctx.now_ms);
    if (!i) return i.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "intake.declined", "intake:" + id, "allowed"); !s) return s.error();
    return json{{"intake_id", id}, {"stage", core::IntakeStageName(i->stage)}};
  });
  if (!out) {
    if (out.error().code() == ErrorCode::kNotFound) AuditDenied(ctx, id);
    return http::Problem(out.error());
  }
  return Json(*out);
}

http::Response PostMyConversation(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = MyAccess(req, ctx);
  if (!scope) return http::Problem(scope.error());
  const std::string id = req.path_param("id");
  Result<json> body = Body(req, {"id", "contacted_at_ms", "steps", "step_notes", "notes"});
  if (!body) return http::Problem(body.error());
  store::ConversationLog log;
  Result<std::string> log_id = ReqString(*body, "id", 40);
  if (!log_id || !store::IsCanonicalUuid(*log_id)) {
    return http::Problem(Error::InvalidInput("id", "id must be a UUID the app makes once per record"));
  }
  log.id = *log_id;
  log.intake_id = id;
  log.organizer_id = ctx.actor->user_id;
  if (!body->contains("contacted_at_ms") || !(*body)["contacted_at_ms"].is_number_integer()) {
    return http::Problem(Error::InvalidInput("contacted_at_ms", "contacted_at_ms must be the time of the call, in ms since 1970"));
  }
  log.contacted_at_ms = (*body)["contacted_at_ms"].get<int64_t>();
  Result<std::optional<std::vector<std::string>>> steps = OptStringList(*body, "steps", 7, 20);
  if (!steps) return http::Problem(steps.error());
  std::vector<std::string> step_names = steps->value_or(std::vector<std::string>{});
  std::vector<std::string_view> views(step_names.begin(), step_names.end());
  Result<std::vector<core::ConversationStep>> parsed = core::ParseConversationSteps(views);
  if (!parsed) return http::Problem(parsed.error());
  for (core::ConversationStep s : *parsed) log.steps.push_back(core::ConversationStepName(s));
  if (body->contains("step_notes")) {
    const json& sn = (*body)["step_notes"];
    if (!sn.is_object()) return http::Problem(Error::InvalidInput("step_notes", "step_notes must map a step to its note"));
    for (const auto& [k, v] : sn.items()) {
      if (!core::ParseConversationStep(k)) return http::Problem(Error::InvalidInput("step_notes", "\"" + k.substr(0, 40) + "\" is not a step"));
      if (!v.is_string() || v.get<std::string>().size() > 4000) {
        return http::Problem(Error::InvalidInput("step_notes", "each step's note is text of at most 4000 characters"));
      }
      if (!v.get<std::string>().empty()) log.step_notes[k] = v.get<std::string>();
    }
  }
  Result<std::optional<std::string>> notes = OptString(*body, "notes", 20000);
  if (!notes) return http::Problem(notes.error());
  log.notes = notes->value_or("");
  bool created = false;
  Result<json> out = WithOrgKeys<json>(ctx, *scope, [&](store::Tx& tx, const store::OrgKeys& keys) -> Result<json> {
    Result<store::Assignment> a = store::AssignmentRepo(tx, *scope, keys).Open(id, ctx.actor->user_id);
    if (!a) return a.error();
    if (!a->accepted_at_ms) return Error::Conflict("intake", "accept the request before logging a conversation");
    // J3.1: the SLA stops at the device time of the contact.
    Result<int64_t> at = core::CheckContactTime(log.contacted_at_ms, a->assigned_at_ms, ctx.now_ms);
    if (!at) return at.error();
    Result<store::RecordOutcome> r = store::ConversationRepo(tx, *scope, keys).Record(log, ctx.now_ms);
    if (!r) return r.error();
    created = r->created;
    if (created) {
      if (Status s = Audit(tx, ctx, scope->org_id(), "intake.conversation_logged", "conversation:" + log.id, "allowed"); !s) {
        return s.error();
      }
    }
    return LogJson(r->log);
  });
  if (!out) {
    if (out.error().code() == ErrorCode::kNotFound) AuditDenied(ctx, id);
    return http::Problem(out.error());
  }
  return Json(*out, created ? http::HttpStatus::created : http::HttpStatus::ok);
}

}  // namespace hotshop::api
