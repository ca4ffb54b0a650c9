// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/field_cipher.h.
// Covers security-model.md §2.3 (XChaCha20-Poly1305, blob v1|key_id|nonce|
// ct|tag, AD = table|column|row_uuid|org_id|key_id, writes use the newest key,
// an idempotent re-encryption job) and §4 cases 28 (process killed mid key
// rotation: both keys decrypt; rerun completes; no row lost) and 29
// (ciphertext copied from worker A's row to B's: field error, never shown as
// B's).
#include "security/field_cipher.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace hotshop::security {
namespace {

const char kOrg[] = "0190a1b2-0000-7000-8000-00000000000a";
const char kRowA[] = "0190a1b2-0000-7000-8000-0000000000a1";
const char kRowB[] = "0190a1b2-0000-7000-8000-0000000000b2";

FieldAd PhoneOf(const std::string& row) { return {"workers", "phone", row, kOrg}; }

DataKey Key(uint32_t id, char fill = 'k') {
  return DataKey{id, SecretBytes::CopyOf(std::string(32, fill))};
}

Keyset KeysetOf(std::initializer_list<uint32_t> ids) {
  Keyset ks;
  for (uint32_t id : ids) {
    EXPECT_TRUE(ks.Add(Key(id, static_cast<char>('a' + id))).ok());
  }
  return ks;
}

void ExpectFieldError(const Result<std::string>& r, const std::string& field,
                      const std::string& message_part) {
  ASSERT_FALSE(r.ok()) << "decrypted to: " << r.value();
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(r.error().field(), field);
  EXPECT_NE(r.error().message().find(message_part), std::string::npos)
      << r.error().message();
}

TEST(FieldCipher, RoundTrips) {
  Keyset ks = KeysetOf({1});
  const std::string blob = Encrypt(*ks.Find(1), "+15550100000", PhoneOf(kRowA));
  Result<std::string> plain = Decrypt(ks, blob, PhoneOf(kRowA));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "+15550100000");
}

TEST(FieldCipher, EmptyAndBinaryPlaintextsRoundTrip) {
  Keyset ks = KeysetOf({1});
  const std::string binary("\0\xFF\x01", 3);
  for (const std::string& p : {std::string(), binary, std::string(100000, 'x')}) {
    Result<std::string> back =
        Decrypt(ks, Encrypt(*ks.Find(1), p, PhoneOf(kRowA)), PhoneOf(kRowA));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, p);
  }
}

