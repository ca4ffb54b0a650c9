// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/keyring.h.
// Covers security-model.md §2.2 (master key in a 0400 file outside the DB;
// no key, no start; random DEKs wrapped under the KEK; crypto_kdf subkeys with
// 8-char contexts) and §4 case 30 (master key missing or wrong at startup:
// detected, via the file checks and the key-check value).
#include "security/keyring.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hotshop::security {
namespace {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/hotshop_keyring_XXXXXX";
    const char* p = mkdtemp(tmpl);
    if (p == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& bytes, mode_t mode) {
  std::ofstream(path, std::ios::binary) << bytes;
  chmod(path.c_str(), mode);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void ExpectKeyFileError(const Result<SecretBytes>& r, ErrorCode code,
                        const std::string& message_part) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), code);
  EXPECT_EQ(r.error().field(), "master_key_file");
  EXPECT_NE(r.error().message().find(message_part), std::string::npos)
      << r.error().message();
}

SecretBytes FixedKey(char fill) { return SecretBytes::CopyOf(std::string(32, fill)); }

// ---- master key file -------------------------------------------------------

TEST(MasterKey, CreateThenLoadRoundTrips) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  ASSERT_TRUE(CreateMasterKeyFile(path).ok());
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0400u);
  EXPECT_EQ(st.st_size, 32);
  Result<SecretBytes> key = LoadMasterKey(path);
  ASSERT_TRUE(key.ok()) << key.error().message();
  EXPECT_EQ(key->size(), 32u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(key->data()), 32),
            ReadFile(path));
}

TEST(MasterKey, CreateRefusesToOverwrite) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  ASSERT_TRUE(CreateMasterKeyFile(path).ok());
  const std::string before = ReadFile(path);
  Status again = CreateMasterKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.error().field(), "master_key_file");
  EXPECT_EQ(ReadFile(path), before);
}

TEST(MasterKey, CreateLeavesNoTemporaryFiles) {
  TempDir dir;
  ASSERT_TRUE(CreateMasterKeyFile(dir.File("master.key")).ok());
  ASSERT_FALSE(CreateMasterKeyFile(dir.File("master.key")).ok());
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.File(""))) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST(MasterKey, Mode0600IsAccepted) {
  TempDir dir;
  const std::string path = dir.File("k");
  WriteFile(path, std::string(32, 'k'), 0600);
  EXPECT_TRUE(LoadMasterKey(path).ok());
}

// §4 case 30: missing key.
TEST(MasterKey, MissingFileIsNotFound) {
  TempDir dir;
  ExpectKeyFileError(LoadMasterKey(dir.File("absent.key")),
                     ErrorCode::kNotFound, "does not exist");
}

TEST(MasterKey, TooOpenModeIsRefusedWithTheFix) {
  TempDir dir;
  const std::string path = dir.File("k");
  WriteFile(path, std::string(32, 'k'), 0644);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput, "0644");
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput, "chmod 0400");
  chmod(path.c_str(), 0440);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput, "0440");
  chmod(path.c_str(), 0700);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput, "0700");
}

TEST(MasterKey, WrongSizeIsRefused) {
  TempDir dir;
  const std::string short_key = dir.File("short");
  const std::string long_key = dir.File("long");
  const std::string empty = dir.File("empty");
  WriteFile(short_key, std::string(31, 'k'), 0400);
  WriteFile(long_key, std::string(33, 'k'), 0400);
  WriteFile(empty, "", 0400);
  ExpectKeyFileError(LoadMasterKey(short_key), ErrorCode::kInvalidInput,
                     "exactly 32 bytes");
  ExpectKeyFileError(LoadMasterKey(long_key), ErrorCode::kInvalidInput,
                     "exactly 32 bytes");
  ExpectKeyFileError(LoadMasterKey(empty), ErrorCode::kInvalidInput,
                     "exactly 32 bytes");
}

TEST(MasterKey, AllZeroKeyIsRefused) {
  TempDir dir;
  const std::string path = dir.File("zero");
  WriteFile(path, std::string(32, '\0'), 0400);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput, "zero");
}

TEST(MasterKey, DirectoryIsRefused) {
  TempDir dir;
  const std::string path = dir.File("d");
  ASSERT_EQ(mkdir(path.c_str(), 0700), 0);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput,
                     "not a regular file");
}

TEST(MasterKey, FifoIsRefusedWithoutHanging) {
  TempDir dir;
  const std::string path = dir.File("fifo");
  ASSERT_EQ(mkfifo(path.c_str(), 0400), 0);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput,
                     "not a regular file");
}

TEST(MasterKey, FileOwnedBySomeoneElseIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to chown";
  TempDir dir;
  const std::string path = dir.File("k");
  WriteFile(path, std::string(32, 'k'), 0400);
  ASSERT_EQ(chown(path.c_str(), 65534, 65534), 0);
  ExpectKeyFileError(LoadMasterKey(path), ErrorCode::kInvalidInput, "owned by");
}

