// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/organizing_conversation.h"

#include <array>
#include <string>

namespace hotshop::core {
namespace {

constexpr std::array<ConversationStep, 7> kSteps = {
    ConversationStep::kIntro, ConversationStep::kIssues,      ConversationStep::kAgitation, ConversationStep::kPlan,
    ConversationStep::kInoculation, ConversationStep::kAsk, ConversationStep::kFollowUp};

}  // namespace

std::span<const ConversationStep> ConversationSteps() { return kSteps; }

const char* ConversationStepName(ConversationStep s) {
  switch (s) {
    case ConversationStep::kIntro: return "intro";
    case ConversationStep::kIssues: return "issues";
    case ConversationStep::kAgitation: return "agitation";
    case ConversationStep::kPlan: return "plan";
    case ConversationStep::kInoculation: return "inoculation";
    case ConversationStep::kAsk: return "ask";
    case ConversationStep::kFollowUp: return "follow_up";
  }
  return "?";
}

std::optional<ConversationStep> ParseConversationStep(std::string_view name) {
  for (ConversationStep s : kSteps) {
    if (name == ConversationStepName(s)) return s;
  }
  return std::nullopt;
}

Result<std::vector<ConversationStep>> ParseConversationSteps(std::span<const std::string_view> names) {
  std::array<bool, kSteps.size()> seen{};
  for (std::string_view n : names) {
    std::optional<ConversationStep> s = ParseConversationStep(n);
    if (!s) {
      return Error::InvalidInput("steps", "\"" + std::string(n.substr(0, 40)) +
                                              "\" is not a step; use intro, issues, agitation, plan, inoculation, "
                                              "ask or follow_up");
    }
    seen[static_cast<size_t>(*s)] = true;
  }
  std::vector<ConversationStep> out;
  for (ConversationStep s : kSteps) {
    if (seen[static_cast<size_t>(s)]) out.push_back(s);
  }
  return out;
}

}  // namespace hotshop::core
