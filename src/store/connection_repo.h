// SPDX-License-Identifier: AGPL-3.0-or-later
// Connections between people (issue #4: "influences, friends, family,
// carpool ... shown on the person and on the chart"): who can move whom,
// the map an organizer builds to find the leaders of each social group.
//
// 'influences' is directed (person_id influences other_person_id); friend,
// family and carpool are mutual and kept once per pair (smaller id first),
// so adding B-A after A-B is a conflict, not a second row.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/scope.h"

namespace hotshop::store {

enum class ConnectionKind { kInfluences, kFriend, kFamily, kCarpool };
const char* ConnectionKindName(ConnectionKind k);
std::optional<ConnectionKind> ParseConnectionKind(std::string_view name);

struct Connection {
  std::string id;
  std::string person_id;        // for kInfluences: the one who influences
  std::string other_person_id;  // for kInfluences: the one influenced
  ConnectionKind kind = ConnectionKind::kFriend;
  std::string created_by;
  int64_t created_at_ms = 0;
};

class ConnectionRepo {
 public:
  ConnectionRepo(Tx& tx, const Scope& scope) : tx_(tx), scope_(scope) {}

  // Errors: kNotFound when either person is not in this org;
  // kInvalidInput "other_person_id" for a connection to oneself; kConflict
  // "kind" when the same connection exists.
  Result<Connection> Add(const std::string& person_id, const std::string& other_person_id, ConnectionKind kind,
                         const std::string& created_by, int64_t now_ms);
  Result<Connection> Get(const std::string& id);
  // Every connection touching the person, either side; oldest first.
  Result<std::vector<Connection>> OfPerson(const std::string& person_id);
  // Errors: kNotFound.
  Status Remove(const std::string& id);

 private:
  Tx& tx_;
  const Scope& scope_;
};

}  // namespace hotshop::store
