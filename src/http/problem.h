// SPDX-License-Identifier: AGPL-3.0-or-later
// Problem details (RFC 9457): every error hotshop answers is
// application/problem+json with a message a person can act on and a stable
// `code` the UI translates. The only place ErrorCode becomes an HTTP status.
//
// Thread rule: pure functions.
#pragma once

#include "core/result.h"
#include "http/message.h"

namespace hotshop::http {

HttpStatus StatusFor(ErrorCode code);
// The stable machine code, e.g. "invalid_input".
const char* CodeName(ErrorCode code);

// A problem+json response for an Error.
Response Problem(const Error& error, unsigned version = 11);
// A problem+json response with an explicit status (transport errors: 405,
// 413, 415, 431) and a code name.
Response Problem(HttpStatus status, std::string code, std::string detail, unsigned version = 11);

}  // namespace hotshop::http
