// SPDX-License-Identifier: AGPL-3.0-or-later
// Unicode text helpers for the security core: strict UTF-8 validation, code
// point counting and ICU normalization (NFKC, NFKC_Casefold). Passwords,
// common-password lookups and blind-index normalizers share them so that the
// same text always compares the same way.
//
// Implements security-model.md §2.1 (password length in characters) and §2.4
// (NFKC-lowercased email), and §4 case 16 (invalid UTF-8 is refused).
// Thread rule: pure functions, safe from many threads (ICU's normalizer
// singletons are immutable after first use).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hotshop::security {

// True if text is well-formed UTF-8: no overlong forms, no surrogates, nothing
// above U+10FFFF, no truncated sequences. Text over 1 GiB is refused (false).
bool IsValidUtf8(std::string_view text);

// Number of Unicode code points in text, or nullopt if !IsValidUtf8(text).
std::optional<std::size_t> CountCodePoints(std::string_view text);

// NFKC of text (compatibility composition: fullwidth "Ａ" becomes "A").
// nullopt if text is not valid UTF-8 or ICU fails.
std::optional<std::string> NormalizeNfkc(std::string_view text);

// NFKC_Casefold of text: NFKC, full Unicode case folding and removal of
// default-ignorable code points (ZERO WIDTH SPACE, soft hyphen...), as one ICU
// step. "ÉMILE" and "e\u0301mile" both become "émile".
// nullopt if text is not valid UTF-8 or ICU fails.
std::optional<std::string> NormalizeNfkcCasefold(std::string_view text);

// text without leading and trailing Unicode white space (White_Space
// property, e.g. U+0020, U+00A0, U+3000, tabs and newlines).
// REQUIRES: IsValidUtf8(text); otherwise text is returned unchanged.
std::string_view TrimUnicodeSpace(std::string_view text);

}  // namespace hotshop::security
