// SPDX-License-Identifier: AGPL-3.0-or-later
// Calendar feeds: one secret URL per user and org that a calendar app
// polls for the deadlines the user may see (api/calendar_handlers.h).
// Only the BLAKE2b hash of the token is stored (like sessions,
// security-model.md §2.5); creating a new feed revokes the old one, so
// "rotate" is create.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace hotshop::store {

struct CalendarFeed {
  std::string id;
  std::string user_id;
  std::string org_id;
  int64_t created_at_ms = 0;
};

// Revokes the user's live feed in org (if any) and stores a new one under
// token_hash. Returns the new feed.
Result<CalendarFeed> ReplaceCalendarFeed(Tx& tx, const std::string& user_id, const std::string& org_id,
                                         const std::string& token_hash, int64_t now_ms);
// The user's live feed in org, if any.
Result<std::optional<CalendarFeed>> LiveCalendarFeed(Tx& tx, const std::string& user_id, const std::string& org_id);
// Revokes it; returns whether one was live.
Result<bool> RevokeCalendarFeed(Tx& tx, const std::string& user_id, const std::string& org_id, int64_t now_ms);
// The live feed with this token hash, if any.
Result<std::optional<CalendarFeed>> FindCalendarFeed(Tx& tx, const std::string& token_hash);

}  // namespace hotshop::store
