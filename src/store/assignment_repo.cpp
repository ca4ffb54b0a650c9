// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/assignment_repo.h"

#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, intake_id, organizer_id, assigned_by, assigned_at_ms, accepted_at_ms, ended_at_ms, end_kind";

Assignment FromRow(const Row& r) {
  return Assignment{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.OptInt(5), r.OptInt(6), r.Text(7)};
}

Error NotYours() { return Error::NotFound("nothing is here, or you don't have access to it"); }

}  // namespace

Status AssignmentRepo::Notify(const std::string& user_id, const std::string& intake_id, const char* kind,
                              int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO organizer_notifications (org_id, id, user_id, intake_id, kind, created_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {scope_.org_id(), NewId(), user_id, intake_id, std::string(kind), now_ms});
  if (!n) return n.error();
  return Ok();
}

Status AssignmentRepo::End(const std::string& assignment_id, const char* kind, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE intake_assignments SET ended_at_ms = $3, end_kind = $4 WHERE org_id = $1 AND id = $2 "
      "AND ended_at_ms IS NULL",
      {scope_.org_id(), assignment_id, now_ms, std::string(kind)});
  if (!n) return n.error();
  return Ok();
}

Result<Assignment> AssignmentRepo::Assign(const std::string& intake_id, int64_t expected_version,
                                          const std::string& organizer_id, const std::string& actor, int64_t now_ms) {
  Result<Intake> intake = IntakeRepo(tx_, scope_, keys_).Assign(intake_id, expected_version, organizer_id, actor, now_ms);
  if (!intake) return intake.error();
  Result<int64_t> ended = tx_.Exec(
      "UPDATE intake_assignments SET ended_at_ms = $3, end_kind = 'reassigned' WHERE org_id = $1 AND intake_id = $2 "
      "AND ended_at_ms IS NULL",
      {scope_.org_id(), intake_id, now_ms});
  if (!ended) return ended.error();
  Assignment a{NewId(), intake_id, organizer_id, actor, now_ms, std::nullopt, std::nullopt, ""};
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO intake_assignments (org_id, id, intake_id, organizer_id, assigned_by, assigned_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {scope_.org_id(), a.id, intake_id, organizer_id, actor, now_ms});
  if (!n) return n.error();
  if (Status s = Notify(organizer_id, intake_id, "assigned", now_ms); !s) return s.error();
  return a;
}

Result<Assignment> AssignmentRepo::Open(const std::string& intake_id, const std::string& organizer_id) {
  if (!IsCanonicalUuid(intake_id)) return NotYours();
  // Open = not declined, timed out or reassigned, AND the intake still names
  // this organizer (a decline through the triage route clears assigned_to
  // without ending the row). A contacted assignment stays the organizer's.
  Result<Rows> r = tx_.Query(
      std::string("SELECT a.") + kCols +
          " FROM intake_assignments a JOIN intakes i ON i.org_id = a.org_id AND i.id = a.intake_id "
          "WHERE a.org_id = $1 AND a.intake_id = $2 AND a.organizer_id = $3 AND a.end_kind IN ('', 'contacted') "
          "AND i.assigned_to = $3 ORDER BY a.assigned_at_ms DESC LIMIT 1",
      {scope_.org_id(), intake_id, organizer_id});
  if (!r) return r.error();
  if (r->empty()) return NotYours();
  return FromRow((*r)[0]);
}

Result<Assignment> AssignmentRepo::Accept(const std::string& intake_id, const std::string& organizer_id,
                                          int64_t now_ms) {
  Result<Assignment> a = Open(intake_id, organizer_id);
  if (!a) return a.error();
  if (a->accepted_at_ms) return a;
  Result<int64_t> n = tx_.Exec("UPDATE intake_assignments SET accepted_at_ms = $3 WHERE org_id = $1 AND id = $2",
                               {scope_.org_id(), a->id, now_ms});
  if (!n) return n.error();
  a->accepted_at_ms = now_ms;
  return a;
}

Result<Intake> AssignmentRepo::Decline(const std::string& intake_id, const std::string& organizer_id,
                                       const std::string& reason, int64_t now_ms) {
  Result<Assignment> a = Open(intake_id, organizer_id);
  if (!a) return a.error();
  IntakeRepo intakes(tx_, scope_, keys_);
  Result<Intake> cur = intakes.Get(intake_id);
  if (!cur) return cur.error();
  Result<Intake> out = intakes.Decline(intake_id, cur->version, reason, organizer_id, now_ms);
  if (!out) return out.error();
  if (Status s = End(a->id, "declined", now_ms); !s) return s.error();
  return out;
}

