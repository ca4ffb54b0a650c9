// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/csv_writer: RFC 4180 output with the CSV-injection guard of
// security-model.md §2.12 / §4 row 12, the E.164 phone-column decision, and a
// writer -> reader round-trip property over generated hostile cells.
// Hostile cases: =HYPERLINK, @SUM, +, -, TAB, CR and NUL at the start of a
// cell; full-width ＝; cells already starting with apostrophes; embedded
// quotes, delimiters and line breaks; U+202E; a one-empty-cell row; a stream
// that fails mid-export; rows whose cell count differs from the header's.
#include "io/csv_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.h"

namespace hotshop::io {
namespace {

std::string Cell(std::string_view cell, ColumnKind kind = ColumnKind::kText,
                 PhoneExport phone_export = PhoneExport::kE164) {
  std::string out;
  AppendCsvCell(cell, ',', kind, phone_export, out);
  return out;
}

TEST(CsvWriter, FormulaCellsGetAnApostrophe) {
  EXPECT_EQ(Cell("=HYPERLINK(\"http://x/?\"&A2)"),
            "\"'=HYPERLINK(\"\"http://x/?\"\"&A2)\"");
  EXPECT_EQ(Cell("@SUM(1)"), "'@SUM(1)");
  EXPECT_EQ(Cell("+1+2"), "'+1+2");
  EXPECT_EQ(Cell("-2+3"), "'-2+3");
  EXPECT_EQ(Cell("\tcmd"), "'\tcmd");
  EXPECT_EQ(Cell("\rcmd"), "\"'\rcmd\"");
  EXPECT_EQ(Cell(std::string_view("\0x", 2)), std::string("\"'\0x\"", 5));
  EXPECT_EQ(Cell("\xEF\xBC\x9D" "1+1"), "'\xEF\xBC\x9D" "1+1");  // ＝
}

TEST(CsvWriter, ApostrophesBeforeATriggerAreGuardedToo) {
  EXPECT_EQ(Cell("'=1"), "''=1");
  EXPECT_EQ(Cell("'plain"), "'plain");
  EXPECT_EQ(Cell("O'Neil"), "O'Neil");
}

TEST(CsvWriter, PlainCellsAreUntouched) {
  EXPECT_EQ(Cell("Dolores Huerta"), "Dolores Huerta");
  EXPECT_EQ(Cell("a=b"), "a=b");
  EXPECT_EQ(Cell(""), "");
  EXPECT_EQ(Cell("\xE2\x80\xAE" "evil"), "\xE2\x80\xAE" "evil");
}

TEST(CsvWriter, QuotesWhenNeeded) {
  EXPECT_EQ(Cell("Benton, John B Jr"), "\"Benton, John B Jr\"");
  EXPECT_EQ(Cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Cell(" padded "), "\" padded \"");
}

TEST(CsvWriter, E164PhonesInPhoneColumnsKeepThePlus) {
  EXPECT_EQ(Cell("+15550100000", ColumnKind::kPhone), "+15550100000");
  EXPECT_EQ(Cell("+15550100000", ColumnKind::kPhone, PhoneExport::kDigitsOnly),
            "15550100000");
  EXPECT_EQ(Cell("+15550100000", ColumnKind::kPhone, PhoneExport::kGuarded),
            "'+15550100000");
  EXPECT_EQ(Cell("+15550100000"), "'+15550100000");  // not a phone column
}

TEST(CsvWriter, NonE164TextInPhoneColumnIsStillGuarded) {
  EXPECT_EQ(Cell("+1 555 CALL", ColumnKind::kPhone), "'+1 555 CALL");
  EXPECT_EQ(Cell("+1+1", ColumnKind::kPhone), "'+1+1");
  EXPECT_EQ(Cell("+0123456789", ColumnKind::kPhone), "'+0123456789");
  EXPECT_EQ(Cell("=1+15550100000", ColumnKind::kPhone), "'=1+15550100000");
  EXPECT_FALSE(IsE164("+123456"));
  EXPECT_TRUE(IsE164("+1234567"));
  EXPECT_TRUE(IsE164("+123456789012345"));
  EXPECT_FALSE(IsE164("+1234567890123456"));
}

TEST(CsvWriter, WritesCrlfRowsAndOptionalBom) {
  std::ostringstream out;
  CsvWriterOptions o;
  o.utf8_bom = true;
  CsvWriter w(out, o);
  w.SetColumnKinds({ColumnKind::kText, ColumnKind::kPhone});
  ASSERT_TRUE(w.WriteRow({"name", "cell"}).ok());
  ASSERT_TRUE(w.WriteRow({"=cmd", "+12025550175"}).ok());
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "\xEF\xBB\xBFname,cell\r\n'=cmd,+12025550175\r\n");
  EXPECT_EQ(w.rows_written(), 2u);
}

TEST(CsvWriter, OneEmptyCellRowIsNotABlankLine) {
  std::ostringstream out;
  CsvWriter w(out);
  ASSERT_TRUE(w.WriteRow({"only"}).ok());
  ASSERT_TRUE(w.WriteRow({""}).ok());
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "only\r\n\"\"\r\n");
}

