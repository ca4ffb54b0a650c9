// SPDX-License-Identifier: AGPL-3.0-or-later
// Look-alike detection for account identifiers (security-model.md §4 #16):
// an email that mixes scripts ("аdmin@…" with a Cyrillic а) or hides
// invisible or bidi characters could impersonate another account, so it is
// refused. Uses ICU's spoof checker (UTS #39, restriction level "highly
// restrictive"). Thread rule: safe from any thread.
#pragma once

#include <string_view>

#include "core/result.h"

namespace hotshop::security {

// Success for an identifier a person can't confuse with another.
// Failure: kInvalidInput on `field` naming the problem.
Status CheckNotConfusable(std::string_view identifier, std::string_view field);

}  // namespace hotshop::security
