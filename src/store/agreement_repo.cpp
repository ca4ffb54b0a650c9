// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/agreement_repo.h"

#include "store/election_repo.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, unit_id, kind, effective_on, expires_on, recognized_on, first_session_on, written_and_signed, health_care, "
    "note_ct, version";

Value DateOrNull(const std::string& d) { return d.empty() ? Value(nullptr) : Value(d); }

void Merge(Agreement& a, const AgreementFields& f) {
  auto set = [](std::string& to, const std::optional<std::string>& v) {
    if (v) to = *v;
  };
  set(a.effective_on, f.effective_on);
  set(a.expires_on, f.expires_on);
  set(a.recognized_on, f.recognized_on);
  set(a.first_session_on, f.first_session_on);
  set(a.note, f.note);
  if (f.written_and_signed) a.written_and_signed = *f.written_and_signed;
  if (f.health_care) a.health_care = *f.health_care;
}

// RULE R12, R13: what each kind needs for its bar.
Status Check(const Agreement& a) {
  if (a.kind == "contract") {
    if (a.effective_on.empty()) return Error::InvalidInput("effective_on", "a contract needs the day it took effect");
    if (a.expires_on.empty()) return Error::InvalidInput("expires_on", "a contract needs the day it expires");
    if (a.expires_on < a.effective_on) return Error::InvalidInput("expires_on", "the contract expires before it takes effect");
  } else if (a.kind == "voluntary_recognition") {
    if (a.recognized_on.empty()) return Error::InvalidInput("recognized_on", "a recognition needs the day it was given");
    if (!a.first_session_on.empty() && a.first_session_on < a.recognized_on) {
      return Error::InvalidInput("first_session_on", "the first bargaining session cannot precede the recognition");
    }
  } else {
    return Error::InvalidInput("kind", "kind must be contract or voluntary_recognition");
  }
  return Ok();
}

}  // namespace

Result<Agreement> AgreementRepo::FromRow(const Row& r) {
  Agreement a;
  a.id = r.Text(0);
  a.unit_id = r.Text(1);
  a.kind = r.Text(2);
  a.effective_on = r.Text(3);
  a.expires_on = r.Text(4);
  a.recognized_on = r.Text(5);
  a.first_session_on = r.Text(6);
  a.written_and_signed = r.Int(7) != 0;
  a.health_care = r.Int(8) != 0;
  Result<std::string> note = OpenText(keys_, r, 9, "unit_agreements", "note", a.id, scope_.org_id());
  if (!note) return note.error();
  a.note = std::move(*note);
  a.version = r.Int(10);
  return a;
}

Result<Agreement> AgreementRepo::Add(const std::string& unit_id, const AgreementFields& f, int64_t now_ms) {
  if (!IsCanonicalUuid(unit_id)) return Error::NotFound("no such unit");
  Result<Rows> u = tx_.Query("SELECT 1 FROM units WHERE org_id = $1 AND id = $2", {scope_.org_id(), unit_id});
  if (!u) return u.error();
  if (u->empty()) return Error::NotFound("no such unit");
  Agreement a;
  a.id = NewId();
  a.unit_id = unit_id;
  a.kind = f.kind.value_or("");
  Merge(a, f);
  if (Status s = Check(a); !s) return s.error();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO unit_agreements (org_id, id, unit_id, kind, effective_on, expires_on, recognized_on, "
      "first_session_on, written_and_signed, health_care, note_ct, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
      {org, a.id, unit_id, a.kind, DateOrNull(a.effective_on), DateOrNull(a.expires_on), DateOrNull(a.recognized_on),
       DateOrNull(a.first_session_on), int64_t{a.written_and_signed ? 1 : 0}, int64_t{a.health_care ? 1 : 0},
       SealText(keys_, "unit_agreements", "note", a.id, org, a.note), now_ms});
  if (!n) return n.error();
  return Get(a.id);
}

Result<Agreement> AgreementRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such contract or recognition");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM unit_agreements WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such contract or recognition");
  return FromRow((*r)[0]);
}

Result<Agreement> AgreementRepo::Update(const std::string& id, int64_t expected_version, const AgreementFields& f,
                                        int64_t now_ms) {
  Result<Agreement> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this (now version " + std::to_string(cur->version) +
                                     "); reload to see their change");
  }
  if (f.kind && *f.kind != cur->kind) return Error::InvalidInput("kind", "the kind cannot change: record a new one");
  Agreement a = *cur;
  Merge(a, f);
  if (Status s = Check(a); !s) return s.error();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE unit_agreements SET effective_on = $3, expires_on = $4, recognized_on = $5, first_session_on = $6, "
      "written_and_signed = $7, health_care = $8, note_ct = $9, version = version + 1, updated_at_ms = $10 "
      "WHERE org_id = $1 AND id = $2 AND version = $11",
      {org, id, DateOrNull(a.effective_on), DateOrNull(a.expires_on), DateOrNull(a.recognized_on),
       DateOrNull(a.first_session_on), int64_t{a.written_and_signed ? 1 : 0}, int64_t{a.health_care ? 1 : 0},
       SealText(keys_, "unit_agreements", "note", id, org, a.note), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this; reload to see their change");
  return Get(id);
}

Result<std::vector<Agreement>> AgreementRepo::OfUnit(const std::string& unit_id) {
  std::vector<Agreement> out;
  if (!IsCanonicalUuid(unit_id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM unit_agreements WHERE org_id = $1 AND unit_id = $2 ORDER BY created_at_ms, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<Agreement> a = FromRow(row);
    if (!a) return a.error();
    out.push_back(std::move(*a));
  }
  return out;
}

Result<Owner> AgreementRepo::OwnerOf(const std::string& id) {
  return OwnerByQuery(tx_, scope_,
                      "SELECT u.campaign_id, u.id FROM unit_agreements a JOIN units u ON u.org_id = a.org_id AND "
                      "u.id = a.unit_id WHERE a.org_id = $1 AND a.id = $2",
                      id, "contract or recognition");
}

}  // namespace hotshop::store
