// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/election_handlers.h"

#include "api/election_fields.h"
#include "api/election_views.h"
#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/cemex_clock.h"
#include "core/iso_date.h"
#include "core/legal_codes.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/agreement_repo.h"
#include "store/cemex_repo.h"
#include "store/charge_repo.h"
#include "store/election_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

constexpr int64_t kMaxVotes = 10'000'000;
const char* kNothingHere = "nothing is here, or you don't have access to it";

// Runs fn in a write transaction of the access's org.
template <typename T>
Result<T> Write(Context& ctx, const Access& a, const std::function<Result<T>(store::Tx&, const store::OrgKeys&)>& fn) {
  return InOrg<T>(ctx, a.scope, store::TxMode::kWrite, fn);
}

bool Notes(const Context& ctx, const Access& a) { return Allowed(ctx, a.scope.org_id(), Action::kViewWorkers, a.owner); }

// ---------------------------------------------------------------- petitions

Result<store::PetitionFields> ParsePetition(const json& body, core::Date today, bool create) {
  store::PetitionFields f;
  Result<std::optional<std::string>> kind = OptCode(body, "kind", {"RC", "RD", "RM", "UD", "UC", "AC"});
  if (!kind) return kind.error();
  if (create && !*kind) return Error::InvalidInput("kind", "kind is required: RC, RD, RM, UD, UC or AC");
  f.kind = *kind;
  Result<std::optional<std::string>> cn = OptCaseNumber(body, "case_number");
  if (!cn) return cn.error();
  f.case_number = *cn;
  if (create) {
    Result<std::string> filed = RequiredDate(body, "filed_on", today);
    if (!filed) return filed.error();
    f.filed_on = *filed;
  } else {
    Result<std::optional<std::string>> filed = EditDate(body, "filed_on", today);
    if (!filed) return filed.error();
    if (*filed && (*filed)->empty()) return Error::InvalidInput("filed_on", "a petition always has its filing date");
    f.filed_on = *filed;
  }
  Result<std::optional<std::string>> status = OptCode(body, "status", {"open", "withdrawn", "dismissed", "blocked", "closed"});
  if (!status) return status.error();
  f.status = *status;
  Result<std::optional<std::string>> note = OptString(body, "note", 4000);
  if (!note) return note.error();
  f.note = *note;
  return f;
}

// ---------------------------------------------------------------- elections

Result<store::ElectionFields> ParseElection(const json& body, core::Date today, bool create) {
  store::ElectionFields f;
  Result<std::string> petition = OptId(body, "petition_id");
  if (!petition) return petition.error();
  if (create && petition->empty()) return Error::InvalidInput("petition_id", "petition_id is required: the petition this election runs on");
  if (!petition->empty()) f.petition_id = *petition;
  Result<std::optional<std::string>> kind = OptCode(body, "kind", {"initial", "runoff", "rerun"});
  if (!kind) return kind.error();
  f.kind = *kind;
  // Scheduled dates may lie ahead; what has happened may not.
  struct D {
    const char* field;
    std::optional<std::string>* to;
    bool past_only;
  };
  D dates[] = {{"notice_served_on", &f.notice_served_on, true}, {"hearing_on", &f.hearing_on, false},
               {"direction_on", &f.direction_on, true},         {"election_on", &f.election_on, false},
               {"certified_on", &f.certified_on, true},         {"set_aside_on", &f.set_aside_on, true}};
  for (const D& d : dates) {
    Result<std::optional<std::string>> v = EditDate(body, d.field, d.past_only ? std::optional<core::Date>(today) : std::nullopt);
    if (!v) return v.error();
    *d.to = *v;
  }
  Result<std::optional<std::string>> note = OptString(body, "note", 4000);
  if (!note) return note.error();
  f.note = *note;
  return f;
}

Result<int64_t> Count(const json& body, const std::string& field, const std::string& name) {
  Result<std::optional<int64_t>> v = OptInt(body, field, 0, kMaxVotes);
  if (!v) return Error::InvalidInput(name, name + " must be a whole number from 0 to " + std::to_string(kMaxVotes));
  return v->value_or(0);
}