TEST(FieldCipher, BlobLayoutIsVersionKeyIdNonceCiphertextTag) {
  Keyset ks = KeysetOf({0x01020304});
  const std::string blob =
      Encrypt(*ks.Find(0x01020304), "hello", PhoneOf(kRowA));
  ASSERT_EQ(blob.size(), 5 + kFieldBlobOverhead);
  EXPECT_EQ(static_cast<unsigned char>(blob[0]), 0x01);
  EXPECT_EQ(blob.substr(1, 4), std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ(BlobKeyId(blob), 0x01020304u);
  EXPECT_EQ(blob.find("hello"), std::string::npos);
}

TEST(FieldCipher, FreshNonceEachEncryption) {
  Keyset ks = KeysetOf({1});
  const std::string a = Encrypt(*ks.Find(1), "same", PhoneOf(kRowA));
  const std::string b = Encrypt(*ks.Find(1), "same", PhoneOf(kRowA));
  EXPECT_NE(a, b);
  EXPECT_NE(a.substr(5, 24), b.substr(5, 24));
}

// §4 case 29.
TEST(FieldCipher, CiphertextPastedIntoAnotherRowFails) {
  Keyset ks = KeysetOf({1});
  const std::string a_phone = Encrypt(*ks.Find(1), "+15550100001", PhoneOf(kRowA));
  Result<std::string> as_b = Decrypt(ks, a_phone, PhoneOf(kRowB));
  ExpectFieldError(as_b, "phone", "does not belong here");
  EXPECT_NE(as_b.error().message().find(kRowB), std::string::npos);
  EXPECT_EQ(as_b.error().message().find("+1555"), std::string::npos);
}

TEST(FieldCipher, CiphertextMovedToAnotherColumnTableOrOrgFails) {
  Keyset ks = KeysetOf({1});
  const std::string blob = Encrypt(*ks.Find(1), "secret", PhoneOf(kRowA));
  ExpectFieldError(Decrypt(ks, blob, {"workers", "email", kRowA, kOrg}), "email",
                   "does not belong here");
  ExpectFieldError(Decrypt(ks, blob, {"contacts", "phone", kRowA, kOrg}), "phone",
                   "does not belong here");
  ExpectFieldError(
      Decrypt(ks, blob, {"workers", "phone", kRowA, "0190a1b2-ffff-7000-8000-0"}),
      "phone", "does not belong here");
}

TEST(FieldCipher, AdEncodingIsUnambiguous) {
  Keyset ks = KeysetOf({1});
  const std::string blob = Encrypt(*ks.Find(1), "x", {"ab", "c", kRowA, kOrg});
  EXPECT_FALSE(Decrypt(ks, blob, {"a", "bc", kRowA, kOrg}).ok());
  EXPECT_TRUE(Decrypt(ks, blob, {"ab", "c", kRowA, kOrg}).ok());
}

TEST(FieldCipher, TamperedBlobFails) {
  Keyset ks = KeysetOf({1});
  const std::string blob = Encrypt(*ks.Find(1), "secret", PhoneOf(kRowA));
  for (std::size_t i = 5; i < blob.size(); i += 7) {
    std::string bad = blob;
    bad[i] = static_cast<char>(bad[i] ^ 0x40);
    EXPECT_FALSE(Decrypt(ks, bad, PhoneOf(kRowA)).ok()) << "byte " << i;
  }
}

TEST(FieldCipher, SameIdDifferentKeyFails) {
  Keyset writer;
  ASSERT_TRUE(writer.Add(Key(1, 'x')).ok());
  Keyset reader;
  ASSERT_TRUE(reader.Add(Key(1, 'y')).ok());
  const std::string blob = Encrypt(*writer.Find(1), "secret", PhoneOf(kRowA));
  ExpectFieldError(Decrypt(reader, blob, PhoneOf(kRowA)), "phone",
                   "does not belong here");
}

TEST(FieldCipher, KeyIdRewrittenInHeaderFails) {
  Keyset ks = KeysetOf({1, 2});
  std::string blob = Encrypt(*ks.Find(1), "secret", PhoneOf(kRowA));
  blob[4] = 2;  // claim key 2
  ExpectFieldError(Decrypt(ks, blob, PhoneOf(kRowA)), "phone",
                   "does not belong here");
}

// §4 case 28.
TEST(FieldCipher, TwoKeysDecryptDuringRotation) {
  Keyset ks = KeysetOf({1, 2});
  ASSERT_NE(ks.Newest(), nullptr);
  EXPECT_EQ(ks.Newest()->key_id, 2u);
  const std::string old_blob = Encrypt(*ks.Find(1), "old", PhoneOf(kRowA));
  const std::string new_blob = Encrypt(*ks.Newest(), "new", PhoneOf(kRowB));
  EXPECT_EQ(*Decrypt(ks, old_blob, PhoneOf(kRowA)), "old");
  EXPECT_EQ(*Decrypt(ks, new_blob, PhoneOf(kRowB)), "new");
}

// §4 case 28: killed half way, rerun completes, nothing lost.
TEST(FieldCipher, InterruptedRotationRerunCompletes) {
  Keyset before = KeysetOf({1});
  std::vector<std::string> rows;
  std::vector<std::string> values;
  for (int i = 0; i < 10; ++i) {
    values.push_back("+1555010000" + std::to_string(i));
    rows.push_back(Encrypt(*before.Find(1), values.back(),
                           PhoneOf("row-" + std::to_string(i))));
  }
  Keyset ks = KeysetOf({1, 2});
  for (int i = 0; i < 4; ++i) {  // first run dies after four rows
    rows[static_cast<std::size_t>(i)] =
        *Reencrypt(ks, rows[static_cast<std::size_t>(i)],
                   PhoneOf("row-" + std::to_string(i)));
  }
  for (int i = 0; i < 10; ++i) {  // rerun over everything
    const auto u = static_cast<std::size_t>(i);
    const std::string again =
        *Reencrypt(ks, rows[u], PhoneOf("row-" + std::to_string(i)));
    if (i < 4) {
      EXPECT_EQ(again, rows[u]);  // idempotent: already rotated
    }
    rows[u] = again;
  }
  ASSERT_TRUE(ks.Remove(1));  // key 1 now has zero uses
  for (int i = 0; i < 10; ++i) {
    const auto u = static_cast<std::size_t>(i);
    EXPECT_EQ(BlobKeyId(rows[u]), 2u);
    Result<std::string> plain = Decrypt(ks, rows[u], PhoneOf("row-" + std::to_string(i)));
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(*plain, values[u]);
  }
}

TEST(FieldCipher, DestroyedKeyMakesBlobUndecryptable) {
  Keyset ks = KeysetOf({1, 2});
  const std::string blob = Encrypt(*ks.Find(1), "secret", PhoneOf(kRowA));
  ASSERT_TRUE(ks.Remove(1));
  EXPECT_FALSE(ks.Remove(1));
  ExpectFieldError(Decrypt(ks, blob, PhoneOf(kRowA)), "phone", "not available");
}

TEST(Keyset, RejectsDuplicateAndReservedIds) {
  Keyset ks;
  ASSERT_TRUE(ks.Add(Key(5)).ok());
  Status dup = ks.Add(Key(5, 'z'));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field(), "key_id");
  Status zero = ks.Add(Key(0));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().code(), ErrorCode::kInvalidInput);
  Status short_key = ks.Add(DataKey{6, SecretBytes::Random(16)});
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.error().field(), "key_id");
  EXPECT_EQ(ks.size(), 1u);
  EXPECT_EQ(ks.Find(6), nullptr);
}

