// SPDX-License-Identifier: AGPL-3.0-or-later
// Session and invitation tokens: 32 random bytes a browser (or invitee) holds,
// of which the database keeps only a hash.
//
// Implements security-model.md §2.5 (32 random bytes; the DB keeps only
// BLAKE2b-256(token), so reading the DB cannot replay a session and a lookup
// by hash leaks nothing through timing about the token) and the invitation
// links of the same design.
//
// Thread rule: pure functions, safe from many threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hotshop::security {

inline constexpr std::size_t kTokenBytes = 32;  // 256 bits of entropy
inline constexpr std::size_t kTokenChars = 43;  // base64url, no padding

// A fresh token: 32 random bytes, base64url (RFC 4648 §5) without '='.
// Goes in the __Host-sid cookie; never in a URL (ASVS 3.1.1).
std::string NewSessionToken();

// A fresh invitation token, same format. It does travel in an invitation link,
// so it is single use and short-lived (the caller's rules).
std::string NewInvitationToken();

// True if token has the shape NewSessionToken() produces (43 base64url
// characters). Check it before hashing or looking up a cookie value, so junk
// of any size is refused without touching the database.
bool IsWellFormedToken(std::string_view token);

// BLAKE2b-256 of the token's characters, as 64 lowercase hex characters: the
// only form of a token the database stores and looks up.
std::string TokenHash(std::string_view token);

}  // namespace hotshop::security
