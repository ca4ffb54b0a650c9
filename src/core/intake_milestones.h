// SPDX-License-Identifier: AGPL-3.0-or-later
// Intake milestones: the steps from a worker's request for help to a
// petition or recognition, in the order a hot-shop campaign passes them,
// and what a local volunteer group needs before it takes campaigns.
//
// Pure; thread-safe.
//
// RULE R22 [S26]: EWOC model: short intake form feeds a central sheet ->
//   volunteer contacts, assesses, matches an organizer -> trainings
//   (mapping/charting, building an OC, fear, action, escalation); local
//   groups need leads with >=2 years' experience and a core of >=5.
//   (UNVERIFIED) Our milestones: intake -> assigned -> first contact -> OC
//   formed -> charted -> public -> petition/recognition.
//   Interpretation: milestones advance one step at a time, never skip;
//   the only step back is assigned -> intake, when the organizer declines
//   or 48 hours pass without contact (journeys J2.2: back in the queue,
//   history kept). A local group is ready with >= 1 lead of >= 2 years'
//   experience and a core of >= 5 (both parameters).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/result.h"

namespace hotshop::core {

enum class Milestone {
  kIntake,
  kAssigned,
  kFirstContact,
  kCommitteeFormed,
  kCharted,
  kPublic,
  kPetitionOrRecognition,
};

// R22: every milestone, in order.
std::span<const Milestone> MilestoneOrder();

// The milestone after `m`; nullopt after kPetitionOrRecognition.
std::optional<Milestone> NextMilestone(Milestone m);

// Ok when a campaign at `from` may record `to`: the next milestone, or
// kAssigned -> kIntake (re-queued). Otherwise InvalidInput("milestone"),
// whose message says whether it skips a step or goes back.
Status CheckMilestoneChange(Milestone from, Milestone to);

// R22: the organizer trainings of the EWOC model, in order.
enum class OrganizerTraining {
  kMappingAndCharting,
  kBuildingCommittee,
  kFear,
  kAction,
  kEscalation,
};

struct LocalGroupParams {
  int64_t min_lead_years = 2;  // R22
  int64_t min_core = 5;        // R22
};

struct LocalGroupReadiness {
  bool ready = false;
  int64_t experienced_leads = 0;  // leads with >= min_lead_years
  int64_t core = 0;
  int64_t core_needed = 0;  // max(0, min_core - core)
};

// R22: may a local group take campaigns? lead_years holds each lead's years
// of organizing experience. Fails with InvalidInput for a negative core
// ("core"), a negative lead_years entry ("lead_years[i]"), or a negative
// parameter ("min_lead_years", "min_core").
Result<LocalGroupReadiness> CheckLocalGroup(
    std::span<const int64_t> lead_years, int64_t core,
    const LocalGroupParams& params = {});

}  // namespace hotshop::core
