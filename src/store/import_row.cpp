// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/import_row.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/uuid.h"
#include "io/csv_reader.h"
#include "io/email.h"
#include "io/phone.h"

namespace hotshop::store {
namespace {

using io::ContactField;

constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kHeaderBytes = 5;  // version + key_id
constexpr size_t kMaxPlaintextBytes = size_t{1} << 30;
// preferred_language is a clear column: keep it to a language tag's size.
constexpr size_t kMaxLanguageBytes = 35;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void PutU32(unsigned char* p, uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}

// Appends runs of characters that need no escape in one go: a details
// object is built for every imported row.
void AppendJsonString(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (u >= 0x20) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void Note(ImportRow& row, std::string column, std::string problem, std::string_view value, bool rejects,
          uint32_t kind) {
  row.notes.push_back(RowNote{std::move(column), std::move(problem), std::string(value), rejects, kind});
  if (rejects) row.rejected = true;
}

// Phone columns in the order the person's one texting number is chosen.
constexpr ContactField kPhoneOrder[] = {ContactField::kCellPhone, ContactField::kPhone, ContactField::kHomePhone,
                                        ContactField::kWorkPhone};

}  // namespace

void RandomPool::Fill(unsigned char* out, size_t n) {
  while (n > 0) {
    if (pos_ == buf_.size()) {
      unsigned char seed[randombytes_SEEDBYTES];
      randombytes_buf(seed, sizeof seed);
      randombytes_buf_deterministic(buf_.data(), buf_.size(), seed);
      sodium_memzero(seed, sizeof seed);
      pos_ = 0;
    }
    size_t take = std::min(n, buf_.size() - pos_);
    std::memcpy(out, buf_.data() + pos_, take);
    // Used bytes are wiped so a later memory dump cannot replay a nonce.
    sodium_memzero(buf_.data() + pos_, take);
    pos_ += take;
    out += take;
    n -= take;
  }
}

std::string NewRowId(int64_t now_ms, RandomPool& rng) {
  std::array<uint8_t, 10> r;
  rng.Fill(r.data(), r.size());
  return core::FormatUuidV7(now_ms, r);
}

std::string IdSequence::Next(int64_t now_ms) {
  std::array<uint8_t, 10> r;
  rng_.Fill(r.data(), r.size());
  if (now_ms > ms_) {
    ms_ = now_ms;
    counter_ = ((r[0] & 0x07u) << 8) | r[1];  // random, in the lower half: room to count
  } else if (++counter_ > 0xFFF) {
    ++ms_;
    counter_ = 0;
  }
  r[0] = static_cast<uint8_t>(counter_ >> 8);
  r[1] = static_cast<uint8_t>(counter_ & 0xFF);
  return core::FormatUuidV7(ms_, r);
}

std::string SealField(const security::DataKey& key, std::string_view column, std::string_view row_id,
                      std::string_view org_id, std::string_view plaintext, RandomPool& rng) {
  std::string out;
  SealFieldInto(out, key, column, row_id, org_id, plaintext, rng);
  return out;
}

void SealFieldInto(std::string& out, const security::DataKey& key, std::string_view column, std::string_view row_id,
                   std::string_view org_id, std::string_view plaintext, RandomPool& rng) {
  if (key.key_id == 0 || key.key.size() != 32) throw std::invalid_argument("SealField: bad data key");
  if (column.empty() || row_id.empty() || org_id.empty()) throw std::invalid_argument("SealField: empty AD member");
  if (plaintext.size() >= kMaxPlaintextBytes) throw std::invalid_argument("SealField: plaintext too large");
  // AD exactly as field_cipher.cpp's BuildAd: 0x01 | len table | len column |
  // len row_id | len org_id | key_id, lengths uint32 big-endian.
  constexpr std::string_view kTable = "people";
  const size_t ad_len = 1 + 4 + kTable.size() + 4 + column.size() + 4 + row_id.size() + 4 + org_id.size() + 4;
  unsigned char ad_stack[256];
  std::string ad_heap;
  unsigned char* ad = ad_stack;
  if (ad_len > sizeof ad_stack) {
    ad_heap.resize(ad_len);
    ad = reinterpret_cast<unsigned char*>(ad_heap.data());
  }
  unsigned char* p = ad;
  *p++ = security::kFieldBlobVersion;
  for (std::string_view part : {kTable, column, row_id, org_id}) {
    PutU32(p, static_cast<uint32_t>(part.size()));
    std::memcpy(p + 4, part.data(), part.size());
    p += 4 + part.size();
  }
  PutU32(p, key.key_id);

  out.resize(security::kFieldBlobOverhead + plaintext.size());
  auto* b = reinterpret_cast<unsigned char*>(out.data());
  b[0] = security::kFieldBlobVersion;
  PutU32(b + 1, key.key_id);
  unsigned char* nonce = b + kHeaderBytes;
  rng.Fill(nonce, kNonceBytes);
  unsigned long long ct_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &ct_len,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()),
                                             plaintext.size(), ad, ad_len, nullptr, nonce, key.key.data());
}

