// SPDX-License-Identifier: AGPL-3.0-or-later
// Text encoding: UTF-8 well-formedness and Windows-1252 -> UTF-8 decoding.
//
// Uploaded spreadsheets arrive as UTF-8 (with or without a BOM) or, from
// older Excel on Windows, as Windows-1252 ("ANSI"). The CSV reader checks each
// record with IsValidUtf8 and, when a record is not UTF-8, decodes it as
// Windows-1252 with AppendWindows1252AsUtf8.
//
// Spec: UTF-8 per RFC 3629 / Unicode 15 Table 3-7 (no overlong forms, no
// surrogates, nothing above U+10FFFF). Windows-1252 per the WHATWG Encoding
// Standard index (bytes 0x81 0x8D 0x8F 0x90 0x9D map to the C1 controls
// U+0081.. as browsers do, so decoding never fails and never loses a byte).
//
// Thread rule: pure functions over their arguments; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hotshop::io {

// True if every byte of `s` is < 0x80. Never fails.
bool IsAscii(std::string_view s);

// Offset of the first byte that does not begin a well-formed UTF-8 sequence
// (including a sequence cut short by the end of `s`), or std::string_view::npos
// when all of `s` is well-formed. Never fails.
size_t FindInvalidUtf8(std::string_view s);

// True if `s` is well-formed UTF-8. Never fails.
inline bool IsValidUtf8(std::string_view s) {
  return FindInvalidUtf8(s) == std::string_view::npos;
}

// Offset of the first bidi embedding, override or isolate control in `s`
// (U+202A..U+202E LRE RLE PDF LRO RLO, U+2066..U+2069 LRI RLI FSI PDI), or
// std::string_view::npos. These can reorder the text around them wherever it
// is shown ("Trojan Source", CVE-2021-42574), so the CSV reader flags them
// (security-model.md §4 row 16: "bidi isolated"). The marks U+200E U+200F
// U+061C are not matched: they are common in right-to-left names and only
// steer neutral characters next to them. Sets `cp` to the code point found.
// Never fails; ill-formed bytes are skipped.
size_t FindBidiControl(std::string_view s, char32_t& cp);

// Appends `s`, decoded as Windows-1252, to `out` as UTF-8. Every byte decodes
// (ASCII is copied). Never fails; `out` grows by 1 to 3 bytes per input byte.
void AppendWindows1252AsUtf8(std::string_view s, std::string& out);

// Decodes one code point from well-formed or ill-formed UTF-8 at s[pos].
// On success returns the code point and sets `len` to its byte length (1-4).
// On an ill-formed sequence returns -1 and sets `len` to 1 (skip one byte).
// REQUIRES: pos < s.size().
int DecodeUtf8At(std::string_view s, size_t pos, size_t& len);

// Appends code point `cp` to `out` as UTF-8.
// REQUIRES: 0 <= cp <= 0x10FFFF and cp is not a surrogate.
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace hotshop::io