TEST(CsvWriter, FirstRowThatLooksLikeExcelSepHintIsQuoted) {
  // Found by csv_reader_fuzz: "sep=N" read back as a delimiter hint.
  std::ostringstream out;
  CsvWriter w(out);
  ASSERT_TRUE(w.WriteRow({"sep=N"}).ok());
  ASSERT_TRUE(w.WriteRow({"sep=N"}).ok());
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "\"sep=N\"\r\nsep=N\r\n");
  std::istringstream in(out.str());
  CsvOptions o;
  o.has_header = false;
  Result<CsvReader> r = CsvReader::Open(in, o);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec[0], "sep=N");
  std::ostringstream quote_out;
  CsvWriter q(quote_out);
  ASSERT_TRUE(q.WriteRow({"sep=\""}).ok());
  ASSERT_TRUE(q.Finish().ok());
  EXPECT_EQ(quote_out.str(), "\"sep=\"\"\"\r\n");
}

TEST(CsvWriter, FirstRowOfSepAndAnEmptyCellIsNotAHintEither) {
  // Found by csv_reader_fuzz: {"sep=", ""} was written "sep=," and read back
  // as Excel's delimiter hint, so the row was lost on the round trip.
  for (char d : {',', ';', '\t'}) {
    std::ostringstream out;
    CsvWriterOptions wo;
    wo.delimiter = d;
    CsvWriter w(out, wo);
    ASSERT_TRUE(w.WriteRow({"sep=", ""}).ok());
    ASSERT_TRUE(w.WriteRow({"a", "b"}).ok());
    ASSERT_TRUE(w.Finish().ok());
    EXPECT_EQ(out.str(), std::string("\"sep=\"") + d + "\r\na" + d + "b\r\n");
    std::istringstream in(out.str());
    CsvOptions o;
    o.has_header = false;
    Result<CsvReader> r = CsvReader::Open(in, o);
    ASSERT_TRUE(r.ok());
    CsvRecord rec;
    ASSERT_TRUE(*r->Next(rec));
    ASSERT_EQ(rec.size(), 2u);
    EXPECT_EQ(rec[0], "sep=");
    EXPECT_EQ(rec[1], "");
  }
  // Only the first cell is quoted; the next cells keep their formula guard.
  std::ostringstream out;
  CsvWriter w(out);
  ASSERT_TRUE(w.WriteRow({"sep=;", "=1+2"}).ok());
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "sep=;,'=1+2\r\n");
}

TEST(CsvWriter, FirstCellStartingWithAByteOrderMarkKeepsIt) {
  // Found by csv_reader_fuzz: a first cell starting with U+FEFF (a stray BOM
  // inside an uploaded file) was written bare and stripped on reading back.
  const std::string bom = "\xEF\xBB\xBF";
  for (bool with_bom : {false, true}) {
    std::ostringstream out;
    CsvWriterOptions wo;
    wo.utf8_bom = with_bom;
    CsvWriter w(out, wo);
    ASSERT_TRUE(w.WriteRow({bom + "a", "b"}).ok());
    ASSERT_TRUE(w.WriteRow({bom + "c", "d"}).ok());  // not the file's start
    ASSERT_TRUE(w.Finish().ok());
    EXPECT_EQ(out.str(), with_bom ? bom + bom + "a,b\r\n" + bom + "c,d\r\n"
                                  : "\"" + bom + "a\",b\r\n" + bom + "c,d\r\n");
    std::istringstream in(out.str());
    CsvOptions o;
    o.has_header = false;
    Result<CsvReader> r = CsvReader::Open(in, o);
    ASSERT_TRUE(r.ok());
    CsvRecord rec;
    ASSERT_TRUE(*r->Next(rec));
    EXPECT_EQ(rec[0], bom + "a") << with_bom;
    ASSERT_TRUE(*r->Next(rec));
    EXPECT_EQ(rec[0], bom + "c") << with_bom;
  }
}

