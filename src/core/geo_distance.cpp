// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/geo_distance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hotshop::core {

double HaversineKm(GeoPoint a, GeoPoint b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double phi1 = a.lat_deg * kRad;
  const double phi2 = b.lat_deg * kRad;
  const double dphi = (b.lat_deg - a.lat_deg) * kRad;
  const double dlambda = (b.lon_deg - a.lon_deg) * kRad;
  const double s1 = std::sin(dphi / 2);
  const double s2 = std::sin(dlambda / 2);
  double h = s1 * s1 + std::cos(phi1) * std::cos(phi2) * s2 * s2;
  // Rounding can push h a hair past 1 for antipodal points: asin would NaN.
  h = std::clamp(h, 0.0, 1.0);
  return 2 * kEarthMeanRadiusKm * std::asin(std::sqrt(h));
}

}  // namespace hotshop::core