// RULE R8, R9: the count as entered; DecideElection refuses what it cannot decide.
Result<store::Tally> ParseTally(const json& body) {
  store::Tally t;
  bool two = body.contains("yes") || body.contains("no");
  if (two && body.contains("choices")) {
    return Error::InvalidInput("choices", "give either yes and no, or choices, not both");
  }
  if (two) {
    Result<int64_t> yes = Count(body, "yes", "yes"), no = Count(body, "no", "no");
    if (!yes) return yes.error();
    if (!no) return no.error();
    t.choices = {{"Union", *yes, false}, {"No union", *no, true}};
  } else {
    auto it = body.find("choices");
    if (it == body.end() || !it->is_array()) {
      return Error::InvalidInput("choices", "give yes and no, or choices: [{name, votes, no_union}]");
    }
    if (it->size() < 2 || it->size() > 10) return Error::InvalidInput("choices", "a ballot has 2 to 10 choices");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& c = (*it)[i];
      std::string at = "choices[" + std::to_string(i) + "]";
      if (!c.is_object()) return Error::InvalidInput(at, at + " must be an object {name, votes, no_union}");
      for (const auto& [k, v] : c.items()) {
        if (k != "name" && k != "votes" && k != "no_union") return Error::InvalidInput(at + "." + k, "unknown field " + k);
      }
      Result<std::string> name = ReqString(c, "name", 200);
      if (!name) return Error::InvalidInput(at + ".name", name.error().message());
      Result<int64_t> votes = Count(c, "votes", at + ".votes");
      if (!votes) return votes.error();
      Result<std::optional<bool>> nu = OptBool(c, "no_union");
      if (!nu) return Error::InvalidInput(at + ".no_union", "no_union must be true or false");
      t.choices.push_back({*name, *votes, nu->value_or(false)});
    }
  }
  Result<int64_t> v = Count(body, "void", "void"), ch = Count(body, "challenged", "challenged");
  if (!v) return v.error();
  if (!ch) return ch.error();
  t.void_ballots = *v;
  t.challenged = *ch;
  if (Result<core::ElectionResult> r = core::DecideElection({t.choices, t.void_ballots, t.challenged}); !r) {
    return r.error();
  }
  return t;
}

// The unit's whole case: petitions, attempts, agreements, bars (R10-R13).
struct UnitCase {
  std::vector<store::Petition> petitions;
  std::vector<store::Election> elections;
  std::vector<store::Agreement> agreements;
  std::vector<store::Charge> blocking;
};

Result<UnitCase> LoadCase(store::Tx& tx, const store::Scope& scope, const store::OrgKeys& k, const std::string& unit) {
  UnitCase c;
  store::ElectionRepo repo(tx, scope, k);
  Result<std::vector<store::Petition>> p = repo.PetitionsOfUnit(unit);
  if (!p) return p.error();
  Result<std::vector<store::Election>> e = repo.ElectionsOfUnit(unit);
  if (!e) return e.error();
  Result<std::vector<store::Agreement>> a = store::AgreementRepo(tx, scope, k).OfUnit(unit);
  if (!a) return a.error();
  Result<std::vector<store::Charge>> b = store::ChargeRepo(tx, scope, k).OpenBlockingOfUnit(unit);
  if (!b) return b.error();
  c.petitions = std::move(*p);
  c.elections = std::move(*e);
  c.agreements = std::move(*a);
  c.blocking = std::move(*b);
  return c;
}

json ElectionOf(const UnitCase& c, const store::Election& e, bool notes) {
  const store::Petition* p = nullptr;
  for (const auto& x : c.petitions) {
    if (x.id == e.petition_id) p = &x;
  }
  size_t attempt = 0;
  for (size_t i = 0; i < c.elections.size(); ++i) {
    if (c.elections[i].id == e.id) attempt = i + 1;
  }
  return ElectionJson(e, p, attempt, notes);
}

// The election as the unit's history numbers it, after a write.
Result<json> ElectionAfterWrite(store::Tx& tx, const store::Scope& scope, const store::OrgKeys& k,
                                const store::Election& e, bool notes) {
  Result<UnitCase> c = LoadCase(tx, scope, k, e.unit_id);
  if (!c) return c.error();
  return ElectionOf(*c, e, notes);
}

http::Response Versioned(Result<json> out, HttpStatus status = HttpStatus::ok) {
  if (!out) return http::Problem(out.error());
  int64_t v = (*out)["version"].get<int64_t>();
  return WithETag(Json(*out, status), v);
}

