// SPDX-License-Identifier: AGPL-3.0-or-later
// Small-cell suppression for aggregates shown to viewers
// (security-model.md §3 "Viewer: aggregates, with cells <5 suppressed", §4
// #10): a count under the threshold is shown as "<5", so a viewer can't
// single out the two people in a small unit. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace hotshop::core {

inline constexpr int64_t kSmallCellThreshold = 5;

// "<5" for 1..threshold-1, the number otherwise (0 stays "0": an empty cell
// reveals no one).
std::string SuppressedCount(int64_t count, int64_t threshold = kSmallCellThreshold);

}  // namespace hotshop::core
