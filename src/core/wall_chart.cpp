// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/wall_chart.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace hotshop::core {

namespace {

using C = WallChartColumn;

// RULE R19: the columns, in the order organizers read them.
constexpr WallChartColumn kColumns[] = {
    C::kName,           C::kDepartment,    C::kLocation,      C::kShift,
    C::kEmploymentType, C::kCardSigned,    C::kCardSignedOn,  C::kCommitteeRole,
    C::kRating,         C::kLastContactOn, C::kLastContactBy, C::kHomePhone,
    C::kCellPhone,      C::kPersonalEmail,
};

// Bytewise, with the empty string ("not recorded") after everything.
bool GroupLess(const std::string& a, const std::string& b) {
  if (a.empty() != b.empty()) return b.empty();
  return a < b;
}

const std::string& NameKey(const WallChartRow& row) {
  return row.name_sort_key.empty() ? row.name : row.name_sort_key;
}

}  // namespace

std::span<const WallChartColumn> WallChartColumns() { return kColumns; }

const char* WallChartColumnCode(WallChartColumn column) {
  switch (column) {
    case C::kName:
      return "name";
    case C::kDepartment:
      return "department";
    case C::kLocation:
      return "location";
    case C::kShift:
      return "shift";
    case C::kEmploymentType:
      return "employment_type";
    case C::kCardSigned:
      return "card_signed";
    case C::kCardSignedOn:
      return "card_signed_on";
    case C::kCommitteeRole:
      return "committee_role";
    case C::kRating:
      return "rating";
    case C::kLastContactOn:
      return "last_contact_on";
    case C::kLastContactBy:
      return "last_contact_by";
    case C::kHomePhone:
      return "home_phone";
    case C::kCellPhone:
      return "cell_phone";
    case C::kPersonalEmail:
      return "personal_email";
  }
  return "";
}

std::vector<DepartmentGroup> GroupWallChart(
    std::span<const WallChartRow> rows) {
  // RULE R19: rows grouped by department, then shift.
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t ia, std::size_t ib) {
                     const WallChartRow& a = rows[ia];
                     const WallChartRow& b = rows[ib];
                     if (a.department != b.department)
                       return GroupLess(a.department, b.department);
                     if (a.shift != b.shift) return GroupLess(a.shift, b.shift);
                     return std::tie(NameKey(a), a.person_id) <
                            std::tie(NameKey(b), b.person_id);
                   });

  std::vector<DepartmentGroup> groups;
  for (std::size_t i : order) {
    const WallChartRow& row = rows[i];
    if (groups.empty() || groups.back().department != row.department) {
      groups.push_back(DepartmentGroup{row.department, {}});
    }
    std::vector<ShiftGroup>& shifts = groups.back().shifts;
    if (shifts.empty() || shifts.back().shift != row.shift) {
      shifts.push_back(ShiftGroup{row.shift, {}});
    }
    shifts.back().rows.push_back(i);
  }
  return groups;
}

}  // namespace hotshop::core
