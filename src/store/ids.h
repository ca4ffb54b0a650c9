// SPDX-License-Identifier: AGPL-3.0-or-later
// NewId(): a fresh UUIDv7 from the system clock and libsodium's CSPRNG.
// The one place ids are minted, at the edge, so src/core stays pure.
//
// Thread rule: safe from any thread.
#pragma once

#include <string>

namespace hotshop::store {

std::string NewId();

// Milliseconds since the Unix epoch, UTC, from the system clock.
int64_t NowMillis();

}  // namespace hotshop::store
