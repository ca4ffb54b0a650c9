// SPDX-License-Identifier: AGPL-3.0-or-later
// Proof of work for the public intake form (security-model.md §2.9, §4
// #22): a self-hosted, ALTCHA-like challenge. The server hands out a random
// salt, an expiry and a difficulty, signed with HMAC-SHA-256 under a key
// derived from the master key (KeyService::IntakePowKey); the browser finds
// a number n such that SHA-256(salt ‖ decimal(n)) starts with `bits` zero
// bits (about 2^bits hashes with Web Crypto) and sends n back with the
// challenge. Checking costs the server one HMAC and one SHA-256, and no
// state: the signature proves the server made the challenge. Single use is
// the caller's part: it remembers spent signatures until they expire
// (intake_pow_spent).
//
// No third party is involved (no CAPTCHA service, §2.8).
//
// Thread rule: pure functions, safe from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/secret.h"

namespace hotshop::security {

struct PowChallenge {
  std::string algorithm = "SHA-256";
  std::string salt;          // 32 hex characters from the CSPRNG
  int64_t expires_at_ms = 0;
  int bits = 0;              // leading zero bits the hash must have
  std::string signature;     // hex HMAC-SHA-256 over the fields above
};

// A fresh challenge. REQUIRES: key.size() == 32; 1 <= bits <= 32.
PowChallenge NewPowChallenge(const SecretBytes& key, int bits, int64_t now_ms, int64_t ttl_ms);

// Verifies a solution. Errors (kInvalidInput, field "pow"): a signature
// that does not match (forged or altered challenge), an expired challenge,
// a number that does not give enough zero bits, a bits value below
// min_bits (a client cannot choose an easier puzzle).
Status VerifyPow(const SecretBytes& key, const PowChallenge& c, uint64_t number, int64_t now_ms, int min_bits);

// SHA-256(salt ‖ decimal(number)) has at least `bits` leading zero bits.
bool PowSolves(std::string_view salt, uint64_t number, int bits);

// Finds the smallest solving number (tests and the bench's honest client).
uint64_t SolvePow(std::string_view salt, int bits);

}  // namespace hotshop::security