TEST(Keyset, NewestIsTheHighestId) {
  Keyset ks;
  EXPECT_EQ(ks.Newest(), nullptr);
  ASSERT_TRUE(ks.Add(Key(3)).ok());
  ASSERT_TRUE(ks.Add(Key(9)).ok());
  ASSERT_TRUE(ks.Add(Key(4)).ok());
  EXPECT_EQ(ks.Newest()->key_id, 9u);
}

// ---- incorrect usage -------------------------------------------------------

TEST(FieldCipher, MalformedBlobsAreFieldErrors) {
  Keyset ks = KeysetOf({1});
  ExpectFieldError(Decrypt(ks, "", PhoneOf(kRowA)), "phone", "not a v1");
  ExpectFieldError(Decrypt(ks, "+15550100000", PhoneOf(kRowA)), "phone",
                   "not a v1");
  std::string v2 = Encrypt(*ks.Find(1), "x", PhoneOf(kRowA));
  v2[0] = 0x02;
  ExpectFieldError(Decrypt(ks, v2, PhoneOf(kRowA)), "phone", "not a v1");
  EXPECT_EQ(BlobKeyId(""), 0u);
  EXPECT_EQ(BlobKeyId(v2), 0u);
}

TEST(FieldCipher, MissingAdPartsOrReservedKeyThrow) {
  Keyset ks = KeysetOf({1});
  const DataKey& k = *ks.Find(1);
  EXPECT_THROW(Encrypt(k, "x", {"", "phone", kRowA, kOrg}), std::invalid_argument);
  EXPECT_THROW(Encrypt(k, "x", {"workers", "phone", "", kOrg}),
               std::invalid_argument);
  EXPECT_THROW(Encrypt(k, "x", {"workers", "phone", kRowA, ""}),
               std::invalid_argument);
  EXPECT_THROW((void)Decrypt(ks, "x", {"workers", "", kRowA, kOrg}),
               std::invalid_argument);
  EXPECT_THROW(Encrypt(Key(0), "x", PhoneOf(kRowA)), std::invalid_argument);
  EXPECT_THROW(Encrypt(DataKey{1, SecretBytes()}, "x", PhoneOf(kRowA)),
               std::invalid_argument);
}

TEST(FieldCipher, ReencryptWithEmptyKeysetFails) {
  Keyset ks = KeysetOf({1});
  const std::string blob = Encrypt(*ks.Find(1), "x", PhoneOf(kRowA));
  Keyset empty;
  ExpectFieldError(Reencrypt(empty, blob, PhoneOf(kRowA)), "phone", "empty");
}

}  // namespace
}  // namespace hotshop::security
