// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/unicode_text.h"

#include <cstdint>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace hotshop::security {

namespace {

// ICU indexes with int32_t; nothing in the security core needs more.
constexpr std::size_t kMaxTextBytes = std::size_t{1} << 30;

std::optional<std::string> Normalize(const icu::Normalizer2* (*get)(UErrorCode&),
                                     std::string_view text) {
  if (!IsValidUtf8(text)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = get(status);
  if (U_FAILURE(status) || norm == nullptr) return std::nullopt;
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString out = norm->normalize(in, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string result;
  out.toUTF8String(result);
  return result;
}

const icu::Normalizer2* GetNfkc(UErrorCode& status) {
  return icu::Normalizer2::getNFKCInstance(status);
}
const icu::Normalizer2* GetNfkcCasefold(UErrorCode& status) {
  return icu::Normalizer2::getNFKCCasefoldInstance(status);
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  return CountCodePoints(text).has_value();
}

std::optional<std::size_t> CountCodePoints(std::string_view text) {
  if (text.size() > kMaxTextBytes) return std::nullopt;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  std::size_t count = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);  // c < 0 for any ill-formed sequence
    if (c < 0) return std::nullopt;
    ++count;
  }
  return count;
}

std::optional<std::string> NormalizeNfkc(std::string_view text) {
  return Normalize(&GetNfkc, text);
}

std::optional<std::string> NormalizeNfkcCasefold(std::string_view text) {
  return Normalize(&GetNfkcCasefold, text);
}

std::string_view TrimUnicodeSpace(std::string_view text) {
  if (text.size() > kMaxTextBytes) return text;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t begin = 0;
  while (begin < length) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(s, next, length, c);
    if (c < 0) return text;
    if (!u_isUWhiteSpace(c)) break;
    begin = next;
  }
  int32_t end = length;
  while (end > begin) {
    int32_t prev = end;
    UChar32 c;
    U8_PREV(s, 0, prev, c);
    if (c < 0) return text;
    if (!u_isUWhiteSpace(c)) break;
    end = prev;
  }
  return text.substr(static_cast<std::size_t>(begin),
                     static_cast<std::size_t>(end - begin));
}

}  // namespace hotshop::security
