// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/referral_repo.h"

#include "store/ids.h"
#include "store/intake_repo.h"
#include "store/organizer_repo.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

using core::ReferralField;
using core::ReferralState;

Error Missing() { return Error::NotFound("nothing is here, or you don't have access to it"); }

std::string FieldsText(const std::vector<ReferralField>& f) {
  std::vector<std::string> names;
  for (ReferralField x : f) names.push_back(core::ReferralFieldName(x));
  return JoinList(names);
}

std::vector<ReferralField> ParseFields(const std::string& s) {
  std::vector<ReferralField> out;
  for (const auto& n : SplitList(s)) {
    if (auto f = core::ParseReferralField(n)) out.push_back(*f);
  }
  return out;
}

bool Has(const std::vector<ReferralField>& f, ReferralField x) {
  return std::find(f.begin(), f.end(), x) != f.end();
}

Result<std::string> OrgName(Tx& tx, const std::string& org_id) {
  Result<Rows> r = tx.Query("SELECT name FROM orgs WHERE id = $1", {org_id});
  if (!r) return r.error();
  return r->empty() ? std::string() : (*r)[0].Text(0);
}

// Does org `a` list `b`? Reads a's rows under a's row-level security.
Result<bool> Lists(Tx& tx, const std::string& a, const std::string& b) {
  if (Status s = tx.SetOrg(a); !s) return s.error();
  Result<Rows> r =
      tx.Query("SELECT 1 FROM partnerships WHERE org_id = $1 AND partner_org_id = $2", {a, b});
  if (!r) return r.error();
  return !r->empty();
}

constexpr const char* kOutCols =
    "id, intake_id, org_id, partner_org_id, fields, consent_by, consent_at_ms, consent_channel, state, "
    "offered_at_ms, answered_at_ms, card_industry, card_city, card_size_band";
constexpr const char* kInCols =
    "id, '', from_org_id, org_id, fields, '', 0, '', state, offered_at_ms, answered_at_ms, card_industry, "
    "card_city, card_size_band";

Referral FromRow(const Row& r, int64_t now_ms) {
  Referral x;
  x.id = r.Text(0);
  x.intake_id = r.Text(1);
  x.from_org_id = r.Text(2);
  x.partner_org_id = r.Text(3);
  x.fields = ParseFields(r.Text(4));
  x.consent_by = r.Text(5);
  x.consent_at_ms = r.Int(6);
  x.consent_channel = r.Text(7);
  x.offered_at_ms = r.Int(9);
  x.state = core::EffectiveReferralState(core::ParseReferralState(r.Text(8)).value_or(ReferralState::kDeclined),
                                         x.offered_at_ms, now_ms);
  x.answered_at_ms = r.OptInt(10);
  x.card_industry = r.Text(11);
  x.card_city = r.Text(12);
  x.card_size_band = r.Text(13);
  return x;
}

Result<std::vector<Referral>> Select(Tx& tx, const char* cols, const char* table, const std::string& org,
                                     const std::string& where, Params params, int64_t now_ms, bool name_of_b) {
  if (Status s = tx.SetOrg(org); !s) return s.error();
  Result<Rows> r = tx.Query(std::string("SELECT ") + cols + " FROM " + table + " WHERE org_id = $1" +
                                (where.empty() ? "" : " AND " + where) + " ORDER BY offered_at_ms DESC, id",
                            params);
  if (!r) return r.error();
  std::vector<Referral> out;
  for (const Row& row : *r) {
    Referral x = FromRow(row, now_ms);
    Result<std::string> name = OrgName(tx, name_of_b ? x.partner_org_id : x.from_org_id);
    if (!name) return name.error();
    x.partner_name = *name;
    out.push_back(std::move(x));
  }
  return out;
}

Status SetState(Tx& tx, const char* table, const std::string& org, const std::string& id, ReferralState to,
                int64_t now_ms) {
  if (Status s = tx.SetOrg(org); !s) return s;
  Result<int64_t> n = tx.Exec(std::string("UPDATE ") + table +
                                  " SET state = $3, answered_at_ms = $4, version = version + 1 "
                                  "WHERE org_id = $1 AND id = $2",
                              {org, id, std::string(core::ReferralStateName(to)), now_ms});
  if (!n) return n.error();
  return Ok();
}

}  // namespace

