// SPDX-License-Identifier: AGPL-3.0-or-later
// Exports (security-model.md §2.12, §3, §4 rows 12 and 25; journeys.md
// J8.3; docs/api.md "Exports").
//
// Who: org admins, and staff organizers whose grant carries the `export`
// flag; a staff organizer's export holds only the people of the campaigns
// such grants cover. Everyone else gets 404, exactly like a missing route
// object (§3 "out of scope returns 404"), audited as "export" denied.
// When: within 5 minutes of a step-up (signing in counts), else 401
// step_up_required, as for the other step-up routes.
// What: the fields asked for (io/export_csv.h: minimal by choice, nothing
// by default) of the people in scope, plus the export's decoy rows
// (io/export_decoys.h), as RFC 4180 CSV with the formula guard.
// Why: a stated reason, 10 to 500 characters, kept sealed in the export log
// (store/export_repo.h), not in the audit chain, which holds ids only.
// Audit: "export.created" with object "export:<id> rows=<n> fields=<list>"
// (counts and field names, never values); "export.downloaded" likewise;
// refusals as "export" / "export.download" denied.
// Download: GET the download_url, once, by the same user, within 10 minutes;
// 410 export_gone to that user afterwards, 404 to anyone else.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

// POST /api/orgs/{org}/exports {reason, fields, campaign?}
http::Response PostExport(const http::Request& req, Context& ctx);
// GET /api/orgs/{org}/exports/{id}/file: the CSV, once.
http::Response GetExportFile(const http::Request& req, Context& ctx);
// GET /api/orgs/{org}/exports: the export log (org admins, as the audit log).
http::Response GetExports(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
