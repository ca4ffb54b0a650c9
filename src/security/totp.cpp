// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/totp.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <limits>
#include <mutex>
#include <stdexcept>

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include "security/sodium_init.h"

namespace hotshop::security {

namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kQuietZoneModules = 4;
constexpr int kPixelsPerModule = 4;
constexpr std::size_t kMaxQrTextBytes = 4096;  // far above QR capacity

std::once_flag g_oath_once;
int g_oath_rc = OATH_OK;

bool OathReady() {
  std::call_once(g_oath_once, [] { g_oath_rc = oath_init(); });
  return g_oath_rc == OATH_OK;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                            c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

// liboath compares each candidate code through this; handle is the user's
// 6-digit code, NUL-terminated. 0 means equal.
int ConstantTimeOtpCompare(void* handle, const char* test_otp) {
  const char* expected = static_cast<const char*>(handle);
  if (std::strlen(test_otp) != kTotpDigits) return 1;
  return sodium_memcmp(expected, test_otp, kTotpDigits) == 0 ? 0 : 1;
}

Error CodeError(std::string message) {
  return Error(ErrorCode::kUnauthenticated, "totp_code", std::move(message));
}

}  // namespace

std::string NewTotpSecret() {
  EnsureSodium();
  std::string secret(kTotpSecretBytes, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string Base32(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1F]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
  return out;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret) {
  const std::string enc_issuer = PercentEncode(issuer);
  return "otpauth://totp/" + enc_issuer + ":" + PercentEncode(account) +
         "?secret=" + Base32(secret) + "&issuer=" + enc_issuer +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

Result<int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                           int64_t now_unix, int64_t last_accepted_counter) {
  if (secret.empty()) return Error::Internal("TOTP secret is empty");
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || digits.size() >= kTotpDigits + 1) {
      return Error::InvalidInput("totp_code", "must be 6 digits");
    }
    digits.push_back(c);
  }
  if (digits.size() != kTotpDigits) {
    return Error::InvalidInput("totp_code", "must be 6 digits");
  }
  if (!OathReady()) return Error::Internal("liboath failed to initialize");
  EnsureSodium();
  int position = 0;
  uint64_t counter = 0;
  const int rc = oath_totp_validate3_callback(
      secret.data(), secret.size(), static_cast<time_t>(now_unix),
      kTotpStepSeconds, 0, kTotpDigits, kTotpWindowSteps, &position, &counter,
      &ConstantTimeOtpCompare, digits.data());
  sodium_memzero(digits.data(), digits.size());
  if (rc == OATH_INVALID_OTP) return CodeError("code is wrong or expired");
  if (rc < 0) {
    return Error::Internal(std::string("TOTP validation failed: ") +
                           oath_strerror(rc));
  }
  if (counter > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return Error::Internal("TOTP counter out of range");
  }
  const auto matched = static_cast<int64_t>(counter);
  if (matched <= last_accepted_counter) return CodeError(kTotpReplayMessage);
  return matched;
}

bool IsTotpReplay(const Error& error) {
  return error.code() == ErrorCode::kUnauthenticated &&
         error.field() == "totp_code" && error.message() == kTotpReplayMessage;
}

std::string TotpCode(std::string_view secret, int64_t now_unix) {
  if (secret.empty() || now_unix < 0) {
    throw std::invalid_argument("TotpCode needs a secret and a time >= 0");
  }
  if (!OathReady()) throw std::runtime_error("liboath failed to initialize");
  char out[kTotpDigits + 1] = {};
  const int rc = oath_totp_generate(secret.data(), secret.size(),
                                    static_cast<time_t>(now_unix),
                                    kTotpStepSeconds, 0, kTotpDigits, out);
  if (rc != OATH_OK) {
    throw std::runtime_error(std::string("oath_totp_generate: ") +
                             oath_strerror(rc));
  }
  return std::string(out, kTotpDigits);
}

Result<std::string> QrSvg(std::string_view text) {
  if (text.empty() || text.size() > kMaxQrTextBytes) {
    return Error::InvalidInput("text", "is empty or too long for a QR code");
  }
  errno = 0;
  QRcode* qr = QRcode_encodeData(
      static_cast<int>(text.size()),
      reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
  if (qr == nullptr) {
    if (errno == ERANGE || errno == EINVAL) {
      return Error::InvalidInput("text", "is too long for a QR code");
    }
    return Error::Internal("libqrencode failed to encode the QR code");
  }
  const int width = qr->width;
  const int size = width + 2 * kQuietZoneModules;
  const std::string s = std::to_string(size);
  const std::string px = std::to_string(size * kPixelsPerModule);
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " +
      s + " " + s + "\" width=\"" + px + "\" height=\"" + px +
      "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" +
      s + "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"";
  for (int y = 0; y < width; ++y) {
    int x = 0;
    while (x < width) {
      if ((qr->data[y * width + x] & 1) == 0) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (qr->data[y * width + x + run] & 1) != 0) ++run;
      const std::string r = std::to_string(run);
      svg += "M" + std::to_string(x + kQuietZoneModules) + " " +
             std::to_string(y + kQuietZoneModules) + "h" + r + "v1h-" + r + "z";
      x += run;
    }
  }
  svg += "\"/></svg>";
  QRcode_free(qr);
  return svg;
}

}  // namespace hotshop::security
