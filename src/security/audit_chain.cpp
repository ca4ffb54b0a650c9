// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/audit_chain.h"

#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "security/sodium_init.h"

namespace hotshop::security {

namespace {

constexpr char kGenesisDomain[] = "hotshop.audit.genesis.v1";
constexpr std::size_t kHashHexChars = 2 * crypto_generichash_BYTES;  // 64

bool IsLowerHex64(std::string_view s) {
  if (s.size() != kHashHexChars) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string Blake2bHex(std::string_view a, std::string_view b) {
  EnsureSodium();
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(a.data()),
                            a.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(b.data()),
                            b.size());
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[kHashHexChars + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace

std::string CanonicalJson(const AuditEvent& event) {
  // nlohmann::json's default object type is std::map: keys come out sorted.
  nlohmann::json j = {
      {"seq", event.seq},         {"ts_ms", event.ts_ms},
      {"org_id", event.org_id},   {"actor", event.actor},
      {"action", event.action},   {"object", event.object},
      {"outcome", event.outcome},
  };
  return j.dump(-1, ' ', /*ensure_ascii=*/true,
                nlohmann::json::error_handler_t::strict);
}

std::string GenesisHash(std::string_view org_id) {
  return Blake2bHex(std::string_view(kGenesisDomain, sizeof(kGenesisDomain)),
                    org_id);  // the domain's NUL separates it from org_id
}

std::string ChainHash(std::string_view prev_hash_hex, const AuditEvent& event) {
  if (!IsLowerHex64(prev_hash_hex)) {
    throw std::invalid_argument("prev_hash must be 64 lowercase hex characters");
  }
  return Blake2bHex(prev_hash_hex, CanonicalJson(event));
}

std::optional<int64_t> FirstBrokenLink(
    const std::vector<std::pair<AuditEvent, std::string>>& rows,
    std::string_view genesis) {
  if (!IsLowerHex64(genesis)) {
    throw std::invalid_argument("genesis must be 64 lowercase hex characters");
  }
  std::string prev(genesis);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [event, stored] = rows[i];
    // seq must be exactly one more than the previous row's (written so that
    // it cannot overflow).
    if (i > 0 && (rows[i - 1].first.seq == std::numeric_limits<int64_t>::max() ||
                  event.seq != rows[i - 1].first.seq + 1)) {
      return event.seq;
    }
    if (ChainHash(prev, event) != stored) return event.seq;
    prev = stored;  // == the recomputed hash, so valid hex
  }
  return std::nullopt;
}

}  // namespace hotshop::security