Result<std::vector<Partner>> ListPartners(Tx& tx, const Scope& scope) {
  const std::string& org = scope.org_id();
  if (Status s = tx.SetOrg(org); !s) return s.error();
  Result<Rows> r = tx.Query(
      "SELECT p.partner_org_id, o.slug, o.name FROM partnerships p JOIN orgs o ON o.id = p.partner_org_id "
      "WHERE p.org_id = $1 ORDER BY o.name, o.id",
      {org});
  if (!r) return r.error();
  std::vector<Partner> out;
  for (const Row& row : *r) {
    Partner p{row.Text(0), row.Text(1), row.Text(2), true, false};
    Result<bool> back = Lists(tx, p.org_id, org);
    if (!back) return back.error();
    p.they_list = *back;
    out.push_back(std::move(p));
  }
  if (Status s = tx.SetOrg(org); !s) return s.error();
  return out;
}

Result<Partner> AddPartner(Tx& tx, const Scope& scope, const std::string& partner_slug, const std::string& actor,
                           int64_t now_ms) {
  const std::string& org = scope.org_id();
  Result<Rows> o = tx.Query("SELECT id, slug, name FROM orgs WHERE slug = $1", {partner_slug});
  if (!o) return o.error();
  if (o->empty()) return Error::InvalidInput("partner", "no organization has the short name \"" + partner_slug.substr(0, 60) + "\"");
  Partner p{(*o)[0].Text(0), (*o)[0].Text(1), (*o)[0].Text(2), true, false};
  if (p.org_id == org) return Error::InvalidInput("partner", "an organization cannot partner with itself");
  if (Status s = tx.SetOrg(org); !s) return s.error();
  Result<int64_t> n = tx.Exec(
      "INSERT INTO partnerships (org_id, partner_org_id, added_by, added_at_ms) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (org_id, partner_org_id) DO NOTHING",
      {org, p.org_id, actor, now_ms});
  if (!n) return n.error();
  Result<bool> back = Lists(tx, p.org_id, org);
  if (!back) return back.error();
  p.they_list = *back;
  if (Status s = tx.SetOrg(org); !s) return s.error();
  return p;
}

Status RemovePartner(Tx& tx, const Scope& scope, const std::string& partner_org_id) {
  if (!IsCanonicalUuid(partner_org_id)) return Missing();
  if (Status s = tx.SetOrg(scope.org_id()); !s) return s;
  Result<int64_t> n = tx.Exec("DELETE FROM partnerships WHERE org_id = $1 AND partner_org_id = $2",
                              {scope.org_id(), partner_org_id});
  if (!n) return n.error();
  if (*n == 0) return Missing();
  return Ok();
}

Result<Referral> OfferReferral(Tx& tx, const Scope& a, const NewReferral& n, int64_t now_ms) {
  const std::string& org = a.org_id();
  const Error not_partner = Error::InvalidInput(
      "partner_org_id", "choose a partner organization: both organizations' admins must list each other");
  if (!IsCanonicalUuid(n.intake_id)) return Missing();
  if (!IsCanonicalUuid(n.partner_org_id) || n.partner_org_id == org) return not_partner;
  Result<bool> ours = Lists(tx, org, n.partner_org_id);
  if (!ours) return ours.error();
  Result<bool> theirs = Lists(tx, n.partner_org_id, org);
  if (!theirs) return theirs.error();
  if (!*ours || !*theirs) return not_partner;
  if (Status s = tx.SetOrg(org); !s) return s.error();
  // The card: industry, city, size band, and nothing else (§3).
  Result<Rows> intake = tx.Query("SELECT industry, city, size_band FROM intakes WHERE org_id = $1 AND id = $2",
                                 {org, n.intake_id});
  if (!intake) return intake.error();
  if (intake->empty()) return Missing();
  Result<std::vector<Referral>> open = Select(tx, kOutCols, "referrals_out", org,
                                              "intake_id = $2 AND partner_org_id = $3 AND state IN ('offered', 'accepted')",
                                              {org, n.intake_id, n.partner_org_id}, now_ms, true);
  if (!open) return open.error();
  for (const Referral& r : *open) {
    if (r.state == ReferralState::kOffered || r.state == ReferralState::kAccepted) {
      return Error::Conflict("partner_org_id", "this request is already referred to that organization");
    }
  }
  Referral x;
  x.id = NewId();
  x.intake_id = n.intake_id;
  x.from_org_id = org;
  x.partner_org_id = n.partner_org_id;
  x.fields = n.fields;
  x.consent_by = n.consent_by;
  x.consent_at_ms = n.consent_at_ms;
  x.consent_channel = core::ConsentChannelName(n.channel);
  x.offered_at_ms = now_ms;
  x.card_industry = (*intake)[0].Text(0);
  x.card_city = (*intake)[0].Text(1);
  x.card_size_band = (*intake)[0].Text(2);
  Result<int64_t> out = tx.Exec(
      "INSERT INTO referrals_out (org_id, id, intake_id, partner_org_id, fields, consent_by, consent_at_ms, "
      "consent_channel, state, offered_at_ms, card_industry, card_city, card_size_band) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'offered', $9, $10, $11, $12)",
      {org, x.id, x.intake_id, x.partner_org_id, FieldsText(x.fields), x.consent_by, x.consent_at_ms,
       x.consent_channel, now_ms, x.card_industry, x.card_city, x.card_size_band});
  if (!out) return out.error();
  if (Status s = tx.SetOrg(x.partner_org_id); !s) return s.error();
  Result<int64_t> in = tx.Exec(
      "INSERT INTO referrals_in (org_id, id, from_org_id, fields, state, offered_at_ms, card_industry, card_city, "
      "card_size_band) VALUES ($1, $2, $3, $4, 'offered', $5, $6, $7, $8)",
      {x.partner_org_id, x.id, org, FieldsText(x.fields), now_ms, x.card_industry, x.card_city, x.card_size_band});
  if (!in) return in.error();
  if (Status s = tx.SetOrg(org); !s) return s.error();
  Result<std::string> name = OrgName(tx, x.partner_org_id);
  if (!name) return name.error();
  x.partner_name = *name;
  return x;
}

