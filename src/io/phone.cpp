// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/uchar.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "io/text_encoding.h"

namespace hotshop::io {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr size_t kMaxPhoneBytes = 64;
constexpr uint64_t kMemoSize = 10'000'000;  // first 7 digits of a NANP number

const PhoneNumberUtil& Util() {
  static const PhoneNumberUtil* const util = PhoneNumberUtil::GetInstance();
  return *util;
}

Error PhoneError(std::string message) {
  return Error::InvalidInput("phone", std::move(message));
}

PhoneType MapType(PhoneNumberUtil::PhoneNumberType t) {
  switch (t) {
    case PhoneNumberUtil::MOBILE: return PhoneType::kMobile;
    case PhoneNumberUtil::FIXED_LINE: return PhoneType::kFixedLine;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return PhoneType::kFixedLineOrMobile;
    case PhoneNumberUtil::TOLL_FREE: return PhoneType::kTollFree;
    case PhoneNumberUtil::PREMIUM_RATE: return PhoneType::kPremiumRate;
    case PhoneNumberUtil::VOIP: return PhoneType::kVoip;
    case PhoneNumberUtil::SHARED_COST:
    case PhoneNumberUtil::PERSONAL_NUMBER:
    case PhoneNumberUtil::PAGER:
    case PhoneNumberUtil::UAN:
    case PhoneNumberUtil::VOICEMAIL: return PhoneType::kOther;
    case PhoneNumberUtil::UNKNOWN: return PhoneType::kUnknown;
  }
  return PhoneType::kUnknown;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

struct Region {
  std::string code;  // upper case
  bool nanp = false;
};

Region UpperRegion(std::string_view region) {
  Region r;
  r.code.reserve(region.size());
  for (char c : region) {
    r.code.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  r.nanp = r.code == "US" || r.code == "CA";
  return r;
}

// Checks shared by both paths. Returns the trimmed input or an Error.
Result<std::string_view> Precheck(std::string_view raw, const Region& region) {
  if (raw.size() > kMaxPhoneBytes) {
    return PhoneError("phone number is too long (over 64 characters)");
  }
  const std::string_view s = TrimSpaces(raw);
  if (s.empty()) return PhoneError("phone number is empty");
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      return PhoneError("phone number contains control characters");
    }
  }
  if (!IsAscii(s)) {
    // A bidi override can make "0010-555-312" display as "213-555-0100":
    // refuse invisible formatting rather than read digits nobody saw.
    for (size_t i = 0; i < s.size();) {
      size_t len = 0;
      const int cp = DecodeUtf8At(s, i, len);
      if (cp < 0) return PhoneError("phone number is not valid text");
      if (u_charType(cp) == U_FORMAT_CHAR || (cp >= 0x80 && cp <= 0x9F)) {
        return PhoneError(
            "phone number contains invisible formatting characters");
      }
      i += len;
    }
  }
  if (s.front() != '+' && !region.nanp &&
      Util().GetCountryCodeForRegion(region.code) == 0) {
    return Error::InvalidInput("default_region",
                               "unknown region: use an ISO 3166 code like US");
  }
  return s;
}

// Hand parse of NANP numbers made of digits and ( ) - . spaces: "+1" and 10
// digits, or (for a US/CA default) 10 digits or "1" and 10 digits. The area
// code must start 2-9, so a leading "1" is always the trunk prefix. Anything
// else returns false and goes to libphonenumber.
bool FastNanp(std::string_view s, bool region_nanp, uint64_t& nsn) {
  char digits[11];
  size_t nd = 0;
  size_t i = 0;
  const bool plus = s.front() == '+';
  if (plus) i = 1;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (nd == sizeof(digits)) return false;
      digits[nd++] = c;
    } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
      return false;
    }
  }
  const char* d = digits;
  if (nd == 11) {
    if (d[0] != '1') return false;
    ++d;
  } else if (plus || nd != 10) {
    return false;
  }
  if (!plus && !region_nanp) return false;
  if (d[0] < '2') return false;
  uint64_t n = 0;
  for (int k = 0; k < 10; ++k) n = n * 10 + static_cast<uint64_t>(d[k] - '0');
  nsn = n;
  return true;
}

uint8_t* MemoTable() {
  // calloc: zero pages are mapped lazily, so only prefixes seen cost memory.
  static uint8_t* const table =
      static_cast<uint8_t*>(std::calloc(kMemoSize, 1));
  return table;
}

// valid + type of +1 <nsn>, memoised by the first 7 digits (see phone.h).
void ClassifyNanp(uint64_t nsn, E164Phone& out) {
  uint8_t* table = MemoTable();
  const uint64_t key = nsn / 1000;
  if (table != nullptr && key < kMemoSize) {
    const uint8_t v =
        std::atomic_ref<uint8_t>(table[key]).load(std::memory_order_relaxed);
    if (v != 0) {
      out.valid = (v & 0x40u) != 0;
      out.type = static_cast<PhoneType>(v & 0x0Fu);
      return;
    }
  }
  PhoneNumber n;
  n.set_country_code(1);
  n.set_national_number(nsn);
  // GetNumberType() != UNKNOWN is IsValidNumber() for a number whose region
  // was derived from the number itself; one regex walk instead of two.
  const PhoneType type = MapType(Util().GetNumberType(n));
  out.type = type;
  out.valid = type != PhoneType::kUnknown;
  if (table != nullptr && key < kMemoSize) {
    const auto v = static_cast<uint8_t>(0x80u | (out.valid ? 0x40u : 0u) |
                                        static_cast<uint8_t>(type));
    std::atomic_ref<uint8_t>(table[key]).store(v, std::memory_order_relaxed);
  }
}

