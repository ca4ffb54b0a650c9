// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/zip_centroids.h"

#include <algorithm>
#include <cstdint>

#include "core/zip_centroids_data.h"

namespace hotshop::core {
namespace {

// "02139", "02139-4307", " 02139 " -> 2139; anything else -> nullopt.
std::optional<uint32_t> ParseZip5(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() != 5 && s.size() != 10) return std::nullopt;
  if (s.size() == 10) {
    if (s[5] != '-') return std::nullopt;
    for (size_t i = 6; i < 10; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
    }
  }
  uint32_t v = 0;
  for (size_t i = 0; i < 5; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + static_cast<uint32_t>(s[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<ZipCentroid> LookupZip(std::string_view zip) {
  std::optional<uint32_t> z = ParseZip5(zip);
  if (!z) return std::nullopt;
  const zip_data::ZipRow* begin = zip_data::kRows;
  const zip_data::ZipRow* end = zip_data::kRows + zip_data::kRowCount;
  const zip_data::ZipRow* it =
      std::lower_bound(begin, end, *z, [](const zip_data::ZipRow& r, uint32_t v) { return r.zip < v; });
  if (it == end || it->zip != *z) return std::nullopt;
  ZipCentroid c;
  c.point = {it->lat_e4 / 1e4, it->lon_e4 / 1e4};
  c.city = std::string_view(zip_data::kCities + it->city);
  c.state = std::string_view(zip_data::kStates[it->state], 2);
  return c;
}

size_t ZipCentroidCount() { return zip_data::kRowCount; }

std::string_view ZipCentroidSource() { return zip_data::kSource; }

}  // namespace hotshop::core
