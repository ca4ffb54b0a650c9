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
#include <atomic>
#include <cstring>
#include <fstream>
#include <sstream>

#include "io/header_mapping.h"
#include "security/field_cipher.h"
#include "security/keyring.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/import_row.h"
#include "store/org_repo.h"
#include "store/person_repo.h"
#include "import_test_support.h"
#include "store_test_base.h"

namespace hotshop::testing {
namespace {

using store::DuplicatePolicy;
using store::ImportMode;
using store::ImportOptions;
using store::ImportSummary;

// The shared fixture (org, files, Import, reads): import_test_support.h.
class ImportTest : public ImportTestBase {};
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

// Options the HTTP import API passes: the user's mapping, tags, progress, cancel.
const char* kRoster =
    "firstName,lastName,cell,shift,notes\n"
    "Mary,Harris,(312) 555-0101,night,keep out\n"
    "Lucy,Parsons,(312) 555-0102,day,\n"
    "Emma,Goldman,(312) 555-0103,,\n";

io::HeaderMapping RosterMapping() {
  std::vector<std::string> header = {"firstName", "lastName", "cell", "shift", "notes"};
  return io::MapHeader(header);
}

TEST_P(ImportTest, CallersMappingReplacesTheDetectedOne) {
  ImportOptions opt;
  opt.mapping = RosterMapping();
  ASSERT_TRUE(opt.mapping->Skip(4).ok());                                     // notes: skipped
  ASSERT_TRUE(opt.mapping->AssignField(3, io::ContactField::kOccupation).ok());  // shift: a field
  auto s = Import(WriteFile("roster.csv", kRoster), opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 3u);
  store::Details d = DetailsOf(ByPhone("+13125550101")[0].id);
  EXPECT_EQ(d.Get("occupation"), "night");
  EXPECT_EQ(d.GetCustom("shift"), "");
  EXPECT_EQ(d.GetCustom("notes"), "");
  EXPECT_TRUE(d.custom.empty());
}

TEST_P(ImportTest, CorrectedMappingIsANewImportSameChoicesAreNot) {
  std::string path = WriteFile("roster.csv", kRoster);
  auto first = Import(path);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(DetailsOf(ByPhone("+13125550101")[0].id).GetCustom("notes"), "keep out");
  // The same file with the same (detected) mapping passed explicitly: a no-op.
  ImportOptions same;
  same.mapping = RosterMapping();
  auto again = Import(path, same);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(again->import_id, first->import_id);
  // A corrected mapping: a new import of the same bytes.
  ImportOptions fixed;
  fixed.mapping = RosterMapping();
  ASSERT_TRUE(fixed.mapping->AssignField(3, io::ContactField::kOccupation).ok());
  fixed.policy = DuplicatePolicy::kOverwrite;
  auto corrected = Import(path, fixed);
  ASSERT_TRUE(corrected.ok()) << corrected.error().message();
  EXPECT_FALSE(corrected->already_imported);
  EXPECT_NE(corrected->import_id, first->import_id);
  EXPECT_EQ(corrected->updated, 2u);  // Mary and Lucy have a shift
  EXPECT_EQ(DetailsOf(ByPhone("+13125550101")[0].id).Get("occupation"), "night");
  // ... and once more with those choices: a no-op again.
  auto twice = Import(path, fixed);
  ASSERT_TRUE(twice.ok());
  EXPECT_TRUE(twice->already_imported);
  EXPECT_EQ(twice->import_id, corrected->import_id);
  // Another duplicate policy, or tags, make it another import.
  ImportOptions skip = fixed;
  skip.policy = DuplicatePolicy::kSkip;
  auto skipped = Import(path, skip);
  ASSERT_TRUE(skipped.ok());
  EXPECT_FALSE(skipped->already_imported);
  EXPECT_EQ(skipped->skipped, 3u);
  ImportOptions tagged = fixed;
  tagged.tags = {"roster-2026"};
  auto with_tags = Import(path, tagged);
  ASSERT_TRUE(with_tags.ok());
  EXPECT_FALSE(with_tags->already_imported);
  EXPECT_EQ(with_tags->updated, 3u);
  EXPECT_EQ(People(), 3);
}

TEST_P(ImportTest, CallersMappingMustFitTheFile) {
  std::string path = WriteFile("roster.csv", kRoster);
  ImportOptions narrow;
  narrow.mapping = io::MapHeader(std::vector<std::string>{"firstName", "lastName", "cell"});
  auto s = Import(path, narrow);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().field(), "columns");
  ImportOptions twice;
  twice.mapping = RosterMapping();
  twice.mapping->columns[3].action = io::ColumnAction::kField;
  twice.mapping->columns[3].field = io::ContactField::kCellPhone;  // as column 2
  s = Import(path, twice);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "columns");
  // The name-column check still applies.
  ImportOptions nameless;
  nameless.mapping = RosterMapping();
  ASSERT_TRUE(nameless.mapping->Skip(0).ok());
  ASSERT_TRUE(nameless.mapping->Skip(1).ok());
  s = Import(path, nameless);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "file");
  EXPECT_EQ(People(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1"), 0);
}

TEST_P(ImportTest, TagsAreMergedIntoCreatedAndMatchedPeople) {
  ImportOptions opt;
  opt.tags = {" roster-2026 ", "night shift", "roster-2026"};
  auto s = Import(WriteFile("tagged.csv",
                            "first_name,last_name,phone,tags\n"
                            "Ella,Baker,202-555-0131,\"volunteer, night shift ,volunteer\"\n"
                            "Fannie,Hamer,202-555-0132,\n"),
                  opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 2u);
  EXPECT_EQ(DetailsOf(ByPhone("+12025550131")[0].id).Get("tags"), "volunteer, night shift, roster-2026");
  EXPECT_EQ(DetailsOf(ByPhone("+12025550132")[0].id).Get("tags"), "roster-2026, night shift");
  // A file without a tags column: its duplicates gain the tags (fill).
  ImportOptions fill;
  fill.tags = {"phonebank"};
  auto f = Import(WriteFile("more.csv", "first_name,last_name,phone\nElla,Baker,202-555-0131\nSeptima,Clark,202-555-0133\n"),
                  fill);
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(f->updated, 1u);
  EXPECT_EQ(f->created, 1u);
  EXPECT_EQ(DetailsOf(ByPhone("+12025550131")[0].id).Get("tags"), "volunteer, night shift, roster-2026, phonebank");
  EXPECT_EQ(DetailsOf(ByPhone("+12025550133")[0].id).Get("tags"), "phonebank");
  // Overwrite merges too; nothing is removed.
  ImportOptions over;
  over.policy = DuplicatePolicy::kOverwrite;
  over.tags = {"canvass"};
  auto o = Import(WriteFile("over.csv", "first_name,last_name,phone,tags\nElla,Baker,202-555-0131,volunteer\n"), over);
  ASSERT_TRUE(o.ok()) << o.error().message();
  EXPECT_EQ(o->updated, 1u);
  EXPECT_EQ(DetailsOf(ByPhone("+12025550131")[0].id).Get("tags"),
            "volunteer, night shift, roster-2026, phonebank, canvass");
  // Skip leaves existing people alone.
  ImportOptions skip;
  skip.policy = DuplicatePolicy::kSkip;
  skip.tags = {"ignored"};
  auto k = Import(WriteFile("skip.csv", "first_name,last_name,phone\nSeptima,Clark,202-555-0133\n"), skip);
  ASSERT_TRUE(k.ok()) << k.error().message();
  EXPECT_EQ(k->skipped, 1u);
  EXPECT_EQ(DetailsOf(ByPhone("+12025550133")[0].id).Get("tags"), "phonebank");
  // Re-importing the same rows with the same tags changes nothing.
  auto versions = Count("SELECT sum(version) FROM people WHERE org_id = $1");
  auto again = Import(WriteFile("more2.csv", "first_name,last_name,phone\nElla,Baker,202-555-0131\n\n"), fill);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->skipped, 1u);
  EXPECT_EQ(Count("SELECT sum(version) FROM people WHERE org_id = $1"), versions);
}

