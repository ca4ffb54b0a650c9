// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/password.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>
#include <utility>

#include <sodium.h>

#include "security/sodium_init.h"
#include "security/unicode_text.h"

namespace hotshop::security {

namespace {

constexpr std::uintmax_t kMaxCommonListBytes = std::uintmax_t{64} << 20;
constexpr std::size_t kMinStemChars = 4;  // shortest entry a suffix may follow
constexpr unsigned long long kTuneMinOpslimit = 3;
constexpr unsigned long long kTuneMaxOpslimit = 64;
constexpr std::size_t kTuneMemlimit = std::size_t{64} << 20;

Error PasswordError(std::string message) {
  return Error::InvalidInput("password", std::move(message));
}

// Wipes a string holding a password or its normalized form.
void Wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

bool IsAsciiDigitOrPunct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 0x21 && u <= 0x2F) ||
         (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) ||
         (u >= 0x7B && u <= 0x7E);
}

bool ParamsInRange(const PwhashParams& p) {
  return p.opslimit >= crypto_pwhash_OPSLIMIT_MIN &&
         p.opslimit <= crypto_pwhash_OPSLIMIT_MAX &&
         p.memlimit >= crypto_pwhash_MEMLIMIT_MIN &&
         p.memlimit <= crypto_pwhash_MEMLIMIT_MAX;
}

// Time of one crypto_pwhash_str at params, or nullopt if it failed.
std::optional<std::chrono::milliseconds> TimeOneHash(const PwhashParams& p) {
  static constexpr char kProbe[] = "tuning probe, not a password";
  char out[crypto_pwhash_STRBYTES];
  const auto start = std::chrono::steady_clock::now();
  const int rc = crypto_pwhash_str(out, kProbe, sizeof(kProbe) - 1, p.opslimit,
                                   p.memlimit);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (rc != 0) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed);
}

}  // namespace

// ---------------------------------------------------------------- policy

Status CheckPasswordInputSize(std::string_view pw) {
  if (pw.size() > kMaxPasswordBytes) {
    return PasswordError("must be at most 128 characters");
  }
  return Ok();
}

Result<CommonPasswords> CommonPasswords::Load(const std::string& path) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists) {
    std::string hint = path == kDefaultCommonPasswordsPath
                           ? " (install the Debian package john-data)"
                           : "";
    return Error::NotFound("common password list " + path + " not found" +
                           hint);
  }
  const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (ec) {
    return Error::Unavailable("cannot stat common password list " + path +
                              ": " + ec.message());
  }
  if (bytes > kMaxCommonListBytes) {
    return Error::InvalidInput("common_passwords",
                               path + " is over 64 MiB; refusing to load it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::Unavailable("cannot open common password list " + path);
  }
  CommonPasswords list;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("#!comment", 0) == 0) continue;
    std::optional<std::string> folded = NormalizeNfkcCasefold(line);
    if (!folded || folded->empty()) continue;
    list.entries_.insert(std::move(*folded));
  }
  if (in.bad()) {
    return Error::Unavailable("error reading common password list " + path);
  }
  return list;
}

CommonPasswords CommonPasswords::FromList(
    const std::vector<std::string>& entries) {
  CommonPasswords list;
  for (const std::string& e : entries) {
    std::optional<std::string> folded = NormalizeNfkcCasefold(e);
    if (folded && !folded->empty()) list.entries_.insert(std::move(*folded));
  }
  return list;
}

bool CommonPasswords::ContainsFolded(const std::string& folded) const {
  return entries_.count(folded) > 0 || IsRepetitionOfEntry(folded);
}

bool CommonPasswords::IsRepetitionOfEntry(const std::string& folded) const {
  const std::size_t n = folded.size();
  for (std::size_t period = 1; period <= n / 2; ++period) {
    if (n % period != 0) continue;
    bool repeats = true;
    for (std::size_t i = period; i < n && repeats; ++i) {
      repeats = folded[i] == folded[i - period];
    }
    if (repeats && entries_.count(folded.substr(0, period)) > 0) return true;
  }
  return false;
}

bool CommonPasswords::IsCommon(std::string_view pw) const {
  if (entries_.empty()) return false;
  std::optional<std::string> folded = NormalizeNfkcCasefold(pw);
  if (!folded) return false;
  bool common = ContainsFolded(*folded);
  if (!common) {
    // An entry followed by digits or punctuation: "monkey123456!".
    std::size_t end = folded->size();
    while (end > 0 && IsAsciiDigitOrPunct((*folded)[end - 1])) --end;
    if (end < folded->size()) {
      std::string stem = folded->substr(0, end);
      std::optional<std::size_t> chars = CountCodePoints(stem);
      if (chars && *chars >= kMinStemChars) common = ContainsFolded(stem);
      Wipe(stem);
    }
  }
  Wipe(*folded);
  return common;
}

