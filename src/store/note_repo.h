// SPDX-License-Identifier: AGPL-3.0-or-later
// Notes on a person or a campaign (migration 0013): sealed body, author,
// time, staff_only flag, version. Records get subpoenaed (domain-rules.md
// R40): the UI asks for facts, not opinions; the store keeps every note's
// author and time, and an edit keeps the author and bumps the version.
//
// Who may read which note is the caller's decision (security::Authorize);
// the repository only leaves staff-only notes out when told to, so that
// for a reader without the right they are absent, not redacted.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

struct Note {
  std::string id;
  std::string campaign_id;  // "" for a note on a person in no campaign
  std::string person_id;    // "" for a note on the campaign
  std::string body;         // sealed at rest
  bool staff_only = false;
  std::string author_id;  // a user id
  int64_t version = 1;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// At most this many bytes of text in one note.
inline constexpr size_t kMaxNoteBytes = 10'000;

class NoteRepo {
 public:
  NoteRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // REQUIRES: body non-empty and at most kMaxNoteBytes (checked by the
  // caller); campaign_id is the person's campaign ("" when none) for a
  // person's note, or the campaign for a campaign note (person_id "").
  Result<Note> Add(const std::string& campaign_id, const std::string& person_id, const std::string& body,
                   bool staff_only, const std::string& author_id, int64_t now_ms);
  // Errors: kNotFound.
  Result<Note> Get(const std::string& id);
  // Newest first; staff-only notes only when with_staff_only.
  Result<std::vector<Note>> OfPerson(const std::string& person_id, bool with_staff_only);
  Result<std::vector<Note>> OfCampaign(const std::string& campaign_id, bool with_staff_only);
  // Changes the text (and staff_only when given) of a note at
  // expected_version. Errors: kNotFound; kPreconditionFailed (stale).
  Result<Note> Edit(const std::string& id, int64_t expected_version, const std::optional<std::string>& body,
                    std::optional<bool> staff_only, int64_t now_ms);
  // Who the note is about, for authorization: the person's campaign and
  // current unit, or the campaign. Errors: kNotFound.
  Result<Owner> OwnerOfNote(const std::string& id);

 private:
  Result<std::vector<Note>> List(const char* where, const std::string& id, bool with_staff_only);
  Result<Note> FromRow(const Row& r);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
