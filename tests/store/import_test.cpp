// SPDX-License-Identifier: AGPL-3.0-or-later
// Contact import (store/import_engine.h, store/import_row.h), on both
// databases: normalization, deduplication within the file and against the
// org, the three duplicate policies, atomic and partial modes, the row-level
// report, idempotent reruns, resuming after a crash, the audit event, and
// that imported people read back through PersonRepo like any other.
// Covers security-model.md §4 row 19 (row-level report; atomic or explicit
// partial; no silent drop).
#include "store/import_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "security/field_cipher.h"
#include "security/keyring.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/import_row.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "store_test_base.h"

namespace hotshop::testing {
namespace {

using store::DuplicatePolicy;
using store::ImportMode;
using store::ImportOptions;
using store::ImportSummary;

class ImportTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    keys_ = std::make_unique<store::KeyService>(security::SecretBytes::Random(32));
    org_ = NewOrg("local-7");
  }

  std::string NewOrg(const std::string& slug) {
    auto org = store::TransactValue<store::Org>(*db_, [&](store::Tx& tx) -> Result<store::Org> {
      auto o = store::CreateOrg(tx, slug, slug + " org", 1000);
      if (!o) return o.error();
      if (Status k = keys_->CreateOrgKeys(tx, o->id, 1000); !k) return k.error();
      return o;
    });
    EXPECT_TRUE(org.ok()) << org.error().message();
    return org->id;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = test_db_->dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<ImportSummary> Import(const std::string& path, ImportOptions opt = {}, const std::string& org = "") {
    report_.str("");
    store::Scope scope = store::Scope::ForOrg(org.empty() ? org_ : org);
    return store::ImportCsv(*db_, *keys_, scope, path, opt, &report_);
  }

  int64_t Count(const std::string& sql) {
    auto n = store::TransactValue<int64_t>(*db_, [&](store::Tx& tx) -> Result<int64_t> {
      auto r = tx.Query(sql, {org_});
      if (!r) return r.error();
      return (*r)[0].Int(0);
    });
    EXPECT_TRUE(n.ok()) << n.error().message();
    return n.ok() ? *n : -1;
  }
  int64_t People() { return Count("SELECT count(*) FROM people WHERE org_id = $1"); }

  std::vector<store::Person> ByPhone(const std::string& e164) {
    store::Scope scope = store::Scope::ForOrg(org_);
    auto r = store::TransactValue<std::vector<store::Person>>(*db_, [&](store::Tx& tx)
                                                                  -> Result<std::vector<store::Person>> {
      auto k = keys_->ForOrg(tx, org_);
      if (!k) return k.error();
      return store::PersonRepo(tx, scope, **k).FindByPhone(e164);
    }, store::TxMode::kRead, org_);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : std::vector<store::Person>{};
  }

  // The decrypted details of one person.
  store::Details DetailsOf(const std::string& id) {
    auto d = store::TransactValue<store::Details>(*db_, [&](store::Tx& tx) -> Result<store::Details> {
      auto k = keys_->ForOrg(tx, org_);
      if (!k) return k.error();
      auto r = tx.Query("SELECT details_ct FROM people WHERE org_id = $1 AND id = $2", {org_, id});
      if (!r) return r.error();
      if (r->empty() || (*r)[0].IsNull(0)) return store::Details{};
      auto plain = security::Decrypt((*k)->data, (*r)[0].Blob(0), security::FieldAd{"people", "details", id, org_});
      if (!plain) return plain.error();
      return store::DetailsFromJson(*plain);
    }, store::TxMode::kRead, org_);
    EXPECT_TRUE(d.ok()) << d.error().message();
    return d.ok() ? *d : store::Details{};
  }

  std::unique_ptr<store::KeyService> keys_;
  std::string org_;
  std::ostringstream report_;
};
HOTSHOP_ON_BOTH_DATABASES(ImportTest);

const char* kSpoke =
    "firstName,lastName,cell,zip,external_id,shift,department\n"
    "Katharine,Bartlett,(213) 555-0100,90000,X-1,night,Laundry\n"
    "Ruth,Benedict,213.555.0101,90001,X-2,day,Kitchen\n"
    "Ada, Lovelace ,+1 213 555 0102,90002,X-3,swing,Front desk\n";

TEST_P(ImportTest, SpokeFileIsNormalizedEncryptedAndReadableThroughPersonRepo) {
  auto s = Import(WriteFile("spoke.csv", kSpoke));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->mapping.format, io::SourceFormat::kSpoke);
  EXPECT_EQ(s->rows, 3u);
  EXPECT_EQ(s->created, 3u);
  EXPECT_EQ(People(), 3);
  auto found = ByPhone("+12135550100");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Katharine Bartlett");
  EXPECT_EQ(found[0].phone, "+12135550100");
  store::Details d = DetailsOf(found[0].id);
  EXPECT_EQ(d.Get("first_name"), "Katharine");
  EXPECT_EQ(d.Get("zip"), "90000");
  EXPECT_EQ(d.Get("external_id"), "X-1");
  EXPECT_EQ(d.GetCustom("shift"), "night");
  EXPECT_EQ(d.GetCustom("department"), "Laundry");
  // Outer spaces trimmed, the rest as typed.
  auto ada = ByPhone("+12135550102");
  ASSERT_EQ(ada.size(), 1u);
  EXPECT_EQ(ada[0].name, "Ada Lovelace");
  // Nothing personal is stored in clear.
  EXPECT_EQ(Count("SELECT count(*) FROM people WHERE org_id = $1 AND phone_bidx IS NOT NULL AND "
                  "external_id_bidx IS NOT NULL AND details_ct IS NOT NULL"),
            3);
}

