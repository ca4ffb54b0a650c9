// SPDX-License-Identifier: AGPL-3.0-or-later
// People of one org: names, phones, emails, addresses and notes encrypted
// at rest under the org's data key, with the row, column and org bound in
// (a ciphertext pasted into another row does not open); phones and emails
// findable through 32-bit blind indexes, whose candidates are decrypted and
// compared (security-model.md §2.3, §2.4).
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

struct PersonFields {
  std::optional<std::string> name;
  std::optional<std::string> phone;  // E.164, normalized by the caller
  std::optional<std::string> email;  // normalized by the caller
  std::optional<std::string> address;
  std::optional<std::string> notes;
  std::optional<std::string> preferred_language;
};

struct Person {
  std::string id;
  std::string campaign_id;
  std::string name;
  std::string phone;
  std::string email;
  std::string address;
  std::string notes;
  std::string preferred_language;
  int64_t version = 1;
};

class PersonRepo {
 public:
  PersonRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // REQUIRES: fields.name is set.
  Result<Person> Create(const std::string& campaign_id, const PersonFields& fields, int64_t now_ms);
  // Errors: kNotFound (missing or another org); kInternal when a field does
  // not decrypt (tampered), never another row's value.
  Result<Person> Get(const std::string& id);
  Result<Person> Update(const std::string& id, int64_t expected_version, const PersonFields& changes, int64_t now_ms);
  // Exact matches only, after decrypting the blind index's candidates.
  Result<std::vector<Person>> FindByPhone(const std::string& e164);
  Result<std::vector<Person>> FindByEmail(const std::string& normalized_email);
  // Campaign of a person, for authorization before reading it; kNotFound.
  Result<std::string> CampaignOf(const std::string& id);

  // Rotation: re-encrypts up to batch rows whose blobs are not under the
  // newest data key. Returns how many rows it changed (0 = done).
  Result<int64_t> ReencryptBatch(int batch);

 private:
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
