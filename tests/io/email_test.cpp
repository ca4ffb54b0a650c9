// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/email: NFKC normalization, domain lowercasing, dedupe key,
// syntax errors with clear messages, and the work-email (same domain) check.
// Hostile cases (security-model.md §4 row 16): U+202E and zero-width
// characters, full-width look-alikes, NUL and control bytes, invalid UTF-8,
// display names, quoted local parts, IP-literal domains, 300-byte and
// 5000-byte inputs, formula-looking addresses.
#include "io/email.h"

#include <gtest/gtest.h>

#include <string>

namespace hotshop::io {
namespace {

std::string Must(std::string_view raw) {
  Result<std::string> e = NormalizeEmail(raw);
  EXPECT_TRUE(e.ok()) << raw << ": " << (e.ok() ? "" : e.error().message());
  return e.ok() ? *e : "";
}

void ExpectRejected(std::string_view raw, std::string_view message_part) {
  Result<std::string> e = NormalizeEmail(raw);
  ASSERT_FALSE(e.ok()) << raw;
  EXPECT_TRUE(e.error().Is(ErrorCode::kInvalidInput));
  EXPECT_EQ(e.error().field(), "email");
  EXPECT_NE(e.error().message().find(message_part), std::string::npos)
      << raw << " -> " << e.error().message();
}

TEST(Email, TrimsAndLowercasesDomainButKeepsLocalCase) {
  EXPECT_EQ(Must("  Ann.Lee@Example.ORG \t"), "Ann.Lee@example.org");
  EXPECT_EQ(Must("mailto:ann@example.org"), "ann@example.org");
  EXPECT_EQ(Must("ann@example.org."), "ann@example.org");
}

TEST(Email, DedupeKeyLowercasesLocalPartToo) {
  EXPECT_EQ(*EmailDedupeKey("Ann.Lee@Example.org"), "ann.lee@example.org");
  EXPECT_EQ(*EmailDedupeKey("ann.lee@example.org"),
            *EmailDedupeKey(" ANN.LEE@EXAMPLE.ORG"));
}

TEST(Email, NfkcFoldsFullWidthAndNoBreakSpaces) {
  // ｊｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ with a no-break space around it.
  EXPECT_EQ(Must("\xC2\xA0\xEF\xBD\x8A\xEF\xBD\x8F\xEF\xBD\x85\xEF\xBC\xA0"
                 "\xEF\xBD\x85\xEF\xBD\x98\xEF\xBD\x81\xEF\xBD\x8D\xEF\xBD\x90"
                 "\xEF\xBD\x8C\xEF\xBD\x85\xEF\xBC\x8E\xEF\xBD\x83\xEF\xBD\x8F"
                 "\xEF\xBD\x8D\xC2\xA0"),
            "joe@example.com");
}

TEST(Email, InternationalAddressesAreAccepted) {
  EXPECT_EQ(Must("Jos\xC3\xA9@Ejemplo.MX"), "Jos\xC3\xA9@ejemplo.mx");
  EXPECT_EQ(Must("user@B\xC3\x9C" "CHER.de"), "user@b\xC3\xBC" "cher.de");
  EXPECT_EQ(*EmailDedupeKey("\xC3\x89LISE@exemple.fr"), "\xC3\xA9lise@exemple.fr");
}

TEST(Email, PlusTagsAndOddButLegalCharactersPass) {
  EXPECT_EQ(Must("ann+union@example.org"), "ann+union@example.org");
  EXPECT_EQ(Must("o'neil@example.org"), "o'neil@example.org");
  EXPECT_EQ(Must("=cmd@example.org"), "=cmd@example.org");  // stored verbatim
}

TEST(Email, SyntaxErrorsSayWhatIsWrong) {
  ExpectRejected("", "empty");
  ExpectRejected("ann.example.org", "no @");
  ExpectRejected("ann@@example.org", "more than one @");
  ExpectRejected("@example.org", "nothing before the @");
  ExpectRejected("ann@", "nothing after the @");
  ExpectRejected("ann@localhost", "needs a dot");
  ExpectRejected("ann@example..org", "empty part");
  ExpectRejected("ann@-example.org", "hyphen");
  ExpectRejected("ann@exa_mple.org", "not allowed in domain");
  ExpectRejected("ann@example.123", "cannot be a number");
  ExpectRejected(".ann@example.org", "misplaced dot");
  ExpectRejected("an..n@example.org", "misplaced dot");
  ExpectRejected("an,n@example.org", "not allowed");
  ExpectRejected("ann lee@example.org", "space");
  ExpectRejected("Ann Lee <ann@example.org>", "without a name");
  ExpectRejected("\"ann lee\"@example.org", "space");
  ExpectRejected("\"annlee\"@example.org", "quoted");
  ExpectRejected("ann@[192.0.2.1]", "IP address");
  ExpectRejected(std::string(65, 'a') + "@example.org", "over 64");
  ExpectRejected("a@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                     std::string(63, 'd') + "." + std::string(63, 'e') + ".org",
                 "over 254");
  ExpectRejected("a@" + std::string(64, 'b') + ".org", "over 63");
  ExpectRejected(std::string(5000, 'a'), "too long");
}

TEST(Email, InvisibleAndControlCharactersAreRefused) {
  ExpectRejected("ann\xE2\x80\xAE" "gro.elpmaxe@evil.org", "invisible");
  ExpectRejected("ann\xE2\x80\x8B@example.org", "invisible");  // ZWSP
  ExpectRejected(std::string("ann\0@example.org", 16), "control");
  ExpectRejected("ann\x07@example.org", "control");
  ExpectRejected("ann\xC2\x85@example.org", "control");
  ExpectRejected("ann\xFF@example.org", "not valid text");
}

TEST(Email, ErrorsNeverEchoTheAddress) {
  Result<std::string> e = NormalizeEmail("secret.person@@example.org");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().message().find("secret"), std::string::npos);
}

TEST(Email, SameDomainSpotsWorkAddresses) {
  EXPECT_TRUE(SameDomain("ann@acme.com", "acme.com"));
  EXPECT_TRUE(SameDomain("ann@ACME.com", "https://www.Acme.com/"));
  EXPECT_TRUE(SameDomain("ann@mail.acme.com", "@acme.com"));
  EXPECT_FALSE(SameDomain("ann@notacme.com", "acme.com"));
  EXPECT_FALSE(SameDomain("ann@acme.com.evil.org", "acme.com"));
  EXPECT_FALSE(SameDomain("ann@gmail.com", "acme.com"));
}

// --- Incorrect usage -------------------------------------------------------

TEST(EmailIncorrectUsage, SameDomainWithEmptyOrMalformedSidesIsFalse) {
  EXPECT_FALSE(SameDomain("", "acme.com"));
  EXPECT_FALSE(SameDomain("ann@acme.com", ""));
  EXPECT_FALSE(SameDomain("ann@acme.com", "  www. "));
  EXPECT_FALSE(SameDomain("no-at-sign", "acme.com"));
}

TEST(EmailIncorrectUsage, NormalizingTwiceIsStable) {
  for (const char* raw : {" Ann@Example.ORG", "Jos\xC3\xA9@Ejemplo.MX"}) {
    const std::string once = Must(raw);
    EXPECT_EQ(Must(once), once);
  }
}

}  // namespace
}  // namespace hotshop::io