std::string_view Details::Get(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return v;
  }
  return {};
}

std::string_view Details::GetCustom(std::string_view key) const {
  for (const auto& [k, v] : custom) {
    if (k == key) return v;
  }
  return {};
}

namespace {
void SetIn(std::vector<std::pair<std::string, std::string>>& kv, std::string_view key, std::string_view value) {
  for (auto it = kv.begin(); it != kv.end(); ++it) {
    if (it->first == key) {
      if (value.empty()) kv.erase(it);
      else it->second.assign(value);
      return;
    }
  }
  if (!value.empty()) kv.emplace_back(std::string(key), std::string(value));
}
}  // namespace

void Details::Set(std::string_view key, std::string_view value) { SetIn(fields, key, value); }

std::vector<std::string> SplitTags(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    size_t comma = text.find(',');
    std::string_view t = Trim(text.substr(0, comma));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.emplace_back(t);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string MergeTags(std::string_view existing, std::span<const std::string> add) {
  std::vector<std::string> tags = SplitTags(existing);
  for (const std::string& t : add) {
    if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
  std::string out;
  for (const std::string& t : tags) {
    if (!out.empty()) out += ", ";
    out += t;
  }
  return out;
}
void Details::SetCustom(std::string_view key, std::string_view value) { SetIn(custom, key, value); }

std::string DetailsToJson(const Details& d) {
  std::string out;
  out.reserve(16 + 24 * (d.fields.size() + d.custom.size()));
  AppendDetailsJson(d, out);
  return out;
}

void AppendDetailsJson(const Details& d, std::string& out) {
  out.push_back('{');
  bool first = true;
  for (const auto& [k, v] : d.fields) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(out, k);
    out.push_back(':');
    AppendJsonString(out, v);
  }
  if (!d.custom.empty()) {
    if (!first) out.push_back(',');
    out += "\"custom\":{";
    bool cf = true;
    for (const auto& [k, v] : d.custom) {
      if (!cf) out.push_back(',');
      cf = false;
      AppendJsonString(out, k);
      out.push_back(':');
      AppendJsonString(out, v);
    }
    out.push_back('}');
  }
  out.push_back('}');
}

Result<Details> DetailsFromJson(std::string_view json) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::Internal("people.details_ct does not hold a JSON object");
  Details d;
  for (const auto& [k, v] : j.items()) {
    if (k == "custom" && v.is_object()) {
      for (const auto& [ck, cv] : v.items()) {
        if (!cv.is_string()) return Error::Internal("people.details_ct holds a non-text custom field");
        d.custom.emplace_back(ck, cv.get<std::string>());
      }
    } else if (v.is_string()) {
      d.fields.emplace_back(k, v.get<std::string>());
    } else {
      return Error::Internal("people.details_ct holds a non-text field");
    }
  }
  return d;
}

Result<RowPreparer> RowPreparer::Create(const io::HeaderMapping& mapping, std::string region, std::string org_id,
                                        SealKeys keys, std::span<const std::string> tags) {
  RowPreparer p;
  for (const std::string& raw : tags) {
    std::string_view t = Trim(raw);
    if (t.empty()) return Error::InvalidInput("tags", "a tag is empty");
    if (t.size() > kMaxTagBytes) {
      return Error::InvalidInput("tags", "a tag is longer than " + std::to_string(kMaxTagBytes) + " bytes");
    }
    for (char c : t) {
      if (c == ',') return Error::InvalidInput("tags", "a tag cannot hold a comma (tags are kept comma-separated)");
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        return Error::InvalidInput("tags", "a tag cannot hold a control character");
      }
    }
    if (std::find(p.tags_.begin(), p.tags_.end(), t) == p.tags_.end()) p.tags_.emplace_back(t);
  }
  p.col_.fill(-1);
  p.header_width_ = mapping.columns.size();
  for (const io::ColumnMapping& c : mapping.columns) {
    if (c.action == io::ColumnAction::kField && c.field) {
      auto f = static_cast<size_t>(*c.field);
      p.col_[f] = static_cast<int>(c.index);
      p.header_[f] = c.header;
    } else if (c.action == io::ColumnAction::kCustom) {
      std::string key = c.custom_key.empty() ? c.header : c.custom_key;
      if (key.empty()) continue;
      p.custom_.push_back(Custom{c.index, std::move(key), c.header});
    }
  }
  auto has = [&](ContactField f) { return p.col_[static_cast<size_t>(f)] >= 0; };
  if (!has(ContactField::kFirstName) && !has(ContactField::kLastName) && !has(ContactField::kFullName) &&
      !has(ContactField::kNickname)) {
    return Error::InvalidInput("file",
                               "no name column: the header needs a first name, last name or full name column "
                               "(e.g. firstName, last_name, Full Name)");
  }
  p.region_ = std::move(region);
  p.org_id_ = std::move(org_id);
  p.keys_ = keys;
  return p;
}

