// SPDX-License-Identifier: AGPL-3.0-or-later
// The region of a US ZIP code for the triage filters: the state (or
// territory) its three-digit prefix is assigned to, e.g. "TX" for 78701.
//
// Pure; thread-safe.
//
// Interpretation (issue #5, J2.1 "filter es + region"): a region is a state
// by default, so a dispatcher can split the queue among local groups
// without anyone typing a region. USPS assigns ZIP prefixes to states in
// ranges (a few prefixes are unassigned: ""); APO/FPO prefixes give "AA",
// "AE", "AP".
#pragma once

#include <string>
#include <string_view>

namespace hotshop::core {

// "" when zip does not start with 5 digits or the prefix is unassigned.
std::string ZipRegion(std::string_view zip);

// True for "12345" or "12345-6789".
bool IsUsZip(std::string_view zip);

}  // namespace hotshop::core
