// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/conversation_repo.h"

#include <nlohmann/json.hpp>

#include "store/assignment_repo.h"
#include "store/intake_repo.h"
#include "store/organizer_repo.h"
#include "store/sealed_text.h"

namespace hotshop::store {
namespace {

constexpr const char* kTable = "conversation_logs";

std::string BodyJson(const ConversationLog& log) {
  nlohmann::json steps = nlohmann::json::object();
  for (const auto& [k, v] : log.step_notes) steps[k] = v;
  nlohmann::json body = {{"step_notes", steps}, {"notes", log.notes}};
  if (log.step_notes.empty() && log.notes.empty()) return "";
  return body.dump();
}

}  // namespace

Result<std::vector<ConversationLog>> ConversationRepo::Select(const std::string& where, const Params& params) {
  Result<Rows> r = tx_.Query(
      "SELECT id, intake_id, organizer_id, contacted_at_ms, steps, body_ct, created_at_ms FROM conversation_logs "
      "WHERE org_id = $1 AND " + where + " ORDER BY contacted_at_ms, id",
      params);
  if (!r) return r.error();
  std::vector<ConversationLog> out;
  for (const Row& row : *r) {
    ConversationLog l;
    l.id = row.Text(0);
    l.intake_id = row.Text(1);
    l.organizer_id = row.Text(2);
    l.contacted_at_ms = row.Int(3);
    l.steps = SplitList(row.Text(4));
    Result<std::string> body = OpenText(keys_, row, 5, kTable, "body_ct", l.id, scope_.org_id());
    if (!body) return body.error();
    if (!body->empty()) {
      nlohmann::json j = nlohmann::json::parse(*body, nullptr, false);
      if (j.is_object()) {
        auto sn = j.find("step_notes");
        if (sn != j.end() && sn->is_object()) {
          for (auto it = sn->begin(); it != sn->end(); ++it) {
            if (it->is_string()) l.step_notes[it.key()] = it->get<std::string>();
          }
        }
        auto notes = j.find("notes");
        if (notes != j.end() && notes->is_string()) l.notes = notes->get<std::string>();
      }
    }
    l.created_at_ms = row.Int(6);
    out.push_back(std::move(l));
  }
  return out;
}

Result<RecordOutcome> ConversationRepo::Record(const ConversationLog& log, int64_t now_ms) {
  Result<std::vector<ConversationLog>> seen = Select("id = $2", {scope_.org_id(), log.id});
  if (!seen) return seen.error();
  if (!seen->empty()) {
    const ConversationLog& old = (*seen)[0];
    if (old.intake_id != log.intake_id || old.organizer_id != log.organizer_id) {
      return Error::Conflict("id", "this record id is already used: let the app make a new one");
    }
    return RecordOutcome{old, false};
  }
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO conversation_logs (org_id, id, intake_id, organizer_id, contacted_at_ms, steps, body_ct, "
      "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {scope_.org_id(), log.id, log.intake_id, log.organizer_id, log.contacted_at_ms, JoinList(log.steps),
       SealText(keys_, kTable, "body_ct", log.id, scope_.org_id(), BodyJson(log)), now_ms});
  if (!n) return n.error();
  // The first contact: the SLA clock stops at the device time (J3.1).
  IntakeRepo intakes(tx_, scope_, keys_);
  Result<Intake> intake = intakes.Get(log.intake_id);
  if (!intake) return intake.error();
  if (!intake->first_contact_at_ms && intake->stage == core::IntakeStage::kMatched) {
    Result<Intake> done =
        intakes.RecordFirstContact(log.intake_id, intake->version, log.contacted_at_ms, log.organizer_id, now_ms);
    if (!done) return done.error();
    AssignmentRepo assignments(tx_, scope_, keys_);
    if (Status s = assignments.MarkContacted(log.intake_id, log.organizer_id, now_ms); !s &&
        s.error().code() != ErrorCode::kNotFound) {
      return s.error();
    }
  }
  ConversationLog stored = log;
  stored.created_at_ms = now_ms;
  return RecordOutcome{stored, true};
}

Result<std::vector<ConversationLog>> ConversationRepo::ForIntake(const std::string& intake_id) {
  return Select("intake_id = $2", {scope_.org_id(), intake_id});
}

}  // namespace hotshop::store
