// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/sodium_init.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <sodium.h>

namespace hotshop::security {

namespace {
std::once_flag g_once;
bool g_ok = false;  // written once under g_once, read after it
}  // namespace

Status InitSodium() {
  std::call_once(g_once, [] { g_ok = sodium_init() >= 0; });
  if (!g_ok) {
    return Error::Internal(
        "libsodium failed to initialize (no usable random source?)");
  }
  return Ok();
}

void EnsureSodium() {
  Status s = InitSodium();
  if (!s.ok()) {
    std::fprintf(stderr, "hotshop: fatal: %s\n", s.error().message().c_str());
    std::abort();
  }
}

}  // namespace hotshop::security
