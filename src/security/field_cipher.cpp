// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/field_cipher.h"

#include <stdexcept>
#include <utility>

#include <sodium.h>

#include "security/sodium_init.h"

namespace hotshop::security {

namespace {

constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kHeaderBytes = 1 + 4;  // version + key_id
constexpr std::size_t kMaxPlaintextBytes = std::size_t{1} << 30;
static_assert(kFieldBlobOverhead == kHeaderBytes + kNonceBytes + kTagBytes);

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
  }
}

uint32_t ReadU32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
         (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void AppendPrefixed(std::string& out, const std::string& s) {
  AppendU32(out, static_cast<uint32_t>(s.size()));
  out += s;
}

void RequireAd(const FieldAd& ad) {
  if (ad.table.empty() || ad.column.empty() || ad.row_id.empty() ||
      ad.org_id.empty()) {
    throw std::invalid_argument(
        "FieldAd needs table, column, row_id and org_id");
  }
  // Each length must fit its uint32 prefix.
  constexpr std::size_t kMax = 0xFFFFFFFFu;
  if (ad.table.size() > kMax || ad.column.size() > kMax ||
      ad.row_id.size() > kMax || ad.org_id.size() > kMax) {
    throw std::invalid_argument("FieldAd member too long");
  }
}

std::string BuildAd(const FieldAd& ad, uint32_t key_id) {
  std::string out;
  out.reserve(1 + 16 + ad.table.size() + ad.column.size() + ad.row_id.size() +
              ad.org_id.size() + 4);
  out.push_back(static_cast<char>(kFieldBlobVersion));
  AppendPrefixed(out, ad.table);
  AppendPrefixed(out, ad.column);
  AppendPrefixed(out, ad.row_id);
  AppendPrefixed(out, ad.org_id);
  AppendU32(out, key_id);
  return out;
}

std::string Where(const FieldAd& ad) {
  return ad.table + "." + ad.column + " of row " + ad.row_id + " in org " +
         ad.org_id;
}

Error FieldError(const FieldAd& ad, std::string message) {
  return Error(ErrorCode::kInternal, ad.column, Where(ad) + ": " + message);
}

bool IsV1Blob(std::string_view blob) {
  return blob.size() >= kFieldBlobOverhead &&
         static_cast<unsigned char>(blob[0]) == kFieldBlobVersion;
}

}  // namespace

Status Keyset::Add(DataKey key) {
  if (key.key_id == 0) {
    return Error::InvalidInput("key_id", "key id 0 is reserved");
  }
  if (key.key.size() != 32) {
    return Error::InvalidInput("key_id", "data key " +
                                             std::to_string(key.key_id) +
                                             " is not 32 bytes");
  }
  if (keys_.count(key.key_id) > 0) {
    return Error::Conflict("key_id", "data key " + std::to_string(key.key_id) +
                                         " is already in the keyset");
  }
  const uint32_t id = key.key_id;
  keys_.emplace(id, std::move(key));
  return Ok();
}

const DataKey* Keyset::Find(uint32_t key_id) const {
  auto it = keys_.find(key_id);
  return it == keys_.end() ? nullptr : &it->second;
}

const DataKey* Keyset::Newest() const {
  return keys_.empty() ? nullptr : &keys_.rbegin()->second;
}

bool Keyset::Remove(uint32_t key_id) { return keys_.erase(key_id) > 0; }

std::string Encrypt(const DataKey& key, std::string_view plaintext,
                    const FieldAd& ad) {
  if (key.key_id == 0) throw std::invalid_argument("key id 0 is reserved");
  if (key.key.size() != 32) {
    throw std::invalid_argument("data key must be 32 bytes");
  }
  if (plaintext.size() >= kMaxPlaintextBytes) {
    throw std::invalid_argument("field plaintext too large");
  }
  RequireAd(ad);
  EnsureSodium();
  const std::string aad = BuildAd(ad, key.key_id);
  std::string out;
  out.resize(kFieldBlobOverhead + plaintext.size());
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kFieldBlobVersion;
  p[1] = static_cast<unsigned char>((key.key_id >> 24) & 0xFF);
  p[2] = static_cast<unsigned char>((key.key_id >> 16) & 0xFF);
  p[3] = static_cast<unsigned char>((key.key_id >> 8) & 0xFF);
  p[4] = static_cast<unsigned char>(key.key_id & 0xFF);
  unsigned char* nonce = p + kHeaderBytes;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long ct_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonceBytes, &ct_len,
      reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(aad.data()),
      aad.size(), nullptr, nonce, key.key.data());
  return out;
}

Result<std::string> Decrypt(const Keyset& keys, std::string_view blob,
                            const FieldAd& ad) {
  RequireAd(ad);
  if (!IsV1Blob(blob)) {
    return FieldError(ad, "not a v1 encrypted field (corrupt or unencrypted)");
  }
  EnsureSodium();
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
  const uint32_t key_id = ReadU32(p + 1);
  const DataKey* key = keys.Find(key_id);
  if (key == nullptr) {
    return FieldError(ad, "data key " + std::to_string(key_id) +
                              " is not available (destroyed or not loaded)");
  }
  const std::string aad = BuildAd(ad, key_id);
  const unsigned char* nonce = p + kHeaderBytes;
  const unsigned char* ct = nonce + kNonceBytes;
  const std::size_t ct_len = blob.size() - kHeaderBytes - kNonceBytes;
  std::string plain(ct_len - kTagBytes, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr,
          ct, ct_len, reinterpret_cast<const unsigned char*>(aad.data()),
          aad.size(), nonce, key->key.data()) != 0) {
    return FieldError(ad,
                      "ciphertext does not belong here (copied from another "
                      "row or column, tampered with, or wrong key); value "
                      "withheld");
  }
  return plain;
}

uint32_t BlobKeyId(std::string_view blob) {
  if (!IsV1Blob(blob)) return 0;
  return ReadU32(reinterpret_cast<const unsigned char*>(blob.data()) + 1);
}

Result<std::string> Reencrypt(const Keyset& keys, std::string_view blob,
                              const FieldAd& ad) {
  RequireAd(ad);
  const DataKey* newest = keys.Newest();
  if (newest == nullptr) return FieldError(ad, "keyset is empty");
  Result<std::string> plain = Decrypt(keys, blob, ad);
  if (!plain.ok()) return plain.error();
  if (BlobKeyId(blob) == newest->key_id) {
    sodium_memzero(plain->data(), plain->size());
    return std::string(blob);
  }
  std::string out = Encrypt(*newest, *plain, ad);
  sodium_memzero(plain->data(), plain->size());
  return out;
}

}  // namespace hotshop::security