TEST_P(ImportTest, SameFileTwiceChangesNothing) {
  std::string path = WriteFile("spoke.csv", kSpoke);
  auto first = Import(path);
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto versions = Count("SELECT sum(version) FROM people WHERE org_id = $1");
  auto second = Import(path);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_TRUE(second->already_imported);
  EXPECT_EQ(second->import_id, first->import_id);
  EXPECT_EQ(People(), 3);
  EXPECT_EQ(Count("SELECT sum(version) FROM people WHERE org_id = $1"), versions);
  // The same rows in a different file (other bytes) match every person and
  // change nothing either.
  auto again = Import(WriteFile("spoke-crlf.csv", std::string(kSpoke) + "\r\n"));
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_FALSE(again->already_imported);
  EXPECT_EQ(again->created, 0u);
  EXPECT_EQ(again->updated, 0u);
  EXPECT_EQ(again->skipped, 3u);
  EXPECT_EQ(People(), 3);
  EXPECT_EQ(Count("SELECT sum(version) FROM people WHERE org_id = $1"), versions);
  EXPECT_NE(report_.str().find("nothing new"), std::string::npos);
}

TEST_P(ImportTest, DuplicatesWithinTheFileBecomeOnePerson) {
  auto s = Import(WriteFile("dups.csv",
                            "first_name,last_name,phone,email\n"
                            "Lucy,Parsons,202-555-0143,\n"
                            "Lucy,Parsons,(202) 555-0143,lucy@example.org\n"
                            "L.,Parsons,,lucy@EXAMPLE.ORG\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(People(), 1);
  EXPECT_EQ(s->created, 1u);
  EXPECT_EQ(s->updated, 1u);  // the email filled in
  EXPECT_EQ(s->skipped, 1u);  // the email's domain case is normalized: same person, nothing new
  auto p = ByPhone("+12025550143");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].email, "lucy@example.org");
  EXPECT_EQ(p[0].name, "Lucy Parsons");  // fill never replaces a name
  EXPECT_NE(report_.str().find("created earlier in this file"), std::string::npos);
}

