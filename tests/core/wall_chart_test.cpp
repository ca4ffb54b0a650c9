// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/wall_chart.
// Rules covered: R19 (the wall chart's columns, incl. non-company
// contacts; rows grouped by department then shift).
#include "core/wall_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hotshop::core {
namespace {

WallChartRow Row(std::string id, std::string name, std::string dept,
                 std::string shift) {
  WallChartRow r;
  r.person_id = std::move(id);
  r.name = std::move(name);
  r.department = std::move(dept);
  r.shift = std::move(shift);
  return r;
}

// RULE R19: name, department, location, shift, FT/PT, card signed plus
// date, committee/helper, rating, last contact and who, phones; personal
// (non-company) contact.
TEST(WallChart, HasEveryColumnTheRuleLists) {
  std::vector<std::string> codes;
  for (WallChartColumn c : WallChartColumns())
    codes.push_back(WallChartColumnCode(c));
  EXPECT_EQ(codes,
            (std::vector<std::string>{
                "name", "department", "location", "shift", "employment_type",
                "card_signed", "card_signed_on", "committee_role", "rating",
                "last_contact_on", "last_contact_by", "home_phone",
                "cell_phone", "personal_email"}));
}

// RULE R19: rows grouped by department, then shift, then name.
TEST(WallChart, GroupsByDepartmentThenShift) {
  std::vector<WallChartRow> rows = {
      Row("1", "Rosa", "Housekeeping", "Nights"),
      Row("2", "Lee", "Kitchen", "Days"),
      Row("3", "Ana", "Housekeeping", "Days"),
      Row("4", "Bo", "Housekeeping", "Nights"),
  };
  std::vector<DepartmentGroup> g = GroupWallChart(rows);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].department, "Housekeeping");
  ASSERT_EQ(g[0].shifts.size(), 2u);
  EXPECT_EQ(g[0].shifts[0].shift, "Days");
  EXPECT_EQ(g[0].shifts[0].rows, std::vector<std::size_t>{2});
  EXPECT_EQ(g[0].shifts[1].shift, "Nights");
  EXPECT_EQ(g[0].shifts[1].rows, (std::vector<std::size_t>{3, 0}));  // Bo, Rosa
  EXPECT_EQ(g[1].department, "Kitchen");
  EXPECT_EQ(g[1].shifts[0].rows, std::vector<std::size_t>{1});
}

// RULE R19: unrecorded department or shift goes last, nothing is dropped.
TEST(WallChart, UnrecordedGroupsGoLastAndNoRowIsDropped) {
  std::vector<WallChartRow> rows = {Row("1", "Zed", "", "Days"),
                                    Row("2", "Ann", "Laundry", ""),
                                    Row("3", "Cy", "Laundry", "Days")};
  std::vector<DepartmentGroup> g = GroupWallChart(rows);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].department, "Laundry");
  EXPECT_EQ(g[0].shifts[0].shift, "Days");
  EXPECT_EQ(g[0].shifts[1].shift, "");
  EXPECT_EQ(g[1].department, "");
  std::size_t total = 0;
  for (const auto& d : g) {
    for (const auto& s : d.shifts) total += s.rows.size();
  }
  EXPECT_EQ(total, rows.size());
}

TEST(WallChart, SortKeyOverridesTheNameAndIdBreaksTies) {
  std::vector<WallChartRow> rows = {Row("b", "Émile", "D", "S"),
                                    Row("a", "Zoe", "D", "S"),
                                    Row("c", "Zoe", "D", "S")};
  rows[0].name_sort_key = "emile";  // collation key made at the edge
  rows[1].name_sort_key = "zoe";
  rows[2].name_sort_key = "zoe";
  std::vector<DepartmentGroup> g = GroupWallChart(rows);
  EXPECT_EQ(g[0].shifts[0].rows, (std::vector<std::size_t>{0, 1, 2}));
}

// ---- incorrect usage ----

TEST(WallChart, NoRowsIsAnEmptyChartNotAnError) {
  EXPECT_TRUE(GroupWallChart({}).empty());
}

}  // namespace
}  // namespace hotshop::core
