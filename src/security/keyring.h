// SPDX-License-Identifier: AGPL-3.0-or-later
// Keyring: the master key (KEK) file, its key-check value, wrapping of random
// data keys (DEKs) under the KEK, and subkey derivation.
//
// Implements security-model.md §2.2 (master key outside the DB in a 0400
// file, mlocked; no key, no start; crypto_kdf subkeys with 8-char contexts;
// random per-org and per-worker DEKs wrapped under the KEK) and §4 case 30
// (missing or wrong master key: refuse to start). Wrapping uses
// crypto_aead_xchacha20poly1305_ietf as in §2.3.
//
// Wrapped-key format: 0x01 (version) | nonce (24) | ciphertext | tag (16).
// AD = "hotshop.wrap" | 0x01 | key_id (uint32 big-endian): a wrapped key
// copied into another key row fails to unwrap.
//
// Thread rule: pure functions, safe from many threads. LoadMasterKey and
// CreateMasterKeyFile touch the file system; call them once, at startup or
// install.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/secret.h"

namespace hotshop::security {

inline constexpr std::size_t kKeyBytes = 32;         // KEK, DEKs, subkeys
inline constexpr std::size_t kKdfContextBytes = 8;   // crypto_kdf context

// Reads the 32-byte master key from path into locked memory.
// Success: the key.
// Failure (field "master_key_file" on every error):
//   kNotFound: path does not exist;
//   kInvalidInput: not a regular file; not owned by the effective uid; mode
//     other than 0400 or 0600 (message gives the mode and the chmod to run);
//     not exactly 32 bytes; all zero bytes; permission denied;
//   kUnavailable: another I/O error.
// The server must refuse to start on any failure (§4 case 30).
Result<SecretBytes> LoadMasterKey(const std::string& path);

// Creates path holding 32 fresh random bytes, mode 0400, owned by the caller.
// Atomic: written to a temporary file in the same directory, fsync'ed, then
// hard-linked into place, so path either does not exist or is complete.
// Success: the file exists. Back it up offline: losing it loses all data.
// Failure: kConflict (field "master_key_file") if path already exists (never
//   overwritten: that would make every encrypted field unreadable);
//   kUnavailable with the OS error otherwise (no file is left behind).
Status CreateMasterKeyFile(const std::string& path);

// Key-check value: hex BLAKE2b-256 keyed with kek over a fixed constant.
// Stored in the database at setup; reveals nothing about the key (a PRF
// output), but lets the server tell a wrong key file from the right one.
// REQUIRES: kek.size() == kKeyBytes (throws std::invalid_argument).
std::string MasterKeyCheck(const SecretBytes& kek);

// Success if MasterKeyCheck(kek) == stored_check.
// Failure: kConflict, field "master_key_file", "does not match this database"
//   (wrong or replaced key file): refuse to start.
// REQUIRES: kek.size() == kKeyBytes (throws std::invalid_argument).
Status VerifyMasterKeyCheck(const SecretBytes& kek, std::string_view stored_check);

// 32 fresh random bytes: a new DEK or per-org root key.
SecretBytes NewKey();

// dek encrypted under kek, bound to key_id (format in the file comment).
// A fresh random nonce each call, so two wraps of one key differ.
// REQUIRES: kek.size() == kKeyBytes; 1 <= dek.size() <= 1024
//   (throws std::invalid_argument).
std::string WrapKey(const SecretBytes& kek, const SecretBytes& dek,
                    uint32_t key_id);

// The DEK inside wrapped.
// Failure: kInternal, field "key_id", if wrapped is malformed (too short,
//   unknown version), or fails authentication: wrong KEK, a different key_id
//   (row copied or renumbered), or tampering. Nothing is returned then.
// REQUIRES: kek.size() == kKeyBytes (throws std::invalid_argument).
Result<SecretBytes> UnwrapKey(const SecretBytes& kek, std::string_view wrapped,
                              uint32_t key_id);

// crypto_kdf_derive_from_key: subkey number subkey_id of key in the given
// 8-character context. Different ids or contexts give independent keys; the
// parent cannot be recovered from a subkey.
// Contexts in use: "blindidx" (blind_index.h), "recovery" (recovery_codes.h).
// REQUIRES: key.size() == kKeyBytes; context.size() == 8;
//   16 <= bytes <= 64 (throws std::invalid_argument).
SecretBytes DeriveSubkey(const SecretBytes& key, uint64_t subkey_id,
                         std::string_view context,
                         std::size_t bytes = kKeyBytes);

}  // namespace hotshop::security
