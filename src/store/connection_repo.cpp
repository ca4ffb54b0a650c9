// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/connection_repo.h"

#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols = "id, person_id, other_person_id, kind, created_by, created_at_ms";

Connection FromRow(const Row& r) {
  return Connection{r.Text(0), r.Text(1), r.Text(2), ParseConnectionKind(r.Text(3)).value_or(ConnectionKind::kFriend),
                    r.Text(4), r.Int(5)};
}

}  // namespace

const char* ConnectionKindName(ConnectionKind k) {
  switch (k) {
    case ConnectionKind::kInfluences: return "influences";
    case ConnectionKind::kFriend: return "friend";
    case ConnectionKind::kFamily: return "family";
    case ConnectionKind::kCarpool: return "carpool";
  }
  return "friend";
}

std::optional<ConnectionKind> ParseConnectionKind(std::string_view name) {
  if (name == "influences") return ConnectionKind::kInfluences;
  if (name == "friend") return ConnectionKind::kFriend;
  if (name == "family") return ConnectionKind::kFamily;
  if (name == "carpool") return ConnectionKind::kCarpool;
  return std::nullopt;
}

Result<Connection> ConnectionRepo::Add(const std::string& person_id, const std::string& other_person_id,
                                       ConnectionKind kind, const std::string& created_by, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  for (const std::string* id : {&person_id, &other_person_id}) {
    if (!IsCanonicalUuid(*id)) return Error::NotFound("no such person");
    Result<Rows> r = tx_.Query("SELECT 1 FROM people WHERE org_id = $1 AND id = $2", {org, *id});
    if (!r) return r.error();
    if (r->empty()) return Error::NotFound("no such person");
  }
  if (person_id == other_person_id) {
    return Error::InvalidInput("other_person_id", "a person cannot be connected to themselves");
  }
  Connection c{NewId(), person_id, other_person_id, kind, created_by, now_ms};
  if (kind != ConnectionKind::kInfluences && c.other_person_id < c.person_id) std::swap(c.person_id, c.other_person_id);
  Result<Rows> dup = tx_.Query(
      "SELECT 1 FROM connections WHERE org_id = $1 AND person_id = $2 AND other_person_id = $3 AND kind = $4",
      {org, c.person_id, c.other_person_id, std::string(ConnectionKindName(kind))});
  if (!dup) return dup.error();
  if (!dup->empty()) return Error::Conflict("kind", "these two people are already connected that way");
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO connections (org_id, id, person_id, other_person_id, kind, created_by, created_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {org, c.id, c.person_id, c.other_person_id, std::string(ConnectionKindName(kind)), created_by, now_ms});
  if (!n) return n.error();
  return c;
}

Result<Connection> ConnectionRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such connection");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM connections WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such connection");
  return FromRow((*r)[0]);
}

Result<std::vector<Connection>> ConnectionRepo::OfPerson(const std::string& person_id) {
  if (!IsCanonicalUuid(person_id)) return std::vector<Connection>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM connections WHERE org_id = $1 AND (person_id = $2 OR other_person_id = $2) "
                                 "ORDER BY created_at_ms, id",
                             {scope_.org_id(), person_id});
  if (!r) return r.error();
  std::vector<Connection> out;
  for (const Row& row : *r) out.push_back(FromRow(row));
  return out;
}

Status ConnectionRepo::Remove(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such connection");
  Result<int64_t> n = tx_.Exec("DELETE FROM connections WHERE org_id = $1 AND id = $2", {scope_.org_id(), id});
  if (!n) return n.error();
  if (*n == 0) return Error::NotFound("no such connection");
  return Ok();
}

}  // namespace hotshop::store
