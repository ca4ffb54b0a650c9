// SPDX-License-Identifier: AGPL-3.0-or-later
// Sodium initialization: libsodium must be initialized once before any key,
// nonce or token is drawn from its random generator.
//
// Implements security-model.md §2 (all of it rests on libsodium 1.0.18).
// Thread rule: InitSodium() may be called from any number of threads; the
// first call initializes, the rest wait for it and return the same result.
#pragma once

#include "core/result.h"

namespace hotshop::security {

// Initializes libsodium exactly once per process (std::call_once).
// Success: libsodium is ready; later calls return Ok() at once.
// Failure: kInternal when sodium_init() fails (no usable random source); the
//   server must refuse to start. Every later call returns the same error.
// Every function in src/security calls this itself, so callers need it only
// to turn the failure into a clean startup error.
Status InitSodium();

// Like InitSodium(), but aborts the process on failure: running crypto code
// without a random source would be worse than stopping. Used internally.
void EnsureSodium();

}  // namespace hotshop::security
