// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/audit_log.h"

namespace hotshop::store {
namespace {

// REQUIRES: columns seq, ts_ms, actor, action, object, outcome first, in that order.
security::AuditEvent EventFromRow(const Row& row, const std::string& org_id) {
  security::AuditEvent e;
  e.seq = row.Int(0);
  e.ts_ms = row.Int(1);
  e.org_id = org_id;
  e.actor = row.Text(2);
  e.action = row.Text(3);
  e.object = row.Text(4);
  e.outcome = row.Text(5);
  return e;
}

}  // namespace

Result<int64_t> AppendAudit(Tx& tx, const std::string& org_id, const std::string& actor, const std::string& action,
                            const std::string& object, const std::string& outcome, int64_t now_ms) {
  std::string lock = tx.dialect() == Dialect::kPostgres ? " FOR UPDATE" : "";
  Result<Rows> st = tx.Query("SELECT audit_seq, audit_head FROM org_state WHERE org_id = $1" + lock, {org_id});
  if (!st) return st.error();
  if (st->empty()) return Error::Internal("org_state missing for an org");
  security::AuditEvent e;
  e.seq = (*st)[0].Int(0) + 1;
  e.ts_ms = now_ms;
  e.org_id = org_id;
  e.actor = actor;
  e.action = action;
  e.object = object;
  e.outcome = outcome;
  std::string prev = (*st)[0].Text(1);
  if (prev.empty()) prev = security::GenesisHash(org_id);
  std::string hash = security::ChainHash(prev, e);
  Result<int64_t> ins = tx.Exec(
      "INSERT INTO audit_events (org_id, seq, ts_ms, actor, action, object, outcome, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {org_id, e.seq, now_ms, actor, action, object, outcome, prev, hash});
  if (!ins) return ins.error();
  Result<int64_t> up = tx.Exec("UPDATE org_state SET audit_seq = $2, audit_head = $3 WHERE org_id = $1",
                               {org_id, e.seq, hash});
  if (!up) return up.error();
  return e.seq;
}

Result<std::vector<security::AuditEvent>> ListAudit(Tx& tx, const std::string& org_id, int64_t before, int limit) {
  Result<Rows> r = tx.Query(
      "SELECT seq, ts_ms, actor, action, object, outcome FROM audit_events WHERE org_id = $1 AND ($2 = 0 OR seq < $2) "
      "ORDER BY seq DESC LIMIT $3",
      {org_id, before, static_cast<int64_t>(limit)});
  if (!r) return r.error();
  std::vector<security::AuditEvent> out;
  for (const Row& row : *r) {
    out.push_back(EventFromRow(row, org_id));
  }
  return out;
}

Result<std::optional<int64_t>> VerifyAudit(Tx& tx, const std::string& org_id) {
  Result<Rows> r = tx.Query(
      "SELECT seq, ts_ms, actor, action, object, outcome, hash FROM audit_events WHERE org_id = $1 ORDER BY seq",
      {org_id});
  if (!r) return r.error();
  std::vector<std::pair<security::AuditEvent, std::string>> rows;
  rows.reserve(r->size());
  for (const Row& row : *r) {
    rows.emplace_back(EventFromRow(row, org_id), row.Text(6));
  }
  // A head that no longer matches the last row means rows were cut off the end.
  std::optional<int64_t> broken = security::FirstBrokenLink(rows, security::GenesisHash(org_id));
  if (broken) return broken;
  Result<Rows> st = tx.Query("SELECT audit_seq, audit_head FROM org_state WHERE org_id = $1", {org_id});
  if (!st) return st.error();
  if (!st->empty()) {
    int64_t seq = (*st)[0].Int(0);
    std::string head = (*st)[0].Text(1);
    int64_t last = rows.empty() ? 0 : rows.back().first.seq;
    std::string last_hash = rows.empty() ? "" : rows.back().second;
    if (seq != last || head != last_hash) return std::optional<int64_t>(last + 1);
  }
  return std::optional<int64_t>();
}

}  // namespace hotshop::store