// ------------------------------------------------------------------- Cemex

Result<bool> CemexOn(Context& ctx, const store::Scope& scope) {
  Result<store::ElectionSettings> s = store::TransactValue<store::ElectionSettings>(
      ctx.db, [&](store::Tx& tx) { return store::GetElectionSettings(tx, scope); }, store::TxMode::kRead, scope.org_id());
  if (!s) return s.error();
  return s->cemex_enabled;
}

Result<store::CemexDemandFields> ParseDemand(const json& body, core::Date today) {
  store::CemexDemandFields f;
  Result<std::optional<std::string>> on = EditDate(body, "demanded_on", today);
  if (!on) return on.error();
  if (*on && (*on)->empty()) return Error::InvalidInput("demanded_on", "a demand always has its date");
  f.demanded_on = *on;
  Result<std::optional<std::string>> m = OptCode(body, "method", {"in_person", "letter", "email", "other"});
  if (!m) return m.error();
  f.method = *m;
  Result<std::optional<std::string>> ev = OptCode(body, "evidence", {"authorization_cards", "signed_petition", "other"});
  if (!ev) return ev.error();
  f.evidence = *ev;
  Result<std::optional<int64_t>> sup = OptInt(body, "supporters", 0, kMaxVotes);
  if (!sup) return sup.error();
  f.supporters = *sup;
  Result<std::optional<int64_t>> size = OptInt(body, "unit_size", 1, kMaxVotes);
  if (!size) return size.error();
  f.unit_size = *size;
  Result<std::optional<std::string>> st = OptString(body, "state_code", 2);
  if (!st) return st.error();
  if (*st && !(*st)->empty() && (!core::CircuitForState(**st))) {
    return Error::InvalidInput("state_code", "state_code is a USPS code in capitals, like OH or PR");
  }
  f.state_code = *st;
  Result<std::optional<std::string>> resp = OptCode(body, "response", {"none", "recognized", "filed_rm_petition"});
  if (!resp) return resp.error();
  f.response = *resp;
  Result<std::optional<std::string>> ron = EditDate(body, "responded_on", today);
  if (!ron) return ron.error();
  f.responded_on = *ron;
  Result<std::optional<std::string>> note = OptString(body, "note", 4000);
  if (!note) return note.error();
  f.note = *note;
  return f;
}

// RULE R14: the merged demand must run on the clock (the core names the field).
Status CheckDemand(const store::CemexDemand& d, core::Date today) {
  if (d.demanded_on.empty()) return Error::InvalidInput("demanded_on", "demanded_on is required (YYYY-MM-DD)");
  if (d.method.empty()) return Error::InvalidInput("method", "method is required: in_person, letter, email or other");
  if (d.evidence.empty()) return Error::InvalidInput("evidence", "evidence is required: authorization_cards, signed_petition or other");
  if (d.response == "none" && !d.responded_on.empty()) {
    return Error::InvalidInput("responded_on", "a response date needs a response (recognized or filed_rm_petition)");
  }
  Result<core::Date> on = core::ParseIsoDate(d.demanded_on, "demanded_on");
  if (!on) return on.error();
  core::RecognitionDemand r;
  r.demanded_on = *on;
  r.supporters = d.supporters;
  r.unit_size = d.unit_size;
  r.state_code = d.state_code;
  r.response = core::ParseEmployerResponse(d.response).value_or(core::EmployerResponse::kNone);
  if (!d.responded_on.empty()) {
    Result<core::Date> ron = core::ParseIsoDate(d.responded_on, "responded_on");
    if (!ron) return ron.error();
    if (*ron < *on) return Error::InvalidInput("responded_on", "the employer cannot respond before the demand");
    r.responded_on = *ron;
  }
  Result<core::CemexClock> c = core::RunCemexClock(r, std::max(today, *on));
  if (!c) return c.error();
  return Ok();
}

}  // namespace

// ------------------------------------------------------------------ routes

