// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/demo_workplace.h"

#include <map>
#include <tuple>

#include "core/iso_date.h"
#include "store/assessment_repo.h"
#include "store/card_repo.h"
#include "store/committee_repo.h"
#include "store/connection_repo.h"
#include "store/employment_repo.h"
#include "store/person_repo.h"
#include "store/structure_test_repo.h"
#include "store/workplace_repo.h"

namespace hotshop::store {
namespace {

constexpr int64_t kDayMs = 86'400'000;

// Everything the loader needs at hand, with dates relative to now.
struct Ctx {
  Tx& tx;
  const Scope& scope;
  const OrgKeys& keys;
  int64_t now_ms;
  std::string DaysAgo(int days) const { return core::FormatIsoDate(core::UtcDateOfMillis(now_ms - days * kDayMs)); }
  int64_t MsDaysAgo(int days) const { return now_ms - days * kDayMs; }
};

Result<std::string> ByPhone(Ctx& c, const char* phone) {
  Result<std::vector<Person>> found = PersonRepo(c.tx, c.scope, c.keys).FindByPhone(phone);
  if (!found) return found.error();
  if (found->empty()) return Error::Internal(std::string("demo person with ") + phone + " is missing");
  return (*found)[0].id;
}

Status Employ(Ctx& c, const std::string& person, const std::string& site, const std::string& unit,
              const std::string& dept, const std::string& shift, const std::string& job, const char* type,
              bool supervisor, int started_days_ago) {
  EmploymentRepo e(c.tx, c.scope);
  Result<int64_t> v = e.Version(person);
  if (!v) return v.error();
  EmploymentFields f;
  f.worksite_id = site;
  f.unit_id = unit;
  f.department_id = dept;
  f.shift_id = shift;
  f.job_class_id = job;
  f.employment_type = type;
  f.supervisor = supervisor;
  f.started_on = c.DaysAgo(started_days_ago);
  Result<Employment> set = e.Set(person, *v, f, "system:demo", c.now_ms);
  if (!set) return set.error();
  return Ok();
}

// Snapshots of one person: (days ago, level), oldest first.
Status Assess(Ctx& c, const std::string& person, const std::string& scale,
              std::initializer_list<std::pair<int, int64_t>> history) {
  AssessmentRepo a(c.tx, c.scope, c.keys);
  for (const auto& [days, level] : history) {
    Result<Assessment> r =
        a.Add(person, scale, level, c.MsDaysAgo(days), core::AssessmentSource::kHuman, "system:demo", "", c.now_ms);
    if (!r) return r.error();
  }
  return Ok();
}

Result<CardRecord> Card(Ctx& c, const std::string& unit, const std::string& person, int days_ago, bool e_signature) {
  NewCard card;
  card.person_id = person;
  card.signed_on = c.DaysAgo(days_ago);
  card.method = e_signature ? "e_signature" : "paper_photo";
  if (e_signature) card.signed_at_ms = c.MsDaysAgo(days_ago);
  // An invented digest: the demo has no evidence files.
  card.evidence_hash = "d3m0" + std::to_string(1000 + days_ago);
  return CardRepo(c.tx, c.scope, c.keys).Add(unit, card, "system:demo", c.now_ms);
}

Result<std::string> AreaOf(WorkplaceRepo& w, const std::string& unit, AreaKind kind, const char* name, int64_t now) {
  Result<Area> a = w.CreateArea(unit, kind, name, "", now);
  if (!a) return a.error();
  return a->id;
}

Status Harbor(Ctx& c, const std::string& campaign, const std::string& scale) {
  WorkplaceRepo w(c.tx, c.scope, c.keys);
  Result<Employer> e = w.CreateEmployer(campaign, "Harbor View Hospitality LLC", c.now_ms);
  if (!e) return e.error();
  WorksiteFields hotel, annex;
  hotel.name = "Harbor View Hotel";
  hotel.address = "100 Example Quay, Springfield";
  hotel.time_zone = "America/Chicago";
  hotel.region = "Downtown";
  annex.name = "Harbor View Annex";
  annex.address = "12 Example Row, Springfield";
  annex.time_zone = "America/Chicago";
  annex.region = "Downtown";
  Result<Worksite> h = w.CreateWorksite(e->id, hotel, c.now_ms);
  if (!h) return h.error();
  Result<Worksite> x = w.CreateWorksite(e->id, annex, c.now_ms);
  if (!x) return x.error();
  UnitFields uf;
  uf.name = "Housekeeping and laundry";
  uf.eligibility = "All full-time and regular part-time room attendants, housepersons and laundry attendants at the "
                   "Hotel and the Annex; excluding supervisors, guards and managers.";
  uf.worksite_ids = std::vector<std::string>{h->id, x->id};
  Result<Unit> u = w.CreateUnit(campaign, e->id, uf, c.now_ms);
  if (!u) return u.error();
  std::map<std::string, std::string> a;
  for (const char* d : {"Housekeeping", "Laundry", "Public areas"}) {
    Result<std::string> id = AreaOf(w, u->id, AreaKind::kDepartment, d, c.now_ms);
    if (!id) return id.error();
    a[d] = *id;
  }
  for (const char* s : {"Days", "Swing", "Nights"}) {
    Result<std::string> id = AreaOf(w, u->id, AreaKind::kShift, s, c.now_ms);
    if (!id) return id.error();
    a[s] = *id;
  }
  for (const char* j : {"Room attendant", "Houseperson", "Laundry attendant"}) {
    Result<std::string> id = AreaOf(w, u->id, AreaKind::kJobClass, j, c.now_ms);
    if (!id) return id.error();
    a[j] = *id;
  }
  struct Worker {
    const char* name;
    const char* phone;  // "" = none; nullptr = an existing demo person found by phone
    const char* lang;
    const char* dept;
    const char* shift;
    const char* job;
    const char* type;
    bool annex;
    bool supervisor;
    std::initializer_list<std::pair<int, int64_t>> ratings;
    int card_days_ago;  // -1: no card
  };
  // Ratings: (days ago, level) on the 0-5 scale, 1 leader ... 5 opposed.
  // The demo's own people only: other tests count them (9 in the org).
  const Worker kWorkers[] = {
      {"Rosa Quintero", "+12025550101", "es", "Housekeeping", "Days", "Room attendant", "full_time", false, false,
       {{150, 3}, {90, 2}, {20, 1}}, 60},
      {"Lee Okafor", "+12025550102", "en", "Laundry", "Nights", "Laundry attendant", "full_time", true, false,
       {{120, 3}, {10, 2}}, 430},  // signed 14 months ago: stale, prompt a re-sign (R3)
      {"Marisol Vega", "+12025550103", "es", "Housekeeping", "Swing", "Room attendant", "part_time", false, false,
       {{100, 4}, {30, 3}}, -1},
  };
  std::map<std::string, std::string> id;
  for (const Worker& wk : kWorkers) {
    Result<std::string> p = ByPhone(c, wk.phone);
    if (!p) return p.error();
    id[wk.name] = *p;
    std::string job = *wk.job ? a[wk.job] : "";
    if (Status s = Employ(c, *p, wk.annex ? x->id : h->id, u->id, a[wk.dept], a[wk.shift], job, wk.type,
                          wk.supervisor, 400 + static_cast<int>(id.size()) * 37);
        !s) {
      return s;
    }
    if (Status s = Assess(c, *p, scale, wk.ratings); !s) return s;
    if (wk.card_days_ago >= 0) {
      if (Result<CardRecord> card = Card(c, u->id, *p, wk.card_days_ago, wk.card_days_ago % 2 == 1); !card) {
        return card.error();
      }
    }
  }
  // Marisol signed and then asked for her card back.
  Result<CardRecord> taken_back = Card(c, u->id, id["Marisol Vega"], 50, false);
  if (!taken_back) return taken_back.error();
  if (Result<CardRecord> r = CardRepo(c.tx, c.scope, c.keys).Revoke(taken_back->id, 1, c.DaysAgo(26), c.now_ms); !r) {
    return r.error();
  }
  CommitteeRepo committee(c.tx, c.scope);
  for (auto [who, role, since] : std::initializer_list<std::tuple<const char*, const char*, int>>{
           {"Rosa Quintero", "committee", 100}, {"Lee Okafor", "helper", 30}}) {
    if (Result<CommitteeMember> m = committee.Add(campaign, id[who], role, c.DaysAgo(since), c.now_ms); !m) {
      return m.error();
    }
  }
  ConnectionRepo links(c.tx, c.scope);
  for (auto [p, q, kind] : std::initializer_list<std::tuple<const char*, const char*, ConnectionKind>>{
           {"Rosa Quintero", "Marisol Vega", ConnectionKind::kInfluences},
           {"Lee Okafor", "Rosa Quintero", ConnectionKind::kCarpool}}) {
    if (Result<Connection> k = links.Add(id[p], id[q], kind, "system:demo", c.now_ms); !k) return k.error();
  }
  // R21: a majority petition two months ago, a button day two weeks ago.
  StructureTestRepo tests(c.tx, c.scope);
  Result<StructureTestRecord> petition = tests.Create(u->id, core::StructureTestKind::kMajorityPetition,
                                                      "Petition for fair room quotas", c.DaysAgo(60), 60, {}, c.now_ms);
  if (!petition) return petition.error();
  Result<StructureTestRecord> buttons =
      tests.Create(u->id, core::StructureTestKind::kStickerDay, "Button day", c.DaysAgo(14), 70,
                   {{core::TestGroupKind::kShift, "Nights", 50}}, c.now_ms);
  if (!buttons) return buttons.error();
  for (const char* p : {"Rosa Quintero", "Lee Okafor"}) {
    if (Status s = tests.Record(petition->id, {id[p], true, "", "system:demo", 0}, c.now_ms); !s) return s;
    if (Status s = tests.Record(buttons->id, {id[p], true, "Staff entrance", "system:demo", 0}, c.now_ms); !s) return s;
  }
  if (Status s = tests.Record(buttons->id, {id["Marisol Vega"], false, "Lobby", "system:demo", 0}, c.now_ms); !s) {
    return s;
  }
  // A campaign scale in the workers' own words, beside the default.
  core::AssessmentScale short_scale;
  short_scale.max_level = 3;
  short_scale.labels = {"sin evaluar", "con nosotros", "indeciso", "en contra"};
  short_scale.support_levels = {1};
  if (Result<Scale> s = AssessmentRepo(c.tx, c.scope, c.keys).CreateScale(campaign, "Escala corta", short_scale,
                                                                          c.now_ms);
      !s) {
    return s.error();
  }
  return Ok();
}

Status Copper(Ctx& c, const std::string& campaign, const std::string& scale) {
  WorkplaceRepo w(c.tx, c.scope, c.keys);
  Result<Employer> e = w.CreateEmployer(campaign, "Copper Kettle Coffee Co.", c.now_ms);
  if (!e) return e.error();
  struct Shop {
    const char* name;
    const char* region;
    const char* tz;
  };
  const Shop kShops[] = {
      {"Copper Kettle #101 Elm Street", "North", "America/New_York"},
      {"Copper Kettle #102 Mill Road", "North", "America/New_York"},
      {"Copper Kettle #103 Station Plaza", "North", "America/New_York"},
      {"Copper Kettle #104 Harbor Walk", "North", "America/New_York"},
      {"Copper Kettle #201 College Ave", "South", "America/Chicago"},
      {"Copper Kettle #202 Riverside", "South", "America/Chicago"},
      {"Copper Kettle #203 Market Hall", "South", "America/Chicago"},
      {"Copper Kettle #204 Airport", "South", "America/Chicago"},
      {"Copper Kettle #301 Canyon Road", "West", "America/Denver"},
      {"Copper Kettle #302 Old Town", "West", "America/Denver"},
      {"Copper Kettle #303 Union Depot", "West", "America/Denver"},
      {"Copper Kettle #304 Mesa Mall", "West", "America/Denver"},
  };
  struct Placed {
    std::string site, unit, floor, open, close;
  };
  std::vector<Placed> shops;
  for (const Shop& s : kShops) {
    WorksiteFields f;
    f.name = s.name;
    f.region = s.region;
    f.time_zone = s.tz;
    Result<Worksite> site = w.CreateWorksite(e->id, f, c.now_ms);
    if (!site) return site.error();
    UnitFields uf;
    uf.name = std::string(s.name) + " baristas and shift leads";
    uf.eligibility = "All baristas and shift supervisors at the shop; excluding the store manager.";
    uf.worksite_ids = std::vector<std::string>{site->id};
    Result<Unit> u = w.CreateUnit(campaign, e->id, uf, c.now_ms);
    if (!u) return u.error();
    Placed p{site->id, u->id, "", "", ""};
    Result<std::string> floor = AreaOf(w, u->id, AreaKind::kDepartment, "Floor", c.now_ms);
    Result<std::string> open = AreaOf(w, u->id, AreaKind::kShift, "Open", c.now_ms);
    Result<std::string> close = AreaOf(w, u->id, AreaKind::kShift, "Close", c.now_ms);
    if (!floor || !open || !close) return Error::Internal("demo: a Copper Kettle area failed");
    p.floor = *floor;
    p.open = *open;
    p.close = *close;
    shops.push_back(p);
  }
  struct Barista {
    const char* name;
    const char* phone;
    int shop;
    bool close;
    std::initializer_list<std::pair<int, int64_t>> ratings;
    int card_days_ago;
  };
  const Barista kBaristas[] = {
      {"Marcus Bell", "+12025550111", 0, false, {{60, 2}, {9, 1}}, 40},
      {"Dana Whitfield", "+12025550112", 0, true, {{30, 2}}, 21},
      {"Tomas Reyes", "+12025550113", 1, true, {{15, 3}}, -1},
  };
  std::map<std::string, std::string> id;
  for (const Barista& b : kBaristas) {
    Result<std::string> p = ByPhone(c, b.phone);
    if (!p) return p.error();
    id[b.name] = *p;
    const Placed& shop = shops[static_cast<size_t>(b.shop)];
    if (Status s = Employ(c, *p, shop.site, shop.unit, shop.floor, b.close ? shop.close : shop.open, "", "part_time",
                          false, 200 + static_cast<int>(id.size()) * 11);
        !s) {
      return s;
    }
    if (Status s = Assess(c, *p, scale, b.ratings); !s) return s;
    if (b.card_days_ago >= 0) {
      if (Result<CardRecord> card = Card(c, shop.unit, *p, b.card_days_ago, true); !card) return card.error();
    }
  }
  if (Result<CommitteeMember> m = CommitteeRepo(c.tx, c.scope).Add(campaign, id["Marcus Bell"], "committee",
                                                                   c.DaysAgo(50), c.now_ms);
      !m) {
    return m.error();
  }
  if (Result<Connection> k = ConnectionRepo(c.tx, c.scope).Add(id["Marcus Bell"], id["Dana Whitfield"],
                                                                ConnectionKind::kFriend, "system:demo", c.now_ms);
      !k) {
    return k.error();
  }
  StructureTestRepo tests(c.tx, c.scope);
  Result<StructureTestRecord> t = tests.Create(shops[0].unit, core::StructureTestKind::kMajorityPetition,
                                               "Petition for posted schedules", c.DaysAgo(20), 60, {}, c.now_ms);
  if (!t) return t.error();
  for (const char* p : {"Marcus Bell", "Dana Whitfield"}) {
    if (Status s = tests.Record(t->id, {id[p], true, "", "system:demo", 0}, c.now_ms); !s) return s;
  }
  core::AssessmentScale barista;
  barista.labels = {"not_assessed", "Shop leader", "With us", "On the fence", "Leaning no", "Against"};
  if (Result<Scale> s = AssessmentRepo(c.tx, c.scope, c.keys).CreateScale(campaign, "Barista scale", barista, c.now_ms);
      !s) {
    return s.error();
  }
  return Ok();
}

}  // namespace

Status LoadDemoWorkplace(Tx& tx, const Scope& scope, const OrgKeys& keys, const DemoCampaigns& campaigns,
                         int64_t now_ms) {
  Ctx c{tx, scope, keys, now_ms};
  Result<Scale> scale = AssessmentRepo(tx, scope, keys).DefaultScale(now_ms);
  if (!scale) return scale.error();
  if (Status s = Harbor(c, campaigns.harbor, scale->id); !s) return s;
  if (Status s = Copper(c, campaigns.copper, scale->id); !s) return s;
  std::vector<std::string> northgate;
  for (const char* phone : {"+12025550121", "+12025550122", "+12025550123"}) {
    Result<std::string> p = ByPhone(c, phone);
    if (!p) return p.error();
    northgate.push_back(*p);
  }
  Result<WorkplaceFixture> n =
      MapSmallWorkplace(tx, scope, keys, campaigns.northgate, northgate, "Northgate Logistics", now_ms);
  if (!n) return n.error();
  return Ok();
}

Result<WorkplaceFixture> MapSmallWorkplace(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                           const std::string& campaign_id, const std::vector<std::string>& people,
                                           const std::string& name, int64_t now_ms) {
  if (people.size() < 2) return Error::InvalidInput("people", "a small workplace needs at least two people");
  Ctx c{tx, scope, keys, now_ms};
  WorkplaceFixture out;
  WorkplaceRepo w(tx, scope, keys);
  Result<Employer> e = w.CreateEmployer(campaign_id, name, now_ms);
  if (!e) return e.error();
  out.employer = e->id;
  WorksiteFields f;
  f.name = name + " main site";
  f.region = "Central";
  Result<Worksite> site = w.CreateWorksite(e->id, f, now_ms);
  if (!site) return site.error();
  out.worksite = site->id;
  UnitFields uf;
  uf.name = name + " warehouse associates";
  uf.worksite_ids = std::vector<std::string>{site->id};
  Result<Unit> u = w.CreateUnit(campaign_id, e->id, uf, now_ms);
  if (!u) return u.error();
  out.unit = u->id;
  Result<std::string> dept = AreaOf(w, u->id, AreaKind::kDepartment, "Receiving", now_ms);
  if (!dept) return dept.error();
  out.area = *dept;
  Result<std::string> shift = AreaOf(w, u->id, AreaKind::kShift, "Overnight", now_ms);
  if (!shift) return shift.error();
  Result<Scale> scale = AssessmentRepo(tx, scope, keys).DefaultScale(now_ms);
  if (!scale) return scale.error();
  for (const std::string& p : people) {
    if (Status s = Employ(c, p, site->id, u->id, *dept, *shift, "", "full_time", false, 300); !s) return s.error();
    if (Status s = Assess(c, p, scale->id, {{30, 3}, {5, 2}}); !s) return s.error();
  }
  Result<Connection> k = ConnectionRepo(tx, scope).Add(people[0], people[1], ConnectionKind::kFriend, "system:demo", now_ms);
  if (!k) return k.error();
  out.connection = k->id;
  Result<CommitteeMember> m = CommitteeRepo(tx, scope).Add(campaign_id, people[0], "committee", c.DaysAgo(40), now_ms);
  if (!m) return m.error();
  out.committee_member = m->id;
  Result<CardRecord> card = Card(c, u->id, people[0], 10, false);
  if (!card) return card.error();
  out.card = card->id;
  Result<StructureTestRecord> t = StructureTestRepo(tx, scope).Create(u->id, core::StructureTestKind::kPhoto,
                                                                      "Photo petition", c.DaysAgo(7), 50, {}, now_ms);
  if (!t) return t.error();
  out.structure_test = t->id;
  core::AssessmentScale s;
  Result<Scale> campaign_scale = AssessmentRepo(tx, scope, keys).CreateScale(campaign_id, name + " scale", s, now_ms);
  if (!campaign_scale) return campaign_scale.error();
  out.scale = campaign_scale->id;
  return out;
}

}  // namespace hotshop::store
