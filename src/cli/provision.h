// SPDX-License-Identifier: AGPL-3.0-or-later
// Provisioning from the command line (trusted: whoever runs it has the
// master key): adding a user with a one-time password and a grant.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"

namespace hotshop::cli {

struct NewUser {
  std::string user_id;
  std::string one_time_password;  // must be replaced at first sign-in
};

// A random one-time password: 20 characters from an unambiguous alphabet.
std::string OneTimePassword();

// Adds (or, when the email exists, reuses) an account, makes it a member of
// the org and grants the role, scoped to unit (name or id; a name must be
// unique, within campaign when both are given) or else to campaign (name or
// id) when given, else to the whole org. The role must fit the scope
// (security::CheckGrantScope: a unit only for worker-leaders; worker-leaders,
// mentors and callers never org-wide).
// Errors: kNotFound for an unknown org, campaign or unit, kInvalidInput for
// a role, scope or email that doesn't fit ("unit" for an ambiguous name).
Result<NewUser> ProvisionUser(store::Database& db, store::KeyService& keys, const std::string& org_slug,
                              const std::string& email, const std::string& name, const std::string& role,
                              const std::string& campaign, int64_t now_ms, const std::string& unit = "");

}  // namespace hotshop::cli
