// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/organizing_conversation (journeys J3.1).
// Rules covered: R22 (the organizing conversation, an EWOC training; its
// seven steps in order).
#include "core/organizing_conversation.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace hotshop::core {
namespace {

// RULE R22: the seven steps, in order.
TEST(OrganizingConversation, SevenStepsInOrder) {
  std::vector<std::string_view> names;
  for (ConversationStep s : ConversationSteps()) names.push_back(ConversationStepName(s));
  EXPECT_EQ(names, (std::vector<std::string_view>{"intro", "issues", "agitation", "plan", "inoculation", "ask",
                                                  "follow_up"}));
}

TEST(OrganizingConversation, ParsedStepsAreUniqueAndInConversationOrder) {
  std::vector<std::string_view> in = {"ask", "intro", "ask"};
  Result<std::vector<ConversationStep>> r = ParseConversationSteps(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<ConversationStep>{ConversationStep::kIntro, ConversationStep::kAsk}));
}

// Incorrect usage: a step that is not one.
TEST(OrganizingConversation, UnknownStepNamesTheField) {
  std::vector<std::string_view> in = {"intro", "small_talk"};
  Result<std::vector<ConversationStep>> r = ParseConversationSteps(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "steps");
  EXPECT_NE(r.error().message().find("small_talk"), std::string::npos);
}

}  // namespace
}  // namespace hotshop::core
