// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/totp.h.
// Covers security-model.md §2.6 (oath_totp_validate3, window of one 30 s step,
// counters <= the last accepted rejected, 160-bit secrets), RFC 6238 test
// vectors, ASVS 2.8.4-2.8.5, and §4 case 2 (a valid TOTP replayed within its
// window: rejected, with an error the caller can log and notify on).
#include "security/totp.h"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <qrencode.h>

namespace hotshop::security {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 SHA-1 seed
constexpr int64_t kNow = 1'700'000'010;                 // a fixed instant
constexpr int64_t kStep = kNow / 30;

void ExpectCodeError(const Result<int64_t>& r, ErrorCode code) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), code);
  EXPECT_EQ(r.error().field(), "totp_code");
}

TEST(Totp, MatchesRfc6238Vectors) {
  // RFC 6238 Appendix B (8 digits); the 6-digit code is the last six.
  EXPECT_EQ(TotpCode(kRfcSecret, 59), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(TotpCode(kRfcSecret, 1234567890), "005924");
  EXPECT_EQ(TotpCode(kRfcSecret, 2000000000), "279037");
}

TEST(Totp, AcceptsTheCurrentCodeAndReturnsItsCounter) {
  Result<int64_t> r =
      VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow), kNow, kNoTotpAccepted);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kStep);
}

TEST(Totp, AcceptsOneStepEitherSide) {
  EXPECT_EQ(*VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow - 30), kNow,
                        kNoTotpAccepted),
            kStep - 1);
  EXPECT_EQ(*VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow + 30), kNow,
                        kNoTotpAccepted),
            kStep + 1);
}

TEST(Totp, RejectsTwoStepsAway) {
  ExpectCodeError(VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow - 60), kNow,
                             kNoTotpAccepted),
                  ErrorCode::kUnauthenticated);
  ExpectCodeError(VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow + 60), kNow,
                             kNoTotpAccepted),
                  ErrorCode::kUnauthenticated);
}

TEST(Totp, AcceptsCodeTypedWithASpace) {
  std::string code = TotpCode(kRfcSecret, kNow);
  code.insert(3, " ");
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, kNow, kNoTotpAccepted).ok());
}

// §4 case 2.
TEST(Totp, ReplayedCodeIsRejectedDistinctly) {
  const std::string code = TotpCode(kRfcSecret, kNow);
  Result<int64_t> first = VerifyTotp(kRfcSecret, code, kNow, kNoTotpAccepted);
  ASSERT_TRUE(first.ok());
  Result<int64_t> replay = VerifyTotp(kRfcSecret, code, kNow + 5, *first);
  ExpectCodeError(replay, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(IsTotpReplay(replay.error()));
  EXPECT_EQ(replay.error().message(), kTotpReplayMessage);

  Result<int64_t> wrong = VerifyTotp(kRfcSecret, "000000", kNow, kNoTotpAccepted);
  ExpectCodeError(wrong, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(IsTotpReplay(wrong.error()));
  EXPECT_NE(wrong.error().message(), replay.error().message());
}

TEST(Totp, OlderCodeAfterANewerOneIsAReplay) {
  // The next step's code was accepted (clock skew); the current one, still in
  // the window, must not work afterwards.
  Result<int64_t> next = VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow + 30),
                                    kNow, kNoTotpAccepted);
  ASSERT_TRUE(next.ok());
  Result<int64_t> older =
      VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow), kNow, *next);
  ExpectCodeError(older, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(IsTotpReplay(older.error()));
}

TEST(Totp, NextStepAfterAcceptedStepWorks) {
  Result<int64_t> first =
      VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, kNow), kNow, kNoTotpAccepted);
  ASSERT_TRUE(first.ok());
  Result<int64_t> second = VerifyTotp(
      kRfcSecret, TotpCode(kRfcSecret, kNow + 30), kNow + 30, *first);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first + 1);
}

TEST(Totp, NewSecretsAre160RandomBits) {
  const std::string a = NewTotpSecret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, NewTotpSecret());
  EXPECT_EQ(Base32(a).size(), 32u);
}

