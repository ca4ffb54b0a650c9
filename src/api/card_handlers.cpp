// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/card_handlers.h"

#include "api/handler_util.h"
#include "api/page.h"
#include "api/json_response.h"
#include "api/unit_views.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/card_repo.h"
#include "store/unit_roster.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

json CardJson(const store::CardRecord& c) {
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"unit_id", c.unit_id},
          {"signed_on", c.signed_on},
          {"method", c.method},
          {"signed_at", c.signed_at_ms ? json(core::FormatUtcInstant(*c.signed_at_ms)) : json(nullptr)},
          {"evidence_hash", c.evidence_hash.empty() ? json(nullptr) : json(c.evidence_hash)},
          {"has_signature", c.has_signature},
          {"revoked_on", c.revoked_on.empty() ? json(nullptr) : json(c.revoked_on)},
          {"note", c.note.empty() ? json(nullptr) : json(c.note)},
          {"version", c.version}};
}

Result<store::NewCard> ParseCard(const json& body, core::Date today) {
  store::NewCard c;
  Result<std::string> person = OptId(body, "person_id");
  if (!person) return person.error();
  if (person->empty()) return Error::InvalidInput("person_id", "person_id is required");
  c.person_id = *person;
  Result<std::optional<std::string>> signed_on = OptDate(body, "signed_on");
  if (!signed_on) return signed_on.error();
  // RULE R2: undated signatures are defective and never count.
  if (!*signed_on) {
    return Error::InvalidInput("signed_on",
                               "a card without the date the worker wrote never counts: ask them to date it, then enter that date");
  }
  if (**signed_on > core::FormatIsoDate(today)) {
    return Error::InvalidInput("signed_on", "signed_on is in the future: enter the date the worker wrote");
  }
  c.signed_on = **signed_on;
  Result<std::string> method = ReqString(body, "method", 20);
  if (!method) return method.error();
  if (*method != "paper_photo" && *method != "e_signature") {
    return Error::InvalidInput("method", "method must be paper_photo or e_signature");
  }
  c.method = *method;
  Result<std::optional<std::string>> at = OptString(body, "signed_at", 40);
  if (!at) return at.error();
  if (*at) {
    Result<int64_t> ms = core::ParseUtcInstant(**at, "signed_at");
    if (!ms) return ms.error();
    c.signed_at_ms = *ms;
  }
  Result<std::optional<std::string>> hash = OptString(body, "evidence_hash", 128);
  if (!hash) return hash.error();
  for (char ch : hash->value_or("")) {
    if (!std::isxdigit(static_cast<unsigned char>(ch))) {
      return Error::InvalidInput("evidence_hash", "evidence_hash must be a hex digest (e.g. SHA-256 of the photo)");
    }
  }
  c.evidence_hash = hash->value_or("");
  Result<std::optional<bool>> has_signature = OptBool(body, "has_signature");
  if (!has_signature) return has_signature.error();
  c.has_signature = has_signature->value_or(true);
  Result<std::optional<std::string>> note = OptString(body, "note", 2000);
  if (!note) return note.error();
  c.note = note->value_or("");
  return c;
}

}  // namespace

http::Response GetCards(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewWorkers, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::UnitRoster> roster = store::LoadUnitRoster(tx, a->scope, k, unit, "", true);
    if (!roster) return roster.error();
    Result<std::vector<store::CardRecord>> cards = store::CardRepo(tx, a->scope, k).OfUnit(unit);
    if (!cards) return cards.error();
    // Signers' names: a sensitive read (R4, R43), audited by id.
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "cards.read", "unit:" + unit, "allowed"); !s) return s.error();
    return CardsJson(*roster, *cards, *today);
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "cards", *page);
  return Json(*out);
}

http::Response PostCard(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"person_id", "signed_on", "method", "signed_at", "evidence_hash", "has_signature", "note"});
  if (!body) return http::Problem(body.error());
  Result<store::NewCard> card = ParseCard(*body, NotAfter(ctx, *today));
  if (!card) return http::Problem(card.error());
  Result<store::CardRecord> c = InOrg<store::CardRecord>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<store::CardRecord> {
    Result<store::CardRecord> added = store::CardRepo(tx, a->scope, k).Add(unit, *card, "user:" + ctx.actor->user_id, ctx.now_ms);
    if (!added) return added.error();
    // RULE R18: a scale's "signed a card" rule, dated when the card was
    // signed (the e-signature's instant, else the start of the signing day
    // at the worksite), so a newer human rating stands.
    int64_t at_ms = 0;
    if (added->signed_at_ms) {
      at_ms = *added->signed_at_ms;
    } else {
      Result<core::Date> on = core::ParseIsoDate(added->signed_on, "signed_on");
      if (!on) return on.error();
      Result<int64_t> start = LocalStartOfDay(tx, a->scope, a->owner, *on);
      if (!start) return start.error();
      at_ms = *start;
    }
    Result<int64_t> ruled = store::ApplyAssessmentRules(tx, a->scope, k, a->owner.campaign_id, added->person_id,
                                                       core::AssessmentFact::kCardSigned, at_ms, ctx.now_ms);
    if (!ruled) return ruled.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "card.recorded", "card:" + added->id, "allowed"); !s) return s.error();
    return added;
  });
  if (!c) return http::Problem(c.error());
  return WithETag(Json(CardJson(*c), HttpStatus::created), c->version);
}

http::Response PostCardRevoke(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditWorkerRecord, ObjectKind::kCard, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"revoked_on"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<std::string>> on = OptDate(*body, "revoked_on");
  if (!on) return http::Problem(on.error());
  std::string revoked_on = on->value_or(core::FormatIsoDate(*today));
  Result<store::CardRecord> c = InOrg<store::CardRecord>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<store::CardRecord> {
    Result<store::CardRecord> r = store::CardRepo(tx, a->scope, k).Revoke(id, *version, revoked_on, ctx.now_ms);
    if (!r) return r.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "card.revoked", "card:" + id, "allowed"); !s) return s.error();
    return r;
  });
  if (!c) return http::Problem(c.error());
  return WithETag(Json(CardJson(*c)), c->version);
}

}  // namespace hotshop::api
