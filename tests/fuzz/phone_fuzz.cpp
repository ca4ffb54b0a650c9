// SPDX-License-Identifier: AGPL-3.0-or-later
// libFuzzer target for io/phone and io/email. Checks, beyond "no crash, no
// sanitizer report": NormalizePhone (fast NANP parse + validity memo) agrees
// with libphonenumber-only NormalizePhoneSlow on every input and region;
// accepted phones are '+' and 2-15 digits and are a fixed point; errors never
// echo the input; accepted emails are valid UTF-8 and normalize to themselves.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/email.h"
#include "io/phone.h"
#include "io/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* regions[] = {"US", "CA", "GB", "MX", "DE", "IN", "ZZ", ""};
  const std::string_view region = regions[data[0] & 7];
  const std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);

  hotshop::Result<hotshop::io::E164Phone> fast =
      hotshop::io::NormalizePhone(raw, region);
  hotshop::Result<hotshop::io::E164Phone> slow =
      hotshop::io::internal::NormalizePhoneSlow(raw, region);
  if (fast.ok() != slow.ok()) __builtin_trap();
  if (fast.ok()) {
    const std::string& e = fast->e164;
    if (e != slow->e164 || fast->valid != slow->valid ||
        fast->type != slow->type || fast->extension != slow->extension) {
      __builtin_trap();
    }
    if (e.size() < 3 || e.size() > 16 || e[0] != '+') __builtin_trap();
    for (size_t i = 1; i < e.size(); ++i) {
      if (e[i] < '0' || e[i] > '9') __builtin_trap();
    }
    hotshop::Result<hotshop::io::E164Phone> again =
        hotshop::io::NormalizePhone(e, region);
    if (!again.ok() || again->e164 != e) __builtin_trap();
  } else {
    if (fast.error().message() != slow.error().message()) __builtin_trap();
    // Messages hold at most 4 digits ("3166"), so a phone-like input with 5
    // or more digits can only appear in one by echoing.
    size_t digits = 0;
    for (char c : raw) digits += (c >= '0' && c <= '9') ? 1 : 0;
    if (digits >= 5 && fast.error().message().find(raw) != std::string::npos) {
      __builtin_trap();
    }
  }

  hotshop::Result<std::string> email = hotshop::io::NormalizeEmail(raw);
  if (email.ok()) {
    if (!hotshop::io::IsValidUtf8(*email) || email->size() > 254) {
      __builtin_trap();
    }
    hotshop::Result<std::string> twice = hotshop::io::NormalizeEmail(*email);
    if (!twice.ok() || *twice != *email) __builtin_trap();
  }
  return 0;
}