TEST_P(ImportTest, BadTagsAreRefused) {
  std::string path = WriteFile("spoke.csv", kSpoke);
  for (std::vector<std::string> bad : {std::vector<std::string>{"a,b"}, {"  "}, {"tab\there"}, {std::string(101, 'x')}}) {
    ImportOptions opt;
    opt.tags = bad;
    auto s = Import(path, opt);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(s.error().field(), "tags");
  }
  EXPECT_EQ(People(), 0);
}

TEST_P(ImportTest, ProgressIsReportedAfterEachBatchAndAtTheEnd) {
  std::string csv = "first_name,last_name,phone\n";
  for (int i = 0; i < 40; ++i) csv += "Name" + std::to_string(i) + ",Last,202-555-01" + std::to_string(10 + i) + "\n";
  std::string path = WriteFile("progress.csv", csv);
  for (ImportMode mode : {ImportMode::kAtomic, ImportMode::kPartial}) {
    std::vector<store::ImportProgress> seen;
    ImportOptions opt;
    opt.mode = mode;
    opt.batch_rows = 8;
    opt.commit_rows = 16;
    opt.policy = mode == ImportMode::kAtomic ? DuplicatePolicy::kFillBlanks : DuplicatePolicy::kSkip;
    opt.on_progress = [&](const store::ImportProgress& p) { seen.push_back(p); };
    auto s = Import(path, opt);
    ASSERT_TRUE(s.ok()) << s.error().message();
    ASSERT_GE(seen.size(), 6u);  // 5 batches and the end
    for (size_t i = 1; i < seen.size(); ++i) {
      EXPECT_GE(seen[i].rows_done, seen[i - 1].rows_done);
      EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done);
    }
    EXPECT_EQ(seen[0].rows_done, 8u);
    EXPECT_EQ(seen.back().rows_done, 40u);
    EXPECT_EQ(seen.back().bytes_done, csv.size());
    for (const auto& p : seen) {
      EXPECT_EQ(p.bytes_total, csv.size());
      EXPECT_LE(p.bytes_done, p.bytes_total);
    }
  }
}