http::Response GetUnitElections(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> as_of = AsOf(req, ctx, *a);
  if (!as_of) return http::Problem(as_of.error());
  bool notes = Notes(ctx, *a);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<UnitCase> c = LoadCase(tx, a->scope, k, unit);
    if (!c) return c.error();
    Result<store::ElectionSettings> settings = store::GetElectionSettings(tx, a->scope);
    if (!settings) return settings.error();
    json petitions = json::array(), elections = json::array(), agreements = json::array(), cemex = json::array();
    for (const auto& p : c->petitions) petitions.push_back(PetitionJson(p, notes));
    for (const auto& e : c->elections) elections.push_back(ElectionOf(*c, e, notes));
    for (const auto& g : c->agreements) agreements.push_back(AgreementJson(g, notes));
    Result<json> bars = BarsJson(HistoryOf(c->elections, c->agreements, c->blocking), *as_of);
    if (!bars) return bars.error();
    json page = {{"unit_id", unit},
                {"campaign_id", a->owner.campaign_id},
                {"as_of", core::FormatIsoDate(*as_of)},
                {"petitions", petitions},
                {"elections", elections},
                {"agreements", agreements},
                {"bars", *bars},
                {"blocking_charges", c->blocking.size()},
                {"cemex_enabled", settings->cemex_enabled},
                {"can_edit", Allowed(ctx, a->scope.org_id(), Action::kEditElections, a->owner)}};
    if (settings->cemex_enabled) {
      Result<std::vector<store::CemexDemand>> d = store::CemexRepo(tx, a->scope, k).OfUnit(unit);
      if (!d) return d.error();
      for (const auto& x : *d) cemex.push_back(CemexJson(x, *as_of, notes));
      page["cemex_demands"] = cemex;
    }
    return page;
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostPetition(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"kind", "case_number", "filed_on", "status", "note"});
  if (!body) return http::Problem(body.error());
  Result<store::PetitionFields> f = ParsePetition(*body, NotAfter(ctx, *today), true);
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Petition> p = store::ElectionRepo(tx, a->scope, k).AddPetition(unit, *f, ctx.now_ms);
    if (!p) return p.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "petition.recorded", "petition:" + p->id, "allowed"); !s) return s.error();
    return PetitionJson(*p, true);
  }), HttpStatus::created);
}

http::Response PatchPetition(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kPetition, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"kind", "case_number", "filed_on", "status", "note"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::PetitionFields> f = ParsePetition(*body, NotAfter(ctx, *today), false);
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Petition> p = store::ElectionRepo(tx, a->scope, k).UpdatePetition(id, *version, *f, ctx.now_ms);
    if (!p) return p.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "petition.updated", "petition:" + id, "allowed"); !s) return s.error();
    return PetitionJson(*p, true);
  }));
}

http::Response PostElection(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"petition_id", "kind", "notice_served_on", "hearing_on", "direction_on", "election_on",
                                 "certified_on", "set_aside_on", "note"});
  if (!body) return http::Problem(body.error());
  Result<store::ElectionFields> f = ParseElection(*body, NotAfter(ctx, *today), true);
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Election> e = store::ElectionRepo(tx, a->scope, k).AddElection(unit, *f, ctx.now_ms);
    if (!e) return e.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "election.recorded", "election:" + e->id, "allowed"); !s) return s.error();
    return ElectionAfterWrite(tx, a->scope, k, *e, true);
  }), HttpStatus::created);
}

http::Response PatchElection(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kElection, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"petition_id", "kind", "notice_served_on", "hearing_on", "direction_on", "election_on",
                                 "certified_on", "set_aside_on", "note"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::ElectionFields> f = ParseElection(*body, NotAfter(ctx, *today), false);
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Election> e = store::ElectionRepo(tx, a->scope, k).UpdateElection(id, *version, *f, ctx.now_ms);
    if (!e) return e.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "election.updated", "election:" + id, "allowed"); !s) return s.error();
    return ElectionAfterWrite(tx, a->scope, k, *e, true);
  }));
}

http::Response PutTally(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kElection, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<json> body = Body(req, {"yes", "no", "choices", "void", "challenged", "tally_on"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::string> on = RequiredDate(*body, "tally_on", NotAfter(ctx, *today));
  if (!on) return http::Problem(on.error());
  Result<store::Tally> t = ParseTally(*body);
  if (!t) return http::Problem(t.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Election> e = store::ElectionRepo(tx, a->scope, k).SetTally(id, *version, *t, *on, ctx.now_ms);
    if (!e) return e.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "election.tallied", "election:" + id, "allowed"); !s) return s.error();
    return ElectionAfterWrite(tx, a->scope, k, *e, true);
  }));
}

