// SPDX-License-Identifier: AGPL-3.0-or-later
// UUIDv7 (RFC 9562 §5.7): layout, order and the timestamp round trip.
#include "core/uuid.h"

#include <gtest/gtest.h>

#include <set>

#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::core {
namespace {

TEST(UuidV7, HasVersionAndVariantBits) {
  std::array<uint8_t, 10> r{};
  r.fill(0xff);
  std::string u = FormatUuidV7(0x0123456789ab, r);
  EXPECT_EQ(u.size(), 36u);
  EXPECT_EQ(u.substr(0, 13), "01234567-89ab");
  EXPECT_EQ(u[14], '7');
  EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
  EXPECT_TRUE(store::IsCanonicalUuid(u));
}

TEST(UuidV7, TimestampRoundTripsAndIdsSortByTime) {
  std::array<uint8_t, 10> r{};
  EXPECT_EQ(UuidV7Millis(FormatUuidV7(1732550000123, r)), 1732550000123);
  EXPECT_LT(FormatUuidV7(1000, r), FormatUuidV7(1001, r));
  EXPECT_EQ(UuidV7Millis("not-a-uuid"), -1);
}

TEST(UuidV7, FreshIdsAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(store::NewId()).second);
}

TEST(SqlRewrite, DollarPlaceholdersBecomeQuestionMarksOutsideStrings) {
  EXPECT_EQ(store::DollarToQuestion("SELECT $1, '$2', \"$3\" -- $4\nWHERE a = $12"),
            "SELECT ?1, '$2', \"$3\" -- $4\nWHERE a = ?12");
}

}  // namespace
}  // namespace hotshop::core
