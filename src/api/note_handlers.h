// SPDX-License-Identifier: AGPL-3.0-or-later
// Notes on a person and on a campaign (docs/api.md "Notes"; migration 0013).
// Who: anyone who may see the person (or, for campaign notes, the campaign)
// reads its notes; organizers, worker-leaders of the person's unit and
// mentors add them (security-model.md §3: mentors "read, comment"); only
// the author edits a note, with the version read (If-Match). Staff-only
// notes exist only for org admins and staff organizers: for everyone else
// they are absent from lists and a PATCH answers 404 like a missing note.
// Reads are audited (a note may describe a person).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetPersonNotes(const http::Request& req, Context& ctx);
http::Response PostPersonNote(const http::Request& req, Context& ctx);
http::Response GetCampaignNotes(const http::Request& req, Context& ctx);
http::Response PostCampaignNote(const http::Request& req, Context& ctx);
http::Response PatchNote(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
