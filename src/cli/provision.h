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
// the org and grants the role, scoped to campaign (name or id) when given.
// Errors: kNotFound for an unknown org or campaign, kInvalidInput for a
// role or email that doesn't parse.
Result<NewUser> ProvisionUser(store::Database& db, store::KeyService& keys, const std::string& org_slug,
                              const std::string& email, const std::string& name, const std::string& role,
                              const std::string& campaign, int64_t now_ms);

}  // namespace hotshop::cli
