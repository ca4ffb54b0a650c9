// SPDX-License-Identifier: AGPL-3.0-or-later
// Checking a second factor: a TOTP code (never accepted twice) or a
// single-use recovery code. Shared by sign-in and step-up.
#pragma once

#include <string>

#include "api/context.h"
#include "store/database.h"

namespace hotshop::api {

// Success: the code was valid and is now spent. Failure: kUnauthenticated
// with field "code" and a message; replay is reported with field
// "totp_replayed" so the caller can audit and notify.
Status CheckSecondFactor(store::Tx& tx, const Context& ctx, const std::string& user_id, const std::string& code);

}  // namespace hotshop::api
