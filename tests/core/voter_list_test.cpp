// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/voter_list.
// Rules covered: R7 (columns; alphabetized by last name; use restricted to
// the proceeding; imported rows tagged restricted-use).
#include "core/voter_list.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hotshop::core {
namespace {

VoterListEntry Complete(std::string full, std::string last) {
  VoterListEntry e;
  e.full_name = std::move(full);
  e.last_name = std::move(last);
  e.work_location = "Store 1234";
  e.shift = "Days";
  e.job_classification = "Barista";
  e.home_address = "1 Main St";
  return e;
}

// RULE R7: full names, work locations, shifts, job classifications, home
// addresses, personal emails, home and cell phones.
TEST(VoterList, HasTheColumnsTheRuleLists) {
  std::vector<std::string> codes;
  for (VoterListColumn c : VoterListColumns())
    codes.push_back(VoterListColumnCode(c));
  EXPECT_EQ(codes,
            (std::vector<std::string>{
                "full_name", "work_location", "shift", "job_classification",
                "home_address", "personal_email", "home_phone", "cell_phone"}));
}

// RULE R7: emails and phones are required only when available.
TEST(VoterList, MissingRequiredFieldsAreListed) {
  EXPECT_TRUE(MissingVoterListFields(Complete("Ana Ruiz", "Ruiz")).empty());
  VoterListEntry e = Complete("Ana Ruiz", "Ruiz");
  e.home_address.clear();
  e.shift.clear();
  EXPECT_EQ(MissingVoterListFields(e),
            (std::vector<VoterListColumn>{VoterListColumn::kShift,
                                          VoterListColumn::kHomeAddress}));
  EXPECT_FALSE(IsRequiredVoterListColumn(VoterListColumn::kCellPhone));
}

// RULE R7: alphabetized by last name.
TEST(VoterList, AlphabetizedByLastName) {
  std::vector<VoterListEntry> e = {
      Complete("Zoe Adams", "Adams"), Complete("Bo Yu", "Yu"),
      Complete("Al Adams", "Adams"), Complete("Cy Mora", "Mora")};
  EXPECT_EQ(AlphabeticalOrder(e), (std::vector<std::size_t>{2, 0, 3, 1}));
}

TEST(VoterList, SortKeyOverridesBytewiseOrder) {
  std::vector<VoterListEntry> e = {Complete("Eva Zúñiga", "Zúñiga"),
                                   Complete("Ed Ávila", "Ávila")};
  e[0].last_name_sort_key = "zuniga";
  e[1].last_name_sort_key = "avila";
  EXPECT_EQ(AlphabeticalOrder(e), (std::vector<std::size_t>{1, 0}));
}

// RULE R7 (UNVERIFIED): use is restricted to the proceeding.
TEST(VoterList, UseIsRestrictedToTheProceeding) {
  EXPECT_TRUE(CheckVoterListUse(VoterListUse::kThisProceeding).ok());
  EXPECT_TRUE(CheckVoterListUse(VoterListUse::kRelatedProceeding).ok());
  Status other = CheckVoterListUse(VoterListUse::kOther);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code(), ErrorCode::kForbidden);
}

// RULE R7 (UNVERIFIED): imported rows are tagged restricted-use.
TEST(VoterList, ImportedRowsAreTaggedRestricted) {
  Result<RestrictedUseTag> tag = TagVoterListRow("07-RC-123456");
  ASSERT_TRUE(tag.ok());
  EXPECT_TRUE(tag->restricted);
  EXPECT_EQ(tag->case_number, "07-RC-123456");
}

// ---- incorrect usage ----

TEST(VoterList, TagWithoutACaseIsAnError) {
  Result<RestrictedUseTag> tag = TagVoterListRow("");
  ASSERT_FALSE(tag.ok());
  EXPECT_EQ(tag.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(tag.error().field(), "case_number");
}

TEST(VoterList, EmptyListHasNoOrder) {
  EXPECT_TRUE(AlphabeticalOrder({}).empty());
}

}  // namespace
}  // namespace hotshop::core
