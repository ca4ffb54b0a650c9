// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/session_token.h"

#include <sodium.h>

#include "security/sodium_init.h"

namespace hotshop::security {

namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string NewToken() {
  EnsureSodium();
  unsigned char raw[kTokenBytes];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(kTokenBytes, kVariant)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, kVariant);
  sodium_memzero(raw, sizeof raw);
  std::string token(b64);
  sodium_memzero(b64, sizeof b64);
  return token;
}

}  // namespace

std::string NewSessionToken() { return NewToken(); }

std::string NewInvitationToken() { return NewToken(); }

bool IsWellFormedToken(std::string_view token) {
  if (token.size() != kTokenChars) return false;
  for (char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out,
                     reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[2 * sizeof out + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace hotshop::security
