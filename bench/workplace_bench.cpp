// SPDX-License-Identifier: AGPL-3.0-or-later
// workplace_bench: the campaign-workplace views at the Starbucks scale of
// issue #4 ("Speed"), for bench/workplace.sh.
//
//   workplace_bench gen URL KEY_FILE [SHOPS] [WORKERS]
//     Migrates URL, makes org "bench" (keys under KEY_FILE, created if
//     absent) and one employer of SHOPS shops (default 521) x WORKERS
//     workers (default 23): a worksite, a bargaining unit with 3 departments,
//     3 shifts and 2 job classes per shop; invented names and 555-01xx
//     phones; 24 months of assessments (about one every 10 weeks per
//     worker), cards for about half of the workers (some revoked, some
//     re-signed, some stale), 2 committee members per shop, and a changed
//     placement (employment history) for 1 worker in 10. Prints counts.
//   workplace_bench measure URL KEY_FILE [RUNS [VIEW]]
//     Times, in this process, the real handlers api::GetChart (one shop's
//     wall chart), api::GetRollup (all shops of the employer) and
//     api::GetMeters (one shop's meters) called the way api::App calls them
//     (a Context with the org admin as actor; routing, the session lookup
//     and the socket are left out), each against one plain SELECT of the
//     same rows in the same database (the baseline). RUNS rounds (default
//     15) after 2 warm-up rounds; sides alternate within a round. Prints a
//     table and "RESULT name handler_ms=… baseline_ms=… ratio=…" lines
//     (medians). VIEW (chart_one_shop, rollup_all_shops, meters_one_shop)
//     measures that one only (for a profiler).
//
// On PostgreSQL, `gen` runs as the cluster's owner and `measure` as
// hotshop_app (row-level security on, as `hotshop serve` runs).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "api/app.h"
#include "api/chart_handlers.h"
#include "api/context.h"
#include "core/iso_date.h"
#include "http/rate_limiter.h"
#include "security/keyring.h"
#include "security/password.h"
#include "store/assessment_repo.h"
#include "store/campaign_repo.h"
#include "store/committee_repo.h"
#include "store/employment_repo.h"
#include "store/ids.h"
#include "store/key_service.h"
#include "store/migrations.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "store/workplace_repo.h"

