// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/header_mapping.h"

#include <algorithm>
#include <array>
#include <utility>

namespace hotshop::io {
namespace {

using F = ContactField;
using S = SourceFormat;

constexpr std::array<std::string_view, kContactFieldCount> kFieldNames = {
    "external_id", "first_name",   "last_name",          "full_name",
    "middle_name", "nickname",     "email",              "email_type",
    "phone",       "phone_type",   "phone_extension",    "cell_phone",
    "home_phone",  "work_phone",   "full_address",       "address1",
    "address2",    "city",         "state",              "zip",
    "county",      "country",      "latitude",           "longitude",
    "employer",    "occupation",   "preferred_language", "date_of_birth",
    "age",         "assessment",   "tags",
};

struct Alias {
  std::string_view key;  // normalized header name
  ContactField field;
};

// Aliases every format shares. Keys are NormalizeHeaderName() output.
constexpr Alias kGenericAliases[] = {
    {"externalid", F::kExternalId}, {"id", F::kExternalId},
    {"uuid", F::kExternalId}, {"vanid", F::kExternalId},
    {"customid", F::kExternalId}, {"customid1", F::kExternalId},
    {"memberid", F::kExternalId}, {"contactid", F::kExternalId},
    // Spoke firstName aliases (interop §3) plus common spellings.
    {"firstname", F::kFirstName}, {"first", F::kFirstName},
    {"fname", F::kFirstName}, {"givenname", F::kFirstName},
    {"forename", F::kFirstName}, {"nombre", F::kFirstName},
    // Spoke lastName aliases.
    {"lastname", F::kLastName}, {"last", F::kLastName},
    {"lname", F::kLastName}, {"surname", F::kLastName},
    {"familyname", F::kLastName}, {"apellido", F::kLastName},
    {"apellidos", F::kLastName},
    {"fullname", F::kFullName}, {"name", F::kFullName},
    {"contactname", F::kFullName}, {"displayname", F::kFullName},
    {"middlename", F::kMiddleName}, {"middle", F::kMiddleName},
    {"nickname", F::kNickname}, {"preferredname", F::kNickname},
    {"email", F::kEmail}, {"emailaddress", F::kEmail},
    {"mail", F::kEmail}, {"primaryemail", F::kEmail},
    {"emailtype", F::kEmailType},
    {"phone", F::kPhone}, {"phonenumber", F::kPhone},
    {"telephone", F::kPhone}, {"tel", F::kPhone},
    {"primaryphone", F::kPhone}, {"can2phone", F::kPhone},
    {"phonetype", F::kPhoneType}, {"phonenumbertype", F::kPhoneType},
    {"phoneextension", F::kPhoneExtension},
    {"phonenumberextension", F::kPhoneExtension},
    {"extension", F::kPhoneExtension},
    // Spoke cell aliases (mobile, cellPhone, ...); "phone" is kPhone above.
    {"cell", F::kCellPhone}, {"cellphone", F::kCellPhone},
    {"mobile", F::kCellPhone}, {"mobilephone", F::kCellPhone},
    {"cellnumber", F::kCellPhone}, {"mobilenumber", F::kCellPhone},
    {"cellphonenumber", F::kCellPhone}, {"mobilephonenumber", F::kCellPhone},
    {"celular", F::kCellPhone},
    {"homephone", F::kHomePhone}, {"workphone", F::kWorkPhone},
    {"officephone", F::kWorkPhone}, {"businessphone", F::kWorkPhone},
    {"fulladdress", F::kFullAddress},
    {"address", F::kAddress1}, {"address1", F::kAddress1},
    {"addressline1", F::kAddress1}, {"street", F::kAddress1},
    {"streetaddress", F::kAddress1}, {"street1", F::kAddress1},
    {"can2useraddress", F::kAddress1},
    {"address2", F::kAddress2}, {"addressline2", F::kAddress2},
    {"street2", F::kAddress2}, {"apt", F::kAddress2},
    {"city", F::kCity}, {"town", F::kCity}, {"can2usercity", F::kCity},
    {"ciudad", F::kCity},
    {"state", F::kState}, {"province", F::kState},
    {"stateorprovince", F::kState}, {"can2userstate", F::kState},
    // Spoke zip aliases; "ZipOrPost" is how Spoke's CSV-Headers-test fixture
    // spells VAN's ZipOrPostal.
    {"zip", F::kZip}, {"zipcode", F::kZip}, {"postalcode", F::kZip},
    {"postcode", F::kZip}, {"postal", F::kZip}, {"ziporpostal", F::kZip},
    {"ziporpost", F::kZip}, {"zip5", F::kZip}, {"can2userzip", F::kZip},
    {"county", F::kCounty},
    {"country", F::kCountry}, {"countrycode", F::kCountry},
    {"latitude", F::kLatitude}, {"lat", F::kLatitude},
    {"longitude", F::kLongitude}, {"lng", F::kLongitude},
    {"lon", F::kLongitude},
    {"employer", F::kEmployer}, {"company", F::kEmployer},
    {"companyname", F::kEmployer}, {"employername", F::kEmployer},
    {"workplace", F::kEmployer},
    {"occupation", F::kOccupation}, {"jobtitle", F::kOccupation},
    {"preferredlanguage", F::kPreferredLanguage},
    {"language", F::kPreferredLanguage},
    {"dateofbirth", F::kDateOfBirth}, {"dob", F::kDateOfBirth},
    {"birthdate", F::kDateOfBirth}, {"birthday", F::kDateOfBirth},
    {"age", F::kAge},
    {"assessment", F::kAssessment},
    {"tags", F::kTags}, {"tag", F::kTags}, {"can2usertags", F::kTags},
    {"addtags", F::kTags},
};

struct FormatAlias {
  SourceFormat format;
  std::string_view key;
  ContactField field;
};

// Where a tool gives a name its own meaning, this wins over the generic list.
constexpr FormatAlias kFormatAliases[] = {
    {S::kSpoke, "name", F::kFirstName},      // Spoke's firstName alias list
    {S::kVan, "address", F::kFullAddress},   // "627 Wizow Way, Lofaje, DE"
    {S::kVan, "streetaddress", F::kAddress1},
    {S::kSolidarityTech, "name", F::kFullName},
    {S::kSolidarityTech, "fulladdress", F::kFullAddress},
};

struct Signature {
  SourceFormat format;
  std::string_view key;  // normalized; see kExactSpoke for Spoke
  int weight;
};

// Header names that point at one tool. Weights: 5 = only that tool emits it,
// 3-4 = strongly typical, 1-2 = typical but shared.
constexpr Signature kSignatures[] = {
    {S::kVan, "vanid", 5}, {S::kVan, "canvassfilerequestid", 5},
    {S::kVan, "ishomephoneacellexchange", 4},
    {S::kVan, "isworkphoneacellexchange", 4}, {S::kVan, "optinphone", 3},
    {S::kVan, "optinstatus", 3}, {S::kVan, "optinphonetype", 3},
    {S::kVan, "cellphonedialingprefix", 3}, {S::kVan, "cellphonecountrycode", 3},
    {S::kVan, "pollinglocation", 3}, {S::kVan, "pollingaddress", 2},
    {S::kVan, "congressionaldistrict", 2}, {S::kVan, "statehouse", 2},
    {S::kVan, "statesenate", 2}, {S::kVan, "ziporpostal", 2},
    {S::kVan, "streetaddress", 1}, {S::kVan, "homephone", 1},
    {S::kVan, "cellphone", 1}, {S::kVan, "workphone", 1},
    {S::kActionNetwork, "uuid", 2}, {S::kActionNetwork, "zipcode", 1},
    {S::kActionBuilder, "phonenumbertype", 4},
    {S::kActionBuilder, "phonenumberextension", 4},
    {S::kActionBuilder, "assessment", 4}, {S::kActionBuilder, "customid", 4},
    {S::kActionBuilder, "customid1", 4}, {S::kActionBuilder, "customid2", 4},
    {S::kActionBuilder, "emailtype", 3}, {S::kActionBuilder, "addressline1", 3},
    {S::kActionBuilder, "middlename", 1}, {S::kActionBuilder, "nickname", 1},
    {S::kActionBuilder, "dateofbirth", 1}, {S::kActionBuilder, "fullname", 1},
    {S::kSolidarityTech, "paidduessince", 5}, {S::kSolidarityTech, "chapter", 3},
    {S::kSolidarityTech, "fulladdress", 2}, {S::kSolidarityTech, "postalcode", 2},
    {S::kSolidarityTech, "phonenumber", 2}, {S::kSolidarityTech, "createdat", 1},
    {S::kSolidarityTech, "address1", 1},
    {S::kSolidarityTech, "preferredlanguage", 1},
};

struct ExactSignature {
  std::string_view header;  // case-sensitive, as Spoke requires it
  int weight;
};
constexpr ExactSignature kExactSpoke[] = {
    {"firstName", 3}, {"lastName", 3}, {"cell", 4}, {"zip", 1},
    {"external_id", 2},
};

constexpr S kDetectable[] = {S::kActionNetwork, S::kActionBuilder, S::kVan,
                             S::kSpoke, S::kSolidarityTech};

std::string_view ToolName(SourceFormat f) {
  switch (f) {
    case S::kActionNetwork: return "Action Network";
    case S::kActionBuilder: return "Action Builder";
    case S::kVan: return "VAN";
    case S::kSpoke: return "Spoke";
    case S::kSolidarityTech: return "Solidarity Tech";
    case S::kAuto:
    case S::kGeneric: break;
  }
  return "generic";
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0u) == 0x80u) --n;
  return s.substr(0, n);
}

