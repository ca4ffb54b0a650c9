// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/ids.h"

#include <sodium.h>

#include <chrono>

#include "core/uuid.h"

namespace hotshop::store {

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string NewId() {
  std::array<uint8_t, 10> r;
  randombytes_buf(r.data(), r.size());
  return core::FormatUuidV7(NowMillis(), r);
}

}  // namespace hotshop::store
