// SPDX-License-Identifier: AGPL-3.0-or-later
// UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, 74 random
// bits. Time-ordered for index locality; made in C++ so no table needs a
// sequence (scale-out.md §1). Pure: the caller supplies time and randomness.
//
// Thread rule: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hotshop::core {

// REQUIRES: 0 <= unix_ms < 2^48.
std::string FormatUuidV7(int64_t unix_ms, const std::array<uint8_t, 10>& random);

// The millisecond timestamp inside a v7 UUID; -1 when s is not a v7 UUID.
int64_t UuidV7Millis(std::string_view s);

}  // namespace hotshop::core