TEST_P(ImportTest, PoliciesFillOverwriteAndSkip) {
  std::string base = WriteFile("a.csv", "firstName,lastName,cell,zip\nRosa,Parks,(334) 555-0199,\n");
  ASSERT_TRUE(Import(base).ok());
  std::string later = WriteFile("b.csv", "firstName,lastName,cell,zip\nRosa L.,Parks,334 555 0199,36104\n");

  ImportOptions skip;
  skip.policy = DuplicatePolicy::kSkip;
  auto s = Import(later, skip);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->skipped, 1u);
  EXPECT_EQ(ByPhone("+13345550199")[0].name, "Rosa Parks");
  EXPECT_EQ(DetailsOf(ByPhone("+13345550199")[0].id).Get("zip"), "");

  // A different file (same rows, other bytes) for each policy.
  auto fill = Import(WriteFile("c.csv", "firstName,lastName,cell,zip\nRosa L.,Parks,334 555 0199,36104\n\n"));
  ASSERT_TRUE(fill.ok()) << fill.error().message();
  EXPECT_EQ(fill->updated, 1u);
  auto p = ByPhone("+13345550199");
  EXPECT_EQ(p[0].name, "Rosa Parks");  // kept
  EXPECT_EQ(DetailsOf(p[0].id).Get("zip"), "36104");  // filled
  EXPECT_EQ(DetailsOf(p[0].id).Get("first_name"), "Rosa");  // kept

  ImportOptions over;
  over.policy = DuplicatePolicy::kOverwrite;
  auto o = Import(WriteFile("d.csv", "firstName,lastName,cell,zip\nRosa L.,Parks,334 555 0199,36104\n\n\n"), over);
  ASSERT_TRUE(o.ok()) << o.error().message();
  EXPECT_EQ(o->updated, 1u);
  p = ByPhone("+13345550199");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].name, "Rosa L. Parks");
  EXPECT_EQ(p[0].version, 3);
  EXPECT_EQ(DetailsOf(p[0].id).Get("first_name"), "Rosa L.");
  EXPECT_NE(report_.str().find("overwrote name, first_name"), std::string::npos);
  EXPECT_EQ(People(), 1);
}

TEST_P(ImportTest, MatchesPeopleCreatedThroughPersonRepo) {
  store::Scope scope = store::Scope::ForOrg(org_);
  auto made = store::TransactValue<store::Person>(*db_, [&](store::Tx& tx) -> Result<store::Person> {
    auto k = keys_->ForOrg(tx, org_);
    if (!k) return k.error();
    store::PersonFields f;
    f.name = "Dolores Huerta";
    f.email = "dolores@example.org";
    return store::PersonRepo(tx, scope, **k).Create("", f, 5000);
  }, store::TxMode::kWrite, org_);
  ASSERT_TRUE(made.ok()) << made.error().message();
  auto s = Import(WriteFile("e.csv", "Full Name,Email,Phone Number\nDolores Huerta,dolores@EXAMPLE.org,209-555-0100\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->updated, 1u);
  EXPECT_EQ(People(), 1);
  auto p = ByPhone("+12095550100");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].id, made->id);
  EXPECT_NE(report_.str().find("already in the organization (by email)"), std::string::npos);
}

TEST_P(ImportTest, ExternalIdMatchesEvenWhenThePhoneChanged) {
  ASSERT_TRUE(Import(WriteFile("v1.csv", "VanID,FirstName,LastName,CellPhone\n101,Cesar,Chavez,661-555-0101\n")).ok());
  ImportOptions over;
  over.policy = DuplicatePolicy::kOverwrite;
  auto s = Import(WriteFile("v2.csv", "VanID,FirstName,LastName,CellPhone\n101,Cesar,Chavez,661-555-0177\n"), over);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->mapping.format, io::SourceFormat::kVan);
  EXPECT_EQ(s->updated, 1u);
  EXPECT_EQ(People(), 1);
  EXPECT_EQ(ByPhone("+16615550177").size(), 1u);
  EXPECT_EQ(ByPhone("+16615550101").size(), 0u);
}