constexpr size_t kMaxCustomKeyBytes = 128;

// Field for `key` under `format`: rank 0 = the canonical name itself,
// 1 = a format-specific alias, 2 = a generic alias.
std::optional<std::pair<ContactField, int>> Lookup(std::string_view key,
                                                   SourceFormat format) {
  for (const FormatAlias& a : kFormatAliases) {
    if (a.format == format && a.key == key) return std::pair{a.field, 1};
  }
  for (const Alias& a : kGenericAliases) {
    if (a.key == key) {
      const bool canonical =
          NormalizeHeaderName(ContactFieldName(a.field)) == key;
      return std::pair{a.field, canonical ? 0 : 2};
    }
  }
  return std::nullopt;
}

struct Score {
  int points = 0;
  std::vector<std::string> hits;
};

std::array<Score, 7> ScoreFormats(std::span<const std::string> header,
                                  const std::vector<std::string>& keys) {
  std::array<Score, 7> scores{};
  auto add = [&](SourceFormat f, int w, const std::string& h) {
    Score& s = scores[static_cast<size_t>(f)];
    s.points += w;
    if (s.hits.size() < 6) s.hits.push_back(h);
  };
  int can2 = 0;
  int hyphenated = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    const std::string& key = keys[i];
    for (const Signature& sig : kSignatures) {
      if (sig.key == key) add(sig.format, sig.weight, h);
    }
    for (const ExactSignature& sig : kExactSpoke) {
      if (Trim(h) == sig.header) add(S::kSpoke, sig.weight, h);
    }
    if (key.rfind("can2", 0) == 0 && can2 < 2) {  // can2_user_*, can2_*
      add(S::kActionNetwork, 5, h);
      ++can2;
    }
    // Solidarity Tech's org-specific keys look like "membership-status".
    const std::string_view t = Trim(h);
    if (hyphenated < 2 && t.find('-') != std::string_view::npos &&
        t.find(' ') == std::string_view::npos &&
        std::none_of(t.begin(), t.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; }) &&
        std::any_of(t.begin(), t.end(),
                    [](char c) { return c >= 'a' && c <= 'z'; })) {
      add(S::kSolidarityTech, 1, h);
      ++hyphenated;
    }
  }
  return scores;
}

