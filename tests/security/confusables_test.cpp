// SPDX-License-Identifier: AGPL-3.0-or-later
// security-model.md §4 #16: a Cyrillic look-alike identifier is refused.
#include "security/confusables.h"

#include <gtest/gtest.h>

namespace hotshop::security {
namespace {

TEST(Confusables, PlainAndSingleScriptIdentifiersPass) {
  EXPECT_TRUE(CheckNotConfusable("admin@example.org", "email").ok());
  EXPECT_TRUE(CheckNotConfusable("josé.núñez@example.org", "email").ok());
}

TEST(Confusables, CyrillicLookAlikeIsRefused) {
  Status s = CheckNotConfusable("\xd0\xb0" "dmin@example.org", "email");  // Cyrillic а
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "email");
}

TEST(Confusables, InvisibleAndControlCharactersAreRefused) {
  EXPECT_FALSE(CheckNotConfusable("ad\xe2\x80\x8bmin@example.org", "email").ok());  // zero-width space
  EXPECT_FALSE(CheckNotConfusable("admin\n@example.org", "email").ok());
}

}  // namespace
}  // namespace hotshop::security
