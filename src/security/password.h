// SPDX-License-Identifier: AGPL-3.0-or-later
// Passwords: the policy a new password must meet, Argon2id hashing and
// verification, re-hash detection, cost tuning and the cap on concurrent
// hashes.
//
// Implements security-model.md §2.1 (crypto_pwhash_str Argon2id, opslimit 3 /
// 64 MiB, tuned to 250-500 ms, needs_rehash, concurrency capped at the core
// count, oversized input refused before hashing), ASVS 2.1.1 (>= 12
// characters), 2.1.2 (<= 128), 2.1.7 (common/breached list), and §4 case 5
// (1 MB password: 400 before hashing; 200 parallel logins: capped, 503).
//
// Passwords are NFKC-normalized before hashing and verifying (NIST SP
// 800-63B §5.1.1.2), so "é" typed precomposed or decomposed is one password.
//
// Thread rule: free functions are pure and safe from many threads.
// CommonPasswords is immutable after Load: const methods are thread-safe.
// HashLimiter is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"

namespace hotshop::security {

// Length limits. Bytes are checked first, before decoding or hashing: a code
// point is at most 4 bytes, so > 4 * kMaxPasswordChars bytes can never pass.
inline constexpr std::size_t kMinPasswordChars = 12;    // code points
inline constexpr std::size_t kMaxPasswordChars = 128;   // code points
inline constexpr std::size_t kMaxPasswordBytes = 4 * kMaxPasswordChars;  // 512

// Openwall's list of the most common passwords, shipped by the Debian package
// john-data: 3546 lines, most common first, "#!comment:" header lines;
// 3410 distinct entries after case folding.
inline constexpr char kDefaultCommonPasswordsPath[] =
    "/usr/share/john/password.lst";

// Argon2id cost. p (lanes) is fixed at 1 by libsodium 1.0.18.
struct PwhashParams {
  unsigned long long opslimit = 3;            // passes over memory (t)
  std::size_t memlimit = std::size_t{64} << 20;  // bytes (64 MiB)
};

// Cheap size gate for any password the server receives (login included),
// run before anything else touches it.
// Success: pw.size() <= kMaxPasswordBytes.
// Failure: kInvalidInput, field "password", when longer (400, never hashed).
Status CheckPasswordInputSize(std::string_view pw);

// The set of passwords refused as too common. Entries are compared after
// NFKC_Casefold, so "PASSWORD" and fullwidth "ｐａｓｓｗｏｒｄ" match "password".
class CommonPasswords {
 public:
  // An empty list (matches nothing).
  CommonPasswords() = default;

  // Loads one password per line from path. Skips blank lines and lines
  // starting "#!comment" (John the Ripper's comment syntax); strips a
  // trailing '\r'; skips lines that are not valid UTF-8.
  // Failure: kNotFound if path does not exist (message names the Debian
  //   package for the default path); kUnavailable if it cannot be read;
  //   kInvalidInput (field "common_passwords") if it is over 64 MiB.
  static Result<CommonPasswords> Load(
      const std::string& path = kDefaultCommonPasswordsPath);

  // A list from memory (tests, or a list embedded elsewhere).
  static CommonPasswords FromList(const std::vector<std::string>& entries);

  // True if pw, NFKC_Casefolded, is an entry; or is one entry repeated
  // ("passwordpassword"); or is an entry of >= 4 code points followed only by
  // ASCII digits and punctuation ("monkey123456!"). The last two matter
  // because almost every list entry is shorter than kMinPasswordChars.
  // Never true for invalid UTF-8 (the policy refuses that separately).
  bool IsCommon(std::string_view pw) const;

  std::size_t size() const { return entries_.size(); }

 private:
  bool ContainsFolded(const std::string& folded) const;
  bool IsRepetitionOfEntry(const std::string& folded) const;

  std::unordered_set<std::string> entries_;  // NFKC_Casefolded
};

// The policy for a password being set (registration, change, reset).
// Success: 12-128 code points of valid UTF-8, no NUL, not common.
// Failure (all kInvalidInput, field "password"), checked in this order, so an
//   oversized input is refused before it is decoded:
//   - over kMaxPasswordBytes bytes ("at most 128 characters");
//   - not valid UTF-8, or contains NUL;
//   - fewer than 12 or more than 128 code points;
//   - common.IsCommon(pw) ("too common").
Status CheckPasswordPolicy(std::string_view pw, const CommonPasswords& common);

// Argon2id hash of NFKC(pw) in libsodium's self-describing string format
// ("$argon2id$v=19$m=65536,t=3,p=1$...").
// Success: the string to store.
// Failure: kInvalidInput field "password" if pw is over kMaxPasswordBytes
//   (checked before hashing) or not valid UTF-8; kInvalidInput field
//   "pwhash_params" if params are outside libsodium's limits; kUnavailable if
//   Argon2id could not allocate memlimit bytes.
// REQUIRES: a HashLimiter permit is held (callers on the request path), and
//   CheckPasswordPolicy(pw) passed if the password is new.
// Cost: one full Argon2id computation (~250-500 ms at tuned params).
Result<std::string> HashPassword(std::string_view pw, const PwhashParams& params);

// True iff hash is a valid libsodium pwhash string for NFKC(pw). False for a
// wrong password, a malformed hash, invalid UTF-8, or pw over
// kMaxPasswordBytes (not hashed at all). Costs one Argon2id computation at the
// hash's own params.
bool VerifyPassword(std::string_view hash, std::string_view pw);

// True if hash was made with params other than params, or is not an Argon2id
// hash libsodium understands. On the next successful login the caller re-hashes
// and stores the new hash.
bool NeedsRehash(std::string_view hash, const PwhashParams& params);

// Measures Argon2id here with memlimit 64 MiB and picks the opslimit whose
// single hash takes between low and high. Never returns opslimit below 3 (the
// §2.1 default, also RFC 9106's 64 MiB choice), even on a machine too slow to
// reach low..high, nor above 64. If measured is non-null it receives the time
// of one hash at the returned params (last measurement). Takes a few seconds;
// run once at install or startup, never per request.
PwhashParams TunePwhash(
    std::chrono::milliseconds low = std::chrono::milliseconds(250),
    std::chrono::milliseconds high = std::chrono::milliseconds(500),
    std::chrono::milliseconds* measured = nullptr);

// Caps concurrent password hashes at the core count: each one takes 64 MiB and
// a core for ~0.4 s, so a flood of logins must get 503, not exhaust the box.
class HashLimiter {
 public:
  // RAII: holding a Permit is holding one hash slot.
  class [[nodiscard]] Permit {
   public:
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    friend class HashLimiter;
    explicit Permit(HashLimiter* owner) : owner_(owner) {}
    void Release();
    HashLimiter* owner_;
  };

  // std::thread::hardware_concurrency(), or 1 if unknown.
  static unsigned DefaultCapacity();

  // REQUIRES: capacity >= 1.
  explicit HashLimiter(unsigned capacity = DefaultCapacity());
  HashLimiter(const HashLimiter&) = delete;
  HashLimiter& operator=(const HashLimiter&) = delete;

  // A permit if fewer than capacity() are held, else nullopt (answer 503
  // with Retry-After). Never blocks.
  // REQUIRES: this limiter outlives the permit.
  std::optional<Permit> TryAcquire();

  unsigned capacity() const { return capacity_; }
  unsigned in_use() const { return in_use_.load(std::memory_order_relaxed); }

 private:
  const unsigned capacity_;
  std::atomic<unsigned> in_use_{0};
};

}  // namespace hotshop::security