Status AssignmentRepo::MarkContacted(const std::string& intake_id, const std::string& organizer_id, int64_t now_ms) {
  Result<Assignment> a = Open(intake_id, organizer_id);
  if (!a) return a.error();
  return End(a->id, "contacted", now_ms);
}

Result<std::vector<Assignment>> AssignmentRepo::History(const std::string& intake_id) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM intake_assignments WHERE org_id = $1 AND intake_id = $2 "
                                 "ORDER BY assigned_at_ms, id",
                             {scope_.org_id(), intake_id});
  if (!r) return r.error();
  std::vector<Assignment> out;
  for (const Row& row : *r) out.push_back(FromRow(row));
  return out;
}

Result<std::vector<Assignment>> AssignmentRepo::OpenFor(const std::string& organizer_id) {
  Result<Rows> r = tx_.Query(
      std::string("SELECT a.") + kCols +
          " FROM intake_assignments a JOIN intakes i ON i.org_id = a.org_id AND i.id = a.intake_id "
          "WHERE a.org_id = $1 AND a.organizer_id = $2 AND a.end_kind IN ('', 'contacted') AND i.assigned_to = $2 "
          "ORDER BY a.assigned_at_ms DESC, a.id",
      {scope_.org_id(), organizer_id});
  if (!r) return r.error();
  std::vector<Assignment> out;
  for (const Row& row : *r) out.push_back(FromRow(row));
  return out;
}

Result<std::vector<OrganizerNotification>> AssignmentRepo::Notifications(const std::string& organizer_id,
                                                                        int64_t limit) {
  Result<Rows> r = tx_.Query(
      "SELECT id, intake_id, kind, created_at_ms, read_at_ms FROM organizer_notifications "
      "WHERE org_id = $1 AND user_id = $2 ORDER BY created_at_ms DESC, id DESC LIMIT $3",
      {scope_.org_id(), organizer_id, limit});
  if (!r) return r.error();
  std::vector<OrganizerNotification> out;
  for (const Row& row : *r) {
    out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Int(3), !row.IsNull(4)});
  }
  return out;
}

Result<std::vector<std::string>> AssignmentRepo::TimeOutOverdue(int64_t now_ms, int64_t window_ms) {
  // RULE R22 (interpretation, core/first_contact.h): no first contact within
  // the window after the assignment -> back to the queue (J2.2).
  Result<Rows> r = tx_.Query(
      std::string("SELECT a.") + kCols +
          " FROM intake_assignments a JOIN intakes i ON i.org_id = a.org_id AND i.id = a.intake_id "
          "WHERE a.org_id = $1 AND a.ended_at_ms IS NULL AND a.assigned_at_ms <= $2 AND i.stage = 'matched' "
          "AND i.assigned_to = a.organizer_id AND i.first_contact_at_ms IS NULL ORDER BY a.assigned_at_ms, a.id",
      {scope_.org_id(), now_ms - window_ms});
  if (!r) return r.error();
  std::vector<std::string> out;
  IntakeRepo intakes(tx_, scope_, keys_);
  const std::string reason = "no first contact within " + std::to_string(window_ms / 3'600'000) + " hours";
  for (const Row& row : *r) {
    Assignment a = FromRow(row);
    if (!core::FirstContactOverdue(a.assigned_at_ms, std::nullopt, now_ms, window_ms)) continue;
    Result<Intake> cur = intakes.Get(a.intake_id);
    if (!cur) return cur.error();
    Result<Intake> back = intakes.Decline(a.intake_id, cur->version, reason, "system", now_ms);
    if (!back) return back.error();
    if (Status s = End(a.id, "timed_out", now_ms); !s) return s.error();
    if (Status s = Notify(a.organizer_id, a.intake_id, "timed_out", now_ms); !s) return s.error();
    if (Status s = intakes.AddReminder(a.intake_id, "system", now_ms); !s) return s.error();
    out.push_back(a.intake_id);
  }
  return out;
}

}  // namespace hotshop::store