TEST_P(ImportTest, RowMatchingTwoPeopleIsLeftForReview) {
  ASSERT_TRUE(Import(WriteFile("two.csv",
                               "first_name,last_name,phone,email\n"
                               "Ana,One,202-555-0110,\n"
                               "Bea,Two,,bea@example.org\n"))
                  .ok());
  auto s = Import(WriteFile("both.csv", "first_name,last_name,phone,email\nAna,One,202-555-0110,bea@example.org\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->suggested, 1u);
  EXPECT_EQ(People(), 2);
  EXPECT_NE(report_.str().find("duplicate_suggested"), std::string::npos);
}

TEST_P(ImportTest, AtomicModeWithABadRowImportsNothingAndListsIt) {
  auto s = Import(WriteFile("bad.csv",
                            "firstName,lastName,cell\n"
                            "Good,Row,202-555-0120\n"
                            "Bad,Phone,+99999999999999999\n"
                            "Bad,Email,202-555-0121\n"
                            ",,202-555-0122\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_FALSE(s->committed);
  EXPECT_EQ(s->rejected, 2u);  // the bad phone and the row without a name
  EXPECT_EQ(People(), 0);
  std::string r = report_.str();
  EXPECT_NE(r.find("3,cell,rejected,"), std::string::npos) << r;
  EXPECT_NE(r.find("5,,rejected,\"no name"), std::string::npos) << r;
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1 AND state = 'failed'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE org_id = $1 AND action = 'import.failed'"), 1);
}

TEST_P(ImportTest, PartialModeImportsTheGoodRowsAndReportsTheBad) {
  ImportOptions opt;
  opt.mode = ImportMode::kPartial;
  auto s = Import(WriteFile("bad.csv",
                            "firstName,lastName,cell,email\n"
                            "Good,Row,202-555-0120,\n"
                            "Bad,Email,202-555-0121,not-an-email\n"
                            "=HYPERLINK(\"http://x\"),Formula,202-555-0123,\n"),
                  opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->created, 2u);
  EXPECT_EQ(s->rejected, 1u);
  EXPECT_EQ(People(), 2);
  // Stored verbatim (§4 row 12); the report names the bad cell, not its value.
  EXPECT_EQ(ByPhone("+12025550123")[0].name, "=HYPERLINK(\"http://x\") Formula");
  std::string r = report_.str();
  EXPECT_NE(r.find("3,email,rejected,"), std::string::npos) << r;
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1 AND state = 'completed' AND rejected = 1"), 1);
}

TEST_P(ImportTest, ResumesAfterACrashWithoutDuplicates) {
  std::string csv = "first_name,last_name,phone\n";
  for (int i = 0; i < 50; ++i) {
    // Every fifth row has no phone: only resuming (not deduplication) keeps
    // it from being imported twice.
    csv += "Name" + std::to_string(i) + ",Last," + (i % 5 == 0 ? "" : "202-555-01" + std::to_string(10 + i)) + "\n";
  }
  std::string path = WriteFile("resume.csv", csv);
  ImportOptions opt;
  opt.mode = ImportMode::kPartial;
  opt.batch_rows = 4;
  opt.commit_rows = 8;
  opt.after_commit = [](uint64_t rows_done) { return rows_done < 16; };
  auto first = Import(path, opt);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_TRUE(first->stopped);
  EXPECT_EQ(People(), 16);
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1 AND state = 'running' AND rows_done = 16"), 1);

  opt.after_commit = nullptr;
  auto second = Import(path, opt);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_TRUE(second->resumed);
  EXPECT_EQ(second->resumed_after_rows, 16u);
  EXPECT_EQ(second->import_id, first->import_id);
  EXPECT_EQ(second->rows, 34u);
  EXPECT_EQ(People(), 50);
  EXPECT_EQ(Count("SELECT created FROM imports WHERE org_id = $1"), 50);
  auto third = Import(path, opt);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->already_imported);
  EXPECT_EQ(People(), 50);
}

TEST_P(ImportTest, AuditEventHoldsCountsNeverValues) {
  auto s = Import(WriteFile("spoke.csv", kSpoke));
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto events = store::TransactValue<std::vector<security::AuditEvent>>(*db_, [&](store::Tx& tx) {
    return store::ListAudit(tx, org_, 0, 10);
  }, store::TxMode::kRead, org_);
  ASSERT_TRUE(events.ok());
  ASSERT_FALSE(events->empty());
  const auto& e = events->front();
  EXPECT_EQ(e.action, "import.completed");
  EXPECT_EQ(e.object.rfind("import:" + s->import_id + " rows:3", 0), 0u) << e.object;
  for (const char* pii : {"Katharine", "555", "X-1", "90000"}) {
    EXPECT_EQ(e.object.find(pii), std::string::npos) << pii;
  }
}

TEST_P(ImportTest, RaggedBlankAndTranscodedRowsAreReportedNotDropped) {
  ImportOptions opt;
  opt.mode = ImportMode::kPartial;
  auto s = Import(WriteFile("ragged.csv",
                            "firstName,lastName,cell\r\n"
                            "Short,Row\r\n"
                            ",,\r\n"
                            "Long,Row,202-555-0150,extra\n"
                            "Trailing,Comma,202-555-0151,\n"
                            "Jos\xE9,Latin1,202-555-0152\n"),
                  opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 3u);   // short row, trailing comma, latin-1
  EXPECT_EQ(s->rejected, 1u);  // a cell past the header holding data
  EXPECT_EQ(s->skipped, 1u);   // the row of bare commas
  std::string r = report_.str();
  EXPECT_NE(r.find("4,,rejected,"), std::string::npos) << r;
  EXPECT_NE(r.find("3,,skipped,empty row"), std::string::npos) << r;
  EXPECT_NE(r.find("6,,created,"), std::string::npos) << r;
  auto p = ByPhone("+12025550152");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].name, "Jos\xC3\xA9 Latin1");
}

TEST_P(ImportTest, RepeatedWarningsAreCapped) {
  std::string csv = "firstName,lastName,cell\n";
  for (int i = 0; i < 30; ++i) csv += "N" + std::to_string(i) + ",L,(555) 010-00" + std::to_string(10 + i) + "\n";
  ImportOptions opt;
  opt.max_warnings_per_kind = 5;
  auto s = Import(WriteFile("w.csv", csv), opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 30u);
  EXPECT_EQ(s->warnings, 30u);
  std::string r = report_.str();
  EXPECT_NE(r.find("and 25 more rows like the ones above"), std::string::npos) << r;
  EXPECT_EQ(std::count(r.begin(), r.end(), '\n'), 1 + 5 + 1);
}

TEST_P(ImportTest, OrgsDoNotSeeEachOthersPeople) {
  std::string other = NewOrg("other-local");
  ASSERT_TRUE(Import(WriteFile("spoke.csv", kSpoke), {}, other).ok());
  auto s = Import(WriteFile("spoke.csv", kSpoke));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_FALSE(s->already_imported);  // the file hash is keyed per org
  EXPECT_EQ(s->created, 3u);
}

// Incorrect usage.
TEST_P(ImportTest, FileWithoutANameColumnIsRefused) {
  auto s = Import(WriteFile("noname.csv", "cell,zip\n202-555-0100,20001\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().field(), "file");
  EXPECT_EQ(People(), 0);
}

TEST_P(ImportTest, MissingFileAndUnknownRegionAreRefused) {
  auto missing = Import(test_db_->dir() + "/nope.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field(), "file");
  ImportOptions opt;
  opt.region = "ZZ";
  auto region = Import(WriteFile("spoke.csv", kSpoke), opt);
  ASSERT_FALSE(region.ok());
  EXPECT_EQ(region.error().field(), "region");
}

TEST(ImportRow, SealFieldOpensWithTheFieldCipher) {
  security::DataKey k;
  k.key_id = 7;
  k.key = security::NewKey();
  security::Keyset only;
  security::DataKey copy;
  copy.key_id = 7;
  copy.key = security::SecretBytes(32);
  std::memcpy(copy.key.data(), k.key.data(), 32);
  ASSERT_TRUE(only.Add(std::move(copy)).ok());
  store::RandomPool rng;
  std::string org = store::NewId(), row = store::NewId();
  std::string blob = store::SealField(k, "name", row, org, "Mother Jones", rng);
  auto plain = security::Decrypt(only, blob, security::FieldAd{"people", "name", row, org});
  ASSERT_TRUE(plain.ok()) << plain.error().message();
  EXPECT_EQ(*plain, "Mother Jones");
  // Bound to its row, like security::Encrypt's blobs.
  auto moved = security::Decrypt(only, blob, security::FieldAd{"people", "name", store::NewId(), org});
  EXPECT_FALSE(moved.ok());
  // Two seals of one value differ (fresh nonces).
  EXPECT_NE(store::SealField(k, "name", row, org, "Mother Jones", rng), blob);
}

TEST(ImportRow, DetailsRoundTripThroughJson) {
  store::Details d;
  d.Set("first_name", "Ana \"Q\"\n\\");
  d.Set("zip", "02134");
  d.SetCustom("Shift (days)", "Mon\tWed");
  auto back = store::DetailsFromJson(store::DetailsToJson(d));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, d);
  d.Set("zip", "");
  EXPECT_EQ(d.Get("zip"), "");
  EXPECT_FALSE(store::DetailsFromJson("[1]").ok());
  EXPECT_FALSE(store::DetailsFromJson("{\"a\":1}").ok());
}

}  // namespace
}  // namespace hotshop::testing
