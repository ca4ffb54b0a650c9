// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/deadline_handlers.h"

#include <map>

#include "api/election_fields.h"
#include "api/election_views.h"
#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "http/problem.h"
#include "io/icalendar.h"
#include "security/session_token.h"
#include "store/account_repo.h"
#include "store/calendar_feed_repo.h"
#include "store/campaign_repo.h"
#include "store/cemex_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;


bool AllowedFor(const security::Actor& actor, int64_t now_ms, Action action, const std::string& org,
                const store::Owner& o) {
  return security::Authorize(actor, action, {org, o.campaign_id, o.unit_id}, now_ms).ok();
}

DeadlineFilter FilterFor(const security::Actor& actor, int64_t now_ms, const std::string& org) {
  DeadlineFilter f;
  f.elections = [&actor, now_ms, org](const store::Owner& o) {
    return AllowedFor(actor, now_ms, Action::kViewElections, org, o);
  };
  f.charges = [&actor, now_ms, org](const store::Owner& o, bool names_person) {
    return AllowedFor(actor, now_ms, Action::kViewCharges, org, o) &&
           (!names_person || AllowedFor(actor, now_ms, Action::kViewChargeDetails, org, o));
  };
  return f;
}

// The words of an event's title; the feed has no translation layer of its
// own, so the two languages of the UI are here (?lang=es).
const char* KindLabel(const std::string& kind, bool es) {
  static const std::map<std::string, std::pair<const char*, const char*>> kLabels = {
      {"hearing_opens", {"Hearing opens", "Empieza la audiencia"}},
      {"statement_of_position_due", {"Employer's Statement of Position due (noon)", "Vence la Declaración de Posición del empleador (mediodía)"}},
      {"voter_list_due", {"Voter list due", "Vence la lista de votantes"}},
      {"election_day", {"Election day", "Día de la elección"}},
      {"objections_due", {"Objections due", "Vencen las objeciones"}},
      {"ten_b", {"10(b) deadline: file and serve the charge", "Plazo 10(b): presentar y notificar el cargo"}},
      {"cemex_rm_petition_due", {"Cemex: employer's RM petition due", "Cemex: vence la petición RM del empleador"}},
      {"contract_window_opens", {"Contract window opens", "Abre la ventana del contrato"}},
      {"contract_window_closes", {"Contract window closes", "Cierra la ventana del contrato"}},
      {"bar_ends", {"Bar ends", "Termina el impedimento"}},
      {"petition_allowed_from", {"A new petition may be filed", "Se puede presentar una nueva petición"}},
  };
  auto it = kLabels.find(kind);
  if (it == kLabels.end()) return kind.c_str();
  return es ? it->second.second : it->second.first;
}

// 401 step_up_required (docs/api.md "Session and account") unless the
// session re-authenticated within security::kStepUpValidMs.
std::optional<http::Response> StepUpNeeded(const Context& ctx) {
  if (ctx.now_ms - ctx.actor->step_up_at_ms > security::kStepUpValidMs) {
    return http::Problem(HttpStatus::unauthorized, "step_up_required",
                         "confirm it's you: enter your password and a two-factor code again to continue");
  }
  return std::nullopt;
}

json FeedJson(const std::optional<store::CalendarFeed>& f) {
  if (!f) return {{"active", false}, {"created_at", nullptr}};
  return {{"active", true}, {"created_at", core::FormatUtcInstant(f->created_at_ms)}};
}

}  // namespace