// §4 case 30: wrong key.
TEST(MasterKey, WrongMasterKeyDetectedViaCheckValue) {
  SecretBytes right = FixedKey('a');
  SecretBytes wrong = FixedKey('b');
  const std::string stored = MasterKeyCheck(right);
  EXPECT_EQ(stored.size(), 64u);
  EXPECT_EQ(stored, MasterKeyCheck(FixedKey('a')));  // deterministic
  EXPECT_TRUE(VerifyMasterKeyCheck(right, stored).ok());
  Status s = VerifyMasterKeyCheck(wrong, stored);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(s.error().field(), "master_key_file");
  EXPECT_NE(s.error().message().find("does not match"), std::string::npos);
  EXPECT_FALSE(VerifyMasterKeyCheck(right, "").ok());
  EXPECT_FALSE(VerifyMasterKeyCheck(right, stored.substr(0, 63)).ok());
}

TEST(MasterKey, CheckValueDoesNotContainTheKey) {
  SecretBytes k = FixedKey('a');
  EXPECT_EQ(MasterKeyCheck(k).find("6161616161616161"), std::string::npos);
}

// ---- wrapping --------------------------------------------------------------

TEST(KeyWrap, WrapThenUnwrapRoundTrips) {
  SecretBytes kek = NewKey();
  SecretBytes dek = NewKey();
  const std::string wrapped = WrapKey(kek, dek, 7);
  EXPECT_EQ(wrapped.size(), 1u + 24 + 32 + 16);
  Result<SecretBytes> back = UnwrapKey(kek, wrapped, 7);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->Equals(dek));
}

TEST(KeyWrap, FreshNonceEachWrap) {
  SecretBytes kek = NewKey();
  SecretBytes dek = NewKey();
  EXPECT_NE(WrapKey(kek, dek, 1), WrapKey(kek, dek, 1));
}

TEST(KeyWrap, WrongMasterKeyFails) {
  SecretBytes dek = NewKey();
  const std::string wrapped = WrapKey(FixedKey('a'), dek, 7);
  Result<SecretBytes> r = UnwrapKey(FixedKey('b'), wrapped, 7);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(r.error().field(), "key_id");
}

TEST(KeyWrap, WrappedKeyMovedToAnotherIdFails) {
  SecretBytes kek = NewKey();
  const std::string wrapped = WrapKey(kek, NewKey(), 7);
  Result<SecretBytes> r = UnwrapKey(kek, wrapped, 8);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "key_id");
}

TEST(KeyWrap, TamperedOrTruncatedFails) {
  SecretBytes kek = NewKey();
  std::string wrapped = WrapKey(kek, NewKey(), 7);
  for (std::size_t i : {std::size_t{0}, std::size_t{5}, wrapped.size() - 1}) {
    std::string bad = wrapped;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(UnwrapKey(kek, bad, 7).ok()) << "byte " << i;
  }
  EXPECT_FALSE(UnwrapKey(kek, wrapped.substr(0, 40), 7).ok());
  EXPECT_FALSE(UnwrapKey(kek, "", 7).ok());
  EXPECT_FALSE(UnwrapKey(kek, wrapped + std::string(2000, 'x'), 7).ok());
}

// ---- subkeys ---------------------------------------------------------------

TEST(Subkey, DeterministicAndIndependent) {
  SecretBytes root = FixedKey('r');
  SecretBytes a = DeriveSubkey(root, 1, "blindidx");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_TRUE(a.Equals(DeriveSubkey(root, 1, "blindidx")));
  EXPECT_FALSE(a.Equals(DeriveSubkey(root, 2, "blindidx")));
  EXPECT_FALSE(a.Equals(DeriveSubkey(root, 1, "recovery")));
  EXPECT_FALSE(a.Equals(DeriveSubkey(FixedKey('s'), 1, "blindidx")));
  EXPECT_FALSE(a.Equals(root));
  EXPECT_EQ(DeriveSubkey(root, 1, "blindidx", 64).size(), 64u);
}

// ---- incorrect usage -------------------------------------------------------

TEST(Subkey, BadContextOrKeySizeThrows) {
  SecretBytes root = FixedKey('r');
  EXPECT_THROW(DeriveSubkey(root, 1, "blindix"), std::invalid_argument);
  EXPECT_THROW(DeriveSubkey(root, 1, "blindindex"), std::invalid_argument);
  EXPECT_THROW(DeriveSubkey(SecretBytes::Random(16), 1, "blindidx"),
               std::invalid_argument);
  EXPECT_THROW(DeriveSubkey(root, 1, "blindidx", 8), std::invalid_argument);
  EXPECT_THROW(DeriveSubkey(root, 1, "blindidx", 65), std::invalid_argument);
}

TEST(KeyWrap, BadKeySizesThrow) {
  EXPECT_THROW(WrapKey(SecretBytes::Random(16), NewKey(), 1),
               std::invalid_argument);
  EXPECT_THROW(WrapKey(NewKey(), SecretBytes(), 1), std::invalid_argument);
  EXPECT_THROW((void)UnwrapKey(SecretBytes(), "x", 1), std::invalid_argument);
  EXPECT_THROW(MasterKeyCheck(SecretBytes()), std::invalid_argument);
}

}  // namespace
}  // namespace hotshop::security
