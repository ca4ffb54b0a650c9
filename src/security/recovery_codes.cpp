// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/recovery_codes.h"

#include <stdexcept>

#include <sodium.h>

#include "security/keyring.h"
#include "security/sodium_init.h"

namespace hotshop::security {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford
constexpr char kDomain[] = "hotshop.recovery.v1";
constexpr std::size_t kHashBytes = crypto_generichash_BYTES;  // 32

void RequireArgs(const SecretBytes& key, std::string_view user_id) {
  if (key.size() != 32) {
    throw std::invalid_argument("recovery code key must be 32 bytes");
  }
  if (user_id.empty()) throw std::invalid_argument("user_id is required");
}

// Canonical code -> raw hash bytes.
void HashCanonical(const SecretBytes& key, std::string_view user_id,
                   const std::string& canonical, unsigned char out[kHashBytes]) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, key.data(), key.size(), kHashBytes);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(kDomain),
                            sizeof(kDomain) - 1);
  const uint64_t len = user_id.size();
  unsigned char len_be[8];
  for (int i = 0; i < 8; ++i) {
    len_be[i] = static_cast<unsigned char>((len >> (56 - 8 * i)) & 0xFF);
  }
  crypto_generichash_update(&st, len_be, sizeof len_be);
  crypto_generichash_update(
      &st, reinterpret_cast<const unsigned char*>(user_id.data()),
      user_id.size());
  crypto_generichash_update(
      &st, reinterpret_cast<const unsigned char*>(canonical.data()),
      canonical.size());
  crypto_generichash_final(&st, out, kHashBytes);
}

std::string ToHex(const unsigned char* bytes, std::size_t n) {
  std::string hex(2 * n + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

}  // namespace

SecretBytes RecoveryCodeKey(const SecretBytes& master_key) {
  return DeriveSubkey(master_key, kRecoverySubkeyId, kRecoveryContext);
}

RecoveryCodeSet GenerateRecoveryCodes(const SecretBytes& key,
                                      std::string_view user_id,
                                      std::size_t count) {
  RequireArgs(key, user_id);
  EnsureSodium();
  RecoveryCodeSet set;
  set.codes.reserve(count);
  set.hashes.reserve(count);
  for (std::size_t n = 0; n < count; ++n) {
    std::string canonical;
    for (std::size_t i = 0; i < kRecoveryCodeChars; ++i) {
      canonical.push_back(kAlphabet[randombytes_uniform(32)]);
    }
    unsigned char h[kHashBytes];
    HashCanonical(key, user_id, canonical, h);
    set.hashes.push_back(ToHex(h, kHashBytes));
    std::string shown;
    for (std::size_t i = 0; i < canonical.size(); ++i) {
      if (i > 0 && i % 4 == 0) shown.push_back('-');
      const char c = canonical[i];
      shown.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                           : c);
    }
    set.codes.push_back(std::move(shown));
    sodium_memzero(canonical.data(), canonical.size());
  }
  return set;
}

std::optional<std::string> NormalizeRecoveryCode(std::string_view input) {
  if (input.size() > 64) return std::nullopt;
  std::string out;
  for (char ch : input) {
    if (ch == '-' || ch == ' ') continue;
    char c = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    bool in_alphabet = false;
    for (const char* a = kAlphabet; *a != '\0'; ++a) in_alphabet |= (*a == c);
    if (!in_alphabet) return std::nullopt;
    out.push_back(c);
  }
  if (out.size() != kRecoveryCodeChars) return std::nullopt;
  return out;
}

std::optional<std::string> RecoveryCodeHash(const SecretBytes& key,
                                            std::string_view user_id,
                                            std::string_view code) {
  RequireArgs(key, user_id);
  std::optional<std::string> canonical = NormalizeRecoveryCode(code);
  if (!canonical) return std::nullopt;
  EnsureSodium();
  unsigned char h[kHashBytes];
  HashCanonical(key, user_id, *canonical, h);
  return ToHex(h, kHashBytes);
}

std::optional<std::size_t> MatchRecoveryCode(
    const SecretBytes& key, std::string_view user_id, std::string_view input,
    const std::vector<std::string>& stored_hashes) {
  RequireArgs(key, user_id);
  std::optional<std::string> canonical = NormalizeRecoveryCode(input);
  if (!canonical) return std::nullopt;
  EnsureSodium();
  unsigned char h[kHashBytes];
  HashCanonical(key, user_id, *canonical, h);
  std::optional<std::size_t> match;
  for (std::size_t i = 0; i < stored_hashes.size(); ++i) {
    const std::string& hex = stored_hashes[i];
    unsigned char stored[kHashBytes];
    std::size_t bin_len = 0;
    if (hex.size() != 2 * kHashBytes ||
        sodium_hex2bin(stored, sizeof stored, hex.data(), hex.size(), nullptr,
                       &bin_len, nullptr) != 0 ||
        bin_len != kHashBytes) {
      continue;  // a corrupt row never matches
    }
    // No early exit: every stored hash is compared.
    const bool equal = sodium_memcmp(stored, h, kHashBytes) == 0;
    if (equal && !match) match = i;
  }
  return match;
}

}  // namespace hotshop::security
