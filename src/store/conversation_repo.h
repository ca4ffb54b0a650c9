// SPDX-License-Identifier: AGPL-3.0-or-later
// Conversation logs (migration 0012; journeys J3.1): what an organizer
// records of a call with the worker, the seven steps covered and notes,
// sealed under the org's data key. The id comes from the organizer's
// device, once per record, so a retry after a dropped connection writes
// nothing new: exactly one record however often it is sent.
//
// The first log of an assigned request records the first contact at the
// log's device time (the SLA clock stops there) and ends the assignment as
// contacted. Times are parameters.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct ConversationLog {
  std::string id;  // the device's UUID
  std::string intake_id;
  std::string organizer_id;
  int64_t contacted_at_ms = 0;  // device time of the contact
  std::vector<std::string> steps;
  std::map<std::string, std::string> step_notes;  // step -> note
  std::string notes;                              // free notes
  int64_t created_at_ms = 0;
};

struct RecordOutcome {
  ConversationLog log;
  bool created = false;  // false: the id was seen before (a retry)
};

class ConversationRepo {
 public:
  ConversationRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Records log (or finds it, when log.id was recorded before by the same
  // organizer for the same request). The first log of a request in stage
  // matched records the first contact at contacted_at_ms. Errors:
  // kConflict ("id") when the id belongs to another record; kInvalidInput
  // from the intake's pipeline. REQUIRES: the caller checked that the
  // organizer holds the request, and the device time (core/first_contact).
  Result<RecordOutcome> Record(const ConversationLog& log, int64_t now_ms);
  // The request's logs, oldest contact first.
  Result<std::vector<ConversationLog>> ForIntake(const std::string& intake_id);

 private:
  Result<std::vector<ConversationLog>> Select(const std::string& where, const Params& params);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
