// SPDX-License-Identifier: AGPL-3.0-or-later
// Wall chart: the organizer's map of every worker in the unit, one row per
// person, grouped by department and then shift so gaps show at a glance.
// This file fixes the columns and orders the rows; it never copies or
// formats personal data (groups hold indices into the caller's rows).
//
// Pure; thread-safe.
//
// RULE R19 [S22][S21a]: wall chart: name, department, location, shift,
//   FT/PT, card signed plus date, committee/helper, rating, last-contact
//   date and who made it, home and cell phones [S22]; collect non-company
//   contacts [S21a] (the personal email column).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/civil_date.h"

namespace hotshop::core {

enum class WallChartColumn {
  kName,
  kDepartment,
  kLocation,
  kShift,
  kEmploymentType,  // FT/PT
  kCardSigned,
  kCardSignedOn,
  kCommitteeRole,  // committee / helper
  kRating,         // the effective assessment (R18)
  kLastContactOn,
  kLastContactBy,
  kHomePhone,
  kCellPhone,
  kPersonalEmail,  // non-company contact [S21a]
};

// R19: every column, in display order.
std::span<const WallChartColumn> WallChartColumns();

// A stable code per column ("name", "card_signed_on", ...) for the API
// and CSV headers; the UI translates codes.
const char* WallChartColumnCode(WallChartColumn column);

enum class EmploymentType { kUnknown, kFullTime, kPartTime };
enum class CommitteeRole { kNone, kHelper, kCommittee };

struct WallChartRow {
  std::string person_id;
  std::string name;
  // Sort key for the name (an ICU collation key, made at the edge);
  // compared bytewise. Empty: the name itself is compared bytewise.
  std::string name_sort_key;
  std::string department;  // "" = not recorded: grouped last
  std::string location;
  std::string shift;  // "" = not recorded: grouped last
  EmploymentType employment = EmploymentType::kUnknown;
  bool card_signed = false;
  std::optional<Date> card_signed_on;
  CommitteeRole role = CommitteeRole::kNone;
  int64_t rating = 0;  // 0 = not assessed (R18)
  std::optional<Date> last_contact_on;
  std::string last_contact_by;
  std::string home_phone;
  std::string cell_phone;
  std::string personal_email;
};

struct ShiftGroup {
  std::string shift;
  std::vector<std::size_t> rows;  // indices into the caller's rows, in order
};

struct DepartmentGroup {
  std::string department;
  std::vector<ShiftGroup> shifts;
};

// Groups rows by department, then shift (each bytewise ascending, "" last),
// and orders each group by name sort key, then person_id, then input
// position. Every input row appears exactly once. Never fails.
std::vector<DepartmentGroup> GroupWallChart(std::span<const WallChartRow> rows);

}  // namespace hotshop::core
