// SPDX-License-Identifier: AGPL-3.0-or-later
// Great-circle distance between two points on the Earth, by the haversine
// formula (R. W. Sinnott, "Virtues of the Haversine", Sky and Telescope 68:2,
// 1984, p. 159), on a sphere of the IUGG mean Earth radius (6371.0088 km).
// Good to about 0.5% against the ellipsoid: plenty for "is this organizer
// within 25 km of the worksite" between ZIP centroids, which are themselves
// only a ZIP's centre.
//
// Pure; thread-safe.
#pragma once

namespace hotshop::core {

inline constexpr double kEarthMeanRadiusKm = 6371.0088;

// Degrees, WGS 84. Latitude in [-90, 90], longitude in [-180, 180].
struct GeoPoint {
  double lat_deg = 0;
  double lon_deg = 0;
};

// Kilometres along the sphere between a and b; 0 for the same point.
// Symmetric. Never fails (out-of-range degrees are taken modulo the circle).
double HaversineKm(GeoPoint a, GeoPoint b);

}  // namespace hotshop::core
