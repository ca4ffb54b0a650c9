// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/election_repo.h"

#include <nlohmann/json.hpp>

#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kPetitionCols = "id, unit_id, kind, case_number, filed_on, status, note_ct, version";
constexpr const char* kElectionCols =
    "id, unit_id, petition_id, kind, notice_served_on, hearing_on, direction_on, election_on, tally_on, tally_choices, "
    "void_ballots, challenged, certified_on, set_aside_on, note_ct, version, created_at_ms";

Value DateOrNull(const std::string& d) { return d.empty() ? Value(nullptr) : Value(d); }

Error Stale(const char* what, int64_t now) {
  return Error::PreconditionFailed(std::string("someone else changed this ") + what + " (now version " +
                                   std::to_string(now) + "); reload to see their change");
}

Status UnitExists(Tx& tx, const Scope& scope, const std::string& unit_id) {
  if (!IsCanonicalUuid(unit_id)) return Error::NotFound("no such unit");
  Result<Rows> u = tx.Query("SELECT 1 FROM units WHERE org_id = $1 AND id = $2", {scope.org_id(), unit_id});
  if (!u) return u.error();
  if (u->empty()) return Error::NotFound("no such unit");
  return Ok();
}

}  // namespace

Result<Owner> OwnerByQuery(Tx& tx, const Scope& scope, const std::string& sql, const std::string& id,
                           const char* what) {
  if (!IsCanonicalUuid(id)) return Error::NotFound(std::string("no such ") + what);
  Result<Rows> r = tx.Query(sql, {scope.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound(std::string("no such ") + what);
  return Owner{(*r)[0].Text(0), (*r)[0].Text(1)};
}

std::string TallyChoicesJson(const std::vector<core::BallotChoice>& choices) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : choices) a.push_back({{"name", c.name}, {"votes", c.votes}, {"no_union", c.no_union}});
  return a.dump();
}

Result<std::vector<core::BallotChoice>> ParseTallyChoices(const std::string& text) {
  nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return Error::Internal("stored tally is not a JSON array");
  std::vector<core::BallotChoice> out;
  for (const auto& c : a) {
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string() || !c.contains("votes") ||
        !c["votes"].is_number_integer() || !c.contains("no_union") || !c["no_union"].is_boolean()) {
      return Error::Internal("stored tally has a malformed choice");
    }
    out.push_back({c["name"].get<std::string>(), c["votes"].get<int64_t>(), c["no_union"].get<bool>()});
  }
  return out;
}

// ------------------------------------------------------------------ petitions

Result<Petition> ElectionRepo::PetitionFromRow(const Row& r) {
  Petition p;
  p.id = r.Text(0);
  p.unit_id = r.Text(1);
  p.kind = r.Text(2);
  p.case_number = r.Text(3);
  p.filed_on = r.Text(4);
  p.status = r.Text(5);
  Result<std::string> note = OpenText(keys_, r, 6, "petitions", "note", p.id, scope_.org_id());
  if (!note) return note.error();
  p.note = std::move(*note);
  p.version = r.Int(7);
  return p;
}

Result<Petition> ElectionRepo::AddPetition(const std::string& unit_id, const PetitionFields& f, int64_t now_ms) {
  if (Status s = UnitExists(tx_, scope_, unit_id); !s) return s.error();
  const std::string& org = scope_.org_id();
  std::string id = NewId();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO petitions (org_id, id, unit_id, kind, case_number, filed_on, status, note_ct, version, "
      "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)",
      {org, id, unit_id, f.kind.value_or("RC"), f.case_number.value_or(""), f.filed_on.value_or(""),
       f.status.value_or("open"), SealText(keys_, "petitions", "note", id, org, f.note.value_or("")), now_ms});
  if (!n) return n.error();
  return GetPetition(id);
}

Result<Petition> ElectionRepo::GetPetition(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such petition");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kPetitionCols + " FROM petitions WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such petition");
  return PetitionFromRow((*r)[0]);
}

