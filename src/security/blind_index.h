// SPDX-License-Identifier: AGPL-3.0-or-later
// Blind index: a short keyed hash of a normalized value (email, phone) stored
// beside its ciphertext, so equality search works without decrypting every
// row, following the CipherSweet model.
//
// Implements security-model.md §2.4: keyed BLAKE2b (crypto_generichash) over
// the normalized value, truncated to 32 bits so each value collides with many
// others (search returns candidates; the caller decrypts and compares), and
// one key per org and field so orgs cannot correlate. Also §4 cases 9 (another
// org's phone: no match, since its index key differs) and 17 (one phone, one
// index: the caller passes E.164 produced by the phone normalizer).
//
// Keys. Each org has a random 32-byte "index root key", wrapped under the
// master key like a DEK (keyring.h) but NOT rotated with the org's DEKs:
// rotating it would force re-indexing every row. Per field:
//   BlindIndexKey(root, field) = DeriveSubkey(root, field number, "blindidx")
// Forgetting a worker deletes the worker's rows and index entries; the org's
// root key stays.
//
// Thread rule: pure functions, safe from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/secret.h"

namespace hotshop::security {

inline constexpr char kBlindIndexContext[] = "blindidx";

// The field numbers are the subkey ids. Never renumber or reuse one: every
// stored index of that field would silently stop matching.
enum class IndexedField : uint64_t {
  kEmail = 1,
  kPhone = 2,  // E.164, e.g. "+15550100000"
};

// The index key for one field of one org.
// REQUIRES: org_index_root.size() == 32 (throws std::invalid_argument).
SecretBytes BlindIndexKey(const SecretBytes& org_index_root, IndexedField field);

// First 32 bits (big-endian) of BLAKE2b-256 keyed with key over normalized.
// REQUIRES: 16 <= key.size() <= 64 (throws std::invalid_argument); normalized
//   is already normalized (NormalizeEmailForIndex, or E.164 for phones).
uint32_t BlindIndex(const SecretBytes& key, std::string_view normalized);

// The form of an email address that is indexed: NFKC_Casefold (so
// "Ana@Example.ORG" and fullwidth "Ａｎａ@example.org" index alike),
// without leading or trailing Unicode white space. Does not check the
// address's syntax; that is the caller's.
// Failure (kInvalidInput, field "email"): over 1024 bytes, not valid UTF-8,
//   or nothing left after trimming.
Result<std::string> NormalizeEmailForIndex(std::string_view email);

}  // namespace hotshop::security
