// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/duration_stats.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace hotshop::core {

std::optional<int64_t> NearestRankPercentile(std::span<const int64_t> values, int p) {
  assert(p > 0 && p <= 100);
  if (values.empty()) return std::nullopt;
  std::vector<int64_t> sorted(values.begin(), values.end());
  const size_t n = sorted.size();
  // rank = ceil(p * n / 100), 1-based, in integers.
  size_t rank = (static_cast<size_t>(p) * n + 99) / 100;
  if (rank == 0) rank = 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank - 1), sorted.end());
  return sorted[rank - 1];
}

DurationStats SummarizeDurations(std::span<const int64_t> durations_ms) {
  DurationStats s;
  s.count = static_cast<int64_t>(durations_ms.size());
  s.median_ms = NearestRankPercentile(durations_ms, 50);
  s.p90_ms = NearestRankPercentile(durations_ms, 90);
  return s;
}

}  // namespace hotshop::core
