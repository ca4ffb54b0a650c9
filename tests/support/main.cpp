// SPDX-License-Identifier: AGPL-3.0-or-later
// The one test executable's main: libsodium first, then GoogleTest.
#include <gtest/gtest.h>

#include "security/sodium_init.h"

int main(int argc, char** argv) {
  if (!hotshop::security::InitSodium()) return 1;
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
