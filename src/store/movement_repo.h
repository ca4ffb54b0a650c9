// SPDX-License-Identifier: AGPL-3.0-or-later
// What the movement view (core/movement_view.h) reads of one org: each
// request's stage, region, industry and times (no personal data), and each
// organizer's home region, load and capacity. Spam and merged requests are
// left out.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <vector>

#include "core/movement_view.h"
#include "core/result.h"
#include "store/database.h"
#include "store/scope.h"

namespace hotshop::store {

Result<std::vector<core::MovementIntake>> MovementIntakes(Tx& tx, const Scope& scope);
Result<std::vector<core::MovementOrganizer>> MovementOrganizers(Tx& tx, const Scope& scope);

}  // namespace hotshop::store
