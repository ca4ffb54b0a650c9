// SPDX-License-Identifier: AGPL-3.0-or-later
// security-model.md §2.9, §4 #22: the intake form's self-hosted,
// HMAC-signed proof of work.
#include "security/proof_of_work.h"

#include <gtest/gtest.h>

namespace hotshop::security {
namespace {

SecretBytes Key(unsigned char fill) {
  SecretBytes k(32);
  for (size_t i = 0; i < 32; ++i) k.data()[i] = fill;
  return k;
}

TEST(ProofOfWork, ASolvedChallengeVerifiesUntilItExpires) {
  SecretBytes key = Key(7);
  PowChallenge c = NewPowChallenge(key, 8, 1000, 60'000);
  EXPECT_EQ(c.salt.size(), 32u);
  EXPECT_EQ(c.expires_at_ms, 61'000);
  uint64_t n = SolvePow(c.salt, c.bits);
  EXPECT_TRUE(PowSolves(c.salt, n, 8));
  EXPECT_TRUE(VerifyPow(key, c, n, 2000, 8).ok());
  EXPECT_TRUE(VerifyPow(key, c, n, 61'000, 8).ok());
  Status expired = VerifyPow(key, c, n, 61'001, 8);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().field(), "pow");
  EXPECT_NE(expired.error().message().find("expired"), std::string::npos);
}

TEST(ProofOfWork, AWrongNumberFails) {
  SecretBytes key = Key(7);
  PowChallenge c = NewPowChallenge(key, 12, 0, 60'000);
  uint64_t n = SolvePow(c.salt, c.bits);
  uint64_t wrong = n + 1;
  while (PowSolves(c.salt, wrong, c.bits)) ++wrong;
  EXPECT_FALSE(VerifyPow(key, c, wrong, 1, 12).ok());
}

TEST(ProofOfWork, AlteredOrForeignChallengesFail) {
  SecretBytes key = Key(7);
  PowChallenge c = NewPowChallenge(key, 8, 0, 60'000);
  uint64_t n = SolvePow(c.salt, c.bits);
  PowChallenge easier = c;
  easier.bits = 1;  // the client lowers the difficulty
  EXPECT_FALSE(VerifyPow(key, easier, SolvePow(c.salt, 1), 1, 1).ok());
  PowChallenge later = c;
  later.expires_at_ms += 3'600'000;  // the client extends the expiry
  EXPECT_FALSE(VerifyPow(key, later, n, 1, 8).ok());
  EXPECT_FALSE(VerifyPow(Key(8), c, n, 1, 8).ok());  // another server's key
  // A challenge signed at a lower difficulty than the server now asks for.
  PowChallenge low = NewPowChallenge(key, 4, 0, 60'000);
  EXPECT_FALSE(VerifyPow(key, low, SolvePow(low.salt, 4), 1, 8).ok());
}

TEST(ProofOfWork, SaltsAreRandom) {
  SecretBytes key = Key(1);
  EXPECT_NE(NewPowChallenge(key, 8, 0, 1).salt, NewPowChallenge(key, 8, 0, 1).salt);
}

}  // namespace
}  // namespace hotshop::security
