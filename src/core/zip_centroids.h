// SPDX-License-Identifier: AGPL-3.0-or-later
// US ZIP code centroids: where a five-digit ZIP is, roughly, for matching an
// organizer to a worksite by distance (issue #5). Reference data generated
// at build time from the npm package `zipcodes` (BSD licence; see
// docs/operators.md "ZIP centroids"): about 42,000 ZIPs with a point, a city
// name and a state (or territory / military postal code).
//
// A ZIP is a postal route, not an area: its "centroid" is the package's
// point for it, good to a few kilometres in towns and worse in the country.
//
// Pure; thread-safe (the table is constant).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/geo_distance.h"

namespace hotshop::core {

struct ZipCentroid {
  GeoPoint point;
  std::string_view city;   // as the data set spells it ("New York")
  std::string_view state;  // two letters ("NY", "PR", "AE")
};

// The centroid of a ZIP written "02139" or "02139-4307" (ZIP+4: the first
// five digits count), surrounding spaces ignored. nullopt for anything
// else, or a ZIP the data set does not know.
std::optional<ZipCentroid> LookupZip(std::string_view zip);

// How many ZIPs the table holds, and which data set it came from
// ("zipcodes@8.0.0 (BSD)").
size_t ZipCentroidCount();
std::string_view ZipCentroidSource();

}  // namespace hotshop::core
