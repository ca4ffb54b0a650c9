// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/blind_index.h"

#include <stdexcept>

#include <sodium.h>

#include "security/keyring.h"
#include "security/sodium_init.h"
#include "security/unicode_text.h"

namespace hotshop::security {

namespace {
constexpr std::size_t kMaxEmailBytes = 1024;
}  // namespace

SecretBytes BlindIndexKey(const SecretBytes& org_index_root,
                          IndexedField field) {
  return DeriveSubkey(org_index_root, static_cast<uint64_t>(field),
                      kBlindIndexContext);
}

uint32_t BlindIndex(const SecretBytes& key, std::string_view normalized) {
  if (key.size() < crypto_generichash_KEYBYTES_MIN ||
      key.size() > crypto_generichash_KEYBYTES_MAX) {
    throw std::invalid_argument("blind index key must be 16..64 bytes");
  }
  EnsureSodium();
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out,
                     reinterpret_cast<const unsigned char*>(normalized.data()),
                     normalized.size(), key.data(), key.size());
  return (uint32_t{out[0]} << 24) | (uint32_t{out[1]} << 16) |
         (uint32_t{out[2]} << 8) | uint32_t{out[3]};
}

Result<std::string> NormalizeEmailForIndex(std::string_view email) {
  if (email.size() > kMaxEmailBytes) {
    return Error::InvalidInput("email", "is too long");
  }
  std::optional<std::string> folded = NormalizeNfkcCasefold(email);
  if (!folded) return Error::InvalidInput("email", "is not valid UTF-8 text");
  std::string trimmed(TrimUnicodeSpace(*folded));
  if (trimmed.empty()) return Error::InvalidInput("email", "is empty");
  return trimmed;
}

}  // namespace hotshop::security
