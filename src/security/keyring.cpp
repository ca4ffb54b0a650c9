// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/keyring.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "security/sodium_init.h"

namespace hotshop::security {

namespace {

constexpr char kField[] = "master_key_file";
constexpr unsigned char kWrapVersion = 0x01;
constexpr char kWrapDomain[] = "hotshop.wrap";
constexpr char kCheckConstant[] = "hotshop master key check v1";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kMaxWrappedKeyBytes = 1024;

void RequireKeySize(const SecretBytes& key, const char* what) {
  if (key.size() != kKeyBytes) {
    throw std::invalid_argument(std::string(what) + " must be 32 bytes");
  }
}

std::string ModeString(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

std::string OsError(int err) { return std::strerror(err); }

std::string WrapAd(uint32_t key_id) {
  std::string ad(kWrapDomain);
  ad.push_back(static_cast<char>(kWrapVersion));
  for (int shift = 24; shift >= 0; shift -= 8) {
    ad.push_back(static_cast<char>((key_id >> shift) & 0xFF));
  }
  return ad;
}

// Reads exactly n bytes; false on error or early EOF.
bool ReadFully(int fd, unsigned char* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd, out + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<std::size_t>(r);
  }
  return true;
}

bool WriteFully(int fd, const unsigned char* data, std::size_t n) {
  std::size_t put = 0;
  while (put < n) {
    const ssize_t w = ::write(fd, data + put, n - put);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    put += static_cast<std::size_t>(w);
  }
  return true;
}

std::string ParentDir(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

Result<SecretBytes> LoadMasterKey(const std::string& path) {
  // O_NONBLOCK: a FIFO planted at path must not hang startup; it is then
  // refused as "not a regular file". Regular-file reads are unaffected.
  const int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return Error(ErrorCode::kNotFound, kField,
                   "master key file " + path +
                       " does not exist; the server cannot start without it");
    }
    if (err == EACCES) {
      return Error::InvalidInput(
          kField, "master key file " + path +
                      " cannot be read by this user (permission denied)");
    }
    return Error(ErrorCode::kUnavailable, kField,
                 "cannot open master key file " + path + ": " + OsError(err));
  }
  FdCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Error(ErrorCode::kUnavailable, kField,
                 "cannot stat master key file " + path + ": " + OsError(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return Error::InvalidInput(kField, path + " is not a regular file");
  }
  if (st.st_uid != ::geteuid()) {
    return Error::InvalidInput(
        kField, "master key file " + path + " is owned by uid " +
                    std::to_string(st.st_uid) +
                    "; it must be owned by the server's user (uid " +
                    std::to_string(::geteuid()) + ")");
  }
  const mode_t mode = st.st_mode & 07777;
  if (mode != 0400 && mode != 0600) {
    return Error::InvalidInput(
        kField, "master key file " + path + " has mode " + ModeString(mode) +
                    "; it must be 0400 or 0600 (run: chmod 0400 " + path +
                    ")");
  }
  if (st.st_size != static_cast<off_t>(kKeyBytes)) {
    return Error::InvalidInput(
        kField, "master key file " + path + " is " +
                    std::to_string(st.st_size) +
                    " bytes; it must be exactly 32 bytes");
  }
  SecretBytes key(kKeyBytes);
  if (!ReadFully(fd, key.data(), kKeyBytes)) {
    return Error(ErrorCode::kUnavailable, kField,
                 "cannot read master key file " + path);
  }
  if (sodium_is_zero(key.data(), key.size())) {
    return Error::InvalidInput(
        kField, "master key file " + path + " is all zero bytes; not a key");
  }
  return key;
}

Status CreateMasterKeyFile(const std::string& path) {
  EnsureSodium();
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    return Error::Conflict(kField, "master key file " + path +
                                       " already exists; refusing to overwrite "
                                       "it (every encrypted field depends on it)");
  }
  std::vector<char> tmp(path.begin(), path.end());
  const char suffix[] = ".tmp-XXXXXX";
  tmp.insert(tmp.end(), suffix, suffix + sizeof(suffix));  // includes NUL
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) {
    return Error(ErrorCode::kUnavailable, kField,
                 "cannot create a file next to " + path + ": " + OsError(errno));
  }
  const std::string tmp_path(tmp.data());
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  bool ok = ::fchmod(fd, 0400) == 0 && WriteFully(fd, key.data(), key.size()) &&
            ::fsync(fd) == 0;
  int err = ok ? 0 : errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(tmp_path.c_str());
    return Error(ErrorCode::kUnavailable, kField,
                 "cannot write master key file " + path + ": " + OsError(err));
  }
  // link() fails with EEXIST instead of replacing: no overwrite even if the
  // file appeared since the lstat above.
  if (::link(tmp_path.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(tmp_path.c_str());
    if (err == EEXIST) {
      return Error::Conflict(kField, "master key file " + path +
                                         " already exists; refusing to "
                                         "overwrite it");
    }
    return Error(ErrorCode::kUnavailable, kField,
                 "cannot create master key file " + path + ": " + OsError(err));
  }
  ::unlink(tmp_path.c_str());
  const int dir_fd =
      ::open(ParentDir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    (void)::fsync(dir_fd);  // best effort: the file itself is already synced
    ::close(dir_fd);
  }
  return Ok();
}