std::string RowPreparer::Cell(std::span<const std::string_view> cells, ContactField f) const {
  int c = col_[static_cast<size_t>(f)];
  if (c < 0 || static_cast<size_t>(c) >= cells.size()) return {};
  return std::string(Trim(cells[static_cast<size_t>(c)]));
}

void RowPreparer::Prepare(const RawRecord& rec, std::span<const std::string_view> cells, bool seal, int64_t now_ms,
                          RandomPool& rng, ImportRow& out) const {
  out.line = rec.line;
  out.row = rec.row;
  out.rejected = false;
  out.blank = false;
  out.notes.clear();
  out.name.clear();
  out.phone.clear();
  out.email.clear();
  out.address.clear();
  out.preferred_language.clear();
  out.external_id.clear();
  out.details.fields.clear();
  out.details.custom.clear();
  out.id.clear();
  out.name_ct.clear();
  out.phone_ct.clear();
  out.email_ct.clear();
  out.address_ct.clear();
  out.details_ct.clear();
  out.phone_bidx.reset();
  out.email_bidx.reset();
  out.external_id_bidx.reset();

  if (rec.issues != 0) {
    // Damaged cells, NUL bytes, and cells past the header that hold data
    // cannot be imported without losing or corrupting something.
    bool rejects = rec.damaged || (rec.issues & static_cast<uint32_t>(io::CsvIssue::kNul)) != 0;
    if (!rejects && (rec.issues & static_cast<uint32_t>(io::CsvIssue::kMoreFields)) != 0) {
      for (size_t i = header_width_; i < cells.size(); ++i) {
        if (!Trim(cells[i]).empty()) rejects = true;
      }
    }
    Note(out, "", rejects ? rec.describe + " (row not imported)" : rec.describe, "", rejects, kNoteRecord);
    if (rejects) return;
  }
  if (rec.all_empty) {
    out.blank = true;
    return;
  }

  // Names, kept as typed.
  std::string first = Cell(cells, ContactField::kFirstName);
  std::string middle = Cell(cells, ContactField::kMiddleName);
  std::string last = Cell(cells, ContactField::kLastName);
  std::string full = Cell(cells, ContactField::kFullName);
  std::string nick = Cell(cells, ContactField::kNickname);
  if (!full.empty()) {
    out.name = full;
  } else {
    for (const std::string* part : {&first, &middle, &last}) {
      if (part->empty()) continue;
      if (!out.name.empty()) out.name.push_back(' ');
      out.name += *part;
    }
    if (out.name.empty()) out.name = nick;
  }
  if (out.name.empty()) {
    Note(out, "", "no name: first, last or full name is empty", "", true, kNoteNoName);
  }

  // Phones: the first non-empty in kPhoneOrder is the person's number; the
  // others go to details, in E.164 too.
  ContactField primary_phone = ContactField::kTags;  // none yet
  for (ContactField f : kPhoneOrder) {
    std::string raw = Cell(cells, f);
    if (raw.empty()) continue;
    const std::string& header = header_[static_cast<size_t>(f)];
    Result<io::E164Phone> p = io::NormalizePhone(raw, region_);
    if (!p) {
      Note(out, header, p.error().message(), raw, true, kNotePhone);
      continue;
    }
    if (!p->valid) {
      Note(out, header, "is a possible number but not a valid one for its region (kept)", raw, false,
           kNotePhoneInvalid);
    }
    if (primary_phone == ContactField::kTags) {
      primary_phone = f;
      out.phone = std::move(p->e164);
      if (!p->extension.empty() && col_[static_cast<size_t>(ContactField::kPhoneExtension)] < 0) {
        out.details.Set("phone_extension", p->extension);
      }
    } else {
      out.details.Set(io::ContactFieldName(f), p->e164);
    }
  }

  if (std::string raw = Cell(cells, ContactField::kEmail); !raw.empty()) {
    Result<std::string> e = io::NormalizeEmail(raw);
    if (!e) Note(out, header_[static_cast<size_t>(ContactField::kEmail)], e.error().message(), raw, true, kNoteEmail);
    else out.email = std::move(*e);
  }

  std::string full_address = Cell(cells, ContactField::kFullAddress);
  if (!full_address.empty()) {
    out.address = full_address;
  } else {
    std::string a1 = Cell(cells, ContactField::kAddress1), city = Cell(cells, ContactField::kCity);
    if (!a1.empty() || !city.empty()) {
      std::string state_zip = Cell(cells, ContactField::kState);
      std::string zip = Cell(cells, ContactField::kZip);
      if (!zip.empty()) state_zip += state_zip.empty() ? zip : " " + zip;
      for (const std::string& part : {a1, Cell(cells, ContactField::kAddress2), city, state_zip}) {
        if (part.empty()) continue;
        if (!out.address.empty()) out.address += ", ";
        out.address += part;
      }
    }
  }

  if (std::string lang = Cell(cells, ContactField::kPreferredLanguage); !lang.empty()) {
    if (lang.size() > kMaxLanguageBytes) {
      Note(out, header_[static_cast<size_t>(ContactField::kPreferredLanguage)],
           "is longer than a language tag; kept in the details instead", lang, false, kNoteLanguage);
      out.details.Set("preferred_language", lang);
    } else {
      out.preferred_language = std::move(lang);
    }
  }

  // Everything else, as typed, in field order.
  for (size_t f = 0; f < io::kContactFieldCount; ++f) {
    if (col_[f] < 0) continue;
    auto field = static_cast<ContactField>(f);
    switch (field) {
      case ContactField::kEmail:
      case ContactField::kFullName:
      case ContactField::kFullAddress:
      case ContactField::kPreferredLanguage:
      case ContactField::kCellPhone:
      case ContactField::kPhone:
      case ContactField::kHomePhone:
      case ContactField::kWorkPhone:
        continue;  // in their own columns (or, for other phones, set above)
      default:
        break;
    }
    std::string v = Cell(cells, field);
    if (field == ContactField::kTags) v = MergeTags(v, tags_);
    if (v.empty()) continue;
    if (field == ContactField::kExternalId) out.external_id = v;
    out.details.fields.emplace_back(std::string(io::ContactFieldName(field)), std::move(v));
  }
  if (!tags_.empty() && col_[static_cast<size_t>(ContactField::kTags)] < 0) {
    out.details.fields.emplace_back(std::string(io::ContactFieldName(ContactField::kTags)), MergeTags("", tags_));
  }
  for (const Custom& c : custom_) {
    if (c.column >= cells.size()) continue;
    std::string_view v = Trim(cells[c.column]);
    if (!v.empty()) out.details.custom.emplace_back(c.key, std::string(v));
  }

  if (out.rejected) return;
  if (out.phone.empty() && out.email.empty() && out.external_id.empty()) {
    Note(out, "", "no phone, email or external id: imported, but a later import cannot match this person", "",
         false, kNoteNoContact);
  }
  if (seal) {
    out.id = rec.id;
    Seal(out, now_ms, rng);
  }
}

