// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/phone: E.164 normalization via libphonenumber, with the NANP
// fast parse and validity memo checked against libphonenumber itself.
// security-model.md §4 row 17: "(555) 010-0000" and "+1 555 010 0000" share
// one E.164; "+99999999999999999" is refused. Decision tested here: possible
// but invalid numbers (the 555 demo range) are accepted with valid=false.
// Hostile cases: 17-digit and 65-byte inputs, control characters and NUL,
// U+202E, letters, local-only 7-digit numbers, an unknown default region,
// concurrent calls from several threads.
#include "io/phone.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

namespace hotshop::io {
namespace {

E164Phone Must(std::string_view raw, std::string_view region = "US") {
  Result<E164Phone> p = NormalizePhone(raw, region);
  EXPECT_TRUE(p.ok()) << raw << ": " << (p.ok() ? "" : p.error().message());
  return p.ok() ? *p : E164Phone{};
}

void ExpectRejected(std::string_view raw, std::string_view message_part,
                    std::string_view region = "US") {
  Result<E164Phone> p = NormalizePhone(raw, region);
  ASSERT_FALSE(p.ok()) << raw;
  EXPECT_TRUE(p.error().Is(ErrorCode::kInvalidInput));
  EXPECT_EQ(p.error().field(), "phone");
  EXPECT_NE(p.error().message().find(message_part), std::string::npos)
      << p.error().message();
}

TEST(Phone, DemoNumbersShareOneE164AndAreFlaggedNotValid) {
  const E164Phone a = Must("(555) 010-0000");
  const E164Phone b = Must("+1 555 010 0000");
  const E164Phone c = Must("1-555-010-0000");
  EXPECT_EQ(a.e164, "+15550100000");
  EXPECT_EQ(b.e164, a.e164);
  EXPECT_EQ(c.e164, a.e164);
  EXPECT_FALSE(a.valid);
  EXPECT_EQ(a.type, PhoneType::kUnknown);
}

TEST(Phone, ImpossibleCountryCodeIsRejectedWithoutEchoingInput) {
  Result<E164Phone> p = NormalizePhone("+99999999999999999");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field(), "phone");
  EXPECT_EQ(p.error().message().find("9999"), std::string::npos);
}

TEST(Phone, CommonUsSpellingsAgree) {
  for (const char* raw : {"2025550175", "202-555-0175", "(202) 555-0175",
                          "202.555.0175", "1 (202) 555-0175", "+12025550175",
                          "  +1 202 555 0175  ", "12025550175"}) {
    EXPECT_EQ(Must(raw).e164, "+12025550175") << raw;
  }
}

TEST(Phone, ValidUsNumberHasNanpType) {
  const E164Phone p = Must("720-829-3847");
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.type, PhoneType::kFixedLineOrMobile);
  EXPECT_EQ(PhoneTypeName(p.type), "fixed_line_or_mobile");
}

TEST(Phone, VanityAndTollFree) {
  const E164Phone p = Must("1-800-FLOWERS");
  EXPECT_EQ(p.e164, "+18003569377");
  EXPECT_EQ(p.type, PhoneType::kTollFree);
}

TEST(Phone, ExtensionIsKeptApart) {
  const E164Phone p = Must("+1 (213) 555-0100 x12");
  EXPECT_EQ(p.e164, "+12135550100");
  EXPECT_EQ(p.extension, "12");
}

TEST(Phone, InternationalNumbersAndOtherRegions) {
  const E164Phone uk = Must("+44 7911 123456");
  EXPECT_EQ(uk.e164, "+447911123456");
  EXPECT_TRUE(uk.valid);
  EXPECT_EQ(uk.type, PhoneType::kMobile);
  EXPECT_EQ(Must("07911 123456", "GB").e164, "+447911123456");
  EXPECT_EQ(Must("07911 123456", "gb").e164, "+447911123456");
  EXPECT_EQ(Must("+52 55 1234 5678", "US").e164, "+525512345678");
}

TEST(Phone, ImpossibleNumbersAreRejected) {
  ExpectRejected("555-0100", "no area code");
  ExpectRejected("12345", "too short");
  ExpectRejected("call me maybe", "not a phone number");
  ExpectRejected("", "empty");
  ExpectRejected("   ", "empty");
  ExpectRejected(std::string(65, '2'), "over 64");
  ExpectRejected(std::string("213555\0" "0100", 11), "control");
  ExpectRejected("213\n5550100", "control");
  ExpectRejected("+1 213 555 01000", "too long");
}

TEST(Phone, BidiOverrideCannotSmuggleADifferentNumber) {
  // Shown right-to-left, "0010-555-312" reads "213-555-0100".
  ExpectRejected("\xE2\x80\xAE" "0010-555-312", "invisible formatting");
  ExpectRejected("213\xE2\x80\x8B" "5550100", "invisible formatting");  // ZWSP
  ExpectRejected("213\xC2\x85" "5550100", "invisible formatting");  // C1 NEL
  ExpectRejected("213\xFF" "5550100", "not valid text");
}

TEST(Phone, NanpAreaCodeStartingZeroOrOneIsRejected) {
  ExpectRejected("0010555312", "area code");
  ExpectRejected("+1 123 555 0100", "area code");
  // Full-width digits are fine: libphonenumber folds them.
  EXPECT_EQ(Must("\xEF\xBC\x92" "135550100").e164, "+12135550100");
}

