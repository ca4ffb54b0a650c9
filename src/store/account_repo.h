// SPDX-License-Identifier: AGPL-3.0-or-later
// Accounts: users (global, names and emails encrypted under the system key,
// found by a keyed hash of the email), their credentials, recovery codes,
// org memberships and grants, sessions (only token hashes) and invitations.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "security/authorize.h"
#include "store/database.h"
#include "store/key_service.h"

namespace hotshop::store {

struct User {
  std::string id;
  std::string email;
  std::string name;
  std::string status;  // active | suspended
};

struct Credentials {
  std::string password_hash;
  bool must_change = false;
  std::optional<std::string> totp_secret;   // decrypted; nullopt = not enrolled
  std::optional<std::string> totp_pending;  // set up but not yet confirmed
  int64_t totp_last_counter = -1;
  bool reenroll = false;                    // MFA must be enrolled again
};

struct SessionRow {
  std::string id;
  std::string user_id;
  std::string org_id;
  std::string label;
  int64_t created_at_ms = 0;
  int64_t last_seen_at_ms = 0;
  int64_t expires_at_ms = 0;
  int64_t step_up_at_ms = 0;
};

struct Invitation {
  std::string id;
  std::string org_id;
  std::string email;
  std::string name;
  security::Grant grant;
  int64_t expires_at_ms = 0;
  bool used = false;
};

class AccountRepo {
 public:
  AccountRepo(Tx& tx, const KeyService& keys) : tx_(tx), keys_(keys) {}

  // Errors: kConflict field "email" when an account has that email.
  Result<User> CreateUser(const std::string& email, const std::string& name, const std::string& password_hash,
                          bool must_change, int64_t now_ms);
  Result<std::optional<User>> FindByEmail(const std::string& email);
  Result<User> Get(const std::string& user_id);
  Status SetStatus(const std::string& user_id, const std::string& status);

  Result<Credentials> GetCredentials(const std::string& user_id);
  Status SetPassword(const std::string& user_id, const std::string& hash, bool must_change, int64_t now_ms);
  Status SetTotpPending(const std::string& user_id, const std::string& secret, int64_t now_ms);
  // Activates the pending secret and records the counter it was confirmed with.
  Status ActivateTotp(const std::string& user_id, int64_t counter, int64_t now_ms);
  // Records the counter of an accepted code, so it is never accepted twice.
  // Returns false when a concurrent login accepted the same or a later one.
  Result<bool> AdvanceTotpCounter(const std::string& user_id, int64_t counter);
  Status RequireReenroll(const std::string& user_id, int64_t now_ms);

  Status ReplaceRecoveryCodes(const std::string& user_id, const std::vector<std::string>& hashes);
  Result<std::vector<std::string>> UnusedRecoveryHashes(const std::string& user_id);  // "" for used ones
  // Marks code idx used; false when it was used already (a race).
  Result<bool> UseRecoveryCode(const std::string& user_id, int idx, int64_t now_ms);

  Status AddMembership(const std::string& user_id, const std::string& org_id);
  // The orgs a user belongs to (ids), oldest first.
  Result<std::vector<std::string>> Memberships(const std::string& user_id);

  // Grants of one user in one org.
  Result<std::vector<security::Grant>> Grants(const std::string& org_id, const std::string& user_id);
  Result<security::Grant> AddGrant(const std::string& org_id, const std::string& user_id, const security::Grant& g,
                                   const std::string& by, int64_t now_ms);
  // Returns the user the grant belonged to; kNotFound when missing.
  Result<std::string> RemoveGrant(const std::string& org_id, const std::string& grant_id);
  // Users with any grant or membership in the org.
  Result<std::vector<User>> OrgUsers(const std::string& org_id);

  Result<SessionRow> CreateSession(const std::string& token_hash, const std::string& user_id,
                                   const std::string& org_id, const std::string& label, int64_t now_ms,
                                   int64_t expires_at_ms);
  // A live session by token hash (not revoked), or nullopt.
  Result<std::optional<SessionRow>> FindSession(const std::string& token_hash);
  Status TouchSession(const std::string& session_id, int64_t now_ms);
  Status StepUp(const std::string& session_id, int64_t now_ms);
  Status RevokeSession(const std::string& session_id, int64_t now_ms);
  // Revokes a session only if it belongs to user_id; false when it doesn't.
  Result<bool> RevokeOwnSession(const std::string& user_id, const std::string& session_id, int64_t now_ms);
  Result<int64_t> RevokeAllSessions(const std::string& user_id, int64_t now_ms);
  Result<std::vector<SessionRow>> LiveSessions(const std::string& user_id, int64_t now_ms);
  Result<int64_t> LastSeen(const std::string& user_id);

  Status CreateInvitation(const std::string& token_hash, const Invitation& inv, const std::string& by,
                          int64_t now_ms);
  Result<std::optional<Invitation>> FindInvitation(const std::string& token_hash);
  // Marks it used; false when someone used it first.
  Result<bool> UseInvitation(const std::string& token_hash, int64_t now_ms);

 private:
  Tx& tx_;
  const KeyService& keys_;
};

}  // namespace hotshop::store
