// SPDX-License-Identifier: AGPL-3.0-or-later
// Median and 90th percentile of a set of durations, for the movement view's
// "time to first contact" (issue #5). Nearest-rank percentiles (the value
// at rank ceil(p/100 x n) of the sorted list): always one of the observed
// durations, never an interpolation, so "90% of workers were reached within
// X" is literally true of the data.
//
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace hotshop::core {

struct DurationStats {
  int64_t count = 0;
  std::optional<int64_t> median_ms;  // nullopt when count == 0
  std::optional<int64_t> p90_ms;
};

// Never fails; negative durations are counted as given.
DurationStats SummarizeDurations(std::span<const int64_t> durations_ms);

// The nearest-rank p-th percentile of values, p in (0, 100].
// nullopt for an empty list. REQUIRES: 0 < p <= 100.
std::optional<int64_t> NearestRankPercentile(std::span<const int64_t> values, int p);

}  // namespace hotshop::core