Result<std::vector<Referral>> ReferralsOfIntake(Tx& tx, const Scope& a, const std::string& intake_id,
                                                int64_t now_ms) {
  return Select(tx, kOutCols, "referrals_out", a.org_id(), "intake_id = $2", {a.org_id(), intake_id}, now_ms, true);
}

Result<Referral> GetOutgoing(Tx& tx, const Scope& a, const std::string& id, int64_t now_ms) {
  if (!IsCanonicalUuid(id)) return Missing();
  Result<std::vector<Referral>> r = Select(tx, kOutCols, "referrals_out", a.org_id(), "id = $2", {a.org_id(), id},
                                           now_ms, true);
  if (!r) return r.error();
  if (r->empty()) return Missing();
  return (*r)[0];
}

Result<std::vector<Referral>> ListIncoming(Tx& tx, const Scope& b, int64_t now_ms) {
  Result<std::vector<Referral>> all =
      Select(tx, kInCols, "referrals_in", b.org_id(), "", {b.org_id()}, now_ms, false);
  if (!all) return all.error();
  std::stable_partition(all->begin(), all->end(),
                        [](const Referral& r) { return r.state == ReferralState::kOffered; });
  return all;
}

Result<Referral> GetIncoming(Tx& tx, const Scope& b, const std::string& id, int64_t now_ms) {
  if (!IsCanonicalUuid(id)) return Missing();
  Result<std::vector<Referral>> r =
      Select(tx, kInCols, "referrals_in", b.org_id(), "id = $2", {b.org_id(), id}, now_ms, false);
  if (!r) return r.error();
  if (r->empty()) return Missing();
  return (*r)[0];
}