bool HasField(const HeaderMapping& m, ContactField f) {
  return m.ColumnFor(f).has_value();
}

}  // namespace

std::string_view ContactFieldName(ContactField field) {
  return kFieldNames[static_cast<size_t>(field)];
}

std::optional<ContactField> ContactFieldFromName(std::string_view name) {
  for (size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<ContactField>(i);
  }
  return std::nullopt;
}

std::string_view SourceFormatCode(SourceFormat format) {
  switch (format) {
    case S::kAuto: return "auto";
    case S::kGeneric: return "generic";
    case S::kActionNetwork: return "an";
    case S::kActionBuilder: return "ab";
    case S::kVan: return "van";
    case S::kSpoke: return "spoke";
    case S::kSolidarityTech: return "st";
  }
  return "generic";
}

Result<SourceFormat> ParseSourceFormat(std::string_view flag) {
  std::string lower(Trim(flag));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (S f : {S::kAuto, S::kGeneric, S::kActionNetwork, S::kActionBuilder,
              S::kVan, S::kSpoke, S::kSolidarityTech}) {
    if (lower == SourceFormatCode(f)) return f;
  }
  return Error::InvalidInput(
      "format", "must be one of auto, an, ab, van, spoke, st, generic");
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kNone: return "none";
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "none";
}

