// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/icalendar: RFC 5545 line ends, folding, escaping, all-day
// events.
#include "io/icalendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "core/iso_date.h"

namespace hotshop::io {
namespace {

using namespace std::chrono;

// Unfolds RFC 5545 content lines (CRLF followed by a space continues).
std::vector<std::string> Unfold(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "every line ends in CRLF";
    if (end == std::string::npos) break;
    std::string l = text.substr(at, end - at);
    if (!l.empty() && l[0] == ' ') {
      EXPECT_FALSE(lines.empty());
      lines.back() += l.substr(1);
    } else {
      lines.push_back(l);
    }
    at = end + 2;
  }
  return lines;
}

TEST(ICalendar, WritesAllDayEventsWithCrlfAndStableFields) {
  std::vector<CalendarEvent> events = {
      {"ten_b-1@hotshop", 2026y / March / 9, "10(b) deadline; Harbor, case 19-CA-000001", ""},
      {"objections-2@hotshop", 2026y / December / 31, "Objections due", "Line one\nline two"},
  };
  std::string cal = WriteICalendar("hotshop deadlines", events, core::MillisAtUtcMidnight(2026y / February / 1));
  EXPECT_EQ(cal.find('\n'), cal.find("\r\n") + 1) << "no bare LF";
  for (size_t i = cal.find('\n'); i != std::string::npos; i = cal.find('\n', i + 1)) ASSERT_EQ(cal[i - 1], '\r');
  std::vector<std::string> lines = Unfold(cal);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
  EXPECT_TRUE(has("VERSION:2.0"));
  EXPECT_TRUE(has("UID:ten_b-1@hotshop"));
  EXPECT_TRUE(has("DTSTART;VALUE=DATE:20260309"));
  EXPECT_TRUE(has("DTEND;VALUE=DATE:20260310"));
  EXPECT_TRUE(has("DTEND;VALUE=DATE:20270101")) << "the day after Dec 31 is next year's";
  EXPECT_TRUE(has("DTSTAMP:20260201T000000Z"));
  EXPECT_TRUE(has("SUMMARY:10(b) deadline\\; Harbor\\, case 19-CA-000001"));
  EXPECT_TRUE(has("DESCRIPTION:Line one\\nline two"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT"), 2);
}

TEST(ICalendar, FoldsAt75OctetsWithoutSplittingUtf8) {
  std::string summary = "SUMMARY:";
  for (int i = 0; i < 40; ++i) summary += "ñ";  // 2 octets each
  std::string folded = FoldICalLine(summary);
  std::istringstream in(folded);
  std::string physical;
  size_t count = 0;
  while (std::getline(in, physical)) {
    ASSERT_FALSE(physical.empty());
    ASSERT_EQ(physical.back(), '\r');
    physical.pop_back();
    EXPECT_LE(physical.size(), 75u);
    // A physical line never starts inside a UTF-8 sequence (after the fold space).
    size_t first = count == 0 ? 0 : 1;
    if (physical.size() > first) {
      EXPECT_NE(static_cast<unsigned char>(physical[first]) & 0xC0, 0x80);
    }
    ++count;
  }
  EXPECT_GE(count, 2u);
  EXPECT_EQ(Unfold(folded).front(), summary);
}

TEST(ICalendar, EscapesTextAndDropsControls) {
  EXPECT_EQ(EscapeICalText("a\\b;c,d\ne\r\nf\x01g"), "a\\\\b\\;c\\,d\\ne\\nfg");
}

}  // namespace
}  // namespace hotshop::io