http::Response GetDeadlines(const http::Request& req, Context& ctx) {
  std::string campaign = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewElections, ObjectKind::kCampaign, campaign);
  if (!a) return http::Problem(a.error());
  Result<core::Date> as_of = AsOf(req, ctx, *a);
  if (!as_of) return http::Problem(as_of.error());
  std::optional<int64_t> limit;
  if (std::optional<std::string> l = req.query_param("limit")) {
    char* end = nullptr;
    long v = std::strtol(l->c_str(), &end, 10);
    if (l->empty() || *end != '\0' || v < 1 || v > 500) {
      return http::Problem(Error::InvalidInput("limit", "limit must be a whole number from 1 to 500"));
    }
    limit = v;
  }
  // Recently passed deadlines stay listed for 30 days, marked passed.
  core::Date from = core::AddDays(*as_of, std::chrono::days{-30});
  if (req.query_param("upcoming")) from = *as_of;
  const std::string org = a->scope.org_id();
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::ElectionSettings> s = store::GetElectionSettings(tx, a->scope);
    if (!s) return s.error();
    Result<std::vector<DeadlineItem>> items =
        CampaignDeadlines(tx, a->scope, k, campaign, *as_of, from, s->cemex_enabled, FilterFor(*ctx.actor, ctx.now_ms, org));
    if (!items) return items.error();
    json list = json::array();
    for (const DeadlineItem& d : *items) {
      if (limit && static_cast<int64_t>(list.size()) >= *limit) break;
      list.push_back(DeadlineJson(d, campaign, *as_of));
    }
    return json{{"as_of", core::FormatIsoDate(*as_of)}, {"campaign_id", campaign}, {"deadlines", list}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetMyCalendarFeed(const http::Request&, Context& ctx) {
  Result<std::optional<store::CalendarFeed>> f = store::TransactValue<std::optional<store::CalendarFeed>>(
      ctx.db, [&](store::Tx& tx) { return store::LiveCalendarFeed(tx, ctx.session->user_id, ctx.session->org_id); },
      store::TxMode::kRead);
  if (!f) return http::Problem(f.error());
  return Json(FeedJson(*f));
}

http::Response PostMyCalendarFeed(const http::Request& req, Context& ctx) {
  Result<json> body = Body(req, {});
  if (!body) return http::Problem(body.error());
  if (std::optional<http::Response> r = StepUpNeeded(ctx)) return *r;
  std::string token = security::NewSessionToken();
  Result<store::CalendarFeed> f = store::TransactValue<store::CalendarFeed>(ctx.db, [&](store::Tx& tx) -> Result<store::CalendarFeed> {
    Result<store::CalendarFeed> made =
        store::ReplaceCalendarFeed(tx, ctx.session->user_id, ctx.session->org_id, security::TokenHash(token), ctx.now_ms);
    if (!made) return made.error();
    if (Status a = Audit(tx, ctx, ctx.session->org_id, "calendar_feed.created", "user:" + ctx.session->user_id, "allowed"); !a) {
      return a.error();
    }
    return made;
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!f) return http::Problem(f.error());
  json out = FeedJson(*f);
  // The only time the token is shown: it is not stored.
  out["path"] = "/api/calendar/" + token + ".ics";
  return Json(out, HttpStatus::created);
}

http::Response DeleteMyCalendarFeed(const http::Request&, Context& ctx) {
  if (std::optional<http::Response> r = StepUpNeeded(ctx)) return *r;
  Result<bool> r = store::TransactValue<bool>(ctx.db, [&](store::Tx& tx) -> Result<bool> {
    Result<bool> was = store::RevokeCalendarFeed(tx, ctx.session->user_id, ctx.session->org_id, ctx.now_ms);
    if (!was) return was.error();
    if (*was) {
      if (Status a = Audit(tx, ctx, ctx.session->org_id, "calendar_feed.revoked", "user:" + ctx.session->user_id, "allowed"); !a) {
        return a.error();
      }
    }
    return was;
  }, store::TxMode::kWrite, ctx.session->org_id);
  if (!r) return http::Problem(r.error());
  http::Response res{HttpStatus::no_content, 11};
  res.prepare_payload();
  return res;
}

http::Response GetCalendarFeed(const http::Request& req, Context& ctx) {
  const Error gone = Error::NotFound("no such calendar feed: it may have been revoked");
  std::string token = req.path_param("token");
  if (token.size() > 4 && token.compare(token.size() - 4, 4, ".ics") == 0) token.resize(token.size() - 4);
  if (!security::IsWellFormedToken(token)) return http::Problem(gone);
  bool es = req.query_param("lang").value_or("") == "es";
  // Who the feed is for, and what they may see now.
  struct Owner {
    store::CalendarFeed feed;
    security::Actor actor;
  };
  Result<std::optional<Owner>> who = store::TransactValue<std::optional<Owner>>(ctx.db, [&](store::Tx& tx) -> Result<std::optional<Owner>> {
    Result<std::optional<store::CalendarFeed>> f = store::FindCalendarFeed(tx, security::TokenHash(token));
    if (!f) return f.error();
    if (!*f) return std::optional<Owner>();
    store::AccountRepo accounts(tx, ctx.services.keys);
    Result<store::User> user = accounts.Get((*f)->user_id);
    if (!user) return user.error();
    if (user->status != "active") return std::optional<Owner>();
    if (Status o = tx.SetOrg((*f)->org_id); !o) return o.error();
    Result<std::vector<security::Grant>> grants = accounts.Grants((*f)->org_id, (*f)->user_id);
    if (!grants) return grants.error();
    if (grants->empty()) return std::optional<Owner>();
    security::Actor actor;
    actor.user_id = (*f)->user_id;
    actor.org_id = (*f)->org_id;
    actor.grants = std::move(*grants);
    return std::optional<Owner>(Owner{**f, std::move(actor)});
  }, store::TxMode::kRead);
  if (!who) return http::Problem(who.error());
  if (!*who) return http::Problem(gone);
  const Owner& o = **who;
  store::Scope scope = store::Scope::ForOrg(o.feed.org_id);
  Result<std::vector<io::CalendarEvent>> events = InOrg<std::vector<io::CalendarEvent>>(
      ctx, scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<std::vector<io::CalendarEvent>> {
        Result<store::ElectionSettings> s = store::GetElectionSettings(tx, scope);
        if (!s) return s.error();
        Result<std::vector<store::Campaign>> campaigns = store::CampaignRepo(tx, scope).List();
        if (!campaigns) return campaigns.error();
        std::vector<io::CalendarEvent> out;
        DeadlineFilter filter = FilterFor(o.actor, ctx.now_ms, o.feed.org_id);
        for (const store::Campaign& c : *campaigns) {
          // Each campaign's days are counted where its workers are.
          Result<core::Date> today = LocalToday(ctx, tx, scope, store::Owner{c.id, ""});
          if (!today) return today.error();
          core::Date from = core::AddDays(*today, std::chrono::days{-365});
          Result<std::vector<DeadlineItem>> items = CampaignDeadlines(tx, scope, k, c.id, *today, from, s->cemex_enabled, filter);
          if (!items) return items.error();
          for (const DeadlineItem& d : *items) {
            std::string summary = std::string(KindLabel(d.kind, es)) + " · " + c.name;
            if (!d.case_number.empty()) summary += " · " + d.case_number;
            // Stable while the deadline is the same; two bars of one kind
            // on a unit differ by their date.
            std::string uid = d.kind + "-" + d.target_id + (d.detail.empty() ? "" : "-" + d.detail) + "-" +
                              core::FormatIsoDate(d.date) + "@hotshop";
            out.push_back({uid, d.date, summary, ""});
          }
        }
        return out;
      });
  if (!events) return http::Problem(events.error());
  http::Response res{HttpStatus::ok, 11};
  res.set(http::bhttp::field::content_type, "text/calendar; charset=utf-8");
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = io::WriteICalendar(es ? "hotshop: plazos" : "hotshop: deadlines", *events, ctx.now_ms / 1000 * 1000);
  res.prepare_payload();
  return res;
}

}  // namespace hotshop::api
