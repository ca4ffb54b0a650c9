// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/account_repo.h"

#include "security/blind_index.h"
#include "security/confusables.h"
#include "store/ids.h"

namespace hotshop::store {
namespace {

constexpr const char* kSystemOrg = "system";

security::FieldAd Ad(const char* table, const char* column, const std::string& row, const std::string& org) {
  return security::FieldAd{table, column, row, org};
}

Result<std::string> Open(const KeyService& keys, const std::string& blob, const security::FieldAd& ad) {
  return security::Decrypt(keys.system_keys(), blob, ad);
}

Result<security::Grant> GrantFromRow(const Row& r) {
  security::Grant g;
  g.id = r.Text(0);
  auto role = security::ParseRole(r.Text(1));
  auto kind = security::ParseScopeKind(r.Text(2));
  if (!role || !kind) return Error::Internal("a stored grant has an unknown role or scope");
  g.role = *role;
  g.scope_kind = *kind;
  g.scope_id = r.Text(3);
  Result<unsigned> flags = security::ParseFlags(r.Text(4));
  if (!flags) return flags.error();
  g.flags = *flags;
  if (r.size() > 5) g.unit_campaign_id = r.Text(5);
  return g;
}

SessionRow SessionFromRow(const Row& r) {
  return SessionRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Int(6), r.Int(7)};
}

constexpr const char* kSessionCols = "id, user_id, org_id, label, created_at_ms, last_seen_at_ms, expires_at_ms, step_up_at_ms";

}  // namespace

Result<User> AccountRepo::CreateUser(const std::string& email, const std::string& name,
                                     const std::string& password_hash, bool must_change, int64_t now_ms) {
  if (Status c = security::CheckNotConfusable(email, "email"); !c) return c.error();
  Result<std::string> norm = security::NormalizeEmailForIndex(email);
  if (!norm) return Error::InvalidInput("email", norm.error().message());
  User u{NewId(), *norm, name, "active"};
  std::string email_ct = security::Encrypt(keys_.system_key(), *norm, Ad("users", "email", u.id, kSystemOrg));
  std::string name_ct = security::Encrypt(keys_.system_key(), name, Ad("users", "name", u.id, kSystemOrg));
  Result<int64_t> a = tx_.Exec(
      "INSERT INTO users (id, email_bidx, email_ct, name_ct, status, created_at_ms) VALUES ($1, $2, $3, $4, 'active', $5)",
      {u.id, keys_.AccountEmailIndex(*norm), Bytes{email_ct}, Bytes{name_ct}, now_ms});
  if (!a) {
    if (a.error().code() == ErrorCode::kConflict) return Error::Conflict("email", "an account with this email exists already");
    return a.error();
  }
  Result<int64_t> b = tx_.Exec(
      "INSERT INTO credentials (user_id, password_hash, password_must_change, updated_at_ms) VALUES ($1, $2, $3, $4)",
      {u.id, password_hash, static_cast<int64_t>(must_change), now_ms});
  if (!b) return b.error();
  return u;
}

Result<std::optional<User>> AccountRepo::FindByEmail(const std::string& email) {
  Result<std::string> norm = security::NormalizeEmailForIndex(email);
  if (!norm) return std::optional<User>();
  Result<Rows> r = tx_.Query("SELECT id FROM users WHERE email_bidx = $1", {keys_.AccountEmailIndex(*norm)});
  if (!r) return r.error();
  if (r->empty()) return std::optional<User>();
  Result<User> u = Get((*r)[0].Text(0));
  if (!u) return u.error();
  return std::optional<User>(*u);
}

