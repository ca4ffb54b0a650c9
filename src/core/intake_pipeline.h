// SPDX-License-Identifier: AGPL-3.0-or-later
// The intake pipeline: the stages a worker's request for help passes, from
// the public form to a campaign, a referral or a close, and which step may
// follow which.
//
// Pure; thread-safe.
//
// RULE R22 [S26]: EWOC model: short intake form feeds a central sheet ->
//   volunteer contacts, assesses, matches an organizer -> trainings ...
//   (UNVERIFIED) Our milestones: intake -> assigned -> first contact -> ...
//   Interpretation for the intake queue (issue #5): new -> triaged ->
//   matched -> first contact -> assessed -> campaign opened | referred |
//   closed. A dispatcher's match is itself triage, so new -> matched is
//   allowed; otherwise the forward steps are taken one at a time. The only
//   step back is matched -> triaged: the organizer declines, or the SLA
//   passes without contact (journeys J2.2: back in the queue, history
//   kept). A campaign may be opened once an organizer is matched (matched,
//   first contact or assessed); a referral once the request is triaged
//   (J2.3: the dispatcher refers a wage claim to a worker center). Closing
//   is possible from every open stage and needs a reason; a closed intake
//   may be reopened (closed -> triaged), also with a reason. Campaign
//   opened and referred are final.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"

namespace hotshop::core {

enum class IntakeStage {
  kNew,
  kTriaged,
  kMatched,
  kFirstContact,
  kAssessed,
  kCampaignOpened,
  kReferred,
  kClosed,
};

// "new", "triaged", "matched", "first_contact", "assessed",
// "campaign_opened", "referred", "closed": the stored and API names.
const char* IntakeStageName(IntakeStage s);
std::optional<IntakeStage> ParseIntakeStage(std::string_view name);

// R22: every stage, in pipeline order.
std::span<const IntakeStage> IntakeStageOrder();

// Still waiting for something to happen (not campaign opened, referred or
// closed).
bool IsOpenIntakeStage(IntakeStage s);

// Ok when an intake at `from` may move to `to`. `reason` is the person's
// reason, required (non-blank) for closing, reopening and sending back to
// the queue. Errors: InvalidInput("stage") naming both stages and what is
// allowed from `from`; InvalidInput("reason") when a reason is needed.
Status CheckIntakeTransition(IntakeStage from, IntakeStage to, std::string_view reason);

}  // namespace hotshop::core
