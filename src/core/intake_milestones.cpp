// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/intake_milestones.h"

#include <string>

namespace hotshop::core {

namespace {

// RULE R22: intake -> assigned -> first contact -> OC formed -> charted ->
// public -> petition/recognition.
constexpr Milestone kOrder[] = {
    Milestone::kIntake,
    Milestone::kAssigned,
    Milestone::kFirstContact,
    Milestone::kCommitteeFormed,
    Milestone::kCharted,
    Milestone::kPublic,
    Milestone::kPetitionOrRecognition,
};

// Invariant: Milestone's enumerators are declared in kOrder's order.
static_assert(static_cast<std::size_t>(Milestone::kPetitionOrRecognition) ==
              std::size(kOrder) - 1);

std::size_t Position(Milestone m) { return static_cast<std::size_t>(m); }

}  // namespace

std::span<const Milestone> MilestoneOrder() { return kOrder; }

std::optional<Milestone> NextMilestone(Milestone m) {
  const std::size_t next = Position(m) + 1;
  if (next >= std::size(kOrder)) return std::nullopt;
  return kOrder[next];
}

Status CheckMilestoneChange(Milestone from, Milestone to) {
  if (NextMilestone(from) == to) return Ok();
  // J2.2: declined or no contact in 48 h: back in the queue.
  if (from == Milestone::kAssigned && to == Milestone::kIntake) return Ok();
  if (Position(to) > Position(from)) {
    return Error::InvalidInput("milestone",
                               "skips a milestone; record it first");
  }
  return Error::InvalidInput(
      "milestone", "a campaign does not go back to an earlier milestone");
}

Result<LocalGroupReadiness> CheckLocalGroup(std::span<const int64_t> lead_years,
                                            int64_t core,
                                            const LocalGroupParams& params) {
  if (params.min_lead_years < 0) {
    return Error::InvalidInput("min_lead_years", "must not be negative");
  }
  if (params.min_core < 0) {
    return Error::InvalidInput("min_core", "must not be negative");
  }
  if (core < 0) return Error::InvalidInput("core", "must not be negative");
  LocalGroupReadiness r;
  for (std::size_t i = 0; i < lead_years.size(); ++i) {
    if (lead_years[i] < 0) {
      return Error::InvalidInput("lead_years[" + std::to_string(i) + "]",
                                 "must not be negative");
    }
    // RULE R22: leads with >= 2 years' experience.
    if (lead_years[i] >= params.min_lead_years) ++r.experienced_leads;
  }
  // RULE R22: a core of >= 5.
  r.core = core;
  r.core_needed = core >= params.min_core ? 0 : params.min_core - core;
  r.ready = r.experienced_leads >= 1 && r.core_needed == 0;
  return r;
}

}  // namespace hotshop::core
