// SPDX-License-Identifier: AGPL-3.0-or-later
#include "io/email.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "io/text_encoding.h"

namespace hotshop::io {
namespace {

constexpr size_t kMaxRawBytes = 1024;  // refuse before normalizing
constexpr size_t kMaxAddressBytes = 254;
constexpr size_t kMaxLocalBytes = 64;
constexpr size_t kMaxLabelBytes = 63;

Error EmailError(std::string message) {
  return Error::InvalidInput("email", std::move(message));
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// RFC 5322 atext, plus '.' handled by the caller.
bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9')) {
    return true;
  }
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
    case '+': case '-': case '/': case '=': case '?': case '^': case '_':
    case '`': case '{': case '|': case '}': case '~':
      return true;
    default:
      return false;
  }
}

// NFKC of UTF-8 `s`; refuses controls, format (bidi, zero-width) and
// whitespace characters inside the address.
Result<std::string> NormalizeUnicode(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || nfkc == nullptr) {
    return Error::Internal("ICU NFKC normalizer is unavailable");
  }
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return EmailError("email address could not be read");
  out.trim();  // NFKC turns NBSP, em and ideographic spaces into U+0020
  for (int32_t i = 0; i < out.length();) {
    const UChar32 cp = out.char32At(i);
    const int8_t type = u_charType(cp);
    if (type == U_FORMAT_CHAR) {
      return EmailError(
          "email address contains invisible formatting characters (such as "
          "right-to-left overrides)");
    }
    if (type == U_CONTROL_CHAR || type == U_SURROGATE ||
        type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED) {
      return EmailError("email address contains control or unassigned characters");
    }
    if (u_isUWhiteSpace(cp)) {
      return EmailError("email address contains a space");
    }
    i += U16_LENGTH(cp);
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string LowerUnicode(std::string_view s) {
  if (IsAscii(s)) {
    std::string out(s);
    for (char& c : out) c = AsciiLower(c);
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

Status CheckLocal(std::string_view local) {
  if (local.empty()) return EmailError("email address has nothing before the @");
  if (local.size() > kMaxLocalBytes) {
    return EmailError("the part before the @ is over 64 bytes");
  }
  if (local.front() == '"') {
    return EmailError("quoted email addresses are not supported");
  }
  if (local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return EmailError("the part before the @ has a misplaced dot");
  }
  for (char c : local) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '.') continue;
    if (!IsAtext(c)) {
      return EmailError("the part before the @ contains a character not "
                        "allowed in email addresses");
    }
  }
  return Ok();
}

Status CheckDomain(std::string_view domain) {
  if (domain.empty()) return EmailError("email address has nothing after the @");
  if (domain.front() == '[') {
    return EmailError("email addresses with an IP address domain are not "
                      "supported");
  }
  if (domain.find('.') == std::string_view::npos) {
    return EmailError("the domain after the @ needs a dot (like example.org)");
  }
  size_t start = 0;
  std::string_view last_label;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty()) return EmailError("the domain has an empty part (..)");
    if (label.size() > kMaxLabelBytes) {
      return EmailError("a part of the domain is over 63 bytes");
    }
    if (label.front() == '-' || label.back() == '-') {
      return EmailError("a part of the domain starts or ends with a hyphen");
    }
    for (char c : label) {
      if (static_cast<unsigned char>(c) >= 0x80) continue;  // IDN
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return EmailError("the domain contains a character not allowed in "
                          "domain names");
      }
    }
    last_label = label;
    start = dot + 1;
  }
  if (std::all_of(last_label.begin(), last_label.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return EmailError("the domain's last part cannot be a number");
  }
  return Ok();
}

// The shared pipeline; `lower_local` selects the dedupe key.
Result<std::string> Normalize(std::string_view raw, bool lower_local) {
  if (raw.size() > kMaxRawBytes) {
    return EmailError("email address is too long (over 254 bytes)");
  }
  if (!IsValidUtf8(raw)) return EmailError("email address is not valid text");
  std::string text;
  if (IsAscii(raw)) {
    text.assign(Trim(raw));  // ASCII is already NFKC
    for (char c : text) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        return EmailError("email address contains control characters");
      }
    }
  } else {
    Result<std::string> n = NormalizeUnicode(raw);
    if (!n.ok()) return n.error();
    text = std::move(*n);
  }
  std::string_view s = Trim(text);
  if (StartsWithNoCase(s, "mailto:")) s.remove_prefix(7);
  if (s.empty()) return EmailError("email address is empty");
  if (s.find('<') != std::string_view::npos ||
      s.find('>') != std::string_view::npos) {
    return EmailError("use only the address, without a name or <brackets>");
  }
  if (s.find_first_of(" \t") != std::string_view::npos) {
    return EmailError("email address contains a space");
  }
  const size_t at = s.rfind('@');
  if (at == std::string_view::npos) return EmailError("email address has no @");
  if (s.find('@') != at) return EmailError("email address has more than one @");
  const std::string_view local = s.substr(0, at);
  std::string domain = LowerUnicode(s.substr(at + 1));
  if (!domain.empty() && domain.back() == '.') domain.pop_back();  // FQDN dot
  Status ok = CheckLocal(local);
  if (!ok.ok()) return ok.error();
  ok = CheckDomain(domain);
  if (!ok.ok()) return ok.error();
  std::string out = lower_local ? LowerUnicode(local) : std::string(local);
  out.push_back('@');
  out += domain;
  if (out.size() > kMaxAddressBytes) {
    return EmailError("email address is too long (over 254 bytes)");
  }
  return out;
}

std::string CleanDomain(std::string_view d) {
  d = Trim(d);
  if (StartsWithNoCase(d, "https://")) d.remove_prefix(8);
  if (StartsWithNoCase(d, "http://")) d.remove_prefix(7);
  if (!d.empty() && d.front() == '@') d.remove_prefix(1);
  if (StartsWithNoCase(d, "www.")) d.remove_prefix(4);
  while (!d.empty() && (d.back() == '/' || d.back() == '.')) d.remove_suffix(1);
  std::string out(d);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace

Result<std::string> NormalizeEmail(std::string_view raw) {
  return Normalize(raw, /*lower_local=*/false);
}

Result<std::string> EmailDedupeKey(std::string_view raw) {
  return Normalize(raw, /*lower_local=*/true);
}

bool SameDomain(std::string_view email, std::string_view employer_domain) {
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string mine = CleanDomain(email.substr(at + 1));
  const std::string theirs = CleanDomain(employer_domain);
  if (mine.empty() || theirs.empty()) return false;
  if (mine == theirs) return true;
  return mine.size() > theirs.size() &&
         mine.compare(mine.size() - theirs.size(), theirs.size(), theirs) == 0 &&
         mine[mine.size() - theirs.size() - 1] == '.';
}

}  // namespace hotshop::io