std::string MasterKeyCheck(const SecretBytes& kek) {
  RequireKeySize(kek, "master key");
  EnsureSodium();
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out,
                     reinterpret_cast<const unsigned char*>(kCheckConstant),
                     sizeof(kCheckConstant) - 1, kek.data(), kek.size());
  char hex[2 * sizeof out + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

Status VerifyMasterKeyCheck(const SecretBytes& kek,
                            std::string_view stored_check) {
  const std::string actual = MasterKeyCheck(kek);
  if (stored_check.size() != actual.size() ||
      sodium_memcmp(actual.data(), stored_check.data(), actual.size()) != 0) {
    return Error::Conflict(
        kField,
        "the master key does not match this database (key check value "
        "differs): wrong or replaced key file; refusing to start");
  }
  return Ok();
}

SecretBytes NewKey() { return SecretBytes::Random(kKeyBytes); }

std::string WrapKey(const SecretBytes& kek, const SecretBytes& dek,
                    uint32_t key_id) {
  RequireKeySize(kek, "master key");
  if (dek.empty() || dek.size() > kMaxWrappedKeyBytes) {
    throw std::invalid_argument("data key must be 1..1024 bytes");
  }
  EnsureSodium();
  const std::string ad = WrapAd(key_id);
  std::string out(1 + kNonceBytes + dek.size() + kTagBytes, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kWrapVersion;
  unsigned char* nonce = p + 1;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long ct_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonceBytes, &ct_len, dek.data(), dek.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      nonce, kek.data());
  return out;
}

Result<SecretBytes> UnwrapKey(const SecretBytes& kek, std::string_view wrapped,
                              uint32_t key_id) {
  RequireKeySize(kek, "master key");
  EnsureSodium();
  if (wrapped.size() < 1 + kNonceBytes + kTagBytes + 1 ||
      wrapped.size() > 1 + kNonceBytes + kTagBytes + kMaxWrappedKeyBytes) {
    return Error(ErrorCode::kInternal, "key_id",
                 "wrapped data key " + std::to_string(key_id) +
                     " is malformed (wrong length)");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(wrapped.data());
  if (p[0] != kWrapVersion) {
    return Error(ErrorCode::kInternal, "key_id",
                 "wrapped data key " + std::to_string(key_id) +
                     " has an unknown format version");
  }
  const unsigned char* nonce = p + 1;
  const unsigned char* ct = nonce + kNonceBytes;
  const std::size_t ct_len = wrapped.size() - 1 - kNonceBytes;
  const std::string ad = WrapAd(key_id);
  SecretBytes dek(ct_len - kTagBytes);
  unsigned long long dek_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          dek.data(), &dek_len, nullptr, ct, ct_len,
          reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce,
          kek.data()) != 0) {
    return Error(ErrorCode::kInternal, "key_id",
                 "wrapped data key " + std::to_string(key_id) +
                     " failed authentication: wrong master key, key row "
                     "copied to another id, or tampered");
  }
  return dek;
}

SecretBytes DeriveSubkey(const SecretBytes& key, uint64_t subkey_id,
                         std::string_view context, std::size_t bytes) {
  RequireKeySize(key, "parent key");
  if (context.size() != kKdfContextBytes) {
    throw std::invalid_argument("kdf context must be exactly 8 characters");
  }
  if (bytes < crypto_kdf_BYTES_MIN || bytes > crypto_kdf_BYTES_MAX) {
    throw std::invalid_argument("subkey must be 16..64 bytes");
  }
  EnsureSodium();
  char ctx[kKdfContextBytes];
  std::memcpy(ctx, context.data(), kKdfContextBytes);
  SecretBytes out(bytes);
  crypto_kdf_derive_from_key(out.data(), out.size(), subkey_id, ctx,
                             key.data());
  return out;
}

}  // namespace hotshop::security
