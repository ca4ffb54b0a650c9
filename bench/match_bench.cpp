// SPDX-License-Identifier: AGPL-3.0-or-later
// match_bench: the helper of bench/match.sh (issue #5: "ranking 2,000
// organizers for one intake").
//   match_bench core N REPS                rank N generated organizers REPS
//                                          times in memory (core only);
//                                          prints "core_ms <median ms>"
//   match_bench populate DB KEY SLUG N     N organizer accounts with profiles
//                                          around Austin, TX, and one request
//                                          in Spanish; prints the request id
//   match_bench store DB KEY SLUG ID REPS  per repetition, in one read
//                                          transaction each: the baseline (one
//                                          plain query reading every profile
//                                          row) and what the ranking route does
//                                          without HTTP (profiles with load,
//                                          declines, ZIP lookups, ranking);
//                                          prints "plain_ms <median>" and
//                                          "store_rank_ms <median>"
// Names and emails are invented (bench-N@example.org); phones none.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/organizer_match.h"
#include "core/zip_centroids.h"
#include "security/keyring.h"
#include "security/sodium_init.h"
#include "store/account_repo.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/intake_repo.h"
#include "store/key_service.h"
#include "store/organizer_repo.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace hotshop;

// ZIPs within ~40 km of downtown Austin, and a few far away.
const char* kZips[] = {"78701", "78702", "78703", "78704", "78705", "78721", "78741", "78745", "78748", "78750",
                       "78613", "78660", "78664", "78681", "75201", "77002", "78205", "79901"};
const char* kLangs[] = {"es", "en", "vi", "zh"};
const char* kIndustries[] = {"hotels", "restaurants", "warehouses", "retail", "healthcare"};
const char* kTraining[] = {"charting", "conversation", "campaign_arc", "inoculation"};

store::OrganizerProfile Profile(std::mt19937& rng, const std::string& user_id) {
  store::OrganizerProfile p;
  p.user_id = user_id;
  p.home_zip = kZips[rng() % std::size(kZips)];
  p.radius_km = 10 + static_cast<int64_t>(rng() % 60);
  p.languages = {kLangs[rng() % std::size(kLangs)]};
  if (rng() % 2) p.languages.push_back("en");
  p.industries = {kIndustries[rng() % std::size(kIndustries)]};
  p.capacity = 1 + static_cast<int64_t>(rng() % 4);
  for (const char* t : kTraining) {
    if (rng() % 2) p.training.push_back(t);
  }
  p.completed_campaigns = static_cast<int64_t>(rng() % 3);
  if (rng() % 2) p.mentor_id = user_id;  // placeholder: any non-empty id means "has a mentor" for the bench
  return p;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

int Core(int n, int reps) {
  std::mt19937 rng(42);
  std::vector<core::OrganizerCandidate> all;
  for (int i = 0; i < n; ++i) {
    store::OrganizerProfile p = Profile(rng, "u" + std::to_string(i));
    core::OrganizerCandidate c;
    c.id = p.user_id;
    c.languages = p.languages;
    c.industries = p.industries;
    if (auto z = core::LookupZip(p.home_zip)) c.home = z->point;
    c.radius_km = static_cast<double>(p.radius_km);
    c.capacity = p.capacity;
    c.load = static_cast<int64_t>(rng() % 4);
    c.training = static_cast<unsigned>(rng() % 16);
    c.completed_campaigns = p.completed_campaigns;
    c.has_mentor = !p.mentor_id.empty();
    all.push_back(std::move(c));
  }
  core::IntakeNeeds needs{"es", "hotels", core::LookupZip("78701")->point};
  std::vector<double> times;
  size_t assignable = 0;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    std::vector<core::RankedOrganizer> ranked = core::RankOrganizers(all, needs);
    times.push_back(Ms(Clock::now() - t0));
    assignable = static_cast<size_t>(std::count_if(ranked.begin(), ranked.end(), [](auto& x) { return x.assignable; }));
  }
  std::cout << "core_ms " << Median(times) << "\nassignable " << assignable << " of " << n << "\n";
  return 0;
}

Result<std::unique_ptr<store::Database>> Open(const std::string& url) { return store::OpenDatabase(url, 1); }

