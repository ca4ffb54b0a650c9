// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/zip_region.h"

namespace hotshop::core {
namespace {

struct Range {
  int lo, hi;
  const char* region;
};

// Three-digit ZIP prefixes by state (USPS prefix assignments).
constexpr Range kRanges[] = {
    {5, 5, "NY"},     {6, 7, "PR"},     {8, 8, "VI"},     {9, 9, "PR"},     {10, 27, "MA"},   {28, 29, "RI"},
    {30, 38, "NH"},   {39, 49, "ME"},   {50, 54, "VT"},   {55, 55, "MA"},   {56, 59, "VT"},   {60, 69, "CT"},
    {70, 89, "NJ"},   {90, 99, "AE"},   {100, 149, "NY"}, {150, 196, "PA"}, {197, 199, "DE"}, {200, 200, "DC"},
    {201, 201, "VA"}, {202, 205, "DC"}, {206, 219, "MD"}, {220, 246, "VA"}, {247, 268, "WV"}, {270, 289, "NC"},
    {290, 299, "SC"}, {300, 319, "GA"}, {320, 339, "FL"}, {340, 340, "AA"}, {341, 349, "FL"}, {350, 369, "AL"},
    {370, 385, "TN"}, {386, 397, "MS"}, {398, 399, "GA"}, {400, 427, "KY"}, {430, 459, "OH"}, {460, 479, "IN"},
    {480, 499, "MI"}, {500, 528, "IA"}, {530, 549, "WI"}, {550, 567, "MN"}, {569, 569, "DC"}, {570, 577, "SD"},
    {580, 588, "ND"}, {590, 599, "MT"}, {600, 629, "IL"}, {630, 658, "MO"}, {660, 679, "KS"}, {680, 693, "NE"},
    {700, 715, "LA"}, {716, 729, "AR"}, {730, 731, "OK"}, {733, 733, "TX"}, {734, 749, "OK"}, {750, 799, "TX"},
    {800, 816, "CO"}, {820, 831, "WY"}, {832, 838, "ID"}, {840, 847, "UT"}, {850, 865, "AZ"}, {870, 884, "NM"},
    {885, 885, "TX"}, {889, 898, "NV"}, {900, 961, "CA"}, {962, 966, "AP"}, {967, 968, "HI"}, {969, 969, "GU"},
    {970, 979, "OR"}, {980, 994, "WA"}, {995, 999, "AK"},
};

bool Digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsUsZip(std::string_view zip) {
  if (zip.size() != 5 && zip.size() != 10) return false;
  for (size_t i = 0; i < 5; ++i) {
    if (!Digit(zip[i])) return false;
  }
  if (zip.size() == 10) {
    if (zip[5] != '-') return false;
    for (size_t i = 6; i < 10; ++i) {
      if (!Digit(zip[i])) return false;
    }
  }
  return true;
}

std::string ZipRegion(std::string_view zip) {
  if (zip.size() < 5) return "";
  for (size_t i = 0; i < 5; ++i) {
    if (!Digit(zip[i])) return "";
  }
  int prefix = (zip[0] - '0') * 100 + (zip[1] - '0') * 10 + (zip[2] - '0');
  for (const Range& r : kRanges) {
    if (prefix >= r.lo && prefix <= r.hi) return r.region;
  }
  return "";
}

}  // namespace hotshop::core