Result<User> AccountRepo::Get(const std::string& user_id) {
  Result<Rows> r = tx_.Query("SELECT id, email_ct, name_ct, status FROM users WHERE id = $1", {user_id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such user");
  const Row& row = (*r)[0];
  Result<std::string> email = Open(keys_, row.Blob(1), Ad("users", "email", user_id, kSystemOrg));
  if (!email) return email.error();
  Result<std::string> name = Open(keys_, row.Blob(2), Ad("users", "name", user_id, kSystemOrg));
  if (!name) return name.error();
  return User{user_id, *email, *name, row.Text(3)};
}

Status AccountRepo::SetStatus(const std::string& user_id, const std::string& status) {
  Result<int64_t> n = tx_.Exec("UPDATE users SET status = $2 WHERE id = $1", {user_id, status});
  if (!n) return n.error();
  return Ok();
}

Result<Credentials> AccountRepo::GetCredentials(const std::string& user_id) {
  Result<Rows> r = tx_.Query(
      "SELECT password_hash, password_must_change, totp_secret_ct, totp_pending_ct, totp_last_counter, "
      "totp_required_reenroll FROM credentials WHERE user_id = $1",
      {user_id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no credentials");
  const Row& row = (*r)[0];
  Credentials c;
  c.password_hash = row.Text(0);
  c.must_change = row.Int(1) != 0;
  if (!row.IsNull(2)) {
    Result<std::string> s = Open(keys_, row.Blob(2), Ad("credentials", "totp_secret", user_id, kSystemOrg));
    if (!s) return s.error();
    c.totp_secret = *s;
  }
  if (!row.IsNull(3)) {
    Result<std::string> s = Open(keys_, row.Blob(3), Ad("credentials", "totp_pending", user_id, kSystemOrg));
    if (!s) return s.error();
    c.totp_pending = *s;
  }
  c.totp_last_counter = row.Int(4);
  c.reenroll = row.Int(5) != 0;
  return c;
}

Status AccountRepo::SetPassword(const std::string& user_id, const std::string& hash, bool must_change, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE credentials SET password_hash = $2, password_must_change = $3, updated_at_ms = $4 WHERE user_id = $1",
      {user_id, hash, static_cast<int64_t>(must_change), now_ms});
  if (!n) return n.error();
  return Ok();
}

Status AccountRepo::SetTotpPending(const std::string& user_id, const std::string& secret, int64_t now_ms) {
  std::string ct = security::Encrypt(keys_.system_key(), secret, Ad("credentials", "totp_pending", user_id, kSystemOrg));
  Result<int64_t> n = tx_.Exec("UPDATE credentials SET totp_pending_ct = $2, updated_at_ms = $3 WHERE user_id = $1",
                               {user_id, Bytes{ct}, now_ms});
  if (!n) return n.error();
  return Ok();
}

Status AccountRepo::ActivateTotp(const std::string& user_id, int64_t counter, int64_t now_ms) {
  Result<Credentials> c = GetCredentials(user_id);
  if (!c) return c.error();
  if (!c->totp_pending) return Error::InvalidInput("code", "start two-factor setup first");
  std::string ct = security::Encrypt(keys_.system_key(), *c->totp_pending,
                                     Ad("credentials", "totp_secret", user_id, kSystemOrg));
  Result<int64_t> n = tx_.Exec(
      "UPDATE credentials SET totp_secret_ct = $2, totp_pending_ct = NULL, totp_last_counter = $3, "
      "totp_required_reenroll = 0, updated_at_ms = $4 WHERE user_id = $1",
      {user_id, Bytes{ct}, counter, now_ms});
  if (!n) return n.error();
  return Ok();
}

Result<bool> AccountRepo::AdvanceTotpCounter(const std::string& user_id, int64_t counter) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE credentials SET totp_last_counter = $2 WHERE user_id = $1 AND totp_last_counter < $2",
      {user_id, counter});
  if (!n) return n.error();
  return *n == 1;
}

Status AccountRepo::RequireReenroll(const std::string& user_id, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE credentials SET totp_secret_ct = NULL, totp_pending_ct = NULL, totp_required_reenroll = 1, "
      "updated_at_ms = $2 WHERE user_id = $1",
      {user_id, now_ms});
  if (!n) return n.error();
  Result<int64_t> d = tx_.Exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id});
  if (!d) return d.error();
  return Ok();
}

Status AccountRepo::ReplaceRecoveryCodes(const std::string& user_id, const std::vector<std::string>& hashes) {
  Result<int64_t> d = tx_.Exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id});
  if (!d) return d.error();
  for (size_t i = 0; i < hashes.size(); ++i) {
    Result<int64_t> n = tx_.Exec("INSERT INTO recovery_codes (user_id, idx, code_hash) VALUES ($1, $2, $3)",
                                 {user_id, static_cast<int64_t>(i), hashes[i]});
    if (!n) return n.error();
  }
  return Ok();
}

Result<std::vector<std::string>> AccountRepo::UnusedRecoveryHashes(const std::string& user_id) {
  Result<Rows> r = tx_.Query("SELECT idx, code_hash, used_at_ms FROM recovery_codes WHERE user_id = $1 ORDER BY idx",
                             {user_id});
  if (!r) return r.error();
  std::vector<std::string> out;
  for (const Row& row : *r) {
    size_t idx = static_cast<size_t>(row.Int(0));
    if (out.size() <= idx) out.resize(idx + 1);
    out[idx] = row.IsNull(2) ? row.Text(1) : "";
  }
  return out;
}

Result<bool> AccountRepo::UseRecoveryCode(const std::string& user_id, int idx, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE recovery_codes SET used_at_ms = $3 WHERE user_id = $1 AND idx = $2 AND used_at_ms IS NULL",
      {user_id, static_cast<int64_t>(idx), now_ms});
  if (!n) return n.error();
  return *n == 1;
}

