// SPDX-License-Identifier: AGPL-3.0-or-later
// TOTP: second-factor secrets, their enrollment URI and QR code, and code
// verification with replay protection (RFC 6238: HMAC-SHA1, 30 s steps,
// 6 digits, window of one step either side).
//
// Implements security-model.md §2.6 (oath_totp_validate3, counters <= the
// last accepted are rejected, 160-bit secrets), ASVS 2.8.4-2.8.5 (single-use,
// reuse detectable for alerting), and §4 case 2 (valid code replayed within
// its window: rejected, distinguishable so it can be logged and the user
// notified). Time is a parameter: nothing here reads a clock.
//
// The secret, its Base32 form, the otpauth URI and its QR code all reveal the
// secret: never log them; store the secret with the field cipher.
//
// Thread rule: pure functions, safe from many threads (liboath is initialized
// once, internally, with std::call_once).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace hotshop::security {

inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits (RFC 4226)
inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr unsigned kTotpDigits = 6;
inline constexpr std::size_t kTotpWindowSteps = 1;  // accept t-1, t, t+1
// last_accepted_counter for an account that never passed TOTP.
inline constexpr int64_t kNoTotpAccepted = -1;
// The message of VerifyTotp's replay error (see IsTotpReplay).
inline constexpr char kTotpReplayMessage[] =
    "this code was already used; wait for the next one";

// 20 fresh random bytes (binary).
std::string NewTotpSecret();

// RFC 4648 Base32 (A-Z2-7), without '=' padding, as authenticator apps expect.
// 20 bytes give 32 characters.
std::string Base32(std::string_view bytes);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&
// digits=6&period=30, with issuer and account percent-encoded (everything but
// RFC 3986 unreserved characters).
// REQUIRES: secret is the binary secret (not Base32).
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret);

// Checks code against secret at now_unix (seconds since the Unix epoch).
// Spaces in code are ignored ("123 456").
// Success: the matched time-step counter; the caller stores it as the new
//   last_accepted_counter, atomically with accepting the login.
// Failure:
//   kInvalidInput, field "totp_code": not exactly 6 ASCII digits;
//   kUnauthenticated, field "totp_code", "code is wrong or expired";
//   kUnauthenticated, field "totp_code", kTotpReplayMessage: the code is
//     right but its counter <= last_accepted_counter (IsTotpReplay is true):
//     log it and notify the user (§4 case 2);
//   kInternal: secret is empty, or liboath failed.
// Comparison of codes is constant-time (sodium_memcmp).
Result<int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                           int64_t now_unix, int64_t last_accepted_counter);

// True if error is VerifyTotp's replay error.
bool IsTotpReplay(const Error& error);

// The 6-digit code for secret at now_unix (for tests and diagnostics).
// REQUIRES: !secret.empty(); now_unix >= 0 (throws std::invalid_argument).
std::string TotpCode(std::string_view secret, int64_t now_unix);

// A self-contained SVG of text as a QR code (error correction level M, 4-module
// quiet zone): one <rect> background and one <path>, no scripts, no external
// references, no text. For the enrollment screen (put it in an <img> data: URI
// or inline; CSP img-src allows data:).
// Failure: kInvalidInput, field "text", if text is empty or too long for any
//   QR version (about 2,300 bytes at level M); kInternal if libqrencode fails
//   otherwise.
Result<std::string> QrSvg(std::string_view text);

}  // namespace hotshop::security
