// SPDX-License-Identifier: AGPL-3.0-or-later
#include "cli/provision.h"

#include <sodium.h>

#include "security/authorize.h"
#include "security/password.h"
#include "store/account_repo.h"
#include "store/audit_log.h"
#include "store/org_repo.h"
#include "store/sql_rewrite.h"

namespace hotshop::cli {

std::string OneTimePassword() {
  static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
  return out;
}

Result<NewUser> ProvisionUser(store::Database& db, store::KeyService& keys, const std::string& org_slug,
                              const std::string& email, const std::string& name, const std::string& role,
                              const std::string& campaign, int64_t now_ms, const std::string& unit) {
  auto r = security::ParseRole(role);
  if (!r) return Error::InvalidInput("role", "unknown role '" + role + "'");
  NewUser out;
  out.one_time_password = OneTimePassword();
  Result<std::string> hash = security::HashPassword(out.one_time_password, security::PwhashParams{});
  if (!hash) return hash.error();
  Status s = db.Transact([&](store::Tx& tx) -> Status {
    Result<std::optional<store::Org>> org = store::FindOrgBySlug(tx, org_slug);
    if (!org) return org.error();
    if (!*org) return Error::NotFound("no organization with the short name '" + org_slug + "'");
    if (Status o = tx.SetOrg((*org)->id); !o) return o;
    security::Grant g;
    g.role = *r;
    g.scope_kind = security::ScopeKind::kOrg;
    const std::string& org_id = (*org)->id;
    if (!campaign.empty()) {
      Result<store::Rows> c = store::IsCanonicalUuid(campaign)
                                  ? tx.Query("SELECT id FROM campaigns WHERE org_id = $1 AND id = $2", {org_id, campaign})
                                  : tx.Query("SELECT id FROM campaigns WHERE org_id = $1 AND name = $2", {org_id, campaign});
      if (!c) return c.error();
      if (c->empty()) return Error::NotFound("no campaign '" + campaign + "' in " + org_slug);
      g.scope_kind = security::ScopeKind::kCampaign;
      g.scope_id = (*c)[0].Text(0);
    }
    if (!unit.empty()) {
      const char* by = store::IsCanonicalUuid(unit) ? "id" : "name";
      std::string sql = std::string("SELECT id, campaign_id FROM units WHERE org_id = $1 AND ") + by + " = $2";
      store::Params params{org_id, unit};
      if (!g.scope_id.empty()) {
        sql += " AND campaign_id = $3";
        params.push_back(g.scope_id);
      }
      Result<store::Rows> u = tx.Query(sql + " ORDER BY id", params);
      if (!u) return u.error();
      if (u->empty()) return Error::NotFound("no unit '" + unit + "' in " + org_slug + (campaign.empty() ? "" : ", campaign '" + campaign + "'"));
      if (u->size() > 1) {
        return Error::InvalidInput("unit", std::to_string(u->size()) + " units are called '" + unit +
                                               "'; give --campaign too, or the unit's id");
      }
      g.scope_kind = security::ScopeKind::kUnit;
      g.scope_id = (*u)[0].Text(0);
      g.unit_campaign_id = (*u)[0].Text(1);
    }
    if (Status fits = security::CheckGrantScope(g.role, g.scope_kind); !fits) return fits;
    store::AccountRepo accounts(tx, keys);
    Result<std::optional<store::User>> existing = accounts.FindByEmail(email);
    if (!existing) return existing.error();
    if (*existing) {
      out.user_id = (*existing)->id;
      out.one_time_password.clear();
    } else {
      Result<store::User> u = accounts.CreateUser(email, name, *hash, true, now_ms);
      if (!u) return u.error();
      out.user_id = u->id;
    }
    Result<security::Grant> added = accounts.AddGrant((*org)->id, out.user_id, g, "", now_ms);
    if (!added) return added.error();
    Result<int64_t> seq = store::AppendAudit(tx, (*org)->id, "system:cli", "grant.added",
                                             "grant:" + added->id + " user:" + out.user_id + " role:" + role, "allowed",
                                             now_ms);
    if (!seq) return seq.error();
    return Ok();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace hotshop::cli
