// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/geo_distance (haversine), which ranks organizers by
// distance for RULE R22's "matches an organizer" (issue #5).
#include "core/geo_distance.h"

#include <gtest/gtest.h>

namespace hotshop::core {
namespace {

TEST(GeoDistance, SamePointIsZero) {
  EXPECT_DOUBLE_EQ(HaversineKm({40.7484, -73.9967}, {40.7484, -73.9967}), 0.0);
}

// The classic worked example (Nashville BNA to Los Angeles LAX): 2887.2600 km
// on a sphere of 6372.8 km, so 2887.2600 x 6371.0088 / 6372.8 on ours.
TEST(GeoDistance, NashvilleToLosAngelesMatchesTheWorkedExample) {
  const double km = HaversineKm({36.12, -86.67}, {33.94, -118.40});
  EXPECT_NEAR(km, 2887.2600 * kEarthMeanRadiusKm / 6372.8, 0.01);
}

TEST(GeoDistance, IsSymmetric) {
  GeoPoint a{29.7604, -95.3698}, b{29.4241, -98.4936};
  EXPECT_DOUBLE_EQ(HaversineKm(a, b), HaversineKm(b, a));
}

// One degree of latitude is 1/360 of the meridian circle.
TEST(GeoDistance, OneDegreeOfLatitude) {
  EXPECT_NEAR(HaversineKm({10, 20}, {11, 20}), 2 * 3.14159265358979 * kEarthMeanRadiusKm / 360, 1e-6);
}

// Incorrect usage: antipodal points must not turn into NaN through rounding.
TEST(GeoDistance, AntipodesGiveHalfTheCircumference) {
  const double km = HaversineKm({0, 0}, {0, 180});
  EXPECT_NEAR(km, 3.14159265358979 * kEarthMeanRadiusKm, 1e-6);
}

}  // namespace
}  // namespace hotshop::core
