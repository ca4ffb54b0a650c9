// SPDX-License-Identifier: AGPL-3.0-or-later
// The organizing conversation's seven steps, as the conversation log of an
// organizer's first call records them (journeys J3.1 [e6]: intro, issues,
// agitation, plan to win, inoculation, ask, follow-up).
//
// RULE R22 [S26]: EWOC model: ... trainings (mapping/charting, building an
//   OC, fear, action, escalation). The organizing conversation is the
//   training of week 2 (journeys P3); these are its steps, in order.
//
// Pure; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hotshop::core {

enum class ConversationStep { kIntro, kIssues, kAgitation, kPlan, kInoculation, kAsk, kFollowUp };

// R22: the steps in order.
std::span<const ConversationStep> ConversationSteps();
// "intro", "issues", "agitation", "plan", "inoculation", "ask", "follow_up".
const char* ConversationStepName(ConversationStep s);
std::optional<ConversationStep> ParseConversationStep(std::string_view name);

// The steps named, each once, in conversation order. Errors: kInvalidInput
// (field "steps") naming an unknown step.
Result<std::vector<ConversationStep>> ParseConversationSteps(std::span<const std::string_view> names);

}  // namespace hotshop::core
