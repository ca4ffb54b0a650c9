// SPDX-License-Identifier: AGPL-3.0-or-later
// Header mapping: which contact field each column of an uploaded file holds,
// and which tool the file most likely came from.
//
// Spec: shared/interop/README.md §3 (real import/export formats):
//   an    Action Network report download: uuid, first_name, last_name, email,
//         zip_code, can2_user_address/_city/_state/_tags, can2_phone, ...
//   ab    Action Builder entity upload: Custom ID(s), First Name, Full Name,
//         Middle Name, Nickname, Email, Email Type, Phone Number, Phone Number
//         Type, Phone Number Extension, Address Line 1, ..., Assessment
//   van   VAN export as read by Spoke's NGP VAN loader: VanID, FirstName,
//         LastName, Address (one line), StreetAddress, City, State,
//         ZipOrPostal, County, Employer, Occupation, Email, HomePhone,
//         CellPhone, WorkPhone, Phone, OptInPhone, CongressionalDistrict, ...
//   spoke Spoke contact CSV: firstName, lastName, cell (required), zip,
//         external_id; every other column is a custom field
//   st    Solidarity Tech member export: id, name, first_name, last_name,
//         phone_number, email, chapter, preferred_language, full_address,
//         address1, address2, city, state, postal_code, country, created_at,
//         paid_dues_since, tags, org-specific hyphenated keys
// Spoke's own parser (StateVoicesNational/Spoke src/lib/parse_csv.js,
// requiredUploadFields = [firstName, lastName, cell], topLevelUploadFields
// adds zip and external_id; src/extensions/contact-loaders/csv-upload/
// react-component.js ensureCamelCaseRequiredHeaders maps first_name/last_name)
// is the origin of the Spoke aliases; the wider alias lists (givenName, f_name,
// first, name / familyName, surname, last / mobile, phone, phone_number,
// cellPhone / zipcode, postalCode, ZipOrPostal) are those recorded in
// interop/README.md §3, since the stored Spoke sources do not carry them.
//
// Matching ignores case, spaces, '_', '-', '.', '/', '#' and '(' ')': "First
// Name", "first_name" and "FirstName" are one key. A phone column that only
// says "phone" maps to `phone`, a cell-specific one to `cell_phone`; the
// importer texts cell_phone and falls back to phone (Spoke's "phone" alias for
// cell is realised by that fallback, not by mapping two columns to one field).
//
// Thread rule: pure functions and plain values; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hotshop::io {

enum class ContactField : uint8_t {
  kExternalId,
  kFirstName,
  kLastName,
  kFullName,
  kMiddleName,
  kNickname,
  kEmail,
  kEmailType,
  kPhone,
  kPhoneType,
  kPhoneExtension,
  kCellPhone,
  kHomePhone,
  kWorkPhone,
  kFullAddress,  // one-line address (VAN "Address", ST "full_address")
  kAddress1,
  kAddress2,
  kCity,
  kState,
  kZip,
  kCounty,
  kCountry,
  kLatitude,
  kLongitude,
  kEmployer,
  kOccupation,
  kPreferredLanguage,
  kDateOfBirth,
  kAge,
  kAssessment,
  kTags,
};
inline constexpr size_t kContactFieldCount =
    static_cast<size_t>(ContactField::kTags) + 1;

// "first_name" for kFirstName, and so on. Never fails.
std::string_view ContactFieldName(ContactField field);
// Inverse of ContactFieldName (exact, lowercase); nullopt if unknown.
std::optional<ContactField> ContactFieldFromName(std::string_view name);

enum class SourceFormat : uint8_t {
  kAuto,            // only as a request: detect
  kGeneric,         // detected: none of the known tools
  kActionNetwork,   // "an"
  kActionBuilder,   // "ab"
  kVan,             // "van"
  kSpoke,           // "spoke"
  kSolidarityTech,  // "st"
};

// "auto", "generic", "an", "ab", "van", "spoke", "st". Never fails.
std::string_view SourceFormatCode(SourceFormat format);
// Parses the --format flag (auto|an|ab|van|spoke|st|generic, any case).
// Fails with kInvalidInput on field "format" for anything else.
Result<SourceFormat> ParseSourceFormat(std::string_view flag);

enum class Confidence : uint8_t { kNone, kLow, kMedium, kHigh };
std::string_view ConfidenceName(Confidence confidence);

// What the importer does with a column.
enum class ColumnAction : uint8_t {
  kField,   // goes into `field`
  kCustom,  // kept as custom field `custom_key` (the default when unmapped)
  kSkip,    // ignored (the user's choice, or an empty header with no name)
};

struct ColumnMapping {
  size_t index = 0;       // 0-based column
  std::string header;     // as in the file
  ColumnAction action = ColumnAction::kCustom;
  std::optional<ContactField> field;  // set iff action == kField
  std::string custom_key;  // set iff action == kCustom: trimmed header
  std::string note;        // why, when not obvious ("duplicate of column 2")
};

struct HeaderMapping {
  SourceFormat format = SourceFormat::kGeneric;
  Confidence confidence = Confidence::kNone;
  bool forced = false;  // format came from --format, not detection
  std::string reason;   // e.g. "VAN headers: VanID, ZipOrPostal, ..."
  std::vector<ColumnMapping> columns;
  std::vector<std::string> warnings;  // missing name/contact columns, ...

  // Column holding `field`, if any. Never fails.
  std::optional<size_t> ColumnFor(ContactField field) const;

  // User overrides. Each fails with kInvalidInput on field "column" when
  // `column` is out of range, and AssignField with kConflict on field "field"
  // when another column already holds `field` (skip that one first). On
  // failure the mapping is unchanged.
  Status AssignField(size_t column, ContactField field);
  Status KeepAsCustom(size_t column);
  Status Skip(size_t column);
};

// Lowercases ASCII and drops ' ', '_', '-', '.', '/', '#', '(' and ')'.
// Never fails.
std::string NormalizeHeaderName(std::string_view header);

// Maps each header cell to a field and detects (or, with a forced format,
// applies) the source format. Never fails: unknown columns become custom
// fields and a header matching no tool is kGeneric with a reason.
// REQUIRES: format is any SourceFormat; kGeneric forces generic aliases only.
HeaderMapping MapHeader(std::span<const std::string> header,
                        SourceFormat format = SourceFormat::kAuto);

}  // namespace hotshop::io
