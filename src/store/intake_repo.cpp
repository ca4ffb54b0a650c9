// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/intake_repo.h"

#include <algorithm>

#include "security/blind_index.h"
#include "security/field_cipher.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

using core::IntakeStage;

constexpr const char* kTable = "intakes";
constexpr const char* kCols =
    "id, stage, received_at_ms, last_request_at_ms, repeat_count, name_ct, phone_ct, email_ct, work_email, "
    "employer_ct, best_time_ct, story_ct, city, zip, region, industry, size_band, language, consent_version, spam, "
    "spam_reason, legal_hold, legal_hold_reason, assigned_to, person_id, merged_into_id, campaign_id, close_reason, "
    "first_contact_at_ms, stage_changed_at_ms, version, created_at_ms, updated_at_ms";
// The sealed columns, in kCols order from index 5 (name) on.
constexpr const char* kOpenStages = "('new', 'triaged', 'matched', 'first_contact', 'assessed')";

Value NullIfEmpty(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

Value Index(const security::SecretBytes& key, const std::string& v) {
  if (v.empty()) return nullptr;
  return static_cast<int64_t>(security::BlindIndex(key, v));
}

Result<Intake> FromRow(const Row& r, const OrgKeys& k, const std::string& org) {
  Intake i;
  i.id = r.Text(0);
  std::optional<IntakeStage> st = core::ParseIntakeStage(r.Text(1));
  if (!st) return Error::Internal("an intake has an unknown stage");
  i.stage = *st;
  i.received_at_ms = r.Int(2);
  i.last_request_at_ms = r.Int(3);
  i.repeat_count = r.Int(4);
  struct Sealed {
    size_t index;
    const char* column;
    std::string* out;
  };
  const Sealed sealed[] = {{5, "name", &i.name},          {6, "phone", &i.phone},         {7, "email", &i.email},
                           {9, "employer", &i.employer},  {10, "best_time", &i.best_time}, {11, "story", &i.story}};
  for (const Sealed& s : sealed) {
    Result<std::string> v = OpenText(k, r, s.index, kTable, s.column, i.id, org);
    if (!v) return v.error();
    *s.out = std::move(*v);
  }
  i.work_email = r.Int(8) != 0;
  i.city = r.Text(12);
  i.zip = r.Text(13);
  i.region = r.Text(14);
  i.industry = r.Text(15);
  i.size_band = r.Text(16);
  i.language = r.Text(17);
  i.consent_version = r.Text(18);
  i.spam = r.Int(19) != 0;
  i.spam_reason = r.Text(20);
  i.legal_hold = r.Int(21) != 0;
  i.legal_hold_reason = r.Text(22);
  i.assigned_to = r.Text(23);
  i.person_id = r.Text(24);
  i.merged_into_id = r.Text(25);
  i.campaign_id = r.Text(26);
  i.close_reason = r.Text(27);
  i.first_contact_at_ms = r.OptInt(28);
  i.stage_changed_at_ms = r.Int(29);
  i.version = r.Int(30);
  i.created_at_ms = r.Int(31);
  i.updated_at_ms = r.Int(32);
  return i;
}

Error Stale(int64_t now_version) {
  return Error::PreconditionFailed("someone else changed this request (now version " + std::to_string(now_version) +
                                   "); reload to see their change");
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Result<IntakeSettings> GetIntakeSettings(Tx& tx, const Scope& scope) {
  Result<Rows> r = tx.Query(
      "SELECT sla_hours, retention_days, repeat_days, version FROM intake_settings WHERE org_id = $1", {scope.org_id()});
  if (!r) return r.error();
  IntakeSettings s;
  if (r->empty()) return s;
  const Row& row = (*r)[0];
  s.sla_hours = row.Int(0);
  s.retention_days = row.Int(1);
  s.repeat_days = row.Int(2);
  s.version = row.Int(3);
  return s;
}

Result<IntakeSettings> PutIntakeSettings(Tx& tx, const Scope& scope, const IntakeSettings& s, int64_t expected_version,
                                         int64_t now_ms) {
  if (s.sla_hours < 1 || s.sla_hours > 720)
    return Error::InvalidInput("sla_hours", "sla_hours must be between 1 and 720 (hours to a first contact)");
  if (s.retention_days < 1 || s.retention_days > 3650)
    return Error::InvalidInput("retention_days", "retention_days must be between 1 and 3650");
  if (s.repeat_days < 0 || s.repeat_days > 365)
    return Error::InvalidInput("repeat_days", "repeat_days must be between 0 and 365");
  Result<IntakeSettings> cur = GetIntakeSettings(tx, scope);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed the intake settings (now version " +
                                     std::to_string(cur->version) + "); reload to see their change");
  }
  Result<Rows> row = tx.Query("SELECT 1 FROM intake_settings WHERE org_id = $1", {scope.org_id()});
  if (!row) return row.error();
  Result<int64_t> n =
      row->empty()
          ? tx.Exec("INSERT INTO intake_settings (org_id, sla_hours, retention_days, repeat_days, version, updated_at_ms) "
                    "VALUES ($1, $2, $3, $4, 2, $5)",
                    {scope.org_id(), s.sla_hours, s.retention_days, s.repeat_days, now_ms})
          : tx.Exec("UPDATE intake_settings SET sla_hours = $2, retention_days = $3, repeat_days = $4, "
                    "version = version + 1, updated_at_ms = $5 WHERE org_id = $1 AND version = $6",
                    {scope.org_id(), s.sla_hours, s.retention_days, s.repeat_days, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed the intake settings; reload to see their change");
  return GetIntakeSettings(tx, scope);
}

Result<SubmitOutcome> IntakeRepo::Submit(const NewIntake& n, int64_t repeat_days, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  Result<Rows> seen = tx_.Query("SELECT intake_id FROM intake_submissions WHERE org_id = $1 AND submission_id = $2",
                                {org, n.submission_id});
  if (!seen) return seen.error();
  if (!seen->empty()) return SubmitOutcome{SubmitOutcome::Kind::kRetry, (*seen)[0].Text(0)};

  // §4 #23: the same work whether or not the phone or email is known: both
  // indexes, one lookup, and every field sealed before the branch.
  const std::string id = NewId();
  const Value phone_bidx = static_cast<int64_t>(security::BlindIndex(keys_.phone_index, n.phone));
  const Value email_bidx = static_cast<int64_t>(security::BlindIndex(keys_.email_index, n.email));
  const Value name = SealText(keys_, kTable, "name", id, org, n.name);
  const Value phone = SealText(keys_, kTable, "phone", id, org, n.phone);
  const Value email = SealText(keys_, kTable, "email", id, org, n.email);
  const Value employer = SealText(keys_, kTable, "employer", id, org, n.employer);
  const Value best_time = SealText(keys_, kTable, "best_time", id, org, n.best_time);
  const Value story = SealText(keys_, kTable, "story", id, org, n.story);
  const std::string event_id = NewId();

  Result<Rows> cands = tx_.Query(
      std::string("SELECT id, phone_ct, email_ct FROM intakes WHERE org_id = $1 AND stage IN ") + kOpenStages +
          " AND spam = 0 AND merged_into_id IS NULL AND last_request_at_ms >= $2 "
          "AND ((phone_bidx = $3 AND $5 = 1) OR (email_bidx = $4 AND $6 = 1)) ORDER BY received_at_ms, id",
      {org, now_ms - repeat_days * 86400000, phone_bidx, email_bidx, int64_t{n.phone.empty() ? 0 : 1},
       int64_t{n.email.empty() ? 0 : 1}});
  if (!cands) return cands.error();
  std::string existing;
  for (const Row& r : *cands) {
    const std::string cid = r.Text(0);
    Result<std::string> p = OpenText(keys_, r, 1, kTable, "phone", cid, org);
    Result<std::string> e = OpenText(keys_, r, 2, kTable, "email", cid, org);
    if (!p || !e) continue;
    if ((!n.phone.empty() && *p == n.phone) || (!n.email.empty() && *e == n.email)) {
      if (existing.empty()) existing = cid;
    }
  }

  if (!existing.empty()) {
    // J1.2: one intake; the received time (the SLA clock) stays.
    Result<int64_t> u = tx_.Exec(
        "UPDATE intakes SET last_request_at_ms = $3, repeat_count = repeat_count + 1, version = version + 1, "
        "updated_at_ms = $3 WHERE org_id = $1 AND id = $2",
        {org, existing, now_ms});
    if (!u) return u.error();
    Result<int64_t> s = tx_.Exec(
        "INSERT INTO intake_submissions (org_id, submission_id, intake_id, received_at_ms) VALUES ($1, $2, $3, $4)",
        {org, n.submission_id, existing, now_ms});
    if (!s) return s.error();
    Result<int64_t> ev = tx_.Exec(
        "INSERT INTO intake_events (org_id, id, intake_id, at_ms, actor, kind, note_ct) "
        "VALUES ($1, $2, $3, $4, 'public', 'repeat', $5)",
        {org, event_id, existing, now_ms, SealText(keys_, "intake_events", "note", event_id, org, n.story)});
    if (!ev) return ev.error();
    return SubmitOutcome{SubmitOutcome::Kind::kRepeat, existing};
  }

  Result<int64_t> ins = tx_.Exec(
      "INSERT INTO intakes (org_id, id, stage, received_at_ms, last_request_at_ms, repeat_count, name_ct, phone_ct, "
      "phone_bidx, email_ct, email_bidx, work_email, employer_ct, best_time_ct, story_ct, city, zip, region, industry, "
      "size_band, language, consent_version, stage_changed_at_ms, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, 'new', $3, $3, 0, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $3, 1, "
      "$3, $3)",
      {org, id, now_ms, name, phone, n.phone.empty() ? Value(nullptr) : phone_bidx, email,
       n.email.empty() ? Value(nullptr) : email_bidx, int64_t{n.work_email ? 1 : 0}, employer, best_time, story, n.city,
       n.zip, n.region, n.industry, n.size_band, n.language, n.consent_version});
  if (!ins) return ins.error();
  Result<int64_t> s = tx_.Exec(
      "INSERT INTO intake_submissions (org_id, submission_id, intake_id, received_at_ms) VALUES ($1, $2, $3, $4)",
      {org, n.submission_id, id, now_ms});
  if (!s) return s.error();
  Result<int64_t> ev = tx_.Exec(
      "INSERT INTO intake_events (org_id, id, intake_id, at_ms, actor, kind, to_stage) "
      "VALUES ($1, $2, $3, $4, 'public', 'received', 'new')",
      {org, event_id, id, now_ms});
  if (!ev) return ev.error();
  return SubmitOutcome{SubmitOutcome::Kind::kNew, id};
}

Result<Intake> IntakeRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("nothing is here, or you don't have access to it");
  Result<Rows> r =
      tx_.Query(std::string("SELECT ") + kCols + " FROM intakes WHERE org_id = $1 AND id = $2", {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("nothing is here, or you don't have access to it");
  return FromRow((*r)[0], keys_, scope_.org_id());
}

Result<std::vector<Intake>> IntakeRepo::Queue(const IntakeQueueFilter& f, int64_t sla_hours, int64_t now_ms) {
  std::string sql = std::string("SELECT ") + kCols + " FROM intakes WHERE org_id = $1";
  Params p{scope_.org_id()};
  auto param = [&](Value v) {
    p.push_back(std::move(v));
    return "$" + std::to_string(p.size());
  };
  if (f.stages.empty()) {
    sql += std::string(" AND stage IN ") + kOpenStages;
  } else {
    sql += " AND stage IN (";
    for (size_t i = 0; i < f.stages.size(); ++i) {
      sql += (i ? ", " : "") + param(std::string(core::IntakeStageName(f.stages[i])));
    }
    sql += ")";
  }
  sql += f.spam ? " AND spam = 1" : " AND spam = 0";
  if (!f.region.empty()) sql += " AND region = " + param(f.region);
  if (!f.industry.empty()) sql += " AND industry = " + param(f.industry);
  if (!f.language.empty()) sql += " AND language = " + param(f.language);
  if (!f.assigned_to.empty()) sql += " AND assigned_to = " + param(f.assigned_to);
  if (f.min_age_ms) sql += " AND received_at_ms <= " + param(now_ms - *f.min_age_ms);
  if (f.max_age_ms) sql += " AND received_at_ms >= " + param(now_ms - *f.max_age_ms);
  if (f.overdue_only) {
    sql += " AND first_contact_at_ms IS NULL AND received_at_ms < " + param(now_ms - sla_hours * 3600000);
  }
  sql += " ORDER BY received_at_ms, id LIMIT " + param(std::max<int64_t>(1, std::min<int64_t>(f.limit, 1000)));
  Result<Rows> r = tx_.Query(sql, p);
  if (!r) return r.error();
  std::vector<Intake> out;
  for (const Row& row : *r) {
    Result<Intake> i = FromRow(row, keys_, scope_.org_id());
    if (!i) return i.error();
    out.push_back(std::move(*i));
  }
  return out;
}

Result<std::vector<IntakeEvent>> IntakeRepo::Events(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("nothing is here, or you don't have access to it");
  const std::string& org = scope_.org_id();
  Result<Rows> r = tx_.Query(
      "SELECT id, at_ms, actor, kind, from_stage, to_stage, note_ct FROM intake_events "
      "WHERE org_id = $1 AND intake_id = $2 ORDER BY at_ms, id",
      {org, id});
  if (!r) return r.error();
  std::vector<IntakeEvent> out;
  for (const Row& row : *r) {
    IntakeEvent e;
    e.id = row.Text(0);
    e.at_ms = row.Int(1);
    e.actor = row.Text(2);
    e.kind = row.Text(3);
    e.from_stage = row.Text(4);
    e.to_stage = row.Text(5);
    Result<std::string> note = OpenText(keys_, row, 6, "intake_events", "note", e.id, org);
    if (!note) return note.error();
    e.note = std::move(*note);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

// One change of an intake: the UPDATE (guarded by the version) and its event.
struct Change {
  std::string set;  // "stage = $5, ..." using $5.. for extra
  Params extra;
  std::string kind;
  std::string from_stage, to_stage;
  std::string note;
};

}  // namespace

static Status ApplyChange(Tx& tx, const Scope& scope, const OrgKeys& keys, const Intake& cur, int64_t expected_version,
                          const Change& c, const std::string& actor, int64_t now_ms) {
  const std::string& org = scope.org_id();
  if (cur.version != expected_version) return Stale(cur.version);
  Params p{org, cur.id, now_ms, expected_version};
  for (const Value& v : c.extra) p.push_back(v);
  Result<int64_t> n = tx.Exec("UPDATE intakes SET " + c.set + (c.set.empty() ? "" : ", ") +
                                  "version = version + 1, updated_at_ms = $3 WHERE org_id = $1 AND id = $2 AND version = $4",
                              p);
  if (!n) return n.error();
  if (*n == 0) return Stale(cur.version);
  const std::string eid = NewId();
  Result<int64_t> ev = tx.Exec(
      "INSERT INTO intake_events (org_id, id, intake_id, at_ms, actor, kind, from_stage, to_stage, note_ct) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {org, eid, cur.id, now_ms, actor, c.kind, c.from_stage, c.to_stage,
       SealText(keys, "intake_events", "note", eid, org, c.note)});
  if (!ev) return ev.error();
  return Ok();
}

Result<Intake> IntakeRepo::Transition(const std::string& id, int64_t expected_version, IntakeStage to,
                                      const std::string& reason, const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (Status ok = core::CheckIntakeTransition(cur->stage, to, reason); !ok) return ok.error();
  Change c;
  c.kind = "stage";
  c.from_stage = core::IntakeStageName(cur->stage);
  c.to_stage = core::IntakeStageName(to);
  c.note = reason;
  c.set = "stage = $5, stage_changed_at_ms = $3";
  c.extra = {c.to_stage};
  if (to == IntakeStage::kClosed) {
    c.set += ", close_reason = $6";
    c.extra.push_back(reason);
  } else if (cur->stage == IntakeStage::kClosed) {
    c.set += ", close_reason = ''";
  }
  if (cur->stage == IntakeStage::kMatched && to == IntakeStage::kTriaged) c.set += ", assigned_to = NULL";
  if (to == IntakeStage::kFirstContact && !cur->first_contact_at_ms) c.set += ", first_contact_at_ms = $3";
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<Intake> IntakeRepo::MarkSpam(const std::string& id, int64_t expected_version, bool spam,
                                    const std::string& reason, const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (spam && Blank(reason)) return Error::InvalidInput("reason", "say why this is spam (for example \"ad for loans\")");
  if (cur->spam == spam) {
    return Error::InvalidInput("spam", spam ? "this request is already marked as spam" : "this request is not marked as spam");
  }
  Change c;
  c.kind = spam ? "spam" : "unspam";
  c.note = reason;
  c.set = "spam = $5, spam_reason = $6";
  c.extra = {int64_t{spam ? 1 : 0}, spam ? reason : std::string()};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<Intake> IntakeRepo::SetLegalHold(const std::string& id, int64_t expected_version, bool hold,
                                        const std::string& reason, const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (hold && Blank(reason)) {
    return Error::InvalidInput("reason", "name the legal matter the hold is for (for example a subpoena's case number)");
  }
  if (cur->legal_hold == hold) {
    return Error::InvalidInput("legal_hold", hold ? "this request is already on legal hold" : "this request is not on legal hold");
  }
  Change c;
  c.kind = hold ? "hold" : "release";
  c.note = reason;
  c.set = "legal_hold = $5, legal_hold_reason = $6";
  c.extra = {int64_t{hold ? 1 : 0}, hold ? reason : std::string()};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<Intake> IntakeRepo::Assign(const std::string& id, int64_t expected_version, const std::string& user_id,
                                  const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (!IsCanonicalUuid(user_id)) return Error::InvalidInput("user_id", "choose an organizer to assign");
  if (Status ok = core::CheckIntakeTransition(cur->stage, IntakeStage::kMatched, ""); !ok) return ok.error();
  Change c;
  c.kind = "assign";
  c.from_stage = core::IntakeStageName(cur->stage);
  c.to_stage = "matched";
  c.set = "stage = 'matched', stage_changed_at_ms = $3, assigned_to = $5";
  c.extra = {user_id};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<Intake> IntakeRepo::Decline(const std::string& id, int64_t expected_version, const std::string& reason,
                                   const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (Status ok = core::CheckIntakeTransition(cur->stage, IntakeStage::kTriaged, reason); !ok) return ok.error();
  if (cur->stage != IntakeStage::kMatched) {
    return Error::InvalidInput("stage", "only a matched request can be declined; this one is \"" +
                                            std::string(core::IntakeStageName(cur->stage)) + "\"");
  }
  Change c;
  c.kind = "decline";
  c.from_stage = "matched";
  c.to_stage = "triaged";
  c.note = reason;
  c.set = "stage = 'triaged', stage_changed_at_ms = $3, assigned_to = NULL";
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<Intake> IntakeRepo::RecordFirstContact(const std::string& id, int64_t expected_version, int64_t contact_at_ms,
                                              const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (Status ok = core::CheckIntakeTransition(cur->stage, IntakeStage::kFirstContact, ""); !ok) return ok.error();
  Change c;
  c.kind = "stage";
  c.from_stage = core::IntakeStageName(cur->stage);
  c.to_stage = "first_contact";
  c.set = "stage = 'first_contact', stage_changed_at_ms = $3, first_contact_at_ms = $5";
  c.extra = {contact_at_ms};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<std::vector<DuplicateSuggestion>> IntakeRepo::Duplicates(const std::string& id) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  const std::string& org = scope_.org_id();
  std::vector<DuplicateSuggestion> out;
  const Value pb = Index(keys_.phone_index, cur->phone);
  const Value eb = Index(keys_.email_index, cur->email);
  if (cur->phone.empty() && cur->email.empty()) return out;
  auto match_of = [&](const std::string& phone, const std::string& email) {
    std::string m;
    if (!cur->phone.empty() && phone == cur->phone) m = "phone";
    if (!cur->email.empty() && email == cur->email) m += m.empty() ? "email" : ",email";
    return m;
  };
  Result<Rows> ir = tx_.Query(std::string("SELECT ") + kCols +
                                  " FROM intakes WHERE org_id = $1 AND id <> $2 AND (phone_bidx = $3 OR email_bidx = $4) "
                                  "ORDER BY received_at_ms, id LIMIT 50",
                              {org, id, pb, eb});
  if (!ir) return ir.error();
  for (const Row& row : *ir) {
    Result<Intake> o = FromRow(row, keys_, org);
    if (!o) continue;
    std::string m = match_of(o->phone, o->email);
    if (m.empty()) continue;
    out.push_back({"intake", o->id, m, o->name, o->phone, o->email, o->campaign_id, core::IntakeStageName(o->stage),
                   o->received_at_ms});
  }
  Result<Rows> pr = tx_.Query(
      "SELECT id, campaign_id, name_ct, phone_ct, email_ct FROM people WHERE org_id = $1 AND "
      "(phone_bidx = $2 OR email_bidx = $3) ORDER BY id LIMIT 50",
      {org, pb, eb});
  if (!pr) return pr.error();
  for (const Row& row : *pr) {
    const std::string pid = row.Text(0);
    std::string vals[3];
    const char* cols[3] = {"name", "phone", "email"};
    bool ok = true;
    for (size_t i = 0; i < 3; ++i) {
      if (row.IsNull(2 + i)) continue;
      Result<std::string> v = security::Decrypt(keys_.data, row.Blob(2 + i), security::FieldAd{"people", cols[i], pid, org});
      if (!v) {
        ok = false;
        break;
      }
      vals[i] = std::move(*v);
    }
    if (!ok) continue;
    std::string m = match_of(vals[1], vals[2]);
    if (m.empty()) continue;
    out.push_back({"person", pid, m, vals[0], vals[1], vals[2], row.Text(1), "", 0});
  }
  return out;
}

Result<Intake> IntakeRepo::MergeInto(const std::string& id, int64_t expected_version, const std::string& into_id,
                                     const std::string& reason, const std::string& actor, int64_t now_ms) {
  if (Blank(reason)) return Error::InvalidInput("reason", "say why these are the same request (for example \"same phone, same story\")");
  if (id == into_id) return Error::InvalidInput("into", "a request cannot be merged into itself");
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  Result<Intake> target = Get(into_id);
  if (!target) return Error::InvalidInput("into", "the request to merge into does not exist");
  if (!core::IsOpenIntakeStage(target->stage) || !target->merged_into_id.empty()) {
    return Error::InvalidInput("into", "the request to merge into is already resolved; merge into an open one");
  }
  if (!core::IsOpenIntakeStage(cur->stage)) {
    return Error::InvalidInput("stage", "this request is already resolved (\"" +
                                            std::string(core::IntakeStageName(cur->stage)) + "\")");
  }
  Change c;
  c.kind = "merge";
  c.from_stage = core::IntakeStageName(cur->stage);
  c.to_stage = "closed";
  c.note = reason;
  c.set = "stage = 'closed', stage_changed_at_ms = $3, close_reason = 'merged', merged_into_id = $5";
  c.extra = {into_id};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  // The surviving request keeps the older clock and counts the other's requests.
  Change t;
  t.kind = "merge";
  t.note = reason;
  t.set = "received_at_ms = $5, last_request_at_ms = $6, repeat_count = repeat_count + $7";
  t.extra = {std::min(cur->received_at_ms, target->received_at_ms),
             std::max(cur->last_request_at_ms, target->last_request_at_ms), cur->repeat_count + 1};
  if (Status s = ApplyChange(tx_, scope_, keys_, *target, target->version, t, actor, now_ms); !s) return s.error();
  return Get(into_id);
}

Result<Intake> IntakeRepo::LinkPerson(const std::string& id, int64_t expected_version, const std::string& person_id,
                                      const std::string& reason, const std::string& actor, int64_t now_ms) {
  if (Blank(reason)) return Error::InvalidInput("reason", "say why this request is this person (for example \"same phone, confirmed by call\")");
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (!IsCanonicalUuid(person_id)) return Error::InvalidInput("person_id", "choose the person to link");
  Result<Rows> p = tx_.Query("SELECT id FROM people WHERE org_id = $1 AND id = $2", {scope_.org_id(), person_id});
  if (!p) return p.error();
  if (p->empty()) return Error::InvalidInput("person_id", "that person does not exist");
  Change c;
  c.kind = "merge";
  c.note = reason;
  c.set = "person_id = $5";
  c.extra = {person_id};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Result<Intake> IntakeRepo::MarkCampaignOpened(const std::string& id, int64_t expected_version,
                                              const std::string& campaign_id, const std::string& person_id,
                                              const std::string& actor, int64_t now_ms) {
  Result<Intake> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) return Stale(cur->version);
  if (Status ok = core::CheckIntakeTransition(cur->stage, IntakeStage::kCampaignOpened, ""); !ok) return ok.error();
  Change c;
  c.kind = "stage";
  c.from_stage = core::IntakeStageName(cur->stage);
  c.to_stage = "campaign_opened";
  c.set = "stage = 'campaign_opened', stage_changed_at_ms = $3, campaign_id = $5, person_id = $6";
  c.extra = {campaign_id, NullIfEmpty(person_id)};
  if (Status s = ApplyChange(tx_, scope_, keys_, *cur, expected_version, c, actor, now_ms); !s) return s.error();
  return Get(id);
}

Status IntakeRepo::AddReminder(const std::string& id, const std::string& actor, int64_t now_ms) {
  Result<int64_t> ev = tx_.Exec(
      "INSERT INTO intake_events (org_id, id, intake_id, at_ms, actor, kind) VALUES ($1, $2, $3, $4, $5, 'reminder')",
      {scope_.org_id(), NewId(), id, now_ms, actor});
  if (!ev) return ev.error();
  return Ok();
}

Result<std::vector<std::string>> IntakeRepo::PurgeExpired(int64_t retention_days, int64_t now_ms, int64_t* held_out) {
  const std::string& org = scope_.org_id();
  const int64_t cutoff = now_ms - retention_days * 86400000;
  // RULE R41: general inquiries are deleted after 30-90 days; R40: a legal
  // hold blocks the purge, visibly.
  const std::string expired =
      "org_id = $1 AND stage NOT IN ('campaign_opened', 'referred') AND last_request_at_ms < $2 "
      "AND stage_changed_at_ms < $2";
  Result<Rows> held = tx_.Query("SELECT count(*) FROM intakes WHERE " + expired + " AND legal_hold = 1", {org, cutoff});
  if (!held) return held.error();
  if (held_out) *held_out = (*held)[0].Int(0);
  Result<Rows> r = tx_.Query("SELECT id FROM intakes WHERE " + expired + " AND legal_hold = 0 ORDER BY id", {org, cutoff});
  if (!r) return r.error();
  std::vector<std::string> ids;
  for (const Row& row : *r) {
    std::string id = row.Text(0);
    for (const char* sql : {"DELETE FROM intake_events WHERE org_id = $1 AND intake_id = $2",
                            "DELETE FROM intake_submissions WHERE org_id = $1 AND intake_id = $2",
                            "DELETE FROM intakes WHERE org_id = $1 AND id = $2"}) {
      Result<int64_t> n = tx_.Exec(sql, {org, id});
      if (!n) return n.error();
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

Result<int64_t> ReencryptIntakeBatch(Tx& tx, const Scope& scope, const OrgKeys& keys, int batch) {
  struct Sealed {
    const char* table;
    const char* column;
  };
  // Table and column names are constants here, never input.
  constexpr Sealed kSealed[] = {{"intakes", "name"},      {"intakes", "phone"}, {"intakes", "email"},
                                {"intakes", "employer"},  {"intakes", "best_time"}, {"intakes", "story"},
                                {"intake_events", "note"}};
  const std::string& org = scope.org_id();
  const uint32_t newest = keys.data.Newest()->key_id;
  int64_t changed = 0;
  for (const Sealed& s : kSealed) {
    const std::string col = std::string(s.column) + "_ct";
    Result<Rows> r = tx.Query(std::string("SELECT id, ") + col + " FROM " + s.table + " WHERE org_id = $1 AND " + col +
                                  " IS NOT NULL ORDER BY id",
                              {org});
    if (!r) return r.error();
    for (const Row& row : *r) {
      if (changed >= batch) return changed;
      if (security::BlobKeyId(row.Blob(1)) == newest) continue;
      const std::string id = row.Text(0);
      Result<std::string> re = security::Reencrypt(keys.data, row.Blob(1), security::FieldAd{s.table, s.column, id, org});
      if (!re) return re.error();
      Result<int64_t> n = tx.Exec(std::string("UPDATE ") + s.table + " SET " + col + " = $3 WHERE org_id = $1 AND id = $2",
                                  {org, id, Bytes{*re}});
      if (!n) return n.error();
      ++changed;
    }
  }
  return changed;
}

Result<std::vector<std::string>> RemindOverdueIntakes(Tx& tx, const Scope& scope, int64_t sla_hours,
                                                      int64_t remind_every_ms, int64_t now_ms) {
  const std::string& org = scope.org_id();
  Result<Rows> r = tx.Query(
      std::string("SELECT i.id FROM intakes i WHERE i.org_id = $1 AND i.stage IN ") + kOpenStages +
          " AND i.spam = 0 AND i.first_contact_at_ms IS NULL AND i.received_at_ms < $2 AND NOT EXISTS ("
          "SELECT 1 FROM intake_events e WHERE e.org_id = i.org_id AND e.intake_id = i.id AND e.kind = 'reminder' "
          "AND e.at_ms > $3) ORDER BY i.received_at_ms, i.id",
      {org, now_ms - sla_hours * 3600000, now_ms - remind_every_ms});
  if (!r) return r.error();
  std::vector<std::string> ids;
  for (const Row& row : *r) {
    std::string id = row.Text(0);
    Result<int64_t> ev = tx.Exec(
        "INSERT INTO intake_events (org_id, id, intake_id, at_ms, actor, kind) VALUES ($1, $2, $3, $4, 'system', 'reminder')",
        {org, NewId(), id, now_ms});
    if (!ev) return ev.error();
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace hotshop::store