namespace {
Result<store::AgreementFields> ParseAgreement(const json& body, bool create) {
  store::AgreementFields f;
  Result<std::optional<std::string>> kind = OptCode(body, "kind", {"contract", "voluntary_recognition"});
  if (!kind) return kind.error();
  if (create && !*kind) return Error::InvalidInput("kind", "kind is required: contract or voluntary_recognition");
  f.kind = *kind;
  std::pair<const char*, std::optional<std::string>*> dates[] = {{"effective_on", &f.effective_on},
                                                                 {"expires_on", &f.expires_on},
                                                                 {"recognized_on", &f.recognized_on},
                                                                 {"first_session_on", &f.first_session_on}};
  for (auto& [field, to] : dates) {
    Result<std::optional<std::string>> d = EditDate(body, field);
    if (!d) return d.error();
    *to = *d;
  }
  Result<std::optional<bool>> ws = OptBool(body, "written_and_signed");
  if (!ws) return ws.error();
  f.written_and_signed = *ws;
  Result<std::optional<bool>> hc = OptBool(body, "health_care");
  if (!hc) return hc.error();
  f.health_care = *hc;
  Result<std::optional<std::string>> note = OptString(body, "note", 4000);
  if (!note) return note.error();
  f.note = *note;
  return f;
}
const std::initializer_list<std::string_view> kAgreementFields = {
    "kind", "effective_on", "expires_on", "recognized_on", "first_session_on", "written_and_signed", "health_care", "note"};
}  // namespace

http::Response PostAgreement(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, kAgreementFields);
  if (!body) return http::Problem(body.error());
  Result<store::AgreementFields> f = ParseAgreement(*body, true);
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Agreement> g = store::AgreementRepo(tx, a->scope, k).Add(unit, *f, ctx.now_ms);
    if (!g) return g.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "agreement.recorded", "agreement:" + g->id, "allowed"); !s) return s.error();
    return AgreementJson(*g, true);
  }), HttpStatus::created);
}

http::Response PatchAgreement(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kAgreement, id);
  if (!a) return http::Problem(a.error());
  Result<json> body = Body(req, kAgreementFields);
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::AgreementFields> f = ParseAgreement(*body, false);
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Agreement> g = store::AgreementRepo(tx, a->scope, k).Update(id, *version, *f, ctx.now_ms);
    if (!g) return g.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "agreement.updated", "agreement:" + id, "allowed"); !s) return s.error();
    return AgreementJson(*g, true);
  }));
}

http::Response GetBars(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> as_of = AsOf(req, ctx, *a);
  if (!as_of) return http::Problem(as_of.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<UnitCase> c = LoadCase(tx, a->scope, k, unit);
    if (!c) return c.error();
    return BarsJson(HistoryOf(c->elections, c->agreements, c->blocking), *as_of);
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response GetElectionSettings(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kManageOrgSettings);
  if (!scope) return http::Problem(scope.error());
  Result<store::ElectionSettings> s = store::TransactValue<store::ElectionSettings>(
      ctx.db, [&](store::Tx& tx) { return store::GetElectionSettings(tx, *scope); }, store::TxMode::kRead, scope->org_id());
  if (!s) return http::Problem(s.error());
  return WithETag(Json({{"cemex_enabled", s->cemex_enabled}, {"version", s->version}}), s->version);
}

http::Response PutElectionSettings(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, Action::kManageOrgSettings);
  if (!scope) return http::Problem(scope.error());
  Result<json> body = Body(req, {"cemex_enabled"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<std::optional<bool>> on = OptBool(*body, "cemex_enabled");
  if (!on) return http::Problem(on.error());
  if (!*on) return http::Problem(Error::InvalidInput("cemex_enabled", "cemex_enabled is required: true or false"));
  Result<store::ElectionSettings> s = store::TransactValue<store::ElectionSettings>(ctx.db, [&](store::Tx& tx) -> Result<store::ElectionSettings> {
    Result<store::ElectionSettings> r = store::SetElectionSettings(tx, *scope, *version, {**on, 0}, ctx.now_ms);
    if (!r) return r.error();
    if (Status a = Audit(tx, ctx, scope->org_id(), **on ? "cemex.enabled" : "cemex.disabled", "org:" + scope->org_id(), "allowed"); !a) {
      return a.error();
    }
    return r;
  }, store::TxMode::kWrite, scope->org_id());
  if (!s) return http::Problem(s.error());
  return WithETag(Json({{"cemex_enabled", s->cemex_enabled}, {"version", s->version}}), s->version);
}

http::Response GetCemexDemands(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kViewElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<bool> on = CemexOn(ctx, a->scope);
  if (!on) return http::Problem(on.error());
  if (!*on) return http::Problem(Error::NotFound(kNothingHere));
  Result<core::Date> as_of = AsOf(req, ctx, *a);
  if (!as_of) return http::Problem(as_of.error());
  bool notes = Notes(ctx, *a);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<std::vector<store::CemexDemand>> d = store::CemexRepo(tx, a->scope, k).OfUnit(unit);
    if (!d) return d.error();
    json list = json::array();
    for (const auto& x : *d) list.push_back(CemexJson(x, *as_of, notes));
    return json{{"as_of", core::FormatIsoDate(*as_of)}, {"demands", list}};
  });
  if (!out) return http::Problem(out.error());
  return Json(*out);
}

