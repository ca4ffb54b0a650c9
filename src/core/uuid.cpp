// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/uuid.h"

namespace hotshop::core {

std::string FormatUuidV7(int64_t unix_ms, const std::array<uint8_t, 10>& random) {
  uint8_t b[16];
  auto ms = static_cast<uint64_t>(unix_ms);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  b[6] = static_cast<uint8_t>(0x70 | (random[0] & 0x0f));
  b[7] = random[1];
  b[8] = static_cast<uint8_t>(0x80 | (random[2] & 0x3f));  // RFC 9562 variant
  for (int i = 0; i < 7; ++i) b[9 + i] = random[3 + i];
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

int64_t UuidV7Millis(std::string_view s) {
  if (s.size() != 36 || s[14] != '7') return -1;
  int64_t ms = 0;
  int digits = 0;
  for (char c : s) {
    if (c == '-') continue;
    if (digits == 12) break;
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else return -1;
    ms = ms * 16 + v;
    ++digits;
  }
  return ms;
}

}  // namespace hotshop::core
