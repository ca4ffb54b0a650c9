// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/zip_centroids: the table generated at build time from the
// npm package zipcodes (issue #5: "ZIP centroids from a packaged data set").
#include "core/zip_centroids.h"

#include <gtest/gtest.h>

namespace hotshop::core {
namespace {

TEST(ZipCentroids, KnowsManhattan) {
  std::optional<ZipCentroid> z = LookupZip("10001");
  ASSERT_TRUE(z.has_value());
  EXPECT_NEAR(z->point.lat_deg, 40.7484, 1e-9);
  EXPECT_NEAR(z->point.lon_deg, -73.9967, 1e-9);
  EXPECT_EQ(z->city, "New York");
  EXPECT_EQ(z->state, "NY");
}

TEST(ZipCentroids, LeadingZeroAndZipPlusFour) {
  std::optional<ZipCentroid> a = LookupZip("02139");
  std::optional<ZipCentroid> b = LookupZip(" 02139-4307 ");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->state, "MA");
  EXPECT_EQ(a->city, b->city);
  EXPECT_DOUBLE_EQ(a->point.lat_deg, b->point.lat_deg);
}

TEST(ZipCentroids, TheWholeDataSetIsThere) {
  EXPECT_GT(ZipCentroidCount(), 40000u);
  EXPECT_NE(ZipCentroidSource().find("zipcodes@"), std::string_view::npos);
}

// Two Houston ZIPs are a few kilometres apart; Houston to San Antonio ~300.
TEST(ZipCentroids, DistancesBetweenZipsAreSensible) {
  auto houston = LookupZip("77002");
  auto houston_west = LookupZip("77024");
  auto san_antonio = LookupZip("78205");
  ASSERT_TRUE(houston && houston_west && san_antonio);
  EXPECT_LT(HaversineKm(houston->point, houston_west->point), 20);
  EXPECT_NEAR(HaversineKm(houston->point, san_antonio->point), 300, 30);
}

// Incorrect usage: anything but five digits (optionally +4) is no ZIP.
TEST(ZipCentroids, RejectsMalformedZips) {
  EXPECT_FALSE(LookupZip("").has_value());
  EXPECT_FALSE(LookupZip("1000").has_value());
  EXPECT_FALSE(LookupZip("100011").has_value());
  EXPECT_FALSE(LookupZip("1000a").has_value());
  EXPECT_FALSE(LookupZip("10001-12").has_value());
  EXPECT_FALSE(LookupZip("10001x1234").has_value());
  EXPECT_FALSE(LookupZip("00000").has_value());  // not a ZIP
}

}  // namespace
}  // namespace hotshop::core
