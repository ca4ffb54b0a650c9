// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/note_repo.h"

#include "store/employment_repo.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, campaign_id, person_id, body_ct, staff_only, author_id, version, created_at_ms, updated_at_ms";

Value OrNull(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }

}  // namespace

Result<Note> NoteRepo::FromRow(const Row& r) {
  Note n;
  n.id = r.Text(0);
  n.campaign_id = r.Text(1);
  n.person_id = r.Text(2);
  Result<std::string> body = OpenText(keys_, r, 3, "notes", "body", n.id, scope_.org_id());
  if (!body) return body.error();
  n.body = std::move(*body);
  n.staff_only = r.Int(4) != 0;
  n.author_id = r.Text(5);
  n.version = r.Int(6);
  n.created_at_ms = r.Int(7);
  n.updated_at_ms = r.Int(8);
  return n;
}

Result<Note> NoteRepo::Add(const std::string& campaign_id, const std::string& person_id, const std::string& body,
                           bool staff_only, const std::string& author_id, int64_t now_ms) {
  Note n;
  n.id = NewId();
  n.campaign_id = campaign_id;
  n.person_id = person_id;
  n.body = body;
  n.staff_only = staff_only;
  n.author_id = author_id;
  n.created_at_ms = n.updated_at_ms = now_ms;
  Result<int64_t> r = tx_.Exec(
      "INSERT INTO notes (org_id, id, campaign_id, person_id, body_ct, staff_only, author_id, version, created_at_ms, "
      "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
      {scope_.org_id(), n.id, OrNull(campaign_id), OrNull(person_id),
       SealText(keys_, "notes", "body", n.id, scope_.org_id(), body), int64_t{staff_only ? 1 : 0}, author_id, now_ms});
  if (!r) return r.error();
  return n;
}

Result<Note> NoteRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such note");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM notes WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such note");
  return FromRow((*r)[0]);
}

Result<std::vector<Note>> NoteRepo::List(const char* where, const std::string& id, bool with_staff_only) {
  std::vector<Note> out;
  if (!IsCanonicalUuid(id)) return out;
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM notes WHERE org_id = $1 AND " + where +
                                 (with_staff_only ? "" : " AND staff_only = 0") +
                                 " ORDER BY created_at_ms DESC, id DESC",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  for (const Row& row : *r) {
    Result<Note> n = FromRow(row);
    if (!n) return n.error();
    out.push_back(std::move(*n));
  }
  return out;
}

Result<std::vector<Note>> NoteRepo::OfPerson(const std::string& person_id, bool with_staff_only) {
  return List("person_id = $2", person_id, with_staff_only);
}

Result<std::vector<Note>> NoteRepo::OfCampaign(const std::string& campaign_id, bool with_staff_only) {
  return List("campaign_id = $2 AND person_id IS NULL", campaign_id, with_staff_only);
}

Result<Note> NoteRepo::Edit(const std::string& id, int64_t expected_version, const std::optional<std::string>& body,
                            std::optional<bool> staff_only, int64_t now_ms) {
  Result<Note> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone changed this note since you read it (now version " +
                                     std::to_string(cur->version) + "); reload it and edit again");
  }
  Note n = *cur;
  if (body) n.body = *body;
  if (staff_only) n.staff_only = *staff_only;
  Result<int64_t> r = tx_.Exec(
      "UPDATE notes SET body_ct = $3, staff_only = $4, version = version + 1, updated_at_ms = $5 "
      "WHERE org_id = $1 AND id = $2 AND version = $6",
      {scope_.org_id(), id, SealText(keys_, "notes", "body", id, scope_.org_id(), n.body),
       int64_t{n.staff_only ? 1 : 0}, now_ms, expected_version});
  if (!r) return r.error();
  if (*r != 1) return Error::PreconditionFailed("someone changed this note since you read it; reload it and edit again");
  n.version = expected_version + 1;
  n.updated_at_ms = now_ms;
  return n;
}

Result<Owner> NoteRepo::OwnerOfNote(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such note");
  Result<Rows> r = tx_.Query("SELECT campaign_id, person_id FROM notes WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such note");
  const std::string person = (*r)[0].Text(1);
  if (!person.empty()) return EmploymentRepo(tx_, scope_).OwnerOfPerson(person);
  return Owner{(*r)[0].Text(0), ""};
}

}  // namespace hotshop::store
