// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/blind_index.h.
// Covers security-model.md §2.4 (keyed BLAKE2b truncated to 32 bits; one key
// per org and field, derived with DeriveSubkey(root, field, "blindidx");
// NFKC-lowercased email) and §4 cases 9 (a phone held only by another org
// does not match: its index key differs) and 16 (NFKC folding; invalid UTF-8
// refused).
#include "security/blind_index.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sodium.h>

#include "security/keyring.h"

namespace hotshop::security {
namespace {

SecretBytes Root(char fill) { return SecretBytes::CopyOf(std::string(32, fill)); }

TEST(BlindIndex, IsTheFirst32BitsOfKeyedBlake2b) {
  SecretBytes key = Root('k');
  const std::string value = "+15550100000";
  unsigned char full[crypto_generichash_BYTES];
  crypto_generichash(full, sizeof full,
                     reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), key.data(), key.size());
  const uint32_t expected = (uint32_t{full[0]} << 24) | (uint32_t{full[1]} << 16) |
                            (uint32_t{full[2]} << 8) | uint32_t{full[3]};
  EXPECT_EQ(BlindIndex(key, value), expected);
  EXPECT_EQ(BlindIndex(key, value), BlindIndex(Root('k'), value));
}

TEST(BlindIndex, KeyIsDerivedPerFieldWithBlindidxContext) {
  SecretBytes root = Root('r');
  EXPECT_TRUE(BlindIndexKey(root, IndexedField::kEmail)
                  .Equals(DeriveSubkey(root, 1, "blindidx")));
  EXPECT_TRUE(BlindIndexKey(root, IndexedField::kPhone)
                  .Equals(DeriveSubkey(root, 2, "blindidx")));
  EXPECT_FALSE(BlindIndexKey(root, IndexedField::kEmail)
                   .Equals(BlindIndexKey(root, IndexedField::kPhone)));
}

// §4 case 9.
TEST(BlindIndex, AnotherOrgsPhoneDoesNotMatch) {
  const std::string phone = "+15550100000";
  SecretBytes org_a = BlindIndexKey(Root('a'), IndexedField::kPhone);
  SecretBytes org_b = BlindIndexKey(Root('b'), IndexedField::kPhone);
  EXPECT_NE(BlindIndex(org_a, phone), BlindIndex(org_b, phone));
}

TEST(BlindIndex, SameValueInAnotherFieldDiffers) {
  SecretBytes root = Root('r');
  const std::string v = "ana@example.org";
  EXPECT_NE(BlindIndex(BlindIndexKey(root, IndexedField::kEmail), v),
            BlindIndex(BlindIndexKey(root, IndexedField::kPhone), v));
}

TEST(BlindIndex, TruncationMakesCollisionsExist) {
  // 32 bits: among 200,000 values some share an index (birthday bound ~77k),
  // which is the point: an index alone never pins one value.
  SecretBytes key = BlindIndexKey(Root('r'), IndexedField::kPhone);
  std::vector<uint32_t> seen;
  for (int i = 0; i < 200000; ++i) {
    seen.push_back(BlindIndex(key, "+1555" + std::to_string(1000000 + i)));
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_NE(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

TEST(NormalizeEmail, FoldsCaseWidthAndTrims) {
  EXPECT_EQ(*NormalizeEmailForIndex("  Ana@Example.ORG \n"), "ana@example.org");
  EXPECT_EQ(*NormalizeEmailForIndex("\xEF\xBC\xA1na@example.org"),  // fullwidth A
            "ana@example.org");
  EXPECT_EQ(*NormalizeEmailForIndex("ana\xE2\x80\x8B@example.org"),  // ZWSP
            "ana@example.org");
  EXPECT_EQ(*NormalizeEmailForIndex("\xE3\x80\x80" "ana@example.org"),  // U+3000
            "ana@example.org");
  EXPECT_EQ(*NormalizeEmailForIndex("JOS\xC3\x89@EXAMPLE.ORG"),
            *NormalizeEmailForIndex("jose\xCC\x81@example.org"));
}

TEST(NormalizeEmail, EquivalentSpellingsShareOneIndex) {
  SecretBytes key = BlindIndexKey(Root('r'), IndexedField::kEmail);
  EXPECT_EQ(BlindIndex(key, *NormalizeEmailForIndex("Ana@Example.org")),
            BlindIndex(key, *NormalizeEmailForIndex(" ana@EXAMPLE.ORG")));
}

// ---- incorrect usage -------------------------------------------------------

TEST(NormalizeEmail, RejectsInvalidEmptyAndHugeInput) {
  for (const std::string& bad :
       {std::string("ana\xFF@example.org"), std::string(""),
        std::string(" \t "), std::string("\xE2\x80\x8B"),
        std::string(2000, 'a')}) {
    Result<std::string> r = NormalizeEmailForIndex(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().field(), "email");
  }
}

TEST(BlindIndex, BadKeySizeThrows) {
  EXPECT_THROW(BlindIndex(SecretBytes(), "x"), std::invalid_argument);
  EXPECT_THROW(BlindIndex(SecretBytes::Random(8), "x"), std::invalid_argument);
  EXPECT_THROW(BlindIndexKey(SecretBytes::Random(16), IndexedField::kEmail),
               std::invalid_argument);
}

}  // namespace
}  // namespace hotshop::security