Status AccountRepo::AddMembership(const std::string& user_id, const std::string& org_id) {
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO memberships (user_id, org_id) VALUES ($1, $2) ON CONFLICT (user_id, org_id) DO NOTHING",
      {user_id, org_id});
  if (!n) return n.error();
  return Ok();
}

Result<std::vector<std::string>> AccountRepo::Memberships(const std::string& user_id) {
  Result<Rows> r = tx_.Query(
      "SELECT m.org_id FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.created_at_ms",
      {user_id});
  if (!r) return r.error();
  std::vector<std::string> out;
  for (const Row& row : *r) out.push_back(row.Text(0));
  return out;
}

Result<std::vector<security::Grant>> AccountRepo::Grants(const std::string& org_id, const std::string& user_id) {
  Result<Rows> r = tx_.Query(
      // A unit grant carries its unit's campaign (security::Grant::unit_campaign_id).
      "SELECT g.id, g.role, g.scope_kind, g.scope_id, g.flags, u.campaign_id FROM grants g "
      "LEFT JOIN units u ON g.scope_kind = 'unit' AND u.org_id = g.org_id AND u.id = g.scope_id "
      "WHERE g.org_id = $1 AND g.user_id = $2 ORDER BY g.created_at_ms, g.id",
      {org_id, user_id});
  if (!r) return r.error();
  std::vector<security::Grant> out;
  for (const Row& row : *r) {
    Result<security::Grant> g = GrantFromRow(row);
    if (!g) return g.error();
    out.push_back(*g);
  }
  return out;
}

Result<security::Grant> AccountRepo::AddGrant(const std::string& org_id, const std::string& user_id,
                                              const security::Grant& g, const std::string& by, int64_t now_ms) {
  security::Grant out = g;
  out.id = NewId();
  Value scope = g.scope_kind == security::ScopeKind::kOrg ? Value(nullptr) : Value(g.scope_id);
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO grants (org_id, id, user_id, role, scope_kind, scope_id, flags, created_at_ms, created_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {org_id, out.id, user_id, std::string(security::RoleName(g.role)), std::string(security::ScopeKindName(g.scope_kind)),
       scope, security::FlagsText(g.flags), now_ms, by.empty() ? Value(nullptr) : Value(by)});
  if (!n) return n.error();
  if (Status m = AddMembership(user_id, org_id); !m) return m.error();
  return out;
}

Result<std::string> AccountRepo::RemoveGrant(const std::string& org_id, const std::string& grant_id) {
  Result<Rows> r = tx_.Query("SELECT user_id FROM grants WHERE org_id = $1 AND id = $2", {org_id, grant_id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such grant");
  Result<int64_t> n = tx_.Exec("DELETE FROM grants WHERE org_id = $1 AND id = $2", {org_id, grant_id});
  if (!n) return n.error();
  return (*r)[0].Text(0);
}

Result<std::vector<User>> AccountRepo::OrgUsers(const std::string& org_id) {
  Result<Rows> r = tx_.Query("SELECT user_id FROM memberships WHERE org_id = $1", {org_id});
  if (!r) return r.error();
  std::vector<User> out;
  for (const Row& row : *r) {
    Result<User> u = Get(row.Text(0));
    if (!u) return u.error();
    out.push_back(*u);
  }
  std::sort(out.begin(), out.end(), [](const User& a, const User& b) { return a.name < b.name; });
  return out;
}

Result<SessionRow> AccountRepo::CreateSession(const std::string& token_hash, const std::string& user_id,
                                              const std::string& org_id, const std::string& label, int64_t now_ms,
                                              int64_t expires_at_ms) {
  SessionRow s{NewId(), user_id, org_id, label, now_ms, now_ms, expires_at_ms, now_ms};
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO sessions (token_hash, id, user_id, org_id, label, created_at_ms, last_seen_at_ms, expires_at_ms, "
      "step_up_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $6)",
      {token_hash, s.id, user_id, org_id, label, now_ms, expires_at_ms});
  if (!n) return n.error();
  return s;
}

Result<std::optional<SessionRow>> AccountRepo::FindSession(const std::string& token_hash) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kSessionCols +
                                 " FROM sessions WHERE token_hash = $1 AND revoked_at_ms IS NULL",
                             {token_hash});
  if (!r) return r.error();
  if (r->empty()) return std::optional<SessionRow>();
  return std::optional<SessionRow>(SessionFromRow((*r)[0]));
}

Status AccountRepo::TouchSession(const std::string& session_id, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec("UPDATE sessions SET last_seen_at_ms = $2 WHERE id = $1", {session_id, now_ms});
  if (!n) return n.error();
  return Ok();
}

Status AccountRepo::StepUp(const std::string& session_id, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec("UPDATE sessions SET step_up_at_ms = $2 WHERE id = $1", {session_id, now_ms});
  if (!n) return n.error();
  return Ok();
}

