// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/export_decoys.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

#include "io/csv_writer.h"

namespace hotshop::io {
namespace {

// Common first names of the languages hotshop's members speak.
constexpr std::array<std::string_view, 48> kFirst = {
    "Abril",  "Benito",  "Carmen",  "Dario",   "Elena",   "Fabian",  "Gloria", "Hector", "Ines",    "Joaquin",
    "Karla",  "Lorenzo", "Marta",   "Nestor",  "Olga",    "Pablo",   "Quinn",  "Rocio",  "Sergio",  "Teresa",
    "Ulises", "Valeria", "Walter",  "Ximena",  "Yolanda", "Zacarias", "Abigail", "Boris", "Celia",  "Desmond",
    "Esther", "Felix",   "Greta",   "Hugo",    "Irene",   "Jasper",  "Lidia",  "Mateo",  "Noemi",   "Oscar",
    "Paloma", "Rafael",  "Selma",   "Tobias",  "Ursula",  "Vicente", "Wanda",  "Yusuf",
};

// Invented surnames: plausible on a roster, unlikely to be anyone's.
constexpr std::array<std::string_view, 48> kLast = {
    "Aldaverde", "Brenwick",  "Castellume", "Dovrenko",  "Estrabel",  "Farrowdene", "Galveron",  "Hollisand",
    "Ibarrondo", "Jastrowe",  "Kellamar",   "Lorvaine",  "Marrowby",  "Nevarredo",  "Ostrander", "Pellucci",
    "Quillon",   "Rivandell", "Sarmiento-Voss", "Talvera", "Ulloaquin", "Vantrosa",  "Wexmoor",   "Yarrowell",
    "Zamboreta", "Avellaneth", "Borrasquet", "Cindervale", "Delmorra", "Etxebarren", "Folquiste", "Gorrondel",
    "Halvareno", "Istravel",  "Jorvandez",  "Kestrova",  "Lamberdine", "Montavessa", "Norrabel",  "Orvieda",
    "Pastrelli", "Quintavell", "Rosquelde", "Sandoveri", "Terravane", "Umbrisal",   "Valdoreth", "Wistandel",
};

// Area codes in service (the 555-0100..0199 lines are fictional in all).
constexpr std::array<std::string_view, 40> kAreaCodes = {
    "202", "206", "212", "213", "214", "215", "303", "305", "312", "313", "323", "347", "404", "410",
    "412", "414", "415", "469", "503", "504", "510", "512", "602", "612", "617", "619", "646", "702",
    "713", "714", "718", "720", "773", "786", "808", "818", "832", "907", "916", "956",
};

constexpr std::array<std::string_view, 24> kStreets = {
    "Quillfeather", "Marrowbend", "Larkspurrow", "Thistledown", "Ambervane", "Copperhollow",
    "Fernwhistle", "Glimmerstone", "Hazelmire", "Ivoryglen",   "Juniperell", "Kettlebrook",
    "Lanternwick", "Mossbarrow",  "Nettlecombe", "Oakenrill",  "Pebblecrest", "Quarrymoor",
    "Rushwillow",  "Saltmarrow",  "Tanglewood Loop", "Umberfield", "Velvetcrag", "Wrenhollow",
};
constexpr std::array<std::string_view, 6> kSuffixes = {"St", "Ave", "Rd", "Ln", "Ct", "Way"};
constexpr std::array<std::string_view, 12> kTowns = {
    "Fernhollow",  "Quillmere",   "Ashcombe Vale", "Brindlecross", "Corvantes",  "Dunmarrow",
    "Estrellanos", "Glenvarrow",  "Harrowgate Springs", "Lomavista Baja", "Marrowfield", "Thornbury Flats",
};

constexpr char kDomain[] = "hotshop.export.decoy.v1";
constexpr char kPositionDomain[] = "hotshop.export.decoy-position.v1";
constexpr std::string_view kTagAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

std::array<unsigned char, 32> Hash(const security::SecretBytes& key, std::string_view domain, std::string_view id,
                                   uint32_t n) {
  if (key.size() != 32) throw std::invalid_argument("decoy key must be 32 bytes");
  std::string msg(domain);
  msg.push_back('\0');
  msg.append(id);
  msg.push_back('\0');
  for (int s = 24; s >= 0; s -= 8) msg.push_back(static_cast<char>((n >> s) & 0xff));
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                     key.data(), key.size());
  return out;
}

uint64_t Bits(const std::array<unsigned char, 32>& h, size_t from, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i) v = (v << 8) | h[from + i];
  return v;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string EmailPart(std::string_view s) {
  std::string out;
  for (char c : Lower(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

}  // namespace

size_t DecoyCount(size_t people_rows) { return std::min(kMaxDecoys, kMinDecoys + people_rows / 2000); }

std::vector<ExportRecord> MakeDecoys(const security::SecretBytes& key, std::string_view export_id, size_t count,
                                     std::span<const std::string> campaign_names) {
  std::vector<ExportRecord> out;
  std::unordered_set<std::string> taken;  // name|phone within this export
  for (uint32_t attempt = 0; out.size() < count; ++attempt) {
    const std::array<unsigned char, 32> h = Hash(key, kDomain, export_id, attempt);
    ExportRecord r;
    std::string_view first = kFirst[Bits(h, 0, 2) % kFirst.size()];
    std::string_view last = kLast[Bits(h, 2, 2) % kLast.size()];
    std::string xx = std::to_string(Bits(h, 5, 1) % 100);
    if (xx.size() < 2) xx = "0" + xx;
    r[static_cast<size_t>(ExportField::kFirstName)] = first;
    r[static_cast<size_t>(ExportField::kLastName)] = last;
    r[static_cast<size_t>(ExportField::kName)] = std::string(first) + " " + std::string(last);
    r[static_cast<size_t>(ExportField::kPhone)] =
        "+1" + std::string(kAreaCodes[Bits(h, 4, 1) % kAreaCodes.size()]) + "55501" + xx;
    std::string tag;
    uint64_t t = Bits(h, 6, 5);
    for (int i = 0; i < 5; ++i, t /= kTagAlphabet.size()) tag.push_back(kTagAlphabet[t % kTagAlphabet.size()]);
    r[static_cast<size_t>(ExportField::kEmail)] = EmailPart(first) + "." + EmailPart(last) + "." + tag + "@example.org";
    r[static_cast<size_t>(ExportField::kAddress)] =
        std::to_string(1 + Bits(h, 11, 2) % 9899) + " " + std::string(kStreets[Bits(h, 13, 1) % kStreets.size()]) + " " +
        std::string(kSuffixes[Bits(h, 14, 1) % kSuffixes.size()]) + ", " + std::string(kTowns[Bits(h, 15, 1) % kTowns.size()]);
    r[static_cast<size_t>(ExportField::kPreferredLanguage)] = (h[16] & 1) ? "es" : "en";
    r[static_cast<size_t>(ExportField::kCampaign)] =
        campaign_names.empty() ? "" : campaign_names[Bits(h, 17, 1) % campaign_names.size()];
    r[static_cast<size_t>(ExportField::kExternalId)] = std::to_string(100000000 + Bits(h, 18, 5) % 900000000);
    if (!taken.insert(r[0] + "|" + r[static_cast<size_t>(ExportField::kPhone)]).second) continue;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<size_t> DecoyPositions(const security::SecretBytes& key, std::string_view export_id, size_t count,
                                   size_t people_rows) {
  std::vector<size_t> out;
  for (uint32_t i = 0; i < count; ++i) {
    out.push_back(static_cast<size_t>(Bits(Hash(key, kPositionDomain, export_id, i), 0, 8) % (people_rows + 1)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string TraceText(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t' || cell.back() == '\r')) cell.remove_suffix(1);
  return Lower(StripFormulaGuard(cell));
}

std::string TracePhone(std::string_view cell) {
  std::string digits;
  for (char c : cell) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
  return digits;
}

void DecoyIndex::Add(const std::string& export_id, std::span<const ExportField> fields,
                     std::span<const ExportRecord> decoys) {
  Hit h;
  h.export_id = export_id;
  h.decoys = decoys.size();
  std::vector<ExportField> identifying;
  for (ExportField f : fields) {
    if (f == ExportField::kName || f == ExportField::kPhone || f == ExportField::kEmail || f == ExportField::kExternalId) {
      identifying.push_back(f);
    }
  }
  h.traceable = !identifying.empty();
  exports_.push_back(h);
  if (identifying.empty()) return;
  for (const ExportRecord& r : decoys) {
    Decoy d{exports_.size() - 1, {}, false, false};
    for (ExportField f : identifying) {
      const std::string& v = r[static_cast<size_t>(f)];
      d.keys.push_back(f == ExportField::kPhone ? "p:" + TracePhone(v) : "t:" + TraceText(v));
    }
    decoys_.push_back(std::move(d));
    for (const std::string& k : decoys_.back().keys) by_key_[k].push_back(decoys_.size() - 1);
  }
}

void DecoyIndex::Scan(std::span<const std::string_view> cells) {
  std::unordered_set<std::string> keys;
  for (std::string_view c : cells) {
    std::string t = TraceText(c);
    if (t.empty()) continue;
    keys.insert("t:" + t);
    std::string p = TracePhone(c);
    if (p.size() >= 7) keys.insert("p:" + p);
  }
  std::unordered_set<size_t> seen;
  for (const std::string& k : keys) {
    auto it = by_key_.find(k);
    if (it == by_key_.end()) continue;
    for (size_t i : it->second) {
      if (!seen.insert(i).second) continue;
      Decoy& d = decoys_[i];
      bool all = std::all_of(d.keys.begin(), d.keys.end(), [&](const std::string& x) { return keys.count(x) > 0; });
      if (all) d.found = true;
      else d.partly = true;
    }
  }
}

std::vector<DecoyIndex::Hit> DecoyIndex::Results() const {
  std::vector<Hit> hits = exports_;
  for (Hit& h : hits) h.found = h.partly = 0;
  for (const Decoy& d : decoys_) {
    if (d.found) ++hits[d.export_index].found;
    else if (d.partly) ++hits[d.export_index].partly;
  }
  std::vector<Hit> out;
  for (Hit& h : hits) {
    if (h.found + h.partly > 0) out.push_back(std::move(h));
  }
  std::stable_sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) {
    return a.found != b.found ? a.found > b.found : a.partly > b.partly;
  });
  return out;
}

}  // namespace hotshop::io