TEST_P(ImportTest, CancelStopsAnAtomicImportAsACrashWould) {
  std::string csv = "first_name,last_name,phone\n";
  for (int i = 0; i < 40; ++i) csv += "Name" + std::to_string(i) + ",Last,202-555-01" + std::to_string(10 + i) + "\n";
  std::string path = WriteFile("cancel.csv", csv);
  std::atomic<bool> cancel{false};
  ImportOptions opt;
  opt.batch_rows = 8;
  opt.cancel = &cancel;
  opt.on_progress = [&](const store::ImportProgress& p) {
    if (p.rows_done >= 16) cancel = true;
  };
  auto s = Import(path, opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->stopped);
  EXPECT_FALSE(s->committed);
  EXPECT_EQ(s->created, 0u);
  EXPECT_EQ(People(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE org_id = $1 AND action LIKE 'import.%'"), 0);
  // Run again: a fresh import of every row.
  cancel = false;
  opt.on_progress = nullptr;
  auto again = Import(path, opt);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_FALSE(again->stopped);
  EXPECT_EQ(again->created, 40u);
  EXPECT_EQ(People(), 40);
}

TEST_P(ImportTest, CancelStopsAPartialImportWhichThenResumes) {
  std::string csv = "first_name,last_name,phone\n";
  for (int i = 0; i < 40; ++i) {
    csv += "Name" + std::to_string(i) + ",Last," + (i % 5 == 0 ? "" : "202-555-01" + std::to_string(10 + i)) + "\n";
  }
  std::string path = WriteFile("cancel.csv", csv);
  std::atomic<bool> cancel{false};
  ImportOptions opt;
  opt.mode = ImportMode::kPartial;
  opt.batch_rows = 4;
  opt.commit_rows = 8;
  opt.cancel = &cancel;
  opt.on_progress = [&](const store::ImportProgress& p) {
    if (p.rows_done >= 20) cancel = true;  // mid-transaction: rows 17-20 roll back
  };
  auto s = Import(path, opt);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->stopped);
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->created, 16u);
  EXPECT_EQ(People(), 16);
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1 AND state = 'running' AND rows_done = 16"), 1);
  cancel = false;
  opt.on_progress = nullptr;
  auto resumed = Import(path, opt);
  ASSERT_TRUE(resumed.ok()) << resumed.error().message();
  EXPECT_TRUE(resumed->resumed);
  EXPECT_EQ(resumed->import_id, s->import_id);
  EXPECT_EQ(resumed->created, 24u);
  EXPECT_EQ(People(), 40);
}