std::string NanpE164(uint64_t nsn) {
  std::string s = "+1";
  s += std::to_string(nsn);
  return s;
}

bool IsNanpTen(const PhoneNumber& n) {
  return n.country_code() == 1 && n.national_number() >= 1000000000ull &&
         n.national_number() <= 9999999999ull && !n.italian_leading_zero();
}

// libphonenumber's Parse, mapped to hotshop errors, then made canonical: the
// E.164 string must read back as itself, or one number would get two index
// keys. libphonenumber does not promise that: the fuzzer found "+5214451500980"
// (Mexico's retired mobile "1") re-parsing as "+524451500980", and an invalid
// "+200076307000" as "+20076307000". So the E.164 is re-parsed until it is a
// fixed point (at most twice; else refused) and the checks run on that
// number. "+1" and 10 digits is a fixed point already (the fast path reads it
// back digit for digit), so NANP numbers skip the extra parse.
// Fills `n`, `e164` and `extension`.
Status ParseCanonical(std::string_view s, const Region& region, PhoneNumber& n,
                      std::string& e164, std::string& extension) {
  switch (Util().Parse(std::string(s), region.code, &n)) {
    case PhoneNumberUtil::NO_PARSING_ERROR: break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return PhoneError("phone number has an unknown country code");
    case PhoneNumberUtil::NOT_A_NUMBER:
      return PhoneError("not a phone number");
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return PhoneError("phone number is too short");
    case PhoneNumberUtil::TOO_LONG_NSN:
      return PhoneError("phone number is too long");
  }
  extension = n.extension();
  e164.clear();
  Util().Format(n, PhoneNumberUtil::E164, &e164);
  if (!IsNanpTen(n)) {
    bool fixed = false;
    for (int round = 0; round < 2 && !fixed; ++round) {
      PhoneNumber again;
      if (Util().Parse(e164, "ZZ", &again) != PhoneNumberUtil::NO_PARSING_ERROR) {
        break;
      }
      std::string e2;
      Util().Format(again, PhoneNumberUtil::E164, &e2);
      if (e2 == e164) {
        fixed = true;
      } else {
        n = again;
        e164 = std::move(e2);
      }
    }
    if (!fixed) return PhoneError("not a phone number");
  }
  switch (Util().IsPossibleNumberWithReason(n)) {
    case PhoneNumberUtil::IS_POSSIBLE: break;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
      return PhoneError("phone number has no area code");
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
      return PhoneError("phone number has an unknown country code");
    case PhoneNumberUtil::TOO_SHORT:
      return PhoneError("phone number is too short for its country");
    case PhoneNumberUtil::TOO_LONG:
      return PhoneError("phone number is too long for its country");
    case PhoneNumberUtil::INVALID_LENGTH:
      return PhoneError("phone number has the wrong number of digits for its "
                        "country");
  }
  // NANP area codes start 2-9: "possible" only checks the length.
  if (n.country_code() == 1 && n.national_number() < 2000000000ull) {
    return PhoneError("phone number has no valid North American area code");
  }
  // E.164 caps a number at 15 digits; libphonenumber's metadata lets some
  // countries (DE, AT) exceed it. The index key must stay E.164.
  if (e164.size() > 16) {
    return PhoneError("phone number is too long (E.164 allows 15 digits)");
  }
  return Ok();
}

}  // namespace

std::string_view PhoneTypeName(PhoneType type) {
  switch (type) {
    case PhoneType::kUnknown: return "unknown";
    case PhoneType::kMobile: return "mobile";
    case PhoneType::kFixedLine: return "fixed_line";
    case PhoneType::kFixedLineOrMobile: return "fixed_line_or_mobile";
    case PhoneType::kTollFree: return "toll_free";
    case PhoneType::kPremiumRate: return "premium_rate";
    case PhoneType::kVoip: return "voip";
    case PhoneType::kOther: return "other";
  }
  return "unknown";
}

Result<E164Phone> NormalizePhone(std::string_view raw,
                                 std::string_view default_region) {
  const Region region = UpperRegion(default_region);
  Result<std::string_view> checked = Precheck(raw, region);
  if (!checked.ok()) return checked.error();
  const std::string_view s = *checked;

  E164Phone out;
  uint64_t nsn = 0;
  if (FastNanp(s, region.nanp, nsn)) {
    out.e164 = NanpE164(nsn);
    ClassifyNanp(nsn, out);
    return out;
  }
  PhoneNumber n;
  Status parsed = ParseCanonical(s, region, n, out.e164, out.extension);
  if (!parsed.ok()) return parsed.error();
  if (IsNanpTen(n)) {
    ClassifyNanp(n.national_number(), out);
  } else {
    // GetNumberType() != UNKNOWN is IsValidNumber(): one regex walk.
    out.type = MapType(Util().GetNumberType(n));
    out.valid = out.type != PhoneType::kUnknown;
  }
  return out;
}

namespace internal {

Result<E164Phone> NormalizePhoneSlow(std::string_view raw,
                                     std::string_view default_region) {
  const Region region = UpperRegion(default_region);
  Result<std::string_view> checked = Precheck(raw, region);
  if (!checked.ok()) return checked.error();
  PhoneNumber n;
  E164Phone out;
  Status parsed = ParseCanonical(*checked, region, n, out.e164, out.extension);
  if (!parsed.ok()) return parsed.error();
  out.valid = Util().IsValidNumber(n);
  out.type = out.valid ? MapType(Util().GetNumberType(n)) : PhoneType::kUnknown;
  return out;
}

}  // namespace internal
}  // namespace hotshop::io
