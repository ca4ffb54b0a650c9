// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/demo_elections.h"

#include <map>

#include "core/iso_date.h"
#include "store/agreement_repo.h"
#include "store/cemex_repo.h"
#include "store/charge_repo.h"
#include "store/election_repo.h"
#include "store/workplace_repo.h"

namespace hotshop::store {
namespace {

constexpr int64_t kDayMs = 86'400'000;

struct Ctx {
  Tx& tx;
  const Scope& scope;
  const OrgKeys& keys;
  int64_t now_ms;
  std::string Day(int offset) const { return core::FormatIsoDate(core::UtcDateOfMillis(now_ms + offset * kDayMs)); }
};

Result<std::vector<Unit>> UnitsOf(Ctx& c, const std::string& campaign) {
  return WorkplaceRepo(c.tx, c.scope, c.keys).ListUnits(campaign);
}

Result<Election> Attempt(Ctx& c, const std::string& unit, const std::string& petition, int notice, int direction,
                         int election) {
  ElectionFields f;
  f.petition_id = petition;
  f.notice_served_on = c.Day(notice);
  f.direction_on = c.Day(direction);
  f.election_on = c.Day(election);
  return ElectionRepo(c.tx, c.scope, c.keys).AddElection(unit, f, c.now_ms);
}

Result<Election> Tallied(Ctx& c, const Election& e, int64_t yes, int64_t no, int64_t challenged) {
  Tally t{{{"Union", yes, false}, {"No union", no, true}}, 0, challenged};
  return ElectionRepo(c.tx, c.scope, c.keys).SetTally(e.id, e.version, t, e.election_on, c.now_ms);
}

Result<Petition> File(Ctx& c, const std::string& unit, const char* kind, const char* case_number, int filed) {
  PetitionFields f;
  f.kind = kind;
  f.case_number = case_number;
  f.filed_on = c.Day(filed);
  return ElectionRepo(c.tx, c.scope, c.keys).AddPetition(unit, f, c.now_ms);
}

Status Harbor(Ctx& c, const std::string& campaign) {
  Result<std::vector<Unit>> units = UnitsOf(c, campaign);
  if (!units) return units.error();
  if (units->empty()) return Error::Internal("demo: Harbor has no unit");
  const std::string& unit = (*units)[0].id;
  CemexDemand d;
  d.demanded_on = c.Day(-25);
  d.method = "letter";
  d.evidence = "authorization_cards";
  d.supporters = 2;
  d.unit_size = 3;
  d.state_code = "WA";
  d.response = "filed_rm_petition";
  d.responded_on = c.Day(-20);
  if (Result<CemexDemand> r = CemexRepo(c.tx, c.scope, c.keys).Add(unit, d, c.now_ms); !r) return r.error();
  Result<Petition> p = File(c, unit, "RM", "19-RM-000101", -20);
  if (!p) return p.error();
  if (Result<Election> e = Attempt(c, unit, p->id, -16, -3, 10); !e) return e.error();
  AgreementFields old;
  old.kind = "contract";
  old.effective_on = c.Day(-1825);
  old.expires_on = c.Day(-730);
  old.note = "The old contract with the previous union, long expired.";
  if (Result<Agreement> a = AgreementRepo(c.tx, c.scope, c.keys).Add(unit, old, c.now_ms); !a) return a.error();
  ChargeFields ch;
  ch.unit_id = unit;
  ch.kind = "threat";
  ch.conduct_on = c.Day(-12);
  ch.description = "A manager told the laundry crew the Annex would close if the union won.";
  if (Result<Charge> r = ChargeRepo(c.tx, c.scope, c.keys).Add(campaign, ch, "system:demo", c.now_ms); !r) return r.error();
  return Ok();
}

Status Copper(Ctx& c, const std::string& campaign) {
  Result<std::vector<Unit>> units = UnitsOf(c, campaign);
  if (!units) return units.error();
  std::map<std::string, std::string> by_shop;  // "#101" -> unit id
  for (const Unit& u : *units) by_shop[u.name.substr(u.name.find('#'), 4)] = u.id;
  if (!by_shop.count("#101") || !by_shop.count("#102") || !by_shop.count("#103")) {
    return Error::Internal("demo: Copper Kettle's shops are missing");
  }
  // #101: won 30 days ago, certified 20 days ago.
  Result<Petition> p = File(c, by_shop["#101"], "RC", "10-RC-000102", -60);
  if (!p) return p.error();
  Result<Election> e = Attempt(c, by_shop["#101"], p->id, -55, -40, -30);
  if (!e) return e.error();
  Result<Election> t = Tallied(c, *e, 9, 4, 0);
  if (!t) return t.error();
  ElectionFields cert;
  cert.certified_on = c.Day(-20);
  if (Result<Election> r = ElectionRepo(c.tx, c.scope, c.keys).UpdateElection(t->id, t->version, cert, c.now_ms); !r) {
    return r.error();
  }
  // #102: a demand 5 days ago; the employer has not answered.
  CemexDemand d;
  d.demanded_on = c.Day(-5);
  d.method = "in_person";
  d.evidence = "authorization_cards";
  d.supporters = 8;
  d.unit_size = 12;
  d.state_code = "NY";
  d.response = "none";
  if (Result<CemexDemand> r = CemexRepo(c.tx, c.scope, c.keys).Add(by_shop["#102"], d, c.now_ms); !r) return r.error();
  // #103: recognized voluntarily; bargaining began 60 days ago.
  AgreementFields rec;
  rec.kind = "voluntary_recognition";
  rec.recognized_on = c.Day(-90);
  rec.first_session_on = c.Day(-60);
  if (Result<Agreement> a = AgreementRepo(c.tx, c.scope, c.keys).Add(by_shop["#103"], rec, c.now_ms); !a) return a.error();
  ChargeFields ch;
  ch.unit_id = by_shop["#101"];
  ch.kind = "refusal_to_bargain";
  ch.conduct_on = c.Day(-8);
  if (Result<Charge> r = ChargeRepo(c.tx, c.scope, c.keys).Add(campaign, ch, "system:demo", c.now_ms); !r) return r.error();
  return Ok();
}

Status Northgate(Ctx& c, const std::string& campaign) {
  Result<std::vector<Unit>> units = UnitsOf(c, campaign);
  if (!units) return units.error();
  if (units->empty()) return Error::Internal("demo: Northgate has no unit");
  const std::string& unit = (*units)[0].id;
  Result<Petition> first = File(c, unit, "RC", "07-RC-000103", -830);
  if (!first) return first.error();
  Result<Election> e1 = Attempt(c, unit, first->id, -826, -810, -800);
  if (!e1) return e1.error();
  if (Result<Election> t = Tallied(c, *e1, 11, 23, 1); !t) return t.error();
  Result<Petition> second = File(c, unit, "RC", "07-RC-000104", -330);
  if (!second) return second.error();
  Result<Election> e2 = Attempt(c, unit, second->id, -326, -310, -300);
  if (!e2) return e2.error();
  if (Result<Election> t = Tallied(c, *e2, 14, 19, 2); !t) return t.error();
  // A firing 160 days ago: the 10(b) deadline is 6 months from it.
  Result<Rows> fired = c.tx.Query(
      "SELECT person_id FROM employment WHERE org_id = $1 AND unit_id = $2 AND valid_to_ms IS NULL ORDER BY person_id",
      {c.scope.org_id(), unit});
  if (!fired) return fired.error();
  ChargeFields ch;
  ch.unit_id = unit;
  if (!fired->empty()) ch.person_id = (*fired)[0].Text(0);
  ch.kind = "retaliatory_discharge";
  ch.conduct_on = c.Day(-160);
  ch.description = "Fired two days after signing the petition; the reason given was lateness.";
  if (Result<Charge> r = ChargeRepo(c.tx, c.scope, c.keys).Add(campaign, ch, "system:demo", c.now_ms); !r) return r.error();
  return Ok();
}

}  // namespace

Status LoadDemoElections(Tx& tx, const Scope& scope, const OrgKeys& keys, const DemoCampaigns& campaigns,
                         int64_t now_ms) {
  Ctx c{tx, scope, keys, now_ms};
  Result<ElectionSettings> s = SetElectionSettings(tx, scope, 1, {true, 1}, now_ms);
  if (!s) return s.error();
  if (Status h = Harbor(c, campaigns.harbor); !h) return h;
  if (Status p = Copper(c, campaigns.copper); !p) return p;
  return Northgate(c, campaigns.northgate);
}

Result<ElectionFixture> MapSmallElections(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                          const std::string& campaign_id, const std::string& unit_id, int64_t now_ms) {
  Ctx c{tx, scope, keys, now_ms};
  ElectionFixture out;
  Result<Petition> p = File(c, unit_id, "RC", "01-RC-000199", -20);
  if (!p) return p.error();
  out.petition = p->id;
  Result<Election> e = Attempt(c, unit_id, p->id, -15, -5, 5);
  if (!e) return e.error();
  out.election = e->id;
  AgreementFields a;
  a.kind = "contract";
  a.effective_on = c.Day(-1000);
  a.expires_on = c.Day(-100);
  Result<Agreement> g = AgreementRepo(tx, scope, keys).Add(unit_id, a, now_ms);
  if (!g) return g.error();
  out.agreement = g->id;
  CemexDemand d;
  d.demanded_on = c.Day(-3);
  d.method = "letter";
  d.evidence = "signed_petition";
  d.supporters = 2;
  d.unit_size = 3;
  d.response = "none";
  Result<CemexDemand> dm = CemexRepo(tx, scope, keys).Add(unit_id, d, now_ms);
  if (!dm) return dm.error();
  out.cemex_demand = dm->id;
  ChargeFields ch;
  ch.unit_id = unit_id;
  ch.kind = "interrogation";
  ch.conduct_on = c.Day(-9);
  Result<Charge> r = ChargeRepo(tx, scope, keys).Add(campaign_id, ch, "system:test", now_ms);
  if (!r) return r.error();
  out.charge = r->id;
  return out;
}

}  // namespace hotshop::store
