// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/second_factor.h"

#include "security/recovery_codes.h"
#include "security/totp.h"
#include "store/account_repo.h"

namespace hotshop::api {

Status CheckSecondFactor(store::Tx& tx, const Context& ctx, const std::string& user_id, const std::string& code) {
  store::AccountRepo accounts(tx, ctx.services.keys);
  Result<store::Credentials> cred = accounts.GetCredentials(user_id);
  if (!cred) return cred.error();
  if (!cred->totp_secret) return Error(ErrorCode::kUnauthenticated, "code", "two-factor is not set up for this account");
  if (code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos) {
    Result<int64_t> counter = security::VerifyTotp(*cred->totp_secret, code, ctx.now_ms / 1000, cred->totp_last_counter);
    if (!counter) {
      if (security::IsTotpReplay(counter.error())) {
        return Error(ErrorCode::kUnauthenticated, "totp_replayed", "this code was already used; wait for the next one");
      }
      return Error(ErrorCode::kUnauthenticated, "code", "that code is not right; check the time on your phone and try the current code");
    }
    Result<bool> advanced = accounts.AdvanceTotpCounter(user_id, *counter);
    if (!advanced) return advanced.error();
    if (!*advanced) return Error(ErrorCode::kUnauthenticated, "totp_replayed", "this code was already used; wait for the next one");
    return Ok();
  }
  Result<std::vector<std::string>> hashes = accounts.UnusedRecoveryHashes(user_id);
  if (!hashes) return hashes.error();
  std::optional<size_t> idx = security::MatchRecoveryCode(ctx.services.keys.recovery_key(), user_id, code, *hashes);
  if (!idx) return Error(ErrorCode::kUnauthenticated, "code", "that code is not right; use the current 6-digit code or an unused recovery code");
  Result<bool> used = accounts.UseRecoveryCode(user_id, static_cast<int>(*idx), ctx.now_ms);
  if (!used) return used.error();
  if (!*used) return Error(ErrorCode::kUnauthenticated, "totp_replayed", "this recovery code was already used");
  return Ok();
}

}  // namespace hotshop::api