Status CheckPasswordPolicy(std::string_view pw, const CommonPasswords& common) {
  if (Status s = CheckPasswordInputSize(pw); !s.ok()) return s;
  std::optional<std::size_t> chars = CountCodePoints(pw);
  if (!chars) return PasswordError("is not valid UTF-8 text");
  if (pw.find('\0') != std::string_view::npos) {
    return PasswordError("must not contain a NUL character");
  }
  if (*chars < kMinPasswordChars) {
    return PasswordError("must be at least 12 characters");
  }
  if (*chars > kMaxPasswordChars) {
    return PasswordError("must be at most 128 characters");
  }
  if (common.IsCommon(pw)) {
    return PasswordError(
        "is too common: it appears on lists attackers try first");
  }
  return Ok();
}

// ---------------------------------------------------------------- hashing

Result<std::string> HashPassword(std::string_view pw,
                                 const PwhashParams& params) {
  if (Status s = CheckPasswordInputSize(pw); !s.ok()) return s.error();
  if (!ParamsInRange(params)) {
    return Error::InvalidInput("pwhash_params",
                               "opslimit or memlimit outside libsodium's range");
  }
  EnsureSodium();
  std::optional<std::string> normalized = NormalizeNfkc(pw);
  if (!normalized) return PasswordError("is not valid UTF-8 text");
  char out[crypto_pwhash_STRBYTES];
  const int rc = crypto_pwhash_str(out, normalized->data(), normalized->size(),
                                   params.opslimit, params.memlimit);
  Wipe(*normalized);
  if (rc != 0) {
    return Error::Unavailable("not enough memory to hash the password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view pw) {
  if (pw.size() > kMaxPasswordBytes) return false;  // never hashed
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  EnsureSodium();
  std::optional<std::string> normalized = NormalizeNfkc(pw);
  if (!normalized) return false;
  const std::string hash_str(hash);  // libsodium wants NUL-terminated
  const bool ok = crypto_pwhash_str_verify(hash_str.c_str(), normalized->data(),
                                           normalized->size()) == 0;
  Wipe(*normalized);
  return ok;
}

bool NeedsRehash(std::string_view hash, const PwhashParams& params) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  EnsureSodium();
  const std::string hash_str(hash);
  // 0: matches params; 1: other params or argon2i; -1: not understood.
  return crypto_pwhash_str_needs_rehash(hash_str.c_str(), params.opslimit,
                                        params.memlimit) != 0;
}

PwhashParams TunePwhash(std::chrono::milliseconds low,
                        std::chrono::milliseconds high,
                        std::chrono::milliseconds* measured) {
  EnsureSodium();
  PwhashParams p{kTuneMinOpslimit, kTuneMemlimit};
  std::optional<std::chrono::milliseconds> t = TimeOneHash(p);
  if (!t) return PwhashParams{};  // cannot even allocate: keep the default
  // Argon2id time is close to linear in opslimit: estimate, then correct.
  const double per_op =
      std::max(1.0, static_cast<double>(t->count()) /
                        static_cast<double>(kTuneMinOpslimit));
  const double target = static_cast<double>((low + high).count()) / 2.0;
  auto guess = static_cast<unsigned long long>(target / per_op + 0.5);
  guess = std::clamp(guess, kTuneMinOpslimit, kTuneMaxOpslimit);
  for (int attempt = 0; attempt < 4 && guess != p.opslimit; ++attempt) {
    PwhashParams next{guess, kTuneMemlimit};
    std::optional<std::chrono::milliseconds> tn = TimeOneHash(next);
    if (!tn) break;
    p = next;
    t = tn;
    if (*t > high && guess > kTuneMinOpslimit) {
      guess -= 1;
    } else if (*t < low && guess < kTuneMaxOpslimit) {
      guess += 1;
    }
  }
  if (measured != nullptr) *measured = *t;
  return p;
}

// ---------------------------------------------------------------- limiter

unsigned HashLimiter::DefaultCapacity() {
  return std::max(1u, std::thread::hardware_concurrency());
}

HashLimiter::HashLimiter(unsigned capacity) : capacity_(capacity) {
  assert(capacity >= 1);
}

std::optional<HashLimiter::Permit> HashLimiter::TryAcquire() {
  unsigned current = in_use_.load(std::memory_order_relaxed);
  while (current < capacity_) {
    if (in_use_.compare_exchange_weak(current, current + 1,
                                      std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
      return Permit(this);
    }
  }
  return std::nullopt;
}

HashLimiter::Permit::Permit(Permit&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)) {}

HashLimiter::Permit& HashLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = std::exchange(other.owner_, nullptr);
  }
  return *this;
}

HashLimiter::Permit::~Permit() { Release(); }

void HashLimiter::Permit::Release() {
  if (owner_ != nullptr) {
    owner_->in_use_.fetch_sub(1, std::memory_order_release);
    owner_ = nullptr;
  }
}

}  // namespace hotshop::security
