// SPDX-License-Identifier: AGPL-3.0-or-later
// The layout of the generated ZIP centroid table (build/generated/
// zip_centroids_data.cpp, made by scripts/gen-zip-centroids.mjs from the npm
// package zipcodes). Only core/zip_centroids.cpp reads it; use
// core/zip_centroids.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hotshop::core::zip_data {

struct ZipRow {
  uint32_t zip;       // the five digits as a number (02139 -> 2139)
  int32_t lat_e4;     // latitude in 1e-4 degrees
  int32_t lon_e4;     // longitude in 1e-4 degrees
  uint16_t state;     // index into kStates
  uint32_t city;      // byte offset of a NUL-terminated name in kCities
};

extern const char kSource[];
extern const char kStates[][3];
extern const size_t kStateCount;
extern const char kCities[];
extern const ZipRow kRows[];  // sorted by zip, each zip once
extern const size_t kRowCount;

}  // namespace hotshop::core::zip_data
