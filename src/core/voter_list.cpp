// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/voter_list.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace hotshop::core {

namespace {

using C = VoterListColumn;

// RULE R7: the columns of the voter list.
constexpr VoterListColumn kColumns[] = {
    C::kFullName,    C::kWorkLocation,  C::kShift,     C::kJobClassification,
    C::kHomeAddress, C::kPersonalEmail, C::kHomePhone, C::kCellPhone,
};

const std::string& Field(const VoterListEntry& e, VoterListColumn column) {
  switch (column) {
    case C::kFullName:
      return e.full_name;
    case C::kWorkLocation:
      return e.work_location;
    case C::kShift:
      return e.shift;
    case C::kJobClassification:
      return e.job_classification;
    case C::kHomeAddress:
      return e.home_address;
    case C::kPersonalEmail:
      return e.personal_email;
    case C::kHomePhone:
      return e.home_phone;
    case C::kCellPhone:
      return e.cell_phone;
  }
  return e.full_name;
}

const std::string& LastKey(const VoterListEntry& e) {
  return e.last_name_sort_key.empty() ? e.last_name : e.last_name_sort_key;
}

const std::string& FirstKey(const VoterListEntry& e) {
  return e.first_name_sort_key.empty() ? e.full_name : e.first_name_sort_key;
}

}  // namespace

std::span<const VoterListColumn> VoterListColumns() { return kColumns; }

const char* VoterListColumnCode(VoterListColumn column) {
  switch (column) {
    case C::kFullName:
      return "full_name";
    case C::kWorkLocation:
      return "work_location";
    case C::kShift:
      return "shift";
    case C::kJobClassification:
      return "job_classification";
    case C::kHomeAddress:
      return "home_address";
    case C::kPersonalEmail:
      return "personal_email";
    case C::kHomePhone:
      return "home_phone";
    case C::kCellPhone:
      return "cell_phone";
  }
  return "";
}

bool IsRequiredVoterListColumn(VoterListColumn column) {
  // RULE R7: emails and phones only when "available".
  return column != C::kPersonalEmail && column != C::kHomePhone &&
         column != C::kCellPhone;
}

std::vector<VoterListColumn> MissingVoterListFields(
    const VoterListEntry& entry) {
  std::vector<VoterListColumn> missing;
  for (VoterListColumn c : kColumns) {
    if (IsRequiredVoterListColumn(c) && Field(entry, c).empty()) {
      missing.push_back(c);
    }
  }
  return missing;
}

std::vector<std::size_t> AlphabeticalOrder(
    std::span<const VoterListEntry> entries) {
  // RULE R7: alphabetized by last name.
  std::vector<std::size_t> order(entries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(
      order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(LastKey(entries[a]), FirstKey(entries[a])) <
               std::tie(LastKey(entries[b]), FirstKey(entries[b]));
      });
  return order;
}

Status CheckVoterListUse(VoterListUse use) {
  // RULE R7 (U): use is restricted to the proceeding and related matters.
  if (use == VoterListUse::kOther) {
    return Error::Forbidden(
        "the voter list may be used only for the election proceeding and "
        "related matters");
  }
  return Ok();
}

Result<RestrictedUseTag> TagVoterListRow(const std::string& case_number) {
  // RULE R7 (U): tag imported rows restricted-use.
  if (case_number.empty()) {
    return Error::InvalidInput("case_number",
                               "name the case the voter list was served in");
  }
  return RestrictedUseTag{true, case_number};
}

}  // namespace hotshop::core
