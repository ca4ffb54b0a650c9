// SPDX-License-Identifier: AGPL-3.0-or-later
// Voter list: the employer's list of eligible voters in an NLRB election,
// as the union receives it: which columns it must have, the order it must
// be in, and the restriction on what the union may use it for.
//
// Pure; thread-safe.
//
// RULE R7 [S8]: voter list: full names, work locations, shifts, job
//   classifications, home addresses, available personal emails and
//   home/cell phones, as a sortable table alphabetized by last name.
//   (UNVERIFIED) Use is restricted to the proceeding and related matters;
//   tag imported rows restricted-use.
//   Interpretation: emails and phones are required only when "available",
//   so a missing one is not a defect; the other five are. Alphabetical
//   order compares a last-name sort key made at the edge (ICU collation).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace hotshop::core {

enum class VoterListColumn {
  kFullName,
  kWorkLocation,
  kShift,
  kJobClassification,
  kHomeAddress,
  kPersonalEmail,  // if available
  kHomePhone,      // if available
  kCellPhone,      // if available
};

// R7: every column, in the order the rule lists them.
std::span<const VoterListColumn> VoterListColumns();

// A stable code per column ("full_name", ...); the UI translates codes.
const char* VoterListColumnCode(VoterListColumn column);

// True for the five columns every row must fill (not email or phones).
bool IsRequiredVoterListColumn(VoterListColumn column);

struct VoterListEntry {
  std::string full_name;
  std::string last_name;           // as printed, for display
  std::string last_name_sort_key;  // ICU collation key; "" = last_name bytewise
  std::string first_name_sort_key;  // tie-break; "" = full_name bytewise
  std::string work_location;
  std::string shift;
  std::string job_classification;
  std::string home_address;
  std::string personal_email;
  std::string home_phone;
  std::string cell_phone;
};

// R7: the required columns a row leaves empty, in column order; empty when
// the row is complete. Use it to show the Region a defective list.
std::vector<VoterListColumn> MissingVoterListFields(
    const VoterListEntry& entry);

// R7: indices of entries alphabetized by last name (sort key, else last
// name bytewise), then first name, then input position. Never fails.
std::vector<std::size_t> AlphabeticalOrder(
    std::span<const VoterListEntry> entries);

// Why someone wants to read or export voter-list rows.
enum class VoterListUse {
  kThisProceeding,     // the election the list was served for
  kRelatedProceeding,  // objections, challenges, a related ULP case
  kOther,              // organizing outreach, fundraising, other campaigns
};

// R7 (UNVERIFIED): Ok for the proceeding and related matters; otherwise
// Forbidden, with a message saying why.
Status CheckVoterListUse(VoterListUse use);

// R7 (UNVERIFIED): the people tag a voter-list import puts on every row;
// exports leave tagged people out (CheckVoterListUse(kOther)).
inline constexpr const char* kRestrictedUseTag = "restricted-use";

// R7 (UNVERIFIED): the tag every imported voter-list row carries.
struct RestrictedUseTag {
  bool restricted = true;
  std::string case_number;  // the NLRB case the list was served in
};

// The tag for rows imported from the voter list served in case_number.
// Fails with InvalidInput("case_number") when it is empty.
Result<RestrictedUseTag> TagVoterListRow(const std::string& case_number);

}  // namespace hotshop::core
