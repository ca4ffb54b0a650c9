// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/key_service.h"

#include <sodium.h>

#include "security/blind_index.h"
#include "security/keyring.h"
#include "security/recovery_codes.h"

namespace hotshop::store {
namespace {

// Subkey numbers under the master key; never reuse one for another purpose.
constexpr uint64_t kSystemDataSubkey = 101;
constexpr uint64_t kAccountIndexSubkey = 102;
constexpr uint64_t kIntakePowSubkey = 103;

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2, '0');
  static const char* kHex = "0123456789abcdef";
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 15];
  }
  return out;
}

}  // namespace

KeyService::KeyService(security::SecretBytes master_key) : master_(std::move(master_key)) {
  security::DataKey sys;
  sys.key_id = 1;
  sys.key = security::DeriveSubkey(master_, kSystemDataSubkey, "systemdk");
  (void)system_keys_.Add(std::move(sys));
  account_index_ = security::DeriveSubkey(master_, kAccountIndexSubkey, "acctidx_");
  recovery_key_ = security::RecoveryCodeKey(master_);
  intake_pow_key_ = security::DeriveSubkey(master_, kIntakePowSubkey, "intakpow");
}

std::string KeyService::AccountEmailIndex(std::string_view normalized_email) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(normalized_email.data()),
                     normalized_email.size(), account_index_.data(), account_index_.size());
  return Hex(out, sizeof out);
}

Status KeyService::CreateOrgKeys(Tx& tx, const std::string& org_id, int64_t now_ms) {
  security::SecretBytes data = security::NewKey();
  security::SecretBytes index = security::NewKey();
  // key_id 1 is the index root, 2 the first data key; rotation adds 3, 4, …
  Result<int64_t> a = tx.Exec(
      "INSERT INTO org_keys (org_id, key_id, purpose, wrapped, state, created_at_ms) VALUES ($1, 1, 'index', $2, 'active', $3)",
      {org_id, Bytes{security::WrapKey(master_, index, 1)}, now_ms});
  if (!a) return a.error();
  Result<int64_t> b = tx.Exec(
      "INSERT INTO org_keys (org_id, key_id, purpose, wrapped, state, created_at_ms) VALUES ($1, 2, 'data', $2, 'active', $3)",
      {org_id, Bytes{security::WrapKey(master_, data, 2)}, now_ms});
  if (!b) return b.error();
  return Ok();
}

Result<std::shared_ptr<const OrgKeys>> KeyService::ForOrg(Tx& tx, const std::string& org_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(org_id);
    if (it != cache_.end()) return it->second;
  }
  Result<Rows> rows = tx.Query(
      "SELECT key_id, purpose, wrapped FROM org_keys WHERE org_id = $1 AND state = 'active' ORDER BY key_id",
      {org_id});
  if (!rows) return rows.error();
  auto keys = std::make_shared<OrgKeys>();
  bool have_index = false;
  for (const Row& r : *rows) {
    auto key_id = static_cast<uint32_t>(r.Int(0));
    Result<security::SecretBytes> k = security::UnwrapKey(master_, r.Blob(2), key_id);
    if (!k) return Error::Internal("an organization key does not open under this master key");
    if (r.Text(1) == "index") {
      keys->phone_index = security::BlindIndexKey(*k, security::IndexedField::kPhone);
      keys->email_index = security::BlindIndexKey(*k, security::IndexedField::kEmail);
      have_index = true;
    } else {
      security::DataKey dk;
      dk.key_id = key_id;
      dk.key = std::move(*k);
      if (Status s = keys->data.Add(std::move(dk)); !s) return s.error();
    }
  }
  if (!have_index || keys->data.size() == 0) return Error::Internal("the organization has no keys");
  std::shared_ptr<const OrgKeys> shared = keys;
  std::lock_guard<std::mutex> lock(mu_);
  cache_[org_id] = shared;
  return shared;
}

Result<uint32_t> KeyService::AddDataKey(Tx& tx, const std::string& org_id, int64_t now_ms) {
  Result<Rows> r = tx.Query("SELECT COALESCE(MAX(key_id), 0) FROM org_keys WHERE org_id = $1", {org_id});
  if (!r) return r.error();
  auto next = static_cast<uint32_t>((*r)[0].Int(0) + 1);
  security::SecretBytes data = security::NewKey();
  Result<int64_t> ins = tx.Exec(
      "INSERT INTO org_keys (org_id, key_id, purpose, wrapped, state, created_at_ms) VALUES ($1, $2, 'data', $3, 'active', $4)",
      {org_id, static_cast<int64_t>(next), Bytes{security::WrapKey(master_, data, next)}, now_ms});
  if (!ins) return ins.error();
  Forget(org_id);
  return next;
}

void KeyService::Forget(const std::string& org_id) {
  std::lock_guard<std::mutex> lock(mu_);
  cache_.erase(org_id);
}

}  // namespace hotshop::store
