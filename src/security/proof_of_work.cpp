// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/proof_of_work.h"

#include <sodium.h>

#include <stdexcept>

namespace hotshop::security {
namespace {

std::string Hex(const unsigned char* p, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 15];
  }
  return out;
}

std::string Signature(const SecretBytes& key, const PowChallenge& c) {
  // Every field the client sees is bound in; "|" cannot occur in any of them.
  std::string msg = "hotshop-intake-pow-v1|" + c.algorithm + "|" + c.salt + "|" + std::to_string(c.expires_at_ms) +
                    "|" + std::to_string(c.bits);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key.data(), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return Hex(mac, sizeof mac);
}

}  // namespace

bool PowSolves(std::string_view salt, uint64_t number, int bits) {
  std::string input(salt);
  input += std::to_string(number);
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  for (int i = 0; i < bits; ++i) {
    if (h[i / 8] & (0x80 >> (i % 8))) return false;
  }
  return true;
}

uint64_t SolvePow(std::string_view salt, int bits) {
  for (uint64_t n = 0;; ++n) {
    if (PowSolves(salt, n, bits)) return n;
  }
}

PowChallenge NewPowChallenge(const SecretBytes& key, int bits, int64_t now_ms, int64_t ttl_ms) {
  if (key.size() != 32 || bits < 1 || bits > 32) throw std::invalid_argument("NewPowChallenge");
  unsigned char salt[16];
  randombytes_buf(salt, sizeof salt);
  PowChallenge c;
  c.salt = Hex(salt, sizeof salt);
  c.expires_at_ms = now_ms + ttl_ms;
  c.bits = bits;
  c.signature = Signature(key, c);
  return c;
}

Status VerifyPow(const SecretBytes& key, const PowChallenge& c, uint64_t number, int64_t now_ms, int min_bits) {
  const std::string want = Signature(key, c);
  if (c.algorithm != "SHA-256" || c.signature.size() != want.size() ||
      sodium_memcmp(want.data(), c.signature.data(), want.size()) != 0) {
    return Error::InvalidInput("pow", "the anti-spam check did not come from this server; reload the page and send again");
  }
  if (now_ms > c.expires_at_ms) {
    return Error::InvalidInput("pow", "the anti-spam check expired; your message is still here: press Send again");
  }
  if (c.bits < min_bits || c.bits > 32) {
    return Error::InvalidInput("pow", "the anti-spam check is too easy; reload the page and send again");
  }
  if (!PowSolves(c.salt, number, c.bits)) {
    return Error::InvalidInput("pow", "the anti-spam check was not solved; press Send again");
  }
  return Ok();
}

}  // namespace hotshop::security
