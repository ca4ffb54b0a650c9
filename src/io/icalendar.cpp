// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/icalendar.h"

#include <cstdio>

#include "core/iso_date.h"

namespace hotshop::io {
namespace {

std::string Basic(core::Date d) {
  std::string iso = core::FormatIsoDate(d);  // YYYY-MM-DD
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string Stamp(int64_t ms) {
  std::string iso = core::FormatUtcInstant(ms);  // YYYY-MM-DDTHH:MM:SSZ
  std::string out;
  for (char c : iso) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

}  // namespace

std::string EscapeICalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF -> one \n
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) break;  // other controls dropped
        out += c;
    }
  }
  return out;
}

std::string FoldICalLine(std::string_view line) {
  std::string out;
  size_t width = 0;  // octets on the current physical line
  size_t i = 0;
  while (i < line.size()) {
    // The length of the UTF-8 sequence starting here (1 for ASCII or a stray byte).
    unsigned char b = static_cast<unsigned char>(line[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 1;
    if (i + n > line.size()) n = line.size() - i;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;  // the leading space counts
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string WriteICalendar(std::string_view calendar_name, const std::vector<CalendarEvent>& events,
                           int64_t dtstamp_ms) {
  std::string out;
  auto line = [&](std::string_view l) { out += FoldICalLine(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//hotshop//deadlines//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + EscapeICalText(calendar_name));
  const std::string stamp = Stamp(dtstamp_ms);
  for (const CalendarEvent& e : events) {
    line("BEGIN:VEVENT");
    line("UID:" + EscapeICalText(e.uid));
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + Basic(e.date));
    line("DTEND;VALUE=DATE:" + Basic(core::AddDays(e.date, std::chrono::days{1})));
    line("SUMMARY:" + EscapeICalText(e.summary));
    if (!e.description.empty()) line("DESCRIPTION:" + EscapeICalText(e.description));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace hotshop::io
