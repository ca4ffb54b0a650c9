// SPDX-License-Identifier: AGPL-3.0-or-later
// Field cipher: authenticated encryption of one PII field of one row under an
// org's or worker's data key, bound to exactly where it is stored.
//
// Implements security-model.md §2.3 (XChaCha20-Poly1305-IETF, random 24-byte
// nonces, blob v1|key_id|nonce|ct|tag, AD = table|column|row_uuid|org_id|
// key_id, rotation: writes use the newest key, old keys still decrypt), ASVS
// 6.1.1 / 6.2.7, and §4 cases 28 (two keys decrypt during rotation) and 29
// (ciphertext pasted into another row fails).
//
// Blob (binary; store as BYTEA/BLOB):
//   0x01 | key_id (uint32 big-endian) | nonce (24) | ciphertext | tag (16)
// AD (never stored; rebuilt from where the blob is read):
//   0x01 | len(table) table | len(column) column | len(row_id) row_id |
//   len(org_id) org_id | key_id       (len = uint32 big-endian)
// Length prefixes make the encoding unambiguous: ("ab","c") != ("a","bc").
//
// Thread rule: Encrypt/Decrypt/BlobKeyId are pure and safe from many threads.
// Keyset: const methods are safe from many threads; Add/Remove need
// exclusive access (build a new Keyset and swap it in).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/secret.h"

namespace hotshop::security {

inline constexpr unsigned char kFieldBlobVersion = 0x01;
// version + key_id + nonce + tag
inline constexpr std::size_t kFieldBlobOverhead = 1 + 4 + 24 + 16;

// Where a field value lives. All four are required and non-empty.
struct FieldAd {
  std::string table;   // e.g. "workers"
  std::string column;  // e.g. "phone"
  std::string row_id;  // the row's UUID, text form
  std::string org_id;  // the owning org's UUID, text form
};

// One data key. key_id 0 is reserved as "none"; ids are allocated in
// increasing order, so the highest id in a Keyset is the newest key.
struct DataKey {
  uint32_t key_id = 0;
  SecretBytes key;  // 32 bytes
};

// The data keys one scope (an org, or one worker) may decrypt with.
class Keyset {
 public:
  // Success: key is added.
  // Failure: kInvalidInput field "key_id" if key.key_id == 0 or key.key is
  //   not 32 bytes; kConflict field "key_id" if that id is already present
  //   (the keyset is unchanged).
  Status Add(DataKey key);

  // The key with key_id, or nullptr.
  const DataKey* Find(uint32_t key_id) const;

  // The key new writes use: the highest key_id. nullptr if empty.
  const DataKey* Newest() const;

  // Drops key_id from memory (after rotation reached zero uses, or on
  // forget). True if it was present.
  bool Remove(uint32_t key_id);

  std::size_t size() const { return keys_.size(); }

 private:
  std::map<uint32_t, DataKey> keys_;
};

// Encrypts plaintext under key, bound to ad and key.key_id. A fresh random
// nonce each call. Output size: plaintext.size() + kFieldBlobOverhead.
// REQUIRES: key.key_id != 0; key.key.size() == 32; every ad member
//   non-empty; plaintext.size() < 1 GiB (throws std::invalid_argument).
std::string Encrypt(const DataKey& key, std::string_view plaintext,
                    const FieldAd& ad);

// The plaintext of blob, read from the place ad describes.
// Failure (kInternal, field ad.column, message names table, column, row and
//   org ids but never the value):
//   - blob is not a v1 blob (too short, unknown version);
//   - blob's key_id is not in keys (destroyed by forget, or not loaded);
//   - authentication fails: the blob was written for another row, column,
//     table or org (pasted, §4 case 29), was tampered with, or the key
//     differs. Nothing of the plaintext is ever returned in that case.
// REQUIRES: every ad member non-empty (throws std::invalid_argument).
Result<std::string> Decrypt(const Keyset& keys, std::string_view blob,
                            const FieldAd& ad);

// The key_id a blob was written with, for the rotation job; 0 if blob is not
// a v1 blob. Does not authenticate: use only to choose what to re-encrypt.
uint32_t BlobKeyId(std::string_view blob);

// Rotation step for one field (idempotent): blob unchanged if it already uses
// keys.Newest(); else decrypted with its own key and encrypted with the newest.
// Failure: as Decrypt; kInternal field ad.column if keys is empty.
Result<std::string> Reencrypt(const Keyset& keys, std::string_view blob,
                              const FieldAd& ad);

}  // namespace hotshop::security