TEST(CsvWriter, TabDelimitedOutputQuotesTabs) {
  std::ostringstream out;
  CsvWriterOptions o;
  o.delimiter = '\t';
  CsvWriter w(out, o);
  ASSERT_TRUE(w.WriteRow({"a,b", "c\td"}).ok());
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "a,b\t\"c\td\"\r\n");
}

TEST(CsvWriter, StripFormulaGuardInvertsTheGuard) {
  for (std::string_view cell : {"=1", "'=1", "''=1", "'x", "plain", "", "'",
                                "@", "-", "+1"}) {
    std::string guarded = NeedsFormulaGuard(cell) ? "'" + std::string(cell)
                                                  : std::string(cell);
    EXPECT_EQ(StripFormulaGuard(guarded), cell);
  }
}

// Property: for generated hostile cells, writer -> reader -> StripFormulaGuard
// gives the cells back exactly, and no cell reads back starting with a
// formula trigger.
TEST(CsvWriter, RoundTripThroughReaderRestoresEveryCell) {
  std::mt19937 rng(4180);
  const std::vector<std::string> atoms = {
      "a", "Z", " ", ",", ";", "\t", "\"", "\r", "\n", "\r\n", "'", "=", "+",
      "-", "@", "0", "\xC3\xA9", "\xE2\x80\xAE", "\xEF\xBC\x9D", "\xF0\x9F\x98\x80"};
  for (char delimiter : {',', '\t', ';'}) {
    for (int round = 0; round < 150; ++round) {
      const size_t width = 1 + rng() % 5;
      std::vector<std::vector<std::string>> rows;
      for (size_t r = 0; r < 1 + rng() % 6; ++r) {
        std::vector<std::string> row;
        for (size_t c = 0; c < width; ++c) {
          std::string cell;
          for (size_t k = 0; k < rng() % 6; ++k) cell += atoms[rng() % atoms.size()];
          row.push_back(cell);
        }
        rows.push_back(row);
      }
      std::ostringstream out;
      CsvWriterOptions wo;
      wo.delimiter = delimiter;
      wo.utf8_bom = round % 2 == 0;
      CsvWriter w(out, wo);
      for (const auto& row : rows) ASSERT_TRUE(w.WriteRow(row).ok());
      ASSERT_TRUE(w.Finish().ok());

      std::istringstream in(out.str());
      CsvOptions ro;
      ro.delimiter = delimiter;
      ro.has_header = false;
      Result<CsvReader> reader = CsvReader::Open(in, ro);
      ASSERT_TRUE(reader.ok());
      CsvRecord rec;
      size_t r = 0;
      while (*reader->Next(rec)) {
        ASSERT_LT(r, rows.size());
        ASSERT_EQ(rec.size(), width) << out.str();
        EXPECT_FALSE(rec.damaged());
        for (size_t c = 0; c < width; ++c) {
          const std::string_view got = rec[c];
          EXPECT_FALSE(!got.empty() && (got[0] == '=' || got[0] == '+' ||
                                        got[0] == '-' || got[0] == '@'))
              << "unguarded cell " << got;
          EXPECT_EQ(StripFormulaGuard(got), rows[r][c]) << out.str();
        }
        ++r;
      }
      EXPECT_EQ(r, rows.size()) << out.str();
    }
  }
}

// --- Incorrect usage -------------------------------------------------------

TEST(CsvWriterIncorrectUsage, RowWithAnotherCellCountIsRefused) {
  std::ostringstream out;
  CsvWriter w(out);
  ASSERT_TRUE(w.WriteRow({"a", "b"}).ok());
  Status s = w.WriteRow({"1"});
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().Is(ErrorCode::kInvalidInput));
  EXPECT_EQ(s.error().field(), "row");
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "a,b\r\n");  // nothing half-written
}

TEST(CsvWriterIncorrectUsage, BrokenStreamIsReported) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  CsvWriter w(out);
  ASSERT_TRUE(w.WriteRow({"a"}).ok());  // buffered
  Status s = w.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().Is(ErrorCode::kUnavailable));
}

TEST(CsvWriterIncorrectUsage, EmptyExportWithBomIsJustTheBom) {
  std::ostringstream out;
  CsvWriterOptions o;
  o.utf8_bom = true;
  CsvWriter w(out, o);
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(out.str(), "\xEF\xBB\xBF");
}

}  // namespace
}  // namespace hotshop::io
