// SPDX-License-Identifier: AGPL-3.0-or-later
// Assignments of requests to organizers (migration 0012; issue #5;
// journeys J2.1, J2.2, J3.1): the dispatcher assigns (the intake becomes
// matched and the organizer is notified), the organizer accepts or
// declines (declined: back in the queue, history kept), and a job sends a
// request back when no first contact came within the window, with a
// reminder (RULE R22 interpretation in core/first_contact.h).
//
// Each step goes through IntakeRepo (stage, assigned_to, intake_events) and
// records the assignment's own history here; the caller writes the audit
// event. Times are parameters.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/first_contact.h"
#include "core/result.h"
#include "store/database.h"
#include "store/intake_repo.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct Assignment {
  std::string id;
  std::string intake_id;
  std::string organizer_id;
  std::string assigned_by;
  int64_t assigned_at_ms = 0;
  std::optional<int64_t> accepted_at_ms;
  std::optional<int64_t> ended_at_ms;
  std::string end_kind;  // "", declined, timed_out, contacted, reassigned
};

struct OrganizerNotification {
  std::string id;
  std::string intake_id;
  std::string kind;  // assigned, reminder, timed_out
  int64_t created_at_ms = 0;
  bool read = false;
};

class AssignmentRepo {
 public:
  AssignmentRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Assigns intake_id (at expected_version) to organizer_id: stage ->
  // matched, a new assignment row (an open one of another organizer ends as
  // "reassigned"), and an "assigned" notification. Errors: as
  // IntakeRepo::Assign (kPreconditionFailed, kInvalidInput "stage").
  Result<Assignment> Assign(const std::string& intake_id, int64_t expected_version, const std::string& organizer_id,
                            const std::string& actor, int64_t now_ms);
  // The organizer's current assignment of intake_id (open or contacted), or
  // kNotFound (not theirs, declined, timed out or reassigned): the same
  // answer as missing.
  Result<Assignment> Open(const std::string& intake_id, const std::string& organizer_id);
  // The organizer accepts. Idempotent (accepting twice keeps the first time).
  Result<Assignment> Accept(const std::string& intake_id, const std::string& organizer_id, int64_t now_ms);
  // The organizer declines (J2.2): back in the queue (matched -> triaged),
  // history kept. Errors: kNotFound (not theirs), kInvalidInput "reason".
  Result<Intake> Decline(const std::string& intake_id, const std::string& organizer_id, const std::string& reason,
                         int64_t now_ms);
  // Ends the open assignment as "contacted" (first contact logged).
  Status MarkContacted(const std::string& intake_id, const std::string& organizer_id, int64_t now_ms);
  // Every assignment of the request, oldest first.
  Result<std::vector<Assignment>> History(const std::string& intake_id);
  // The organizer's current assignments (open or contacted), newest first.
  Result<std::vector<Assignment>> OpenFor(const std::string& organizer_id);
  Result<std::vector<OrganizerNotification>> Notifications(const std::string& organizer_id, int64_t limit = 50);

  // The job (J2.2): every open assignment with no first contact whose
  // window has passed at now_ms goes back to the queue (reason "no first
  // contact within N hours", actor "system"), ends as timed_out, notifies
  // the organizer and adds a reminder to the intake for dispatchers.
  // Returns the intake ids sent back.
  Result<std::vector<std::string>> TimeOutOverdue(int64_t now_ms, int64_t window_ms = core::kFirstContactWindowMs);

 private:
  Status Notify(const std::string& user_id, const std::string& intake_id, const char* kind, int64_t now_ms);
  Status End(const std::string& assignment_id, const char* kind, int64_t now_ms);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
