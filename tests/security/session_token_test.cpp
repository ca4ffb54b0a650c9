// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/session_token.h.
// Covers security-model.md §2.5 (32 random bytes per session; the DB keeps
// only BLAKE2b-256(token)) and the same for invitation tokens; §4 case 4
// (tokens are fresh each time, so a pre-login token is never reused).
#include "security/session_token.h"

#include <set>
#include <string>

#include <gtest/gtest.h>
#include <sodium.h>

namespace hotshop::security {
namespace {

TEST(SessionToken, Is32RandomBytesInBase64UrlWithoutPadding) {
  const std::string t = NewSessionToken();
  EXPECT_EQ(t.size(), 43u);
  EXPECT_TRUE(IsWellFormedToken(t));
  unsigned char raw[64];
  std::size_t raw_len = 0;
  ASSERT_EQ(sodium_base642bin(raw, sizeof raw, t.data(), t.size(), nullptr,
                              &raw_len, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  EXPECT_EQ(raw_len, 32u);
}

TEST(SessionToken, NeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(NewSessionToken()).second);
    EXPECT_TRUE(seen.insert(NewInvitationToken()).second);
  }
}

TEST(SessionToken, InvitationTokensHaveTheSameShape) {
  EXPECT_TRUE(IsWellFormedToken(NewInvitationToken()));
}

TEST(TokenHash, IsBlake2b256Hex) {
  // BLAKE2b-256("abc"), as computed by Python's hashlib.blake2b(digest_size=32).
  EXPECT_EQ(TokenHash("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  const std::string t = NewSessionToken();
  EXPECT_EQ(TokenHash(t), TokenHash(t));
  EXPECT_EQ(TokenHash(t).size(), 64u);
  EXPECT_NE(TokenHash(t), TokenHash(NewSessionToken()));
  EXPECT_EQ(TokenHash(t).find(t), std::string::npos);
}

// ---- incorrect usage -------------------------------------------------------

TEST(SessionToken, MalformedCookieValuesAreRefusedBeforeLookup) {
  const std::string t = NewSessionToken();
  EXPECT_FALSE(IsWellFormedToken(""));
  EXPECT_FALSE(IsWellFormedToken(t.substr(0, 42)));
  EXPECT_FALSE(IsWellFormedToken(t + "A"));
  EXPECT_FALSE(IsWellFormedToken(t.substr(0, 42) + "="));
  EXPECT_FALSE(IsWellFormedToken(t.substr(0, 42) + "+"));
  EXPECT_FALSE(IsWellFormedToken(t.substr(0, 42) + "/"));
  EXPECT_FALSE(IsWellFormedToken(std::string(1 << 20, 'A')));
  EXPECT_FALSE(IsWellFormedToken(std::string(42, 'A') + '\0'));
}

}  // namespace
}  // namespace hotshop::security
