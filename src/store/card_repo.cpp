// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/card_repo.h"

#include "core/iso_date.h"
#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols =
    "id, person_id, unit_id, signed_on, method, signed_at_ms, evidence_hash, has_signature, revoked_on, note_ct, "
    "recorded_by, version, created_at_ms";

}  // namespace

Result<CardRecord> CardRepo::FromRow(const Row& r) {
  CardRecord c;
  c.id = r.Text(0);
  c.person_id = r.Text(1);
  c.unit_id = r.Text(2);
  c.signed_on = r.Text(3);
  c.method = r.Text(4);
  c.signed_at_ms = r.OptInt(5);
  c.evidence_hash = r.Text(6);
  c.has_signature = r.Int(7) != 0;
  c.revoked_on = r.Text(8);
  Result<std::string> note = OpenText(keys_, r, 9, "cards", "note", c.id, scope_.org_id());
  if (!note) return note.error();
  c.note = std::move(*note);
  c.recorded_by = r.Text(10);
  c.version = r.Int(11);
  c.created_at_ms = r.Int(12);
  return c;
}

Result<CardRecord> CardRepo::Add(const std::string& unit_id, const NewCard& card, const std::string& recorded_by,
                                 int64_t now_ms) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(unit_id)) return Error::NotFound("no such unit");
  Result<Rows> u = tx_.Query("SELECT 1 FROM units WHERE org_id = $1 AND id = $2", {org, unit_id});
  if (!u) return u.error();
  if (u->empty()) return Error::NotFound("no such unit");
  if (!IsCanonicalUuid(card.person_id)) return Error::InvalidInput("person_id", "this person is not on the unit's chart");
  Result<Rows> e = tx_.Query(
      "SELECT 1 FROM employment WHERE org_id = $1 AND person_id = $2 AND unit_id = $3 AND valid_to_ms IS NULL",
      {org, card.person_id, unit_id});
  if (!e) return e.error();
  if (e->empty()) return Error::InvalidInput("person_id", "this person is not on the unit's chart");
  if (card.method == "e_signature") {
    if (!card.signed_at_ms) return Error::InvalidInput("signed_at", "an e-signature needs the time it was signed");
    if (card.evidence_hash.empty()) {
      return Error::InvalidInput("evidence_hash", "an e-signature needs the hash of its evidence record");
    }
  }
  std::string id = NewId();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO cards (org_id, id, person_id, unit_id, signed_on, method, signed_at_ms, evidence_hash, has_signature, "
      "revoked_on, note_ct, recorded_by, version, created_at_ms, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, 1, $12, $12)",
      {org, id, card.person_id, unit_id, card.signed_on, card.method, Nullable(card.signed_at_ms), card.evidence_hash,
       int64_t{card.has_signature ? 1 : 0}, SealText(keys_, "cards", "note", id, org, card.note), recorded_by, now_ms});
  if (!n) return n.error();
  return Get(id);
}

Result<CardRecord> CardRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such card");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM cards WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such card");
  return FromRow((*r)[0]);
}

Result<std::vector<CardRecord>> CardRepo::OfUnit(const std::string& unit_id) {
  if (!IsCanonicalUuid(unit_id)) return std::vector<CardRecord>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM cards WHERE org_id = $1 AND unit_id = $2 ORDER BY signed_on, created_at_ms, id",
                             {scope_.org_id(), unit_id});
  if (!r) return r.error();
  std::vector<CardRecord> out;
  for (const Row& row : *r) {
    Result<CardRecord> c = FromRow(row);
    if (!c) return c.error();
    out.push_back(std::move(*c));
  }
  return out;
}

Result<CardRecord> CardRepo::Revoke(const std::string& id, int64_t expected_version, const std::string& revoked_on,
                                    int64_t now_ms) {
  Result<CardRecord> cur = Get(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this card (now version " + std::to_string(cur->version) +
                                     "); reload to see their change");
  }
  if (!cur->revoked_on.empty()) return Error::Conflict("revoked_on", "this card is already revoked");
  if (revoked_on < cur->signed_on) return Error::InvalidInput("revoked_on", "a card cannot be revoked before it was signed");
  Result<int64_t> n = tx_.Exec(
      "UPDATE cards SET revoked_on = $3, version = version + 1, updated_at_ms = $4 "
      "WHERE org_id = $1 AND id = $2 AND version = $5",
      {scope_.org_id(), id, revoked_on, now_ms, expected_version});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this card; reload to see their change");
  return Get(id);
}

Result<Owner> CardRepo::OwnerOfCard(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such card");
  Result<Rows> r = tx_.Query(
      "SELECT u.campaign_id, u.id FROM cards c JOIN units u ON u.org_id = c.org_id AND u.id = c.unit_id "
      "WHERE c.org_id = $1 AND c.id = $2",
      {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such card");
  return Owner{(*r)[0].Text(0), (*r)[0].Text(1)};
}

core::Card ToCoreCard(const CardRecord& card, const std::string& as_of_iso) {
  core::Card c;
  c.person_id = card.person_id;
  Result<core::Date> d = core::ParseIsoDate(card.signed_on, "signed_on");
  if (d) c.signed_on = *d;
  c.method = card.method == "e_signature" ? core::CardMethod::kElectronic : core::CardMethod::kPaper;
  c.has_signature = card.has_signature;
  c.revoked = !card.revoked_on.empty() && card.revoked_on <= as_of_iso;
  return c;
}

}  // namespace hotshop::store
