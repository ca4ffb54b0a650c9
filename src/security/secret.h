// SPDX-License-Identifier: AGPL-3.0-or-later
// SecretBytes: a move-only buffer for key material. It lives in
// sodium_malloc'ed memory (guard pages, sodium_mlock'ed so it is not written
// to swap where the kernel allows) and is zeroed when freed or moved from.
//
// Implements security-model.md §2.2 ("the master key ... sodium_mlock'ed").
// Note: each buffer costs a few pages of address space and one locked page;
// if RLIMIT_MEMLOCK is exhausted the lock silently fails (libsodium ignores
// it) and the key is still zeroed on free.
// Thread rule: a value type. Const methods are safe from many threads;
// mutation needs exclusive access.
#pragma once

#include <cstddef>
#include <string_view>

namespace hotshop::security {

class SecretBytes {
 public:
  // An empty secret (size 0, data() == nullptr).
  SecretBytes() = default;
  // size zero-filled bytes. Throws std::bad_alloc if sodium_malloc fails.
  explicit SecretBytes(std::size_t size);
  ~SecretBytes();

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // size bytes from the CSPRNG (randombytes_buf). Throws std::bad_alloc.
  static SecretBytes Random(std::size_t size);
  // A copy of bytes. The caller should wipe its own copy (sodium_memzero).
  // Throws std::bad_alloc.
  static SecretBytes CopyOf(std::string_view bytes);

  unsigned char* data() { return data_; }
  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // A deep copy, explicit so keys are never copied by accident.
  SecretBytes Clone() const;

  // Constant-time equality (sodium_memcmp); different sizes are unequal.
  bool Equals(const SecretBytes& other) const;

 private:
  void Free();

  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace hotshop::security
