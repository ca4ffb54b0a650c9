// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/calendar_feed_repo.h"

#include "store/ids.h"

namespace hotshop::store {
namespace {

Result<std::optional<CalendarFeed>> One(Result<Rows> r) {
  if (!r) return r.error();
  if (r->empty()) return std::optional<CalendarFeed>();
  const Row& row = (*r)[0];
  return std::optional<CalendarFeed>(CalendarFeed{row.Text(0), row.Text(1), row.Text(2), row.Int(3)});
}

}  // namespace

Result<CalendarFeed> ReplaceCalendarFeed(Tx& tx, const std::string& user_id, const std::string& org_id,
                                         const std::string& token_hash, int64_t now_ms) {
  if (Result<bool> r = RevokeCalendarFeed(tx, user_id, org_id, now_ms); !r) return r.error();
  CalendarFeed f{NewId(), user_id, org_id, now_ms};
  Result<int64_t> n = tx.Exec(
      "INSERT INTO calendar_feeds (token_hash, id, user_id, org_id, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
      {token_hash, f.id, user_id, org_id, now_ms});
  if (!n) return n.error();
  return f;
}

Result<std::optional<CalendarFeed>> LiveCalendarFeed(Tx& tx, const std::string& user_id, const std::string& org_id) {
  return One(tx.Query(
      "SELECT id, user_id, org_id, created_at_ms FROM calendar_feeds WHERE user_id = $1 AND org_id = $2 "
      "AND revoked_at_ms IS NULL ORDER BY created_at_ms DESC",
      {user_id, org_id}));
}

Result<bool> RevokeCalendarFeed(Tx& tx, const std::string& user_id, const std::string& org_id, int64_t now_ms) {
  Result<int64_t> n = tx.Exec(
      "UPDATE calendar_feeds SET revoked_at_ms = $3 WHERE user_id = $1 AND org_id = $2 AND revoked_at_ms IS NULL",
      {user_id, org_id, now_ms});
  if (!n) return n.error();
  return *n > 0;
}

Result<std::optional<CalendarFeed>> FindCalendarFeed(Tx& tx, const std::string& token_hash) {
  return One(tx.Query(
      "SELECT id, user_id, org_id, created_at_ms FROM calendar_feeds WHERE token_hash = $1 AND revoked_at_ms IS NULL",
      {token_hash}));
}

}  // namespace hotshop::store
