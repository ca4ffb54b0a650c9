// SPDX-License-Identifier: AGPL-3.0-or-later
// The voter list of an election, imported as people tagged restricted-use
// (domain-rules.md R7; docs/api.md "Elections, charges and deadlines").
// RULE R7: the list the employer serves (names, work locations, shifts,
// job classifications, home addresses, personal emails and phones) may be
// used only for the proceeding and related matters (UNVERIFIED), so every
// row is tagged "restricted-use" and "voter-list <case number>"
// (core::TagVoterListRow: no case number, no import).
//
// It is an ordinary import (api/import_jobs.h, store/import_engine.h): the
// same upload limits, header detection, deduplication against the org's
// people (a row matching a person tags that person), row report, history,
// one import per org at a time; progress at GET /imports/{id}. Because the
// engine deduplicates org-wide, it needs both elections.edit on the election
// and people.import on the org (org admins, org-wide staff organizers).
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response PostVoterList(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