Result<ReferralCopy> AcceptReferral(Tx& tx, const Scope& b, KeyService& keys, const std::string& id,
                                    const std::string& actor, int64_t now_ms) {
  Result<Referral> in = GetIncoming(tx, b, id, now_ms);
  if (!in) return in.error();
  if (Status ok = core::CheckReferralChange(in->state, ReferralState::kAccepted); !ok) return ok.error();
  const std::string a_org = in->from_org_id;
  // A's side, under A's row-level security and A's keys. The Scope is A's
  // because B holds an offered referral from A (checked above): trusted.
  Scope a = Scope::ForOrg(a_org);
  Result<Referral> out = GetOutgoing(tx, a, id, now_ms);
  if (!out) return out.error();
  if (Status ok = core::CheckReferralChange(out->state, ReferralState::kAccepted); !ok) return ok.error();
  if (Status s = tx.SetOrg(a_org); !s) return s.error();
  Result<std::shared_ptr<const OrgKeys>> a_keys = keys.ForOrg(tx, a_org);
  if (!a_keys) return a_keys.error();
  IntakeRepo intakes(tx, a, **a_keys);
  Result<Intake> intake = intakes.Get(out->intake_id);
  if (!intake) return intake.error();
  if (Status s = SetState(tx, "referrals_out", a_org, id, ReferralState::kAccepted, now_ms); !s) return s.error();
  if (core::CheckIntakeTransition(intake->stage, core::IntakeStage::kReferred, "").ok()) {
    Result<Intake> moved = intakes.Transition(intake->id, intake->version, core::IntakeStage::kReferred, "",
                                              "system", now_ms);
    if (!moved) return moved.error();
  }
  // Only the consented fields, copied (J2.3 never-line).
  const std::vector<ReferralField>& f = out->fields;
  ReferralCopy c;
  c.id = NewId();
  c.referral_id = id;
  c.from_org_id = a_org;
  c.from_org_name = in->partner_name;
  c.fields = f;
  c.consent_at_ms = out->consent_at_ms;
  c.consent_channel = out->consent_channel;
  auto pick = [&](ReferralField x, const std::string& v) { return Has(f, x) ? v : std::string(); };
  c.name = pick(ReferralField::kName, intake->name);
  c.phone = pick(ReferralField::kPhone, intake->phone);
  c.email = pick(ReferralField::kEmail, intake->email);
  c.employer = pick(ReferralField::kEmployer, intake->employer);
  c.best_time = pick(ReferralField::kBestTime, intake->best_time);
  c.story = pick(ReferralField::kStory, intake->story);
  c.language = pick(ReferralField::kLanguage, intake->language);
  c.city = pick(ReferralField::kCity, intake->city);
  c.zip = pick(ReferralField::kZip, intake->zip);
  c.industry = pick(ReferralField::kIndustry, intake->industry);
  c.size_band = pick(ReferralField::kSizeBand, intake->size_band);
  c.copied_at_ms = now_ms;
  // B's side, under B's keys.
  const std::string& b_org = b.org_id();
  if (Status s = tx.SetOrg(b_org); !s) return s.error();
  Result<std::shared_ptr<const OrgKeys>> b_keys = keys.ForOrg(tx, b_org);
  if (!b_keys) return b_keys.error();
  const OrgKeys& k = **b_keys;
  auto seal = [&](const char* col, const std::string& v) { return SealText(k, "referral_copies", col, c.id, b_org, v); };
  Result<int64_t> n = tx.Exec(
      "INSERT INTO referral_copies (org_id, id, referral_id, from_org_id, fields, consent_at_ms, consent_channel, "
      "name_ct, phone_ct, email_ct, employer_ct, best_time_ct, story_ct, language, city, zip, industry, size_band, "
      "copied_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
      {b_org, c.id, id, a_org, FieldsText(f), c.consent_at_ms, c.consent_channel, seal("name_ct", c.name),
       seal("phone_ct", c.phone), seal("email_ct", c.email), seal("employer_ct", c.employer),
       seal("best_time_ct", c.best_time), seal("story_ct", c.story), c.language, c.city, c.zip, c.industry,
       c.size_band, now_ms});
  if (!n) return n.error();
  if (Status s = SetState(tx, "referrals_in", b_org, id, ReferralState::kAccepted, now_ms); !s) return s.error();
  Result<int64_t> by = tx.Exec("UPDATE referrals_in SET answered_by = $3 WHERE org_id = $1 AND id = $2",
                               {b_org, id, actor});
  if (!by) return by.error();
  return c;
}

Result<Referral> DeclineReferral(Tx& tx, const Scope& b, const std::string& id, const std::string& actor,
                                 int64_t now_ms) {
  Result<Referral> in = GetIncoming(tx, b, id, now_ms);
  if (!in) return in.error();
  if (Status ok = core::CheckReferralChange(in->state, ReferralState::kDeclined); !ok) return ok.error();
  if (Status s = SetState(tx, "referrals_out", in->from_org_id, id, ReferralState::kDeclined, now_ms); !s) {
    return s.error();
  }
  if (Status s = SetState(tx, "referrals_in", b.org_id(), id, ReferralState::kDeclined, now_ms); !s) return s.error();
  Result<int64_t> by = tx.Exec("UPDATE referrals_in SET answered_by = $3 WHERE org_id = $1 AND id = $2",
                               {b.org_id(), id, actor});
  if (!by) return by.error();
  in->state = ReferralState::kDeclined;
  in->answered_at_ms = now_ms;
  return in;
}

