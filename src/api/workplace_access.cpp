// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/workplace_access.h"

#include <sys/stat.h>

#include <cstdio>
#include <algorithm>

#include "api/handler_util.h"
#include "core/iso_date.h"
#include "http/etag.h"
#include "io/text_encoding.h"
#include "io/time_zone.h"
#include "store/agreement_repo.h"
#include "store/assessment_repo.h"
#include "store/card_repo.h"
#include "store/cemex_repo.h"
#include "store/charge_repo.h"
#include "store/committee_repo.h"
#include "store/connection_repo.h"
#include "store/election_repo.h"
#include "store/employment_repo.h"
#include "store/note_repo.h"
#include "store/sql_rewrite.h"
#include "store/structure_test_repo.h"

namespace hotshop::api {
namespace {

const char* kNothingHere = "nothing is here, or you don't have access to it";

const char* KindName(ObjectKind k) {
  switch (k) {
    case ObjectKind::kCampaign: return "campaign";
    case ObjectKind::kEmployer: return "employer";
    case ObjectKind::kWorksite: return "worksite";
    case ObjectKind::kUnit: return "unit";
    case ObjectKind::kArea: return "area";
    case ObjectKind::kPerson: return "person";
    case ObjectKind::kConnection: return "connection";
    case ObjectKind::kCommitteeMember: return "committee_member";
    case ObjectKind::kCard: return "card";
    case ObjectKind::kStructureTest: return "structure_test";
    case ObjectKind::kScale: return "assessment_scale";
    case ObjectKind::kPetition: return "petition";
    case ObjectKind::kElection: return "election";
    case ObjectKind::kAgreement: return "agreement";
    case ObjectKind::kCemexDemand: return "cemex_demand";
    case ObjectKind::kCharge: return "charge";
    case ObjectKind::kNote: return "note";
  }
  return "object";
}

// The owners of the object: one, or two for a connection (either person).
Result<std::vector<store::Owner>> Owners(store::Tx& tx, const store::Scope& scope, const store::OrgKeys& keys,
                                         ObjectKind kind, const std::string& id) {
  store::WorkplaceRepo places(tx, scope, keys);
  auto one = [](Result<store::Owner> o) -> Result<std::vector<store::Owner>> {
    if (!o) return o.error();
    return std::vector<store::Owner>{*o};
  };
  switch (kind) {
    case ObjectKind::kCampaign: {
      if (!store::IsCanonicalUuid(id)) return Error::NotFound(kNothingHere);
      Result<store::Rows> r = tx.Query("SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2", {scope.org_id(), id});
      if (!r) return r.error();
      if (r->empty()) return Error::NotFound(kNothingHere);
      return std::vector<store::Owner>{{id, ""}};
    }
    case ObjectKind::kEmployer: return one(places.OwnerOfEmployer(id));
    case ObjectKind::kWorksite: return one(places.OwnerOfWorksite(id));
    case ObjectKind::kUnit: return one(places.OwnerOfUnit(id));
    case ObjectKind::kArea: return one(places.OwnerOfArea(id));
    case ObjectKind::kPerson: return one(store::EmploymentRepo(tx, scope).OwnerOfPerson(id));
    case ObjectKind::kConnection: {
      Result<store::Connection> c = store::ConnectionRepo(tx, scope).Get(id);
      if (!c) return c.error();
      store::EmploymentRepo e(tx, scope);
      Result<store::Owner> a = e.OwnerOfPerson(c->person_id), b = e.OwnerOfPerson(c->other_person_id);
      if (!a) return a.error();
      if (!b) return b.error();
      return std::vector<store::Owner>{*a, *b};
    }
    case ObjectKind::kCommitteeMember: {
      Result<store::CommitteeMember> m = store::CommitteeRepo(tx, scope).Get(id);
      if (!m) return m.error();
      return std::vector<store::Owner>{{m->campaign_id, ""}};
    }
    case ObjectKind::kCard: return one(store::CardRepo(tx, scope, keys).OwnerOfCard(id));
    case ObjectKind::kStructureTest: return one(store::StructureTestRepo(tx, scope).OwnerOfTest(id));
    case ObjectKind::kScale: {
      Result<store::Scale> s = store::AssessmentRepo(tx, scope, keys).GetScale(id);
      if (!s) return s.error();
      return std::vector<store::Owner>{{s->campaign_id, ""}};
    }
    case ObjectKind::kPetition: return one(store::ElectionRepo(tx, scope, keys).OwnerOfPetition(id));
    case ObjectKind::kElection: return one(store::ElectionRepo(tx, scope, keys).OwnerOfElection(id));
    case ObjectKind::kAgreement: return one(store::AgreementRepo(tx, scope, keys).OwnerOf(id));
    case ObjectKind::kCemexDemand: return one(store::CemexRepo(tx, scope, keys).OwnerOf(id));
    case ObjectKind::kCharge: return one(store::ChargeRepo(tx, scope, keys).OwnerOf(id));
    case ObjectKind::kNote: return one(store::NoteRepo(tx, scope, keys).OwnerOfNote(id));
  }
  return Error::NotFound(kNothingHere);
}

}  // namespace

bool Allowed(const Context& ctx, const std::string& org_id, security::Action action, const store::Owner& owner) {
  if (!ctx.actor) return false;
  return security::Authorize(*ctx.actor, action, {org_id, owner.campaign_id, owner.unit_id}, ctx.now_ms).ok();
}

Result<Access> AuthorizeObject(const http::Request& req, Context& ctx, security::Action action, ObjectKind kind,
                               const std::string& id) {
  Result<std::string> org = OrgOfPath(req, ctx);
  if (!org) return org.error();
  store::Scope org_scope = store::Scope::ForOrg(*org);
  Result<std::vector<store::Owner>> owners =
      store::TransactValue<std::vector<store::Owner>>(ctx.db, [&](store::Tx& tx) -> Result<std::vector<store::Owner>> {
        auto keys = ctx.services.keys.ForOrg(tx, *org);
        if (!keys) return keys.error();
        return Owners(tx, org_scope, **keys, kind, id);
      }, store::TxMode::kRead, *org);
  const std::string object = std::string(KindName(kind)) + ":" + (store::IsCanonicalUuid(id) ? id : "invalid");
  if (!owners) {
    if (owners.error().code() != ErrorCode::kNotFound) return owners.error();
    AuditAlone(ctx, *org, security::ActionName(action), "route:" + req.route, "denied");
    return Error::NotFound(kNothingHere);
  }
  Result<store::Scope> last = Error::NotFound(kNothingHere);
  for (const store::Owner& o : *owners) {
    last = security::Authorize(*ctx.actor, action, {*org, o.campaign_id, o.unit_id}, ctx.now_ms);
    if (last) return Access{*last, o};
    if (last.error().code() != ErrorCode::kNotFound) return last.error();  // step-up
  }
  AuditAlone(ctx, *org, security::ActionName(action), object, "denied");
  return Error::NotFound(kNothingHere);
}

Result<store::Owner> OwnerOfPersonIn(Context& ctx, const store::Scope& scope, const std::string& person_id) {
  return store::TransactValue<store::Owner>(ctx.db, [&](store::Tx& tx) {
    return store::EmploymentRepo(tx, scope).OwnerOfPerson(person_id);
  }, store::TxMode::kRead, scope.org_id());
}

Result<store::Scale> ScaleFor(store::Tx& tx, const store::Scope& scope, const store::OrgKeys& keys,
                              const std::optional<std::string>& scale_id, const std::string& campaign_id,
                              int64_t now_ms) {
  store::AssessmentRepo repo(tx, scope, keys);
  if (!scale_id || scale_id->empty()) return repo.DefaultScale(now_ms);
  Result<store::Scale> s = repo.GetScale(*scale_id);
  if (!s && s.error().code() != ErrorCode::kNotFound) return s.error();
  if (!s || (!s->campaign_id.empty() && s->campaign_id != campaign_id)) {
    return Error::InvalidInput("scale_id", "no such assessment scale in this campaign");
  }
  return s;
}

http::Response WithETag(http::Response res, int64_t version) {
  res.set(http::bhttp::field::etag, http::ETagFor(version));
  return res;
}

core::Date Today(const Context& ctx) { return core::UtcDateOfMillis(ctx.now_ms); }

Result<std::string> TimeZoneOf(store::Tx& tx, const store::Scope& scope, const store::Owner& owner) {
  // The zone is a plain column: no keys are needed to read it.
  const store::OrgKeys no_keys{};
  store::WorkplaceRepo repo(tx, scope, no_keys);
  return owner.unit_id.empty() ? repo.TimeZoneOfCampaign(owner.campaign_id) : repo.TimeZoneOfUnit(owner.unit_id);
}

Result<core::Date> LocalToday(const Context& ctx, store::Tx& tx, const store::Scope& scope, const store::Owner& owner) {
  Result<std::string> zone = TimeZoneOf(tx, scope, owner);
  if (!zone) return zone.error();
  return io::CivilDateIn(ctx.now_ms, *zone);
}

core::Date NotAfter(const Context& ctx, core::Date local_today) { return std::max(Today(ctx), local_today); }

Result<int64_t> LocalStartOfDay(store::Tx& tx, const store::Scope& scope, const store::Owner& owner, core::Date d) {
  Result<std::string> zone = TimeZoneOf(tx, scope, owner);
  if (!zone) return zone.error();
  return io::EndOfDayIn(core::AddDays(d, std::chrono::days{-1}), *zone) + 1;
}

Result<core::Date> LocalToday(Context& ctx, const Access& a) {
  return store::TransactValue<core::Date>(ctx.db, [&](store::Tx& tx) -> Result<core::Date> {
    return LocalToday(ctx, tx, a.scope, a.owner);
  }, store::TxMode::kRead, a.scope.org_id());
}

Result<std::optional<std::string>> OptDate(const nlohmann::json& body, const std::string& field) {
  Result<std::optional<std::string>> s = OptString(body, field, 10);
  if (!s) return Error::InvalidInput(field, field + " must be a date written YYYY-MM-DD, like 2025-03-14");
  if (!*s) return s;
  Result<core::Date> d = core::ParseIsoDate(**s, field);
  if (!d) return d.error();
  return s;
}

Result<std::optional<int64_t>> OptInt(const nlohmann::json& body, const std::string& field, int64_t min, int64_t max) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return Error::InvalidInput(field, field + " must be a whole number");
  int64_t v = it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                  ? INT64_MAX
                  : it->get<int64_t>();
  if (v < min || v > max) {
    return Error::InvalidInput(field, field + " must be from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return std::optional<int64_t>(v);
}

Result<std::optional<bool>> OptBool(const nlohmann::json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return Error::InvalidInput(field, field + " must be true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::string>> OptName(const nlohmann::json& body, const std::string& field, size_t max_bytes) {
  Result<std::optional<std::string>> s = OptString(body, field, max_bytes);
  if (!s || !*s) return s;
  char32_t cp = 0;
  if (io::FindBidiControl(**s, cp) != std::string_view::npos) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
    return Error::InvalidInput(field, field + " contains the invisible text-direction control " + hex +
                                          ", which can make it display as something else; type it without");
  }
  return s;
}

Result<std::string> OptId(const nlohmann::json& body, const std::string& field) {
  Result<std::optional<std::string>> s = OptString(body, field, 40);
  if (!s) return s.error();
  if (!*s || (*s)->empty()) return std::string();
  if (!store::IsCanonicalUuid(**s)) return Error::InvalidInput(field, field + " is not an id");
  return **s;
}

Result<std::optional<std::string>> OptTimeZone(const nlohmann::json& body, const std::string& field) {
  Result<std::optional<std::string>> s = OptString(body, field, 64);
  if (!s) return s.error();
  if (!*s || (*s)->empty()) return s;
  const std::string& tz = **s;
  const Error bad = Error::InvalidInput(field, field + " must be a time zone name like America/Chicago");
  // Letters, digits and _ - + / only, no empty or dot segment: a name, never a path.
  if (tz.front() == '/' || tz.back() == '/' || tz.find("//") != std::string::npos) return bad;
  for (char c : tz) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '+' || c == '/';
    if (!ok) return bad;
  }
  // Where the system's zone database is installed, the name must be in it.
  struct stat st;
  if (stat("/usr/share/zoneinfo", &st) == 0 &&
      (stat(("/usr/share/zoneinfo/" + tz).c_str(), &st) != 0 || !S_ISREG(st.st_mode))) {
    return bad;  // "America" is a directory of zones, not a zone
  }
  return s;
}

}  // namespace hotshop::api
