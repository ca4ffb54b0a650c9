// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/text_encoding: UTF-8 well-formedness (RFC 3629) and the
// WHATWG Windows-1252 decoder the CSV reader falls back to.
// Hostile cases: overlong encodings (C0 80, E0 80 80), UTF-16 surrogates
// encoded in UTF-8 (ED A0 80), code points above U+10FFFF (F4 90..), lone
// continuation bytes, sequences cut off by the end of input, the five
// undefined Windows-1252 bytes; bidi controls among look-alike bytes (the
// U+200E/U+200F marks and U+202F, which must not match).
#include "io/text_encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace hotshop::io {
namespace {

TEST(TextEncoding, AsciiIsAsciiAndValidUtf8) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("plain text, long enough to use the 8-byte path"));
  EXPECT_TRUE(IsValidUtf8("plain text, long enough to use the 8-byte path"));
  EXPECT_FALSE(IsAscii("caf\xC3\xA9"));
}

TEST(TextEncoding, FindBidiControlFindsEmbeddingsOverridesAndIsolates) {
  char32_t cp = 0;
  // After the ASCII fast path (more than 8 bytes in).
  EXPECT_EQ(FindBidiControl("Katharine \xE2\x80\xAE" "evil", cp), 10u);
  EXPECT_EQ(cp, U'\u202E');
  EXPECT_EQ(FindBidiControl("\xE2\x80\xAA", cp), 0u);  // LRE
  EXPECT_EQ(cp, U'\u202A');
  EXPECT_EQ(FindBidiControl("x\xE2\x81\xA7y\xE2\x81\xA9", cp), 1u);  // RLI .. PDI
  EXPECT_EQ(cp, U'\u2067');
  EXPECT_EQ(FindBidiControl("\xC3\xA9\xE2\x81\xA6", cp), 2u);  // LRI after é
  EXPECT_EQ(cp, U'\u2066');
}

TEST(TextEncoding, FindBidiControlIgnoresMarksAndNeighbours) {
  char32_t cp = 0;
  const size_t npos = std::string_view::npos;
  EXPECT_EQ(FindBidiControl("", cp), npos);
  EXPECT_EQ(FindBidiControl("plain ASCII text of some length", cp), npos);
  // LRM, RLM and ALM are common in right-to-left names: not matched.
  EXPECT_EQ(FindBidiControl("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C", cp), npos);
  // U+2029, U+202F, U+2065 and U+206A sit next to the matched ranges.
  EXPECT_EQ(FindBidiControl("\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA", cp), npos);
  // A sequence cut by the end of the input is not read past it.
  EXPECT_EQ(FindBidiControl("ab\xE2\x80", cp), npos);
  EXPECT_EQ(FindBidiControl("\xE2", cp), npos);
}

TEST(TextEncoding, AcceptsEveryWellFormedLength) {
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9"));          // é
  EXPECT_TRUE(IsValidUtf8("\xE2\x80\xAE"));      // U+202E
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
}

TEST(TextEncoding, RejectsOverlongSurrogateAndOutOfRange) {
  EXPECT_EQ(FindInvalidUtf8("ab\xC0\x80"), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0u);      // U+D800
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(FindInvalidUtf8("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("12345678\x80"), 8u);      // lone continuation
}

TEST(TextEncoding, RejectsSequenceCutByEndOfInput) {
  EXPECT_EQ(FindInvalidUtf8("x\xE2\x80"), 1u);
  EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xC3"), 0u);
}

TEST(TextEncoding, Windows1252DecodesPunctuationAndLatin1) {
  std::string out;
  // "Dussán" with 1252 á (E1), curly quotes (93 94), euro (80), en dash (96).
  AppendWindows1252AsUtf8("Duss\xE1n \x93x\x94 \x80 \x96", out);
  EXPECT_EQ(out, "Duss\xC3\xA1n \xE2\x80\x9Cx\xE2\x80\x9D \xE2\x82\xAC \xE2\x80\x93");
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(TextEncoding, Windows1252UndefinedBytesBecomeC1NotLost) {
  std::string out;
  AppendWindows1252AsUtf8("\x81\x8D\x8F\x90\x9D", out);
  EXPECT_EQ(out, "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
}

TEST(TextEncoding, Windows1252OfEveryByteIsValidUtf8) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  std::string out;
  AppendWindows1252AsUtf8(all, out);
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(TextEncoding, DecodeUtf8AtReportsLengthAndFailure) {
  size_t len = 0;
  EXPECT_EQ(DecodeUtf8At("\xE2\x80\xAE", 0, len), 0x202E);
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(DecodeUtf8At("\xFF", 0, len), -1);
  EXPECT_EQ(len, 1u);
}

// --- Incorrect usage -------------------------------------------------------

TEST(TextEncodingIncorrectUsage, AppendUtf8RoundTripsThroughDecoder) {
  // AppendUtf8 REQUIRES a scalar value; the boundary values must survive.
  for (char32_t cp : {char32_t{0}, char32_t{0x7F}, char32_t{0x80},
                      char32_t{0x7FF}, char32_t{0x800}, char32_t{0xFFFF},
                      char32_t{0x10000}, char32_t{0x10FFFF}}) {
    std::string s;
    AppendUtf8(cp, s);
    size_t len = 0;
    EXPECT_EQ(DecodeUtf8At(s, 0, len), static_cast<int>(cp));
    EXPECT_EQ(len, s.size());
  }
}

}  // namespace
}  // namespace hotshop::io
