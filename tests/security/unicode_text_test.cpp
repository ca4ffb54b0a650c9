// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/unicode_text.h.
// Covers security-model.md §2.1 (password length counted in code points),
// §2.4 (NFKC-lowercased emails) and §4 case 16 (invalid UTF-8 refused,
// compatibility forms folded by NFKC).
#include "security/unicode_text.h"

#include <gtest/gtest.h>

namespace hotshop::security {
namespace {

TEST(UnicodeText, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));                 // é
  EXPECT_TRUE(IsValidUtf8("\xE2\x80\xAE"));                // U+202E (valid)
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x94\x91"));            // U+1F511
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));   // NUL is UTF-8
}

TEST(UnicodeText, RejectsIllFormedUtf8) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(UnicodeText, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("caf\xC3\xA9"), 4u);
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x94\x91\xF0\x9F\x94\x91"), 2u);
  EXPECT_FALSE(CountCodePoints("\xC3").has_value());
}

TEST(UnicodeText, NfkcComposesAndFoldsCompatibilityForms) {
  EXPECT_EQ(NormalizeNfkc("e\xCC\x81"), "\xC3\xA9");     // e + U+0301 -> é
  EXPECT_EQ(NormalizeNfkc("\xEF\xBC\xA1"), "A");         // fullwidth A
  EXPECT_EQ(NormalizeNfkc("Ab"), "Ab");                  // case kept
  EXPECT_FALSE(NormalizeNfkc("\xFF").has_value());
}

TEST(UnicodeText, NfkcCasefoldLowersAndDropsIgnorables) {
  EXPECT_EQ(NormalizeNfkcCasefold("\xC3\x89MILE"), "\xC3\xA9mile");  // ÉMILE
  EXPECT_EQ(NormalizeNfkcCasefold("E\xCC\x81mile"), "\xC3\xA9mile");
  EXPECT_EQ(NormalizeNfkcCasefold("stra\xC3\x9F" "e"), "strasse");   // ß
  EXPECT_EQ(NormalizeNfkcCasefold("a\xE2\x80\x8B" "b"), "ab");       // ZWSP
  EXPECT_FALSE(NormalizeNfkcCasefold("\xED\xA0\x80").has_value());
}

TEST(UnicodeText, TrimsUnicodeWhiteSpace) {
  EXPECT_EQ(TrimUnicodeSpace("  a b \t\n"), "a b");
  EXPECT_EQ(TrimUnicodeSpace("\xC2\xA0" "x" "\xE3\x80\x80"), "x");  // NBSP, U+3000
  EXPECT_EQ(TrimUnicodeSpace("   "), "");
  EXPECT_EQ(TrimUnicodeSpace(""), "");
}

// ---- incorrect usage -------------------------------------------------------

TEST(UnicodeText, TrimLeavesInvalidUtf8Unchanged) {
  EXPECT_EQ(TrimUnicodeSpace(" \xFF "), " \xFF ");
}

}  // namespace
}  // namespace hotshop::security
