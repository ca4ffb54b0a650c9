// SPDX-License-Identifier: AGPL-3.0-or-later
// Import routes (docs/api.md "Importing a list"): upload a contact file,
// see its detected mapping and preview, start it with corrections, follow
// its progress, download its row report, list past imports. Thin: the work
// is in api/import_jobs.h and store/import_engine.h. Who may: Action
// kImportPeople (org-wide admins and staff organizers); everyone else gets
// 404, as for a missing org.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response PostImport(const http::Request& req, Context& ctx);
http::Response PostImportStart(const http::Request& req, Context& ctx);
http::Response GetImport(const http::Request& req, Context& ctx);
http::Response GetImportReport(const http::Request& req, Context& ctx);
http::Response GetImports(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