Result<Referral> WithdrawReferral(Tx& tx, const Scope& a, const std::string& id, int64_t now_ms) {
  Result<Referral> out = GetOutgoing(tx, a, id, now_ms);
  if (!out) return out.error();
  if (Status ok = core::CheckReferralChange(out->state, ReferralState::kWithdrawn); !ok) return ok.error();
  if (Status s = SetState(tx, "referrals_out", a.org_id(), id, ReferralState::kWithdrawn, now_ms); !s) {
    return s.error();
  }
  // §3: withdrawal triggers forget in B: the copy's row (and its sealed
  // values) is deleted; the card row keeps only the state.
  const std::string& b_org = out->partner_org_id;
  if (Status s = tx.SetOrg(b_org); !s) return s.error();
  Result<int64_t> del = tx.Exec("DELETE FROM referral_copies WHERE org_id = $1 AND referral_id = $2", {b_org, id});
  if (!del) return del.error();
  if (Status s = SetState(tx, "referrals_in", b_org, id, ReferralState::kWithdrawn, now_ms); !s) return s.error();
  if (Status s = tx.SetOrg(a.org_id()); !s) return s.error();
  out->state = ReferralState::kWithdrawn;
  out->answered_at_ms = now_ms;
  return out;
}

Result<ReferralCopy> GetReferralCopy(Tx& tx, const Scope& b, KeyService& keys, const std::string& id,
                                     int64_t now_ms) {
  Result<Referral> in = GetIncoming(tx, b, id, now_ms);
  if (!in) return in.error();
  if (core::PartnerMaySee(in->state) != core::PartnerView::kConsentedFields) return Missing();
  const std::string& org = b.org_id();
  if (Status s = tx.SetOrg(org); !s) return s.error();
  Result<std::shared_ptr<const OrgKeys>> k = keys.ForOrg(tx, org);
  if (!k) return k.error();
  Result<Rows> r = tx.Query(
      "SELECT id, from_org_id, fields, consent_at_ms, consent_channel, name_ct, phone_ct, email_ct, employer_ct, "
      "best_time_ct, story_ct, language, city, zip, industry, size_band, copied_at_ms FROM referral_copies "
      "WHERE org_id = $1 AND referral_id = $2",
      {org, id});
  if (!r) return r.error();
  if (r->empty()) return Missing();
  const Row& row = (*r)[0];
  ReferralCopy c;
  c.id = row.Text(0);
  c.referral_id = id;
  c.from_org_id = row.Text(1);
  c.from_org_name = in->partner_name;
  c.fields = ParseFields(row.Text(2));
  c.consent_at_ms = row.Int(3);
  c.consent_channel = row.Text(4);
  std::string* sealed[] = {&c.name, &c.phone, &c.email, &c.employer, &c.best_time, &c.story};
  const char* cols[] = {"name_ct", "phone_ct", "email_ct", "employer_ct", "best_time_ct", "story_ct"};
  for (size_t i = 0; i < 6; ++i) {
    Result<std::string> v = OpenText(**k, row, 5 + i, "referral_copies", cols[i], c.id, org);
    if (!v) return v.error();
    *sealed[i] = *v;
  }
  c.language = row.Text(11);
  c.city = row.Text(12);
  c.zip = row.Text(13);
  c.industry = row.Text(14);
  c.size_band = row.Text(15);
  c.copied_at_ms = row.Int(16);
  return c;
}

Result<std::vector<Referral>> ExpireOffers(Tx& tx, const Scope& a, int64_t now_ms, int64_t ttl_ms) {
  Result<std::vector<Referral>> open = Select(tx, kOutCols, "referrals_out", a.org_id(),
                                              "state = 'offered' AND offered_at_ms <= $2",
                                              {a.org_id(), now_ms - ttl_ms}, now_ms, true);
  if (!open) return open.error();
  std::vector<Referral> out;
  for (Referral& r : *open) {
    if (core::EffectiveReferralState(core::ReferralState::kOffered, r.offered_at_ms, now_ms, ttl_ms) !=
        ReferralState::kExpired) {
      continue;
    }
    if (Status s = SetState(tx, "referrals_out", a.org_id(), r.id, ReferralState::kExpired, now_ms); !s) {
      return s.error();
    }
    if (Status s = SetState(tx, "referrals_in", r.partner_org_id, r.id, ReferralState::kExpired, now_ms); !s) {
      return s.error();
    }
    r.state = ReferralState::kExpired;
    out.push_back(r);
  }
  if (Status s = tx.SetOrg(a.org_id()); !s) return s.error();
  return out;
}

}  // namespace hotshop::store
