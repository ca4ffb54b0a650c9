// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/recovery_codes.h.
// Covers security-model.md §2.6 (10 hashed single-use recovery codes): >= 60
// bits each, only keyed hashes stored, constant-time matching of every
// stored hash, single use left to the caller via the returned index.
#include "security/recovery_codes.h"

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "security/keyring.h"

namespace hotshop::security {
namespace {

const char kUser[] = "0190a1b2-0000-7000-8000-0000000000u1";

SecretBytes TestKey() {
  return RecoveryCodeKey(SecretBytes::CopyOf(std::string(32, 'm')));
}

// "xxxx-xxxx-xxxx" over 0-9 and a-z without i, l, o, u.
bool HasCodeShape(const std::string& c) {
  if (c.size() != 14 || c[4] != '-' || c[9] != '-') return false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i == 4 || i == 9) continue;
    const bool digit = c[i] >= '0' && c[i] <= '9';
    const bool letter = c[i] >= 'a' && c[i] <= 'z' && c[i] != 'i' &&
                        c[i] != 'l' && c[i] != 'o' && c[i] != 'u';
    if (!digit && !letter) return false;
  }
  return true;
}

static_assert(kRecoveryCodeChars * 5 >= 60, "each code carries >= 60 bits");

TEST(RecoveryCodes, TenCodesInTheUnambiguousFormat) {
  RecoveryCodeSet set = GenerateRecoveryCodes(TestKey(), kUser);
  ASSERT_EQ(set.codes.size(), 10u);
  ASSERT_EQ(set.hashes.size(), 10u);
  for (const std::string& c : set.codes) {
    EXPECT_TRUE(HasCodeShape(c)) << c;
  }
  EXPECT_EQ(std::set<std::string>(set.codes.begin(), set.codes.end()).size(), 10u);
  for (const std::string& h : set.hashes) {
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  }
}

TEST(RecoveryCodes, EachCodeMatchesItsOwnIndex) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  for (std::size_t i = 0; i < set.codes.size(); ++i) {
    EXPECT_EQ(MatchRecoveryCode(key, kUser, set.codes[i], set.hashes), i);
    EXPECT_EQ(RecoveryCodeHash(key, kUser, set.codes[i]), set.hashes[i]);
  }
}

TEST(RecoveryCodes, InputIsForgiving) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  std::string typed = set.codes[3];
  for (char& c : typed) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '0') c = 'O';
    if (c == '1') c = 'l';
    if (c == '-') c = ' ';
  }
  EXPECT_EQ(MatchRecoveryCode(key, kUser, typed, set.hashes), 3u);
}

TEST(RecoveryCodes, UsedCodeRemovedByCallerNoLongerMatches) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  std::optional<std::size_t> i = MatchRecoveryCode(key, kUser, set.codes[0], set.hashes);
  ASSERT_EQ(i, 0u);
  set.hashes.erase(set.hashes.begin() + static_cast<std::ptrdiff_t>(*i));
  EXPECT_FALSE(MatchRecoveryCode(key, kUser, set.codes[0], set.hashes));
  EXPECT_EQ(MatchRecoveryCode(key, kUser, set.codes[1], set.hashes), 0u);
}

TEST(RecoveryCodes, WrongCodeUserOrKeyDoesNotMatch) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  EXPECT_FALSE(MatchRecoveryCode(key, kUser, "0000-0000-0000", set.hashes));
  // Hash rows copied to another account do not match there.
  EXPECT_FALSE(MatchRecoveryCode(key, "another-user", set.codes[0], set.hashes));
  SecretBytes other = RecoveryCodeKey(SecretBytes::CopyOf(std::string(32, 'n')));
  EXPECT_FALSE(MatchRecoveryCode(other, kUser, set.codes[0], set.hashes));
}

TEST(RecoveryCodes, HashesRevealNothingOfTheCode) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  const std::string canonical = *NormalizeRecoveryCode(set.codes[0]);
  for (const std::string& h : set.hashes) {
    EXPECT_EQ(h.find(canonical), std::string::npos);
  }
}

TEST(RecoveryCodes, KeyIsTheRecoverySubkeyOfTheMasterKey) {
  SecretBytes master = SecretBytes::CopyOf(std::string(32, 'm'));
  EXPECT_TRUE(RecoveryCodeKey(master).Equals(DeriveSubkey(master, 1, "recovery")));
}

// ---- incorrect usage -------------------------------------------------------

TEST(RecoveryCodes, MalformedInputNeverMatches) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  for (const std::string& bad :
       {std::string(), std::string("abcd-efgh"), std::string("uuuu-uuuu-uuuu"),
        set.codes[0] + "x", std::string(10000, '0'), std::string("\xFF")}) {
    EXPECT_FALSE(MatchRecoveryCode(key, kUser, bad, set.hashes)) << bad;
    EXPECT_FALSE(RecoveryCodeHash(key, kUser, bad).has_value());
  }
}

TEST(RecoveryCodes, CorruptStoredHashIsSkipped) {
  SecretBytes key = TestKey();
  RecoveryCodeSet set = GenerateRecoveryCodes(key, kUser);
  std::vector<std::string> stored = {"zz", std::string(64, 'g'), set.hashes[2]};
  EXPECT_EQ(MatchRecoveryCode(key, kUser, set.codes[2], stored), 2u);
  EXPECT_FALSE(MatchRecoveryCode(key, kUser, set.codes[2], {}));
}

TEST(RecoveryCodes, EmptyUserOrBadKeyThrows) {
  SecretBytes key = TestKey();
  EXPECT_THROW(GenerateRecoveryCodes(key, ""), std::invalid_argument);
  EXPECT_THROW(GenerateRecoveryCodes(SecretBytes::Random(16), kUser),
               std::invalid_argument);
  EXPECT_THROW((void)MatchRecoveryCode(key, "", "0000-0000-0000", {}),
               std::invalid_argument);
  EXPECT_THROW(RecoveryCodeKey(SecretBytes()), std::invalid_argument);
}

}  // namespace
}  // namespace hotshop::security
