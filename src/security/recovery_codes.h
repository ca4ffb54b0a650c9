// SPDX-License-Identifier: AGPL-3.0-or-later
// Recovery codes: ten single-use codes a user writes down at TOTP enrollment
// to get in when the phone is lost. Only keyed hashes are stored.
//
// Implements security-model.md §2.6 ("10 hashed single-use recovery codes")
// and ASVS 2.5/2.8 (single use: the caller deletes or marks the matched hash
// in the same transaction that accepts the login).
//
// Format: "xxxx-xxxx-xxxx", 12 characters from Crockford's Base32 alphabet
// (0-9 and a-z without i, l, o, u), 5 bits each = 60 bits. Input is forgiving:
// case, dashes and spaces are ignored, and i/l read as 1, o as 0.
//
// Why a keyed BLAKE2b-256 and not Argon2id: a code carries 60 random bits, not
// a human choice, so there is no dictionary to slow down; the key is a subkey
// of the master key (outside the DB), so a stolen database alone allows no
// offline guessing at all; and a fast hash keeps recovery out of the Argon2id
// concurrency cap. The hash also covers the user id, so a hash row copied to
// another account does not match there. Consequence: replacing the master key
// invalidates stored recovery codes (users get new ones).
//
// Thread rule: pure functions, safe from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "security/secret.h"

namespace hotshop::security {

inline constexpr std::size_t kRecoveryCodeCount = 10;
inline constexpr std::size_t kRecoveryCodeChars = 12;  // without dashes
inline constexpr char kRecoveryContext[] = "recovery";
inline constexpr uint64_t kRecoverySubkeyId = 1;

// The hashing key: DeriveSubkey(master_key, kRecoverySubkeyId, "recovery").
// REQUIRES: master_key.size() == 32 (throws std::invalid_argument).
SecretBytes RecoveryCodeKey(const SecretBytes& master_key);

struct RecoveryCodeSet {
  std::vector<std::string> codes;   // show once, never store
  std::vector<std::string> hashes;  // store; hashes[i] is codes[i]'s hash
};

// count fresh codes for user_id and their hashes (64 hex characters each).
// REQUIRES: key.size() == 32; !user_id.empty() (throws std::invalid_argument).
RecoveryCodeSet GenerateRecoveryCodes(const SecretBytes& key,
                                      std::string_view user_id,
                                      std::size_t count = kRecoveryCodeCount);

// The canonical 12-character uppercase form of input, or nullopt if input is
// not a well-formed code (wrong length or a character outside the alphabet).
std::optional<std::string> NormalizeRecoveryCode(std::string_view input);

// Hex keyed BLAKE2b-256 of user_id and the canonical code; nullopt if code is
// malformed.
// REQUIRES: key.size() == 32; !user_id.empty() (throws std::invalid_argument).
std::optional<std::string> RecoveryCodeHash(const SecretBytes& key,
                                            std::string_view user_id,
                                            std::string_view code);

// Index into stored_hashes of the hash input matches, or nullopt (malformed
// input, or no match). Compares against every stored hash in constant time
// (sodium_memcmp), without stopping early. Single use is the caller's job:
// pass only unused hashes, then delete or mark the one matched.
// REQUIRES: key.size() == 32; !user_id.empty() (throws std::invalid_argument).
std::optional<std::size_t> MatchRecoveryCode(
    const SecretBytes& key, std::string_view user_id, std::string_view input,
    const std::vector<std::string>& stored_hashes);

}  // namespace hotshop::security
