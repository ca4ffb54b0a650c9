// SPDX-License-Identifier: AGPL-3.0-or-later
// Optimistic concurrency over HTTP: a resource's version column becomes its
// ETag; a write must send If-Match with the version it read. A stale one
// answers 412 and changes nothing, so two organizers editing the same chart
// never silently overwrite each other (architecture.md, "The data").
//
// Thread rule: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "http/message.h"

namespace hotshop::http {

std::string ETagFor(int64_t version);

// The version a write request claims to be based on.
// Errors: kPreconditionRequired when If-Match is absent, kInvalidInput when
// it is not an ETag hotshop issued.
Result<int64_t> IfMatchVersion(const Request& req);

}  // namespace hotshop::http
