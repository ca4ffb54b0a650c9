// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/work_email.h"

#include <algorithm>
#include <array>
#include <vector>

namespace hotshop::core {
namespace {

// Personal mailbox providers (the main ones in the US and Latin America).
constexpr std::array<std::string_view, 28> kPersonal = {
    "gmail.com",      "googlemail.com", "yahoo.com",   "yahoo.com.mx", "ymail.com",     "hotmail.com",
    "hotmail.es",     "outlook.com",    "outlook.es",  "live.com",     "msn.com",       "icloud.com",
    "me.com",         "mac.com",        "aol.com",     "proton.me",    "protonmail.com", "pm.me",
    "gmx.com",        "gmx.us",         "mail.com",    "zoho.com",     "yandex.com",    "tutanota.com",
    "tuta.io",        "fastmail.com",   "prodigy.net.mx", "comcast.net"};

// Words too common in company names to tell one employer from another.
constexpr std::array<std::string_view, 22> kGeneric = {
    "the",   "and",     "inc",    "llc",   "corp",    "company", "group", "hotel", "hotels", "services", "service",
    "store", "stores",  "market", "foods", "food",    "restaurant", "center", "international", "holdings", "usa",
    "co"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// "https://www.Harborview.example/jobs" -> "harborview.example".
std::string SiteDomain(std::string_view site) {
  std::string s = Lower(site);
  if (auto p = s.find("://"); p != std::string::npos) s = s.substr(p + 3);
  if (auto at = s.find('@'); at != std::string::npos) s = s.substr(at + 1);
  s = s.substr(0, s.find_first_of("/?#: "));
  if (s.rfind("www.", 0) == 0) s = s.substr(4);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// The label before the public suffix: "mail.harborview.co.uk" -> "harborview".
std::string MainLabel(const std::string& domain) {
  std::vector<std::string> labels;
  size_t start = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      labels.push_back(domain.substr(start, i - start));
      start = i + 1;
    }
  }
  if (labels.size() < 2) return labels.empty() ? "" : labels[0];
  size_t idx = labels.size() - 2;
  // Two-part public suffixes: co.uk, com.mx, org.mx, ...
  const std::string& sl = labels[idx];
  if (idx > 0 && labels.back().size() == 2 && (sl == "co" || sl == "com" || sl == "org" || sl == "net" || sl == "gob"))
    --idx;
  return labels[idx];
}

std::string Compact(std::string_view s) {
  std::string out;
  for (char c : Lower(s)) {
    if (IsAlnum(c)) out += c;
  }
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : Lower(s) + " ") {
    if (IsAlnum(c)) {
      cur += c;
    } else if (!cur.empty()) {
      if (cur.size() >= 4 && std::find(kGeneric.begin(), kGeneric.end(), cur) == kGeneric.end()) out.push_back(cur);
      cur.clear();
    }
  }
  return out;
}

}  // namespace

const char* WorkEmailName(WorkEmail w) {
  switch (w) {
    case WorkEmail::kPersonal: return "personal";
    case WorkEmail::kWorkLike: return "work_like";
    case WorkEmail::kEmployer: return "employer";
  }
  return "personal";
}

std::string EmailDomain(std::string_view email) {
  auto at = email.rfind('@');
  if (at == std::string_view::npos) return "";
  std::string d = Lower(email.substr(at + 1));
  while (!d.empty() && (d.back() == '.' || d.back() == ' ')) d.pop_back();
  return d;
}

WorkEmail CheckWorkEmail(std::string_view email, std::string_view employer, std::string_view employer_site) {
  const std::string domain = EmailDomain(email);
  if (domain.empty()) return WorkEmail::kPersonal;
  // RULE R38: the employer's own domain, or a subdomain of it.
  const std::string site = SiteDomain(employer_site);
  if (!site.empty() && (domain == site || (domain.size() > site.size() &&
                                           domain.compare(domain.size() - site.size(), site.size(), site) == 0 &&
                                           domain[domain.size() - site.size() - 1] == '.'))) {
    return WorkEmail::kEmployer;
  }
  if (std::find(kPersonal.begin(), kPersonal.end(), domain) != kPersonal.end()) return WorkEmail::kPersonal;
  // RULE R38: a domain that spells the employer's name, or a distinctive word of it.
  const std::string label = Compact(MainLabel(domain));
  const std::string name = Compact(employer);
  if (label.size() >= 3 && !name.empty() &&
      (label == name || (name.size() >= 4 && label.find(name) != std::string::npos) ||
       (label.size() >= 4 && name.find(label) != std::string::npos))) {
    return WorkEmail::kEmployer;
  }
  for (const std::string& w : Words(employer)) {
    if (label.find(w) != std::string::npos) return WorkEmail::kEmployer;
  }
  return WorkEmail::kWorkLike;
}

}  // namespace hotshop::core
