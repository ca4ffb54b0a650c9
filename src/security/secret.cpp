// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/secret.h"

#include <cstring>
#include <new>
#include <utility>

#include <sodium.h>

#include "security/sodium_init.h"

namespace hotshop::security {

SecretBytes::SecretBytes(std::size_t size) {
  if (size == 0) return;
  EnsureSodium();
  void* p = sodium_malloc(size);
  if (p == nullptr) throw std::bad_alloc();
  // sodium_malloc already tries to lock; locking again is harmless and makes
  // the intent explicit. Failure (RLIMIT_MEMLOCK) is not fatal: see header.
  (void)sodium_mlock(p, size);
  data_ = static_cast<unsigned char*>(p);
  size_ = size;
  sodium_memzero(data_, size_);
}

SecretBytes::~SecretBytes() { Free(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Free();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void SecretBytes::Free() {
  if (data_ != nullptr) {
    // sodium_free zeroes and unlocks too; the explicit wipe documents it.
    sodium_memzero(data_, size_);
    sodium_free(data_);
  }
  data_ = nullptr;
  size_ = 0;
}

SecretBytes SecretBytes::Random(std::size_t size) {
  SecretBytes s(size);
  if (size > 0) randombytes_buf(s.data_, size);
  return s;
}

SecretBytes SecretBytes::CopyOf(std::string_view bytes) {
  SecretBytes s(bytes.size());
  if (!bytes.empty()) std::memcpy(s.data_, bytes.data(), bytes.size());
  return s;
}

SecretBytes SecretBytes::Clone() const {
  SecretBytes s(size_);
  if (size_ > 0) std::memcpy(s.data_, data_, size_);
  return s;
}

bool SecretBytes::Equals(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace hotshop::security