int Populate(const std::string& url, const std::string& key_file, const std::string& slug, int n) {
  auto kek = security::LoadMasterKey(key_file);
  auto db = Open(url);
  if (!kek || !db) {
    std::cerr << "match_bench: cannot open the database or key\n";
    return 1;
  }
  store::KeyService keys(std::move(*kek));
  std::mt19937 rng(7);
  std::string intake;
  Status s = (*db)->Transact([&](store::Tx& tx) -> Status {
    Result<store::Rows> org = tx.Query("SELECT id FROM orgs WHERE slug = $1", {slug});
    if (!org) return org.error();
    if (org->empty()) return Error::NotFound("no org " + slug);
    const std::string org_id = (*org)[0].Text(0);
    if (Status o = tx.SetOrg(org_id); !o) return o;
    store::Scope scope = store::Scope::ForOrg(org_id);
    store::AccountRepo accounts(tx, keys);
    const int64_t now = store::NowMillis();
    for (int i = 0; i < n; ++i) {
      Result<store::User> u = accounts.CreateUser("bench-" + std::to_string(i) + "@example.org",
                                                  "Bench Organizer " + std::to_string(i), "!unusable", false, now);
      if (!u) return u.error();
      if (Status m = accounts.AddMembership(u->id, org_id); !m) return m;
      store::OrganizerProfile p = Profile(rng, u->id);
      p.mentor_id.clear();
      Result<store::OrganizerProfile> put = store::OrganizerRepo(tx, scope).Put(p, 0, now);
      if (!put) return put.error();
    }
    auto k = keys.ForOrg(tx, org_id);
    if (!k) return k.error();
    store::NewIntake in;
    in.submission_id = "bench-" + store::NewId();
    in.name = "Bench Worker";
    in.city = "Austin";
    in.zip = "78701";
    in.region = "TX";
    in.industry = "hotels";
    in.language = "es";
    in.consent_version = "bench";
    Result<store::SubmitOutcome> o = store::IntakeRepo(tx, scope, **k).Submit(in, 0, now);
    if (!o) return o.error();
    intake = o->intake_id;
    return Ok();
  });
  if (!s) {
    std::cerr << "match_bench: " << s.error().message() << "\n";
    return 1;
  }
  std::cout << intake << "\n";
  return 0;
}

int StoreRank(const std::string& url, const std::string& slug, const std::string& intake, int reps) {
  auto db = Open(url);
  if (!db) return 1;
  std::string org_id;
  Status s = (*db)->Transact([&](store::Tx& tx) -> Status {
    Result<store::Rows> org = tx.Query("SELECT id FROM orgs WHERE slug = $1", {slug});
    if (!org || org->empty()) return Error::NotFound("no org");
    org_id = (*org)[0].Text(0);
    return Ok();
  }, store::TxMode::kRead);
  if (!s) return 1;
  store::Scope scope = store::Scope::ForOrg(org_id);
  std::vector<double> plain, ranked;
  size_t rows = 0;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    Status a = (*db)->Transact([&](store::Tx& tx) -> Status {
      Result<store::Rows> all = tx.Query("SELECT * FROM organizer_profiles WHERE org_id = $1", {org_id});
      if (!all) return all.error();
      rows = all->size();
      return Ok();
    }, store::TxMode::kRead, org_id);
    plain.push_back(Ms(Clock::now() - t0));
    auto t1 = Clock::now();
    Status b = (*db)->Transact([&](store::Tx& tx) -> Status {
      Result<std::vector<core::OrganizerCandidate>> c = store::OrganizerRepo(tx, scope).Candidates(intake);
      if (!c) return c.error();
      core::IntakeNeeds needs{"es", "hotels", core::LookupZip("78701")->point};
      std::vector<core::RankedOrganizer> out = core::RankOrganizers(*c, needs);
      return out.size() == rows ? Ok() : Error::Internal("ranked a different number of organizers");
    }, store::TxMode::kRead, org_id);
    ranked.push_back(Ms(Clock::now() - t1));
    if (!a || !b) {
      std::cerr << "match_bench: " << (!a ? a.error().message() : b.error().message()) << "\n";
      return 1;
    }
  }
  std::cout << "rows " << rows << "\nplain_ms " << Median(plain) << "\nstore_rank_ms " << Median(ranked) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (!hotshop::security::InitSodium().ok()) return 1;
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 3 && a[0] == "core") return Core(std::stoi(a[1]), std::stoi(a[2]));
  if (a.size() == 5 && a[0] == "populate") return Populate(a[1], a[2], a[3], std::stoi(a[4]));
  if (a.size() == 6 && a[0] == "store") return StoreRank(a[1], a[3], a[4], std::stoi(a[5]));
  std::cerr << "usage: match_bench core N REPS | populate DB KEY SLUG N | store DB KEY SLUG INTAKE REPS\n";
  return 2;
}