std::string NormalizeHeaderName(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  for (char c : header) {
    switch (c) {
      case ' ': case '_': case '-': case '.': case '/': case '#':
      case '(': case ')': case '\t': case '\r': case '\n':
        continue;
      default:
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                           : c);
    }
  }
  return out;
}

std::optional<size_t> HeaderMapping::ColumnFor(ContactField field) const {
  for (const ColumnMapping& c : columns) {
    if (c.action == ColumnAction::kField && c.field == field) return c.index;
  }
  return std::nullopt;
}

Status HeaderMapping::AssignField(size_t column, ContactField field) {
  if (column >= columns.size()) {
    return Error::InvalidInput("column", "no such column");
  }
  std::optional<size_t> holder = ColumnFor(field);
  if (holder && *holder != column) {
    return Error::Conflict(
        "field", "column " + std::to_string(*holder + 1) + " already holds " +
                     std::string(ContactFieldName(field)));
  }
  ColumnMapping& c = columns[column];
  c.action = ColumnAction::kField;
  c.field = field;
  c.custom_key.clear();
  c.note = "set by the user";
  return Ok();
}

Status HeaderMapping::KeepAsCustom(size_t column) {
  if (column >= columns.size()) {
    return Error::InvalidInput("column", "no such column");
  }
  ColumnMapping& c = columns[column];
  c.action = ColumnAction::kCustom;
  c.field.reset();
  std::string key(CutUtf8(Trim(c.header), kMaxCustomKeyBytes));
  if (key.empty()) key = "column_" + std::to_string(column + 1);
  c.custom_key = std::move(key);
  c.note = "set by the user";
  return Ok();
}

Status HeaderMapping::Skip(size_t column) {
  if (column >= columns.size()) {
    return Error::InvalidInput("column", "no such column");
  }
  ColumnMapping& c = columns[column];
  c.action = ColumnAction::kSkip;
  c.field.reset();
  c.custom_key.clear();
  c.note = "skipped";
  return Ok();
}