// Tx::BulkInsert, the importer's write path: what it stores reads back as
// what was given, NULLs included (a column NULL in every row, a column NULL
// in some), bytes with NUL and high bytes, non-ASCII text.
TEST_P(ImportTest, BulkInsertStoresWhatItIsGiven) {
  const std::string a = store::NewId(), b = store::NewId(), c = store::NewId();
  const std::string blob_a("\x00\xff\x01 blob", 8), blob_c("\x7f", 1);
  static constexpr std::string_view kCols[] = {"org_id",   "id",       "created_at_ms", "updated_at_ms", "name_ct",
                                               "phone_ct", "email_ct", "phone_bidx",    "preferred_language"};
  using store::BulkValue;
  std::vector<BulkValue> v = {
      BulkValue::Uuid(org_), BulkValue::Uuid(a), BulkValue::Int(5), BulkValue::Int(6), BulkValue::Bytes(blob_a),
      BulkValue::Bytes(blob_c), BulkValue::Null(), BulkValue::Int(4294967295), BulkValue::Text("espa\xC3\xB1ol"),
      BulkValue::Uuid(org_), BulkValue::Uuid(b), BulkValue::Int(-7), BulkValue::Int(8), BulkValue::Bytes(blob_c),
      BulkValue::Null(), BulkValue::Null(), BulkValue::Null(), BulkValue::Text(""),
      BulkValue::Uuid(org_), BulkValue::Uuid(c), BulkValue::Int(9), BulkValue::Int(10), BulkValue::Bytes(blob_c),
      BulkValue::Bytes(blob_a), BulkValue::Null(), BulkValue::Int(0), BulkValue::Text("en"),
  };
  Status s = db_->Transact([&](store::Tx& tx) -> Status {
    auto n = tx.BulkInsert("people", kCols, v);
    if (!n) return n.error();
    EXPECT_EQ(*n, 3);
    return Ok();
  }, store::TxMode::kWrite, org_);
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto rows = store::TransactValue<store::Rows>(*db_, [&](store::Tx& tx) {
    return tx.Query("SELECT id, created_at_ms, name_ct, phone_ct, email_ct, phone_bidx, preferred_language "
                    "FROM people WHERE org_id = $1 ORDER BY created_at_ms", {org_});
  }, store::TxMode::kRead, org_);
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  ASSERT_EQ(rows->size(), 3u);
  const store::Row& rb = (*rows)[0];
  const store::Row& ra = (*rows)[1];
  const store::Row& rc = (*rows)[2];
  EXPECT_EQ(rb.Text(0), b);
  EXPECT_EQ(rb.Int(1), -7);
  EXPECT_TRUE(rb.IsNull(3));
  EXPECT_TRUE(rb.IsNull(5));
  EXPECT_EQ(rb.Text(6), "");
  EXPECT_EQ(ra.Text(0), a);
  EXPECT_EQ(ra.Blob(2), blob_a);
  EXPECT_EQ(ra.Blob(3), blob_c);
  EXPECT_TRUE(ra.IsNull(4));
  EXPECT_EQ(ra.Int(5), 4294967295);
  EXPECT_EQ(ra.Text(6), "espa\xC3\xB1ol");
  EXPECT_EQ(rc.Blob(3), blob_a);
  EXPECT_EQ(rc.Int(5), 0);
  // Constraints apply as to INSERT: the same id twice is a conflict, and
  // nothing of the call stays once the transaction rolls back.
  std::vector<BulkValue> again(v.begin(), v.begin() + 9);
  Status dup = db_->Transact([&](store::Tx& tx) -> Status {
    auto n = tx.BulkInsert("people", kCols, again);
    if (!n) return n.error();
    return Ok();
  }, store::TxMode::kWrite, org_);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(People(), 3);
}

// Row-level security is PostgreSQL's: this suite runs there only (and not at
// all without a PostgreSQL to test on), rather than skipping on SQLite.
class ImportTestPg : public ImportTestBase {};
std::vector<DbKind> PostgresOnly() {
  std::vector<DbKind> kinds = TestDbKinds();
  kinds.erase(std::remove(kinds.begin(), kinds.end(), DbKind::kSqlite), kinds.end());
  return kinds;
}
INSTANTIATE_TEST_SUITE_P(Db, ImportTestPg, ::testing::ValuesIn(PostgresOnly()), DbParamName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ImportTestPg);

TEST_P(ImportTestPg, BulkInsertIsBoundByRowLevelSecurity) {
  std::string other = NewOrg("other-local");
  auto app = store::OpenDatabase(test_db_->app_url(), 1);
  ASSERT_TRUE(app.ok()) << app.error().message();
  static constexpr std::string_view kCols[] = {"org_id", "id", "created_at_ms", "updated_at_ms", "name_ct"};
  using store::BulkValue;
  const std::string id = store::NewId();
  std::vector<BulkValue> v = {BulkValue::Uuid(other), BulkValue::Uuid(id), BulkValue::Int(1), BulkValue::Int(1),
                              BulkValue::Bytes("x")};
  // The app role, in org_'s transaction, cannot write a row of another org.
  Status s = (*app)->Transact([&](store::Tx& tx) -> Status {
    auto n = tx.BulkInsert("people", kCols, v);
    if (!n) return n.error();
    return Ok();
  }, store::TxMode::kWrite, org_);
  EXPECT_FALSE(s.ok());
  s = (*app)->Transact([&](store::Tx& tx) -> Status {
    auto n = tx.BulkInsert("people", kCols, v);
    if (!n) return n.error();
    return Ok();
  }, store::TxMode::kWrite, other);
  EXPECT_TRUE(s.ok()) << s.error().message();
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