Result<Petition> ElectionRepo::UpdatePetition(const std::string& id, int64_t expected_version,
                                              const PetitionFields& f, int64_t now_ms) {
  Result<Petition> cur = GetPetition(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("petition", cur->version);
  Petition p = *cur;
  if (f.kind) p.kind = *f.kind;
  if (f.case_number) p.case_number = *f.case_number;
  if (f.filed_on) p.filed_on = *f.filed_on;
  if (f.status) p.status = *f.status;
  if (f.note) p.note = *f.note;
  // An election cannot precede the petition it runs on.
  Result<Rows> early = tx_.Query(
      "SELECT 1 FROM elections WHERE org_id = $1 AND petition_id = $2 AND "
      "(notice_served_on < $3 OR direction_on < $3 OR election_on < $3)",
      {scope_.org_id(), id, p.filed_on});
  if (!early) return early.error();
  if (!early->empty()) return Error::InvalidInput("filed_on", "an election on this petition has a date before that filing date");
  Result<int64_t> n = tx_.Exec(
      "UPDATE petitions SET kind = $3, case_number = $4, filed_on = $5, status = $6, note_ct = $7, "
      "version = version + 1, updated_at_ms = $8 WHERE org_id = $1 AND id = $2 AND version = $9",
      {scope_.org_id(), id, p.kind, p.case_number, p.filed_on, p.status,
       SealText(keys_, "petitions", "note", id, scope_.org_id(), p.note), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("petition", cur->version + 1);
  return GetPetition(id);
}

Result<std::vector<Petition>> ElectionRepo::PetitionsOfUnit(const std::string& unit_id) {
  std::vector<Petition> out;
  if (!IsCanonicalUuid(unit_id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kPetitionCols +
                                 " FROM petitions WHERE org_id = $1 AND unit_id = $2 ORDER BY filed_on, created_at_ms, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<Petition> p = PetitionFromRow(row);
    if (!p) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

// ------------------------------------------------------------------ elections

Result<Election> ElectionRepo::ElectionFromRow(const Row& r) {
  Election e;
  e.id = r.Text(0);
  e.unit_id = r.Text(1);
  e.petition_id = r.Text(2);
  e.kind = r.Text(3);
  e.notice_served_on = r.Text(4);
  e.hearing_on = r.Text(5);
  e.direction_on = r.Text(6);
  e.election_on = r.Text(7);
  e.tally_on = r.Text(8);
  if (!r.IsNull(9)) {
    Result<std::vector<core::BallotChoice>> choices = ParseTallyChoices(r.Text(9));
    if (!choices) return choices.error();
    e.tally = Tally{std::move(*choices), r.OptInt(10).value_or(0), r.OptInt(11).value_or(0)};
  }
  e.certified_on = r.Text(12);
  e.set_aside_on = r.Text(13);
  Result<std::string> note = OpenText(keys_, r, 14, "elections", "note", e.id, scope_.org_id());
  if (!note) return note.error();
  e.note = std::move(*note);
  e.version = r.Int(15);
  e.created_at_ms = r.Int(16);
  return e;
}

Status ElectionRepo::CheckElection(const Election& e) {
  Result<Petition> p = GetPetition(e.petition_id);
  if (!p && p.error().code() != ErrorCode::kNotFound) return p.error();
  if (!p || p->unit_id != e.unit_id) return Error::InvalidInput("petition_id", "no such petition for this unit");
  // RULE R6: every event of the case runs from the petition.
  const std::pair<const char*, const std::string*> dated[] = {
      {"notice_served_on", &e.notice_served_on}, {"hearing_on", &e.hearing_on},
      {"direction_on", &e.direction_on},         {"election_on", &e.election_on},
      {"tally_on", &e.tally_on},                 {"certified_on", &e.certified_on},
      {"set_aside_on", &e.set_aside_on}};
  for (const auto& [field, value] : dated) {
    if (!value->empty() && *value < p->filed_on) {
      return Error::InvalidInput(field, std::string(field) + " is before the petition was filed (" + p->filed_on + ")");
    }
  }
  if (!e.election_on.empty() && !e.tally_on.empty() && e.tally_on < e.election_on) {
    return Error::InvalidInput("tally_on", "the ballots cannot be counted before the election day");
  }
  if (!e.direction_on.empty() && !e.election_on.empty() && e.election_on < e.direction_on) {
    return Error::InvalidInput("election_on", "the election cannot come before the direction of election");
  }
  if (!e.certified_on.empty() && (e.tally_on.empty() || e.certified_on < e.tally_on)) {
    return Error::InvalidInput("certified_on", "a certification comes after the tally");
  }
  if (!e.set_aside_on.empty() && (e.tally_on.empty() || e.set_aside_on < e.tally_on)) {
    return Error::InvalidInput("set_aside_on", "an election is set aside only after its tally");
  }
  return Ok();
}

Result<Election> ElectionRepo::AddElection(const std::string& unit_id, const ElectionFields& f, int64_t now_ms) {
  if (Status s = UnitExists(tx_, scope_, unit_id); !s) return s.error();
  Election e;
  e.id = NewId();
  e.unit_id = unit_id;
  e.petition_id = f.petition_id.value_or("");
  e.kind = f.kind.value_or("initial");
  e.notice_served_on = f.notice_served_on.value_or("");
  e.hearing_on = f.hearing_on.value_or("");
  e.direction_on = f.direction_on.value_or("");
  e.election_on = f.election_on.value_or("");
  e.tally_on = f.tally_on.value_or("");
  e.certified_on = f.certified_on.value_or("");
  e.set_aside_on = f.set_aside_on.value_or("");
  e.note = f.note.value_or("");
  if (Status s = CheckElection(e); !s) return s.error();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO elections (org_id, id, unit_id, petition_id, kind, notice_served_on, hearing_on, direction_on, "
      "election_on, tally_on, certified_on, set_aside_on, note_ct, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)",
      {org, e.id, unit_id, e.petition_id, e.kind, DateOrNull(e.notice_served_on), DateOrNull(e.hearing_on),
       DateOrNull(e.direction_on), DateOrNull(e.election_on), DateOrNull(e.tally_on), DateOrNull(e.certified_on),
       DateOrNull(e.set_aside_on), SealText(keys_, "elections", "note", e.id, org, e.note), now_ms});
  if (!n) return n.error();
  return GetElection(e.id);
}

Result<Election> ElectionRepo::GetElection(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such election");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kElectionCols + " FROM elections WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such election");
  return ElectionFromRow((*r)[0]);
}

Result<Election> ElectionRepo::UpdateElection(const std::string& id, int64_t expected_version,
                                              const ElectionFields& f, int64_t now_ms) {
  Result<Election> cur = GetElection(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("election", cur->version);
  Election e = *cur;
  auto set = [](std::string& to, const std::optional<std::string>& v) {
    if (v) to = *v;
  };
  set(e.petition_id, f.petition_id);
  set(e.kind, f.kind);
  set(e.notice_served_on, f.notice_served_on);
  set(e.hearing_on, f.hearing_on);
  set(e.direction_on, f.direction_on);
  set(e.election_on, f.election_on);
  set(e.tally_on, f.tally_on);
  set(e.certified_on, f.certified_on);
  set(e.set_aside_on, f.set_aside_on);
  set(e.note, f.note);
  if (Status s = CheckElection(e); !s) return s.error();
  const std::string& org = scope_.org_id();
  Result<int64_t> n = tx_.Exec(
      "UPDATE elections SET petition_id = $3, kind = $4, notice_served_on = $5, hearing_on = $6, direction_on = $7, "
      "election_on = $8, tally_on = $9, certified_on = $10, set_aside_on = $11, note_ct = $12, version = version + 1, "
      "updated_at_ms = $13 WHERE org_id = $1 AND id = $2 AND version = $14",
      {org, id, e.petition_id, e.kind, DateOrNull(e.notice_served_on), DateOrNull(e.hearing_on),
       DateOrNull(e.direction_on), DateOrNull(e.election_on), DateOrNull(e.tally_on), DateOrNull(e.certified_on),
       DateOrNull(e.set_aside_on), SealText(keys_, "elections", "note", id, org, e.note), now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("election", cur->version + 1);
  return GetElection(id);
}

Result<Election> ElectionRepo::SetTally(const std::string& id, int64_t expected_version, const Tally& tally,
                                        const std::string& tally_on, int64_t now_ms) {
  Result<Election> cur = GetElection(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale("election", cur->version);
  Election e = *cur;
  e.tally_on = tally_on;
  if (e.election_on.empty()) e.election_on = tally_on;  // counted the day of the vote
  if (Status s = CheckElection(e); !s) return s.error();
  Result<int64_t> n = tx_.Exec(
      "UPDATE elections SET tally_on = $3, election_on = $4, tally_choices = $5, void_ballots = $6, challenged = $7, "
      "version = version + 1, updated_at_ms = $8 WHERE org_id = $1 AND id = $2 AND version = $9",
      {scope_.org_id(), id, e.tally_on, e.election_on, TallyChoicesJson(tally.choices), tally.void_ballots,
       tally.challenged, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Stale("election", cur->version + 1);
  return GetElection(id);
}

Result<std::vector<Election>> ElectionRepo::ElectionsOfUnit(const std::string& unit_id) {
  std::vector<Election> out;
  if (!IsCanonicalUuid(unit_id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kElectionCols +
                                 " FROM elections WHERE org_id = $1 AND unit_id = $2 ORDER BY created_at_ms, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<Election> e = ElectionFromRow(row);
    if (!e) return e.error();
    out.push_back(std::move(*e));
  }
  return out;
}

Result<Owner> ElectionRepo::OwnerOfPetition(const std::string& id) {
  return OwnerByQuery(tx_, scope_,
                      "SELECT u.campaign_id, u.id FROM petitions p JOIN units u ON u.org_id = p.org_id AND u.id = p.unit_id "
                      "WHERE p.org_id = $1 AND p.id = $2",
                      id, "petition");
}

Result<Owner> ElectionRepo::OwnerOfElection(const std::string& id) {
  return OwnerByQuery(tx_, scope_,
                      "SELECT u.campaign_id, u.id FROM elections e JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id "
                      "WHERE e.org_id = $1 AND e.id = $2",
                      id, "election");
}

}  // namespace hotshop::store