void RowPreparer::Seal(ImportRow& row, int64_t now_ms, RandomPool& rng) const {
  const security::DataKey& k = *keys_.data;
  if (row.id.empty()) row.id = NewRowId(now_ms, rng);
  // Into the row's own buffers: a recycled row keeps their capacity.
  SealFieldInto(row.name_ct, k, "name", row.id, org_id_, row.name, rng);
  if (!row.phone.empty()) {
    SealFieldInto(row.phone_ct, k, "phone", row.id, org_id_, row.phone, rng);
    row.phone_bidx = security::BlindIndex(*keys_.phone_index, row.phone);
  }
  if (!row.email.empty()) {
    SealFieldInto(row.email_ct, k, "email", row.id, org_id_, row.email, rng);
    row.email_bidx = security::BlindIndex(*keys_.email_index, EmailIndexInput(row.email));
  }
  if (!row.address.empty()) SealFieldInto(row.address_ct, k, "address", row.id, org_id_, row.address, rng);
  if (!row.details.empty()) {
    thread_local std::string json;
    json.clear();
    AppendDetailsJson(row.details, json);
    SealFieldInto(row.details_ct, k, "details", row.id, org_id_, json, rng);
    sodium_memzero(json.data(), json.size());  // clear text of a person's fields: not left in a buffer
  }
  if (!row.external_id.empty()) row.external_id_bidx = security::BlindIndex(*keys_.external_id_index, row.external_id);
}

}  // namespace hotshop::store
