// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/text_encoding.h"

#include <cstdint>
#include <cstring>

namespace hotshop::io {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ull;

// WHATWG index-windows-1252 for bytes 0x80..0x9F; 0xA0..0xFF equal Latin-1.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

inline uint8_t Byte(std::string_view s, size_t i) {
  return static_cast<uint8_t>(s[i]);
}

inline bool IsCont(uint8_t b) { return (b & 0xC0u) == 0x80u; }

}  // namespace

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t acc = 0;
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    acc |= w;
    p += 8;
    n -= 8;
  }
  for (size_t i = 0; i < n; ++i) acc |= static_cast<uint8_t>(p[i]);
  return (acc & kHighBits) == 0;
}

int DecodeUtf8At(std::string_view s, size_t pos, size_t& len) {
  const size_t n = s.size();
  const uint8_t b0 = Byte(s, pos);
  len = 1;
  if (b0 < 0x80) return b0;
  if (b0 < 0xC2) return -1;  // continuation byte or overlong 2-byte lead
  if (b0 < 0xE0) {
    if (pos + 1 >= n || !IsCont(Byte(s, pos + 1))) return -1;
    len = 2;
    return ((b0 & 0x1F) << 6) | (Byte(s, pos + 1) & 0x3F);
  }
  if (b0 < 0xF0) {
    if (pos + 2 >= n) return -1;
    const uint8_t b1 = Byte(s, pos + 1), b2 = Byte(s, pos + 2);
    // E0 needs A0..BF (no overlong); ED needs 80..9F (no surrogates).
    const uint8_t lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const uint8_t hi = b0 == 0xED ? 0x9F : 0xBF;
    if (b1 < lo || b1 > hi || !IsCont(b2)) return -1;
    len = 3;
    return ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
  }
  if (b0 < 0xF5) {
    if (pos + 3 >= n) return -1;
    const uint8_t b1 = Byte(s, pos + 1), b2 = Byte(s, pos + 2),
                  b3 = Byte(s, pos + 3);
    // F0 needs 90..BF (no overlong); F4 needs 80..8F (<= U+10FFFF).
    const uint8_t lo = b0 == 0xF0 ? 0x90 : 0x80;
    const uint8_t hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (b1 < lo || b1 > hi || !IsCont(b2) || !IsCont(b3)) return -1;
    len = 4;
    return ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) |
           (b3 & 0x3F);
  }
  return -1;
}

size_t FindInvalidUtf8(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & kHighBits) break;
      i += 8;
    }
    if (i >= n) break;
    if (Byte(s, i) < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    if (DecodeUtf8At(s, i, len) < 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

size_t FindBidiControl(std::string_view s, char32_t& cp) {
  // Every matched character is E2 80 AA..AE or E2 81 A6..A9 in UTF-8.
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {  // ASCII fast path, as in FindInvalidUtf8
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & kHighBits) break;
      i += 8;
    }
    if (i >= n) break;
    if (Byte(s, i) == 0xE2 && i + 2 < n) {
      const uint8_t b1 = Byte(s, i + 1), b2 = Byte(s, i + 2);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) ||
          (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        cp = static_cast<char32_t>(0x2000 | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu));
        return i;
      }
    }
    ++i;
  }
  return std::string_view::npos;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendWindows1252AsUtf8(std::string_view s, std::string& out) {
  out.reserve(out.size() + s.size() + s.size() / 2);
  for (char ch : s) {
    const auto b = static_cast<uint8_t>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else if (b < 0xA0) {
      AppendUtf8(kCp1252High[b - 0x80], out);
    } else {
      AppendUtf8(b, out);
    }
  }
}

}  // namespace hotshop::io