Status AccountRepo::RevokeSession(const std::string& session_id, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec("UPDATE sessions SET revoked_at_ms = $2 WHERE id = $1 AND revoked_at_ms IS NULL",
                               {session_id, now_ms});
  if (!n) return n.error();
  return Ok();
}

Result<bool> AccountRepo::RevokeOwnSession(const std::string& user_id, const std::string& session_id, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE sessions SET revoked_at_ms = $3 WHERE id = $2 AND user_id = $1 AND revoked_at_ms IS NULL",
      {user_id, session_id, now_ms});
  if (!n) return n.error();
  return *n == 1;
}

Result<int64_t> AccountRepo::RevokeAllSessions(const std::string& user_id, int64_t now_ms) {
  return tx_.Exec("UPDATE sessions SET revoked_at_ms = $2 WHERE user_id = $1 AND revoked_at_ms IS NULL",
                  {user_id, now_ms});
}

Result<std::vector<SessionRow>> AccountRepo::LiveSessions(const std::string& user_id, int64_t now_ms) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kSessionCols +
                                 " FROM sessions WHERE user_id = $1 AND revoked_at_ms IS NULL AND expires_at_ms > $2 "
                                 "ORDER BY last_seen_at_ms DESC",
                             {user_id, now_ms});
  if (!r) return r.error();
  std::vector<SessionRow> out;
  for (const Row& row : *r) out.push_back(SessionFromRow(row));
  return out;
}

Result<int64_t> AccountRepo::LastSeen(const std::string& user_id) {
  Result<Rows> r = tx_.Query("SELECT COALESCE(MAX(last_seen_at_ms), 0) FROM sessions WHERE user_id = $1", {user_id});
  if (!r) return r.error();
  return (*r)[0].Int(0);
}

Status AccountRepo::CreateInvitation(const std::string& token_hash, const Invitation& inv, const std::string& by,
                                     int64_t now_ms) {
  std::string email_ct = security::Encrypt(keys_.system_key(), inv.email, Ad("invitations", "email", inv.id, inv.org_id));
  std::string name_ct = security::Encrypt(keys_.system_key(), inv.name, Ad("invitations", "name", inv.id, inv.org_id));
  Value scope = inv.grant.scope_kind == security::ScopeKind::kOrg ? Value(nullptr) : Value(inv.grant.scope_id);
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO invitations (token_hash, id, org_id, email_ct, name_ct, role, scope_kind, scope_id, flags, "
      "created_by, created_at_ms, expires_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {token_hash, inv.id, inv.org_id, Bytes{email_ct}, Bytes{name_ct}, std::string(security::RoleName(inv.grant.role)),
       std::string(security::ScopeKindName(inv.grant.scope_kind)), scope, security::FlagsText(inv.grant.flags), by,
       now_ms, inv.expires_at_ms});
  if (!n) return n.error();
  return Ok();
}

Result<std::optional<Invitation>> AccountRepo::FindInvitation(const std::string& token_hash) {
  Result<Rows> r = tx_.Query(
      "SELECT id, org_id, email_ct, name_ct, role, scope_kind, scope_id, flags, expires_at_ms, used_at_ms "
      "FROM invitations WHERE token_hash = $1",
      {token_hash});
  if (!r) return r.error();
  if (r->empty()) return std::optional<Invitation>();
  const Row& row = (*r)[0];
  Invitation inv;
  inv.id = row.Text(0);
  inv.org_id = row.Text(1);
  Result<std::string> email = Open(keys_, row.Blob(2), Ad("invitations", "email", inv.id, inv.org_id));
  if (!email) return email.error();
  Result<std::string> name = Open(keys_, row.Blob(3), Ad("invitations", "name", inv.id, inv.org_id));
  if (!name) return name.error();
  inv.email = *email;
  inv.name = *name;
  auto role = security::ParseRole(row.Text(4));
  auto kind = security::ParseScopeKind(row.Text(5));
  if (!role || !kind) return Error::Internal("a stored invitation has an unknown role");
  inv.grant.role = *role;
  inv.grant.scope_kind = *kind;
  inv.grant.scope_id = row.Text(6);
  Result<unsigned> flags = security::ParseFlags(row.Text(7));
  if (!flags) return flags.error();
  inv.grant.flags = *flags;
  inv.expires_at_ms = row.Int(8);
  inv.used = !row.IsNull(9);
  return std::optional<Invitation>(inv);
}

Result<bool> AccountRepo::UseInvitation(const std::string& token_hash, int64_t now_ms) {
  Result<int64_t> n = tx_.Exec(
      "UPDATE invitations SET used_at_ms = $2 WHERE token_hash = $1 AND used_at_ms IS NULL", {token_hash, now_ms});
  if (!n) return n.error();
  return *n == 1;
}

}  // namespace hotshop::store