TEST(Phone, ResultIsCanonicalEvenWhereLibphonenumberIsNot) {
  // Found by phone_fuzz: Mexico's retired mobile "1" made the E.164 of this
  // number re-parse to another E.164 (two keys for one number).
  const E164Phone mx = Must("04x514451500980", "MX");
  EXPECT_EQ(mx.e164, "+524451500980");
  EXPECT_EQ(Must(mx.e164).e164, mx.e164);
  EXPECT_EQ(Must("+52 1 444 515 0098", "US").e164,
            Must(Must("+52 1 444 515 0098", "US").e164).e164);
  // And an invalid one that would have read +200076307000 then +20076307000.
  Result<E164Phone> eg = NormalizePhone("0-020-00076307-000", "GB");
  if (eg.ok()) {
    EXPECT_EQ(Must(eg->e164).e164, eg->e164);
  }
}

TEST(Phone, MoreThanFifteenDigitsIsRejectedEvenIfTheMetadataAllowsIt) {
  // Found by phone_fuzz: libphonenumber calls this German number valid.
  ExpectRejected("+499 77777626CAr56", "15 digits");
}

TEST(Phone, PlusNumbersIgnoreAnUnknownDefaultRegion) {
  EXPECT_EQ(Must("+1 213 555 0100", "ZZ").e164, "+12135550100");
}

// The fast NANP parse and the 7-digit memo must agree with libphonenumber.
TEST(Phone, FastPathMatchesLibphonenumberOnGeneratedInputs) {
  std::mt19937 rng(17);
  const std::string alphabet = "0123456789012345678901234567890123456789 ()-.+x";
  for (int i = 0; i < 4000; ++i) {
    std::string raw;
    const size_t len = 6 + rng() % 16;
    for (size_t k = 0; k < len; ++k) raw.push_back(alphabet[rng() % alphabet.size()]);
    for (const char* region : {"US", "CA", "GB", "MX", "DE"}) {
      Result<E164Phone> fast = NormalizePhone(raw, region);
      Result<E164Phone> slow = internal::NormalizePhoneSlow(raw, region);
      ASSERT_EQ(fast.ok(), slow.ok()) << "'" << raw << "' " << region;
      if (!fast.ok()) {
        EXPECT_EQ(fast.error().message(), slow.error().message()) << raw;
        continue;
      }
      EXPECT_EQ(fast->e164, slow->e164) << "'" << raw << "' " << region;
      EXPECT_EQ(fast->valid, slow->valid) << raw;
      EXPECT_EQ(fast->type, slow->type) << raw;
      EXPECT_EQ(fast->extension, slow->extension) << raw;
      Result<E164Phone> again = NormalizePhone(fast->e164, region);
      ASSERT_TRUE(again.ok()) << fast->e164;
      EXPECT_EQ(again->e164, fast->e164) << "'" << raw << "' " << region;
    }
  }
}

TEST(Phone, NanpValidityDependsOnlyOnTheFirstSevenDigits) {
  // The memo's premise (see phone.h): re-check it on random prefixes,
  // including the Caribbean ones whose patterns fix 7 digits.
  std::mt19937 rng(99);
  std::vector<uint64_t> prefixes = {2465210, 2465211, 8766060, 2844960, 2844966,
                                    5550100, 2025550, 2135550};
  for (int i = 0; i < 150; ++i) prefixes.push_back(2000000 + rng() % 8000000);
  for (uint64_t prefix : prefixes) {
    Result<E164Phone> first = Error::Internal("unset");
    for (int k = 0; k < 3; ++k) {
      const uint64_t nsn = prefix * 1000 + rng() % 1000;
      Result<E164Phone> slow =
          internal::NormalizePhoneSlow("+1" + std::to_string(nsn), "US");
      Result<E164Phone> fast = NormalizePhone("+1" + std::to_string(nsn), "US");
      ASSERT_TRUE(slow.ok() && fast.ok());
      EXPECT_EQ(fast->valid, slow->valid) << nsn;
      EXPECT_EQ(fast->type, slow->type) << nsn;
      if (k == 0) {
        first = slow;
      } else {
        EXPECT_EQ(slow->valid, first->valid) << nsn;
        EXPECT_EQ(slow->type, first->type) << nsn;
      }
    }
  }
}

TEST(Phone, ConcurrentCallsAgreeWithSequentialOnes) {
  std::vector<std::string> inputs;
  for (int i = 0; i < 400; ++i) {
    inputs.push_back("(" + std::to_string(201 + i % 700) + ") 5" +
                     std::to_string(10 + i % 80) + "-" + std::to_string(1000 + i));
  }
  std::vector<std::string> expected;
  for (const std::string& s : inputs) {
    Result<E164Phone> p = internal::NormalizePhoneSlow(s, "US");
    expected.push_back(p.ok() ? p->e164 + (p->valid ? "v" : "i") : "error");
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < inputs.size(); ++i) {
        Result<E164Phone> p = NormalizePhone(inputs[(i + static_cast<size_t>(t) * 97) % inputs.size()]);
        const std::string got = p.ok() ? p->e164 + (p->valid ? "v" : "i") : "error";
        if (got != expected[(i + static_cast<size_t>(t) * 97) % inputs.size()]) {
          ++mismatches[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// --- Incorrect usage -------------------------------------------------------

TEST(PhoneIncorrectUsage, UnknownDefaultRegionIsItsOwnError) {
  Result<E164Phone> p = NormalizePhone("2135550100", "ZZ");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field(), "default_region");
  Result<E164Phone> empty = NormalizePhone("2135550100", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field(), "default_region");
}

TEST(PhoneIncorrectUsage, AlreadyNormalizedInputIsAFixedPoint) {
  for (const char* raw : {"(555) 010-0000", "+44 7911 123456", "1-800-FLOWERS"}) {
    const E164Phone once = Must(raw);
    EXPECT_EQ(Must(once.e164).e164, once.e164);
  }
}

}  // namespace
}  // namespace hotshop::io