HeaderMapping MapHeader(std::span<const std::string> header,
                        SourceFormat format) {
  HeaderMapping m;
  std::vector<std::string> keys;
  keys.reserve(header.size());
  for (const std::string& h : header) keys.push_back(NormalizeHeaderName(h));

  // 1. Detect: score each tool's signature headers.
  std::array<Score, 7> scores = ScoreFormats(header, keys);
  // Spoke's required triplet, even through aliases, makes a Spoke-style list.
  {
    bool first = false, last = false, cell = false;
    for (const std::string& k : keys) {
      auto hit = Lookup(k, S::kSpoke);
      if (!hit) continue;
      first |= hit->first == F::kFirstName;
      last |= hit->first == F::kLastName;
      cell |= hit->first == F::kCellPhone;
    }
    if (first && last && cell) {
      scores[static_cast<size_t>(S::kSpoke)].points += 4;
    }
  }
  S best = S::kGeneric;
  int best_points = 0, runner_up = 0;
  for (S f : kDetectable) {
    const int p = scores[static_cast<size_t>(f)].points;
    if (p > best_points) {
      runner_up = best_points;
      best_points = p;
      best = f;
    } else if (p > runner_up) {
      runner_up = p;
    }
  }
  if (best_points < 4) best = S::kGeneric;

  if (format == S::kAuto) {
    m.format = best;
    if (best == S::kGeneric) {
      m.confidence = Confidence::kNone;
      m.reason = "no tool-specific headers; generic aliases used";
    } else {
      m.confidence = best_points >= 10 && best_points - runner_up >= 4
                         ? Confidence::kHigh
                     : best_points >= 6 ? Confidence::kMedium
                                        : Confidence::kLow;
      const Score& s = scores[static_cast<size_t>(best)];
      m.reason = std::string(ToolName(best)) + " headers:";
      for (size_t i = 0; i < s.hits.size(); ++i) {
        m.reason += (i == 0 ? " " : ", ") + s.hits[i];
      }
      if (best == S::kSpoke && s.hits.empty()) {
        m.reason = "Spoke-style list: first name, last name and cell columns";
      }
      m.reason += " (score " + std::to_string(best_points) + ")";
    }
  } else {
    m.format = format;
    m.forced = true;
    m.confidence = Confidence::kHigh;
    m.reason = "forced by --format " + std::string(SourceFormatCode(format));
    if (best != S::kGeneric && best != format && best_points >= 6) {
      m.warnings.push_back("the headers look like " +
                           std::string(ToolName(best)) + ", not " +
                           std::string(ToolName(format)));
    }
  }

  // 2. Map each column; on a clash the better-ranked (then leftmost) wins.
  m.columns.resize(header.size());
  std::array<int, kContactFieldCount> holder_rank{};
  std::array<size_t, kContactFieldCount> holder{};
  holder.fill(SIZE_MAX);
  for (size_t i = 0; i < header.size(); ++i) {
    ColumnMapping& c = m.columns[i];
    c.index = i;
    c.header = header[i];
    auto hit = Lookup(keys[i], m.format);
    if (!hit) continue;
    const auto f = static_cast<size_t>(hit->first);
    if (holder[f] == SIZE_MAX || hit->second < holder_rank[f]) {
      if (holder[f] != SIZE_MAX) {
        ColumnMapping& loser = m.columns[holder[f]];
        loser.field.reset();
        loser.note = "also looks like " +
                     std::string(ContactFieldName(hit->first)) +
                     "; column " + std::to_string(i + 1) + " is a closer match";
      }
      holder[f] = i;
      holder_rank[f] = hit->second;
      c.field = hit->first;
    } else {
      c.note = "also looks like " + std::string(ContactFieldName(hit->first)) +
               "; column " + std::to_string(holder[f] + 1) + " holds it";
    }
  }
  std::vector<std::string> used_keys;
  for (ColumnMapping& c : m.columns) {
    if (c.field) {
      c.action = ColumnAction::kField;
      continue;
    }
    c.action = ColumnAction::kCustom;
    std::string_view trimmed = Trim(c.header);
    std::string key(CutUtf8(trimmed, kMaxCustomKeyBytes));
    if (key.empty()) {
      key = "column_" + std::to_string(c.index + 1);
      if (c.note.empty()) c.note = "no header name";
    } else if (key.size() < trimmed.size()) {
      m.warnings.push_back("header of column " + std::to_string(c.index + 1) +
                           " is over 128 bytes; its custom field name is cut");
    }
    std::string base = key;
    for (int n = 2; std::find(used_keys.begin(), used_keys.end(), key) !=
                    used_keys.end();
         ++n) {
      key = base + "_" + std::to_string(n);
    }
    used_keys.push_back(key);
    c.custom_key = std::move(key);
  }

  // 3. Warnings a person should see before importing.
  if (!HasField(m, F::kFirstName) && !HasField(m, F::kLastName) &&
      !HasField(m, F::kFullName)) {
    m.warnings.push_back(
        "no name column (first name, last name or full name) was found");
  }
  if (!HasField(m, F::kEmail) && !HasField(m, F::kPhone) &&
      !HasField(m, F::kCellPhone) && !HasField(m, F::kHomePhone) &&
      !HasField(m, F::kWorkPhone)) {
    m.warnings.push_back(
        "no email or phone column: rows can only be matched by id or name");
  }
  if (m.format == S::kSpoke) {
    std::string missing;
    auto need = [&](bool ok, std::string_view name) {
      if (ok) return;
      if (!missing.empty()) missing += ", ";
      missing += name;
    };
    need(HasField(m, F::kFirstName), "firstName");
    need(HasField(m, F::kLastName), "lastName");
    need(HasField(m, F::kCellPhone) || HasField(m, F::kPhone), "cell");
    if (!missing.empty()) {
      m.warnings.push_back("Spoke requires firstName, lastName and cell; missing: " +
                           missing);
    }
  }
  return m;
}

}  // namespace hotshop::io