http::Response PostCemexDemand(const http::Request& req, Context& ctx) {
  std::string unit = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kUnit, unit);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<bool> on = CemexOn(ctx, a->scope);
  if (!on) return http::Problem(on.error());
  if (!*on) return http::Problem(Error::NotFound(kNothingHere));
  Result<json> body = Body(req, {"demanded_on", "method", "evidence", "supporters", "unit_size", "state_code", "response",
                                 "responded_on", "note"});
  if (!body) return http::Problem(body.error());
  Result<store::CemexDemandFields> f = ParseDemand(*body, NotAfter(ctx, *today));
  if (!f) return http::Problem(f.error());
  store::CemexDemand d;
  d.response = "none";
  d = store::MergeDemand(d, *f);
  if (!f->unit_size) return http::Problem(Error::InvalidInput("unit_size", "unit_size is required: the number of workers in the unit demanded"));
  if (!f->supporters) return http::Problem(Error::InvalidInput("supporters", "supporters is required: how many workers' evidence backs the demand"));
  if (Status s = CheckDemand(d, NotAfter(ctx, *today)); !s) return http::Problem(s.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::CemexDemand> r = store::CemexRepo(tx, a->scope, k).Add(unit, d, ctx.now_ms);
    if (!r) return r.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "cemex.demand_recorded", "cemex_demand:" + r->id, "allowed"); !s) return s.error();
    return CemexJson(*r, *today, true);
  }), HttpStatus::created);
}

http::Response PatchCemexDemand(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kEditElections, ObjectKind::kCemexDemand, id);
  if (!a) return http::Problem(a.error());
  Result<core::Date> today = LocalToday(ctx, *a);
  if (!today) return http::Problem(today.error());
  Result<bool> on = CemexOn(ctx, a->scope);
  if (!on) return http::Problem(on.error());
  if (!*on) return http::Problem(Error::NotFound(kNothingHere));
  Result<json> body = Body(req, {"demanded_on", "method", "evidence", "supporters", "unit_size", "state_code", "response",
                                 "responded_on", "note"});
  if (!body) return http::Problem(body.error());
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<store::CemexDemandFields> f = ParseDemand(*body, NotAfter(ctx, *today));
  if (!f) return http::Problem(f.error());
  return Versioned(Write<json>(ctx, *a, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::CemexRepo repo(tx, a->scope, k);
    Result<store::CemexDemand> cur = repo.Get(id);
    if (!cur) return cur.error();
    if (cur->version != *version) return Error::PreconditionFailed("someone else changed this demand; reload to see their change");
    store::CemexDemand d = store::MergeDemand(*cur, *f);
    if (Status s = CheckDemand(d, NotAfter(ctx, *today)); !s) return s.error();
    Result<store::CemexDemand> r = repo.Update(id, *version, d, ctx.now_ms);
    if (!r) return r.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "cemex.demand_updated", "cemex_demand:" + id, "allowed"); !s) return s.error();
    return CemexJson(*r, *today, true);
  }));
}

}  // namespace hotshop::api
