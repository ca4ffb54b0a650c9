// SPDX-License-Identifier: AGPL-3.0-or-later
// The audit log: one append-only hash chain per org (security-model.md
// §2.10, scale-out.md §1 "Audit"). Rows hold ids and actions, never
// personal values. The next seq and the chain head come from the org's
// org_state row, locked in the appending transaction.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "security/audit_chain.h"
#include "store/database.h"

namespace hotshop::store {

// Appends one event; returns its seq. REQUIRES: org exists; values hold no PII.
Result<int64_t> AppendAudit(Tx& tx, const std::string& org_id, const std::string& actor, const std::string& action,
                            const std::string& object, const std::string& outcome, int64_t now_ms);

// Newest first, seq < before (0 = from the newest), at most limit rows.
Result<std::vector<security::AuditEvent>> ListAudit(Tx& tx, const std::string& org_id, int64_t before, int limit);

// The seq of the first row whose hash does not hold, or nullopt.
Result<std::optional<int64_t>> VerifyAudit(Tx& tx, const std::string& org_id);

}  // namespace hotshop::store