TEST(Totp, Base32MatchesRfc4648WithoutPadding) {
  EXPECT_EQ(Base32(""), "");
  EXPECT_EQ(Base32("f"), "MY");
  EXPECT_EQ(Base32("fo"), "MZXQ");
  EXPECT_EQ(Base32("foo"), "MZXW6");
  EXPECT_EQ(Base32("foob"), "MZXW6YQ");
  EXPECT_EQ(Base32("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Totp, OtpauthUriIsPercentEncoded) {
  EXPECT_EQ(OtpauthUri("Local 12", "ana@example.org", kRfcSecret),
            "otpauth://totp/Local%2012:ana%40example.org"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Local%2012"
            "&algorithm=SHA1&digits=6&period=30");
  // A ':' or '&' in a name cannot break the URI apart.
  const std::string uri = OtpauthUri("a:b&c", "x?y#z", kRfcSecret);
  EXPECT_NE(uri.find("a%3Ab%26c:x%3Fy%23z?"), std::string::npos);
}

// Counts the dark modules an SVG path draws ("Mx yhNv1h-Nz" per run).
int DarkModulesInSvg(const std::string& svg) {
  int total = 0;
  std::size_t pos = 0;
  while ((pos = svg.find('h', pos)) != std::string::npos) {
    if (svg[pos + 1] == '-') {
      ++pos;
      continue;
    }
    total += std::stoi(svg.substr(pos + 1));
    ++pos;
  }
  return total;
}

TEST(QrSvg, DrawsExactlyTheQrModulesAsOnePath) {
  const std::string uri = OtpauthUri("Local 12", "ana@example.org", NewTotpSecret());
  Result<std::string> svg = QrSvg(uri);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
  EXPECT_EQ(svg->find("<script"), std::string::npos);
  EXPECT_EQ(svg->find("href"), std::string::npos);
  EXPECT_EQ(svg->find(" on"), std::string::npos);  // no onload= etc.
  EXPECT_EQ(svg->find("<path"), svg->rfind("<path"));

  QRcode* qr = QRcode_encodeData(static_cast<int>(uri.size()),
                                 reinterpret_cast<const unsigned char*>(uri.data()),
                                 0, QR_ECLEVEL_M);
  ASSERT_NE(qr, nullptr);
  int dark = 0;
  for (int i = 0; i < qr->width * qr->width; ++i) dark += qr->data[i] & 1;
  const std::string path = svg->substr(svg->find(" d=\""));
  EXPECT_EQ(DarkModulesInSvg(path), dark);
  const std::string view = "viewBox=\"0 0 " + std::to_string(qr->width + 8);
  EXPECT_NE(svg->find(view), std::string::npos);
  QRcode_free(qr);
}

TEST(QrSvg, IsDeterministic) {
  EXPECT_EQ(*QrSvg("otpauth://totp/x:y?secret=MY"),
            *QrSvg("otpauth://totp/x:y?secret=MY"));
}

// ---- incorrect usage -------------------------------------------------------

TEST(Totp, MalformedCodesAreInvalidInput) {
  for (const char* bad : {"", "12345", "1234567", "abcdef", "12345a", "١٢٣٤٥٦",
                          "-12345", "123456789012345678901234567890"}) {
    ExpectCodeError(VerifyTotp(kRfcSecret, bad, kNow, kNoTotpAccepted),
                    ErrorCode::kInvalidInput);
  }
}

TEST(Totp, EmptySecretIsAnInternalError) {
  Result<int64_t> r = VerifyTotp("", "123456", kNow, kNoTotpAccepted);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
  EXPECT_THROW(TotpCode("", kNow), std::invalid_argument);
  EXPECT_THROW(TotpCode(kRfcSecret, -1), std::invalid_argument);
}

TEST(QrSvg, EmptyOrOversizedTextIsRefused) {
  for (const std::string& bad : {std::string(), std::string(3000, 'x'),
                                 std::string(100000, 'x')}) {
    Result<std::string> r = QrSvg(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().field(), "text");
  }
}

}  // namespace
}  // namespace hotshop::security
