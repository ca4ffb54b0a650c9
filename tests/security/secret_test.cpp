// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/secret.h and sodium_init.h.
// Covers security-model.md §2.2 (keys held in sodium_malloc'ed, mlocked,
// zeroed-on-free memory; move-only so keys are never copied by accident).
#include "security/secret.h"

#include <type_traits>
#include <utility>

#include <gtest/gtest.h>

#include "security/sodium_init.h"

namespace hotshop::security {
namespace {

TEST(SodiumInit, SucceedsAndIsIdempotent) {
  EXPECT_TRUE(InitSodium().ok());
  EXPECT_TRUE(InitSodium().ok());
}

TEST(SecretBytes, IsMoveOnly) {
  static_assert(!std::is_copy_constructible_v<SecretBytes>);
  static_assert(!std::is_copy_assignable_v<SecretBytes>);
  static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);
  static_assert(std::is_nothrow_move_assignable_v<SecretBytes>);
}

TEST(SecretBytes, NewBufferIsZeroFilled) {
  SecretBytes s(32);
  ASSERT_EQ(s.size(), 32u);
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_EQ(s.data()[i], 0);
}

TEST(SecretBytes, RandomBuffersDiffer) {
  SecretBytes a = SecretBytes::Random(32);
  SecretBytes b = SecretBytes::Random(32);
  EXPECT_FALSE(a.Equals(b));
}

TEST(SecretBytes, CopyOfAndCloneAreEqual) {
  SecretBytes a = SecretBytes::CopyOf("0123456789abcdef0123456789abcdef");
  SecretBytes b = a.Clone();
  EXPECT_TRUE(a.Equals(b));
  EXPECT_NE(a.data(), b.data());
  b.data()[0] ^= 1;
  EXPECT_FALSE(a.Equals(b));
}

TEST(SecretBytes, MoveEmptiesTheSource) {
  SecretBytes a = SecretBytes::Random(32);
  const unsigned char* p = a.data();
  SecretBytes b(std::move(a));
  EXPECT_EQ(b.data(), p);
  EXPECT_EQ(b.size(), 32u);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): by design
  EXPECT_EQ(a.data(), nullptr);

  SecretBytes c = SecretBytes::Random(16);
  c = std::move(b);
  EXPECT_EQ(c.data(), p);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
}

// ---- incorrect usage -------------------------------------------------------

TEST(SecretBytes, ZeroSizeIsEmptyAndComparable) {
  SecretBytes a;
  SecretBytes b(0);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_TRUE(a.Equals(b));
  EXPECT_FALSE(a.Equals(SecretBytes(1)));
}

TEST(SecretBytes, SelfMoveAssignKeepsTheKey) {
  SecretBytes a = SecretBytes::Random(32);
  SecretBytes& ref = a;
  a = std::move(ref);
  EXPECT_EQ(a.size(), 32u);
}

}  // namespace
}  // namespace hotshop::security