namespace {

using hotshop::Error;
using hotshop::Ok;
using hotshop::Result;
using hotshop::Status;
namespace store = hotshop::store;
namespace api = hotshop::api;

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr const char* kSlug = "bench";
constexpr const char* kEmployer = "Copper Kettle Coffee Co. (bench)";

int Fail(const std::string& what) {
  std::cerr << "workplace_bench: " << what << "\n";
  return 1;
}

Result<hotshop::security::SecretBytes> Key(const std::string& key_file) {
  if (!std::filesystem::exists(key_file)) {
    if (Status s = hotshop::security::CreateMasterKeyFile(key_file); !s) return s.error();
  }
  return hotshop::security::LoadMasterKey(key_file);
}

// Invented people: first x last names, phones +1 NPA 555-01xx.
const char* const kFirst[] = {"Ada", "Bo", "Cass", "Dev", "Eli", "Fern", "Gus", "Hana", "Ike", "Jo", "Kai", "Lux",
                              "Mo", "Nia", "Oz", "Pia", "Quin", "Rue", "Sol", "Tam", "Uma", "Vik", "Wren", "Xan",
                              "Yas", "Zed"};
const char* const kLast[] = {"Amberly", "Brookfield", "Castellan", "Dunmore", "Everhart", "Fallowell", "Glenrock",
                             "Hollins", "Ivers", "Jessop", "Kettering", "Larkspur", "Marlowe", "Northcott",
                             "Oakhurst", "Pembry", "Quarles", "Rowntree", "Stillwell", "Thistle"};
const char* const kNpa[] = {"202", "312", "415", "503", "617", "713", "720", "206"};
const char* const kRegions[] = {"Northwest", "Northeast", "Midwest", "South", "Southwest", "Mountain", "Pacific",
                                "Mid-Atlantic"};
const char* const kZones[] = {"America/Los_Angeles", "America/New_York", "America/Chicago", "America/Chicago",
                              "America/Phoenix", "America/Denver", "America/Los_Angeles", "America/New_York"};

struct Counts {
  int64_t people = 0, employment = 0, assessments = 0, cards = 0, committee = 0;
};

// One shop: its worksite, unit and areas (through the repositories), its
// workers (PersonRepo, EmploymentRepo: sealed fields, history), then their
// assessments and cards in two bulk inserts, and 2 committee members.
Status MakeShop(store::Tx& tx, const store::Scope& scope, const store::OrgKeys& keys, const std::string& campaign,
                const std::string& employer, const std::string& scale, int shop, int workers, int64_t now_ms,
                std::mt19937_64& rng, Counts& n) {
  store::WorkplaceRepo w(tx, scope, keys);
  store::WorksiteFields wf;
  char name[96];
  std::snprintf(name, sizeof name, "Store %04d", 1000 + shop);
  wf.name = name;
  wf.region = kRegions[shop % 8];
  wf.time_zone = kZones[shop % 8];
  wf.address = std::to_string(100 + shop) + " Example Avenue, Springfield";
  Result<store::Worksite> site = w.CreateWorksite(employer, wf, now_ms);
  if (!site) return site.error();
  store::UnitFields uf;
  uf.name = std::string(name) + " baristas and shift leads";
  uf.eligibility = "All baristas and shift supervisors at the store; excluding the store manager.";
  uf.worksite_ids = std::vector<std::string>{site->id};
  Result<store::Unit> unit = w.CreateUnit(campaign, employer, uf, now_ms);
  if (!unit) return unit.error();
  std::vector<std::string> depts, shifts, jobs;
  for (const char* d : {"Floor", "Bar", "Drive-thru"}) {
    Result<store::Area> a = w.CreateArea(unit->id, store::AreaKind::kDepartment, d, "", now_ms);
    if (!a) return a.error();
    depts.push_back(a->id);
  }
  for (const char* s : {"Open", "Mid", "Close"}) {
    Result<store::Area> a = w.CreateArea(unit->id, store::AreaKind::kShift, s, "", now_ms);
    if (!a) return a.error();
    shifts.push_back(a->id);
  }
  for (const char* j : {"Barista", "Shift lead"}) {
    Result<store::Area> a = w.CreateArea(unit->id, store::AreaKind::kJobClass, j, "", now_ms);
    if (!a) return a.error();
    jobs.push_back(a->id);
  }

  store::PersonRepo people(tx, scope, keys);
  store::EmploymentRepo employment(tx, scope);
  std::vector<std::string> ids;
  // Bulk rows: strings kept alive until the insert (reserved: no reallocation).
  std::vector<std::string> text;
  text.reserve(static_cast<size_t>(workers) * 60);
  std::vector<store::BulkValue> arows, crows;
  auto keep = [&](std::string s) -> std::string_view {
    text.push_back(std::move(s));
    return text.back();
  };
  const std::string_view org = keep(scope.org_id());
  const std::string_view scale_v = keep(scale);
  const std::string_view unit_v = keep(unit->id);
  std::uniform_int_distribution<int> pct(0, 99);
  for (int i = 0; i < workers; ++i) {
    const int k = shop * workers + i;
    store::PersonFields f;
    f.name = std::string(kFirst[k % 26]) + " " + kLast[(k / 26) % 20] + " " + std::to_string(k);
    char phone[20];
    std::snprintf(phone, sizeof phone, "+1%s55501%02d", kNpa[(k / 100) % 8], k % 100);
    f.phone = phone;
    f.preferred_language = k % 3 == 0 ? "es" : "en";
    Result<store::Person> p = people.Create(campaign, f, now_ms);
    if (!p) return p.error();
    ++n.people;
    ids.push_back(p->id);
    store::EmploymentFields e;
    e.worksite_id = site->id;
    e.unit_id = unit->id;
    e.department_id = depts[static_cast<size_t>(i % 3)];
    e.shift_id = shifts[static_cast<size_t>((i / 3) % 3)];
    e.job_class_id = jobs[i < 3 ? 1 : 0];
    e.employment_type = i % 4 == 0 ? "part_time" : "full_time";
    e.supervisor = i == 0;  // the store manager: on the chart, outside the unit's counts
    e.started_on = hotshop::core::FormatIsoDate(hotshop::core::UtcDateOfMillis(now_ms - (200 + 37 * i) * kDayMs));
    int64_t from = now_ms - 720 * kDayMs;
    if (i % 10 == 5) {  // moved shift ~7 months ago: an employment history
      store::EmploymentFields before = e;
      before.shift_id = shifts[static_cast<size_t>((i / 3 + 1) % 3)];
      Result<store::Employment> old = employment.Set(p->id, 1, before, "system:bench", from);
      if (!old) return old.error();
      ++n.employment;
      from = now_ms - 210 * kDayMs;
    }
    Result<int64_t> v = employment.Version(p->id);
    if (!v) return v.error();
    Result<store::Employment> cur = employment.Set(p->id, *v, e, "system:bench", from);
    if (!cur) return cur.error();
    ++n.employment;
    // 24 months of assessments, about one every 10 weeks, drifting towards support.
    const std::string_view person = keep(p->id);
    int level = 2 + static_cast<int>(rng() % 4);
    for (int64_t day = 730 - static_cast<int64_t>(rng() % 60); day > 0; day -= 40 + static_cast<int64_t>(rng() % 60)) {
      if (pct(rng) < 35) level = std::clamp(level + (pct(rng) < 60 ? -1 : 1), 1, 5);
      int64_t at = now_ms - day * kDayMs + static_cast<int64_t>(rng() % (8 * 3600 * 1000));
      arows.insert(arows.end(), {store::BulkValue::Uuid(org), store::BulkValue::Uuid(keep(store::NewId())),
                                 store::BulkValue::Uuid(person), store::BulkValue::Uuid(scale_v),
                                 store::BulkValue::Int(level), store::BulkValue::Int(at),
                                 store::BulkValue::Text("human"), store::BulkValue::Text("user:bench"),
                                 store::BulkValue::Null(), store::BulkValue::Int(at)});
      ++n.assessments;
    }
    // Cards: about half signed at some point in the 24 months.
    if (i > 0 && pct(rng) < 50) {
      int64_t signed_day = 10 + static_cast<int64_t>(rng() % 700);
      int cards = pct(rng) < 15 ? 2 : 1;  // a stale card re-signed
      for (int c = 0; c < cards; ++c) {
        int64_t day = c == 0 ? signed_day : std::max<int64_t>(1, signed_day - 380);
        int64_t at = now_ms - day * kDayMs;
        bool revoked = c == cards - 1 && pct(rng) < 6;
        std::string_view signed_on = keep(hotshop::core::FormatIsoDate(hotshop::core::UtcDateOfMillis(at)));
        crows.insert(crows.end(),
                     {store::BulkValue::Uuid(org), store::BulkValue::Uuid(keep(store::NewId())),
                      store::BulkValue::Uuid(person), store::BulkValue::Uuid(unit_v), store::BulkValue::Text(signed_on),
                      store::BulkValue::Text("paper_photo"), store::BulkValue::Null(),
                      store::BulkValue::Text(keep("bench" + std::to_string(k) + "-" + std::to_string(c))),
                      store::BulkValue::Int(1),
                      revoked ? store::BulkValue::Text(keep(hotshop::core::FormatIsoDate(
                                    hotshop::core::UtcDateOfMillis(at + 20 * kDayMs))))
                              : store::BulkValue::Null(),
                      store::BulkValue::Null(), store::BulkValue::Text("user:bench"), store::BulkValue::Int(1),
                      store::BulkValue::Int(at), store::BulkValue::Int(at)});
        ++n.cards;
      }
    }
  }
  const std::string_view acols[] = {"org_id", "id", "person_id", "scale_id", "value", "at_ms", "source", "by_actor",
                                    "note_ct", "created_at_ms"};
  if (Result<int64_t> r = tx.BulkInsert("assessments", acols, arows); !r) return r.error();
  const std::string_view ccols[] = {"org_id", "id", "person_id", "unit_id", "signed_on", "method", "signed_at_ms",
                                    "evidence_hash", "has_signature", "revoked_on", "note_ct", "recorded_by", "version",
                                    "created_at_ms", "updated_at_ms"};
  if (!crows.empty()) {
    if (Result<int64_t> r = tx.BulkInsert("cards", ccols, crows); !r) return r.error();
  }
  store::CommitteeRepo committee(tx, scope);
  for (int i : {1, 7}) {
    if (i >= workers) break;
    std::string since = hotshop::core::FormatIsoDate(hotshop::core::UtcDateOfMillis(now_ms - (300 - i) * kDayMs));
    if (Result<store::CommitteeMember> m = committee.Add(campaign, ids[static_cast<size_t>(i)], "committee", since, now_ms); !m) {
      return m.error();
    }
    ++n.committee;
  }
  return Ok();
}

int Gen(const std::string& url, const std::string& key_file, int shops, int workers) {
  auto kek = Key(key_file);
  if (!kek) return Fail(kek.error().message());
  auto db = store::OpenDatabase(url, 1);
  if (!db) return Fail(db.error().message());
  int64_t now_ms = store::NowMillis();
  if (auto applied = store::ApplyMigrations(**db, now_ms); !applied) return Fail(applied.error().message());
  store::KeyService keys(std::move(*kek));
  std::string org_id, campaign, employer, scale;
  Status s = (*db)->Transact([&](store::Tx& tx) -> Status {
    auto org = store::CreateOrg(tx, kSlug, "Bench Local", now_ms);
    if (!org) return org.error();
    if (Status k = keys.CreateOrgKeys(tx, org->id, now_ms); !k) return k;
    if (Status o = tx.SetOrg(org->id); !o) return o;
    store::Scope scope = store::Scope::ForOrg(org->id);
    auto k = keys.ForOrg(tx, org->id);
    if (!k) return k.error();
    Result<store::Campaign> c = store::CampaignRepo(tx, scope).Create("Copper Kettle, 521 shops (bench)", now_ms);
    if (!c) return c.error();
    Result<store::Employer> e = store::WorkplaceRepo(tx, scope, **k).CreateEmployer(c->id, kEmployer, now_ms);
    if (!e) return e.error();
    Result<store::Scale> sc = store::AssessmentRepo(tx, scope, **k).DefaultScale(now_ms);
    if (!sc) return sc.error();
    org_id = org->id;
    campaign = c->id;
    employer = e->id;
    scale = sc->id;
    return Ok();
  });
  if (!s) return Fail(s.error().message());
  std::mt19937_64 rng(20260101);
  Counts n;
  auto started = std::chrono::steady_clock::now();
  for (int shop = 0; shop < shops; ++shop) {
    Status made = (*db)->Transact([&](store::Tx& tx) -> Status {
      store::Scope scope = store::Scope::ForOrg(org_id);
      auto k = keys.ForOrg(tx, org_id);
      if (!k) return k.error();
      return MakeShop(tx, scope, **k, campaign, employer, scale, shop, workers, now_ms, rng, n);
    }, store::TxMode::kWrite, org_id);
    if (!made) return Fail("shop " + std::to_string(shop) + ": " + made.error().message());
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("generated shops=%d people=%lld employment_rows=%lld assessments=%lld cards=%lld committee=%lld in %.1f s\n",
              shops, static_cast<long long>(n.people), static_cast<long long>(n.employment),
              static_cast<long long>(n.assessments), static_cast<long long>(n.cards), static_cast<long long>(n.committee),
              secs);
  return 0;
}

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

struct Case {
  const char* name;
  api::ApiHandler handler;
  const char* route;
  std::string id;
  std::string baseline_sql;  // $1 = org, $2 = id, $3 = scale
};

int Measure(const std::string& url, const std::string& key_file, int runs, const std::string& only) {
  auto kek = Key(key_file);
  if (!kek) return Fail(kek.error().message());
  auto db = store::OpenDatabase(url, 2);
  if (!db) return Fail(db.error().message());
  store::KeyService keys(std::move(*kek));
  // The ids, looked up the way any client would find them.
  std::string org_id, employer, unit, scale, unit_name;
  Status found = (*db)->Transact([&](store::Tx& tx) -> Status {
    Result<std::optional<store::Org>> org = store::FindOrgBySlug(tx, kSlug);
    if (!org) return org.error();
    if (!*org) return Error::NotFound("no org 'bench': run gen first");
    org_id = (*org)->id;
    if (Status o = tx.SetOrg(org_id); !o) return o;
    Result<store::Rows> e = tx.Query("SELECT id FROM employers WHERE org_id = $1 AND name = $2", {org_id, kEmployer});
    if (!e) return e.error();
    if (e->empty()) return Error::NotFound("no bench employer");
    employer = (*e)[0].Text(0);
    // A shop in the middle of the list.
    Result<store::Rows> u = tx.Query("SELECT id, name FROM units WHERE org_id = $1 ORDER BY name", {org_id});
    if (!u || u->empty()) return Error::NotFound("no bench units");
    unit = (*u)[u->size() / 2].Text(0);
    unit_name = (*u)[u->size() / 2].Text(1);
    Result<store::Rows> sc = tx.Query("SELECT id FROM assessment_scales WHERE org_id = $1 AND is_default = 1", {org_id});
    if (!sc || sc->empty()) return Error::NotFound("no default scale");
    scale = (*sc)[0].Text(0);
    return Ok();
  }, store::TxMode::kRead);
  if (!found) return Fail(found.error().message());

  hotshop::security::CommonPasswords common = hotshop::security::CommonPasswords::FromList({});
  hotshop::security::HashLimiter hashes(1);
  hotshop::http::RateLimiter l1(1, 1), l2(1, 1), l3(1, 1);
  api::Services services{keys, common, hotshop::security::PwhashParams{}, hashes, l1, l2, l3};
  api::Config config;
  hotshop::security::Actor admin;
  admin.user_id = store::NewId();
  admin.org_id = org_id;
  admin.session_id = store::NewId();
  admin.grants.push_back(hotshop::security::Grant{store::NewId(), hotshop::security::Role::kOrgAdmin,
                                                  hotshop::security::ScopeKind::kOrg, "", 0});

  // The same rows each view reads, in one plain query: the workers with
  // their placement and assessment history (and, for the chart, the sealed
  // name, phone and email columns, not decrypted).
  const std::string workers_of_unit =
      "SELECT e.person_id, p.name_ct, p.phone_ct, p.email_ct, p.preferred_language, d.name, s.name, e.supervisor, "
      "a.value, a.at_ms FROM employment e JOIN people p ON p.org_id = e.org_id AND p.id = e.person_id "
      "LEFT JOIN unit_areas d ON d.org_id = e.org_id AND d.id = e.department_id "
      "LEFT JOIN unit_areas s ON s.org_id = e.org_id AND s.id = e.shift_id "
      "LEFT JOIN assessments a ON a.org_id = e.org_id AND a.person_id = e.person_id AND a.scale_id = $3 "
      "WHERE e.org_id = $1 AND e.unit_id = $2 AND e.valid_to_ms IS NULL";
  const std::vector<Case> cases = {
      {"chart_one_shop", api::GetChart, "/api/orgs/{org}/units/{id}/chart", unit, workers_of_unit},
      // Every worker of the employer with the assessments of their newest
      // second (all the effective assessment can be, R18: what the rollup reads).
      {"rollup_all_shops", api::GetRollup, "/api/orgs/{org}/employers/{id}/rollup", employer,
       "WITH top AS MATERIALIZED (SELECT e.person_id, e.worksite_id, e.supervisor, (SELECT max(m.at_ms) "
       "FROM assessments m WHERE m.org_id = e.org_id AND m.person_id = e.person_id AND m.scale_id = $3) "
       "/ 1000 * 1000 AS since FROM worksites w CROSS JOIN employment e WHERE w.org_id = $1 AND w.employer_id = $2 "
       "AND e.org_id = w.org_id AND e.worksite_id = w.id AND e.valid_to_ms IS NULL) "
       "SELECT t.person_id, t.worksite_id, t.supervisor, a.value, a.at_ms FROM top t LEFT JOIN assessments a "
       "ON a.org_id = $1 AND a.person_id = t.person_id AND a.scale_id = $3 AND a.at_ms >= t.since"},
      {"meters_one_shop", api::GetMeters, "/api/orgs/{org}/units/{id}/meters", unit,
       "SELECT e.person_id, p.preferred_language, d.name, s.name, e.supervisor, a.value, a.at_ms "
       "FROM employment e JOIN people p ON p.org_id = e.org_id AND p.id = e.person_id "
       "LEFT JOIN unit_areas d ON d.org_id = e.org_id AND d.id = e.department_id "
       "LEFT JOIN unit_areas s ON s.org_id = e.org_id AND s.id = e.shift_id "
       "LEFT JOIN assessments a ON a.org_id = e.org_id AND a.person_id = e.person_id AND a.scale_id = $3 "
       "WHERE e.org_id = $1 AND e.unit_id = $2 AND e.valid_to_ms IS NULL"},
  };
  std::printf("   unit measured: %s; runs: %d (+2 warm-up); server side = the handler function called in-process\n",
              unit_name.c_str(), runs);
  std::printf("   %-18s %12s %12s %8s %10s %10s\n", "view", "handler_ms", "baseline_ms", "ratio", "rows", "bytes");
  for (const Case& c : cases) {
    if (!only.empty() && only != c.name) continue;
    std::vector<double> h, b;
    size_t rows = 0, bytes = 0;
    for (int r = 0; r < runs + 2; ++r) {
      hotshop::http::Request req;
      req.raw.method(hotshop::http::Verb::get);
      req.route = c.route;
      req.path_params = {{"org", kSlug}, {"id", c.id}};
      api::Context ctx{**db, config, services, store::NowMillis(), admin, std::nullopt};
      auto t0 = std::chrono::steady_clock::now();
      hotshop::http::Response res = c.handler(req, ctx);
      auto t1 = std::chrono::steady_clock::now();
      if (res.result() != hotshop::http::HttpStatus::ok) return Fail(std::string(c.name) + ": " + res.body());
      bytes = res.body().size();
      Result<store::Rows> plain = store::TransactValue<store::Rows>(**db, [&](store::Tx& tx) {
        return tx.Query(c.baseline_sql, {org_id, c.id, scale});
      }, store::TxMode::kRead, org_id);
      auto t2 = std::chrono::steady_clock::now();
      if (!plain) return Fail(std::string(c.name) + " baseline: " + plain.error().message());
      rows = plain->size();
      if (r >= 2) {
        h.push_back(Ms(t1 - t0));
        b.push_back(Ms(t2 - t1));
      }
    }
    double hm = Median(h), bm = Median(b);
    std::printf("   %-18s %12.2f %12.2f %8.2f %10zu %10zu\n", c.name, hm, bm, hm / bm, rows, bytes);
    std::printf("RESULT %s handler_ms=%.2f baseline_ms=%.2f ratio=%.2f handler_min_ms=%.2f rows=%zu bytes=%zu\n", c.name,
                hm, bm, hm / bm, *std::min_element(h.begin(), h.end()), rows, bytes);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() >= 3 && a[0] == "gen") {
    int shops = a.size() > 3 ? std::stoi(a[3]) : 521;
    int workers = a.size() > 4 ? std::stoi(a[4]) : 23;
    return Gen(a[1], a[2], shops, workers);
  }
  if (a.size() >= 3 && a[0] == "measure") {
    return Measure(a[1], a[2], a.size() > 3 ? std::stoi(a[3]) : 15, a.size() > 4 ? a[4] : "");
  }
  std::cerr << "usage: workplace_bench gen URL KEY_FILE [SHOPS] [WORKERS] | measure URL KEY_FILE [RUNS [VIEW]]\n";
  return 2;
}
