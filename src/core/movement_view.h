// SPDX-License-Identifier: AGPL-3.0-or-later
// The movement view (issue #5): for an org, its requests by pipeline stage,
// the median and 90th-percentile time from request to first human contact,
// and its organizers' load against their capacity, each overall and by
// region and by industry. Viewers see counts under the small-cell
// threshold suppressed (security-model.md §3, core/small_cells.h).
//
// RULE R22 [S26]: EWOC model: short intake form -> volunteer contacts ->
//   matches an organizer. (UNVERIFIED) milestones intake -> assigned ->
//   first contact: the view measures how fast requests pass them.
//
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/duration_stats.h"

namespace hotshop::core {

struct MovementIntake {
  std::string stage;   // core::IntakeStageName
  std::string region;  // "" = unknown
  std::string industry;
  int64_t received_at_ms = 0;
  std::optional<int64_t> first_contact_at_ms;
};

struct MovementOrganizer {
  std::string region;  // the state of the home ZIP, "" = unknown
  int64_t load = 0;
  int64_t capacity = 0;
};

struct MovementGroup {
  std::string key;                       // region or industry ("" = unknown); "" for the total
  std::map<std::string, int64_t> stages; // stage -> count
  int64_t intakes = 0;
  DurationStats to_first_contact;
  int64_t organizers = 0;
  int64_t load = 0;
  int64_t capacity = 0;
};

struct MovementView {
  MovementGroup total;
  std::vector<MovementGroup> by_region;    // sorted by key
  std::vector<MovementGroup> by_industry;  // sorted by key (organizers not split by industry)
};

// R22: aggregates the org's requests and organizers. Never fails.
MovementView SummarizeMovement(std::span<const MovementIntake> intakes,
                               std::span<const MovementOrganizer> organizers);

}  // namespace hotshop::core
