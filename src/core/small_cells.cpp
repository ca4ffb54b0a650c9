// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/small_cells.h"

namespace hotshop::core {

std::string SuppressedCount(int64_t count, int64_t threshold) {
  if (count > 0 && count < threshold) return "<" + std::to_string(threshold);
  return std::to_string(count);
}

}  // namespace hotshop::core
