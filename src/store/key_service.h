// SPDX-License-Identifier: AGPL-3.0-or-later
// KeyService: the keys that encrypt and index personal values.
//
// Per org: data keys (field encryption, several during rotation: writes use
// the newest, all of them decrypt) and an index root from which one
// blind-index key per field is derived, all stored wrapped under the master
// key in org_keys (security-model.md §2.2–§2.4). System keys for accounts
// (a reference table, not a tenant's) are derived from the master key.
// Unwrapped keys live in locked memory and are cached per org.
//
// Thread rule: all methods are safe from any thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "security/field_cipher.h"
#include "security/secret.h"
#include "store/database.h"

namespace hotshop::store {

struct OrgKeys {
  security::Keyset data;
  security::SecretBytes phone_index;  // BlindIndexKey(index root, kPhone)
  security::SecretBytes email_index;  // BlindIndexKey(index root, kEmail)
};

class KeyService {
 public:
  explicit KeyService(security::SecretBytes master_key);

  // Creates the org's first data key and its index root. Call in the
  // transaction that creates the org.
  Status CreateOrgKeys(Tx& tx, const std::string& org_id, int64_t now_ms);
  // The org's keys. Errors: kInternal when a wrapped key does not open
  // under this master key.
  Result<std::shared_ptr<const OrgKeys>> ForOrg(Tx& tx, const std::string& org_id);
  // Adds a new data key (rotation); the newest key encrypts from now on.
  Result<uint32_t> AddDataKey(Tx& tx, const std::string& org_id, int64_t now_ms);
  void Forget(const std::string& org_id);

  // Account-level keys (users, invitations), derived from the master key.
  const security::Keyset& system_keys() const { return system_keys_; }
  const security::DataKey& system_key() const { return *system_keys_.Newest(); }
  // Full-length keyed hash of a normalized email, for the users table.
  std::string AccountEmailIndex(std::string_view normalized_email) const;
  const security::SecretBytes& recovery_key() const { return recovery_key_; }
  // Signs the public intake form's proof-of-work challenges
  // (security/proof_of_work.h), derived from the master key.
  const security::SecretBytes& intake_pow_key() const { return intake_pow_key_; }
  const security::SecretBytes& master_key() const { return master_; }

 private:
  security::SecretBytes master_;
  security::Keyset system_keys_;
  security::SecretBytes account_index_;
  security::SecretBytes recovery_key_;
  security::SecretBytes intake_pow_key_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const OrgKeys>> cache_;
};

}  // namespace hotshop::store
