// SPDX-License-Identifier: AGPL-3.0-or-later
// Sealed text for the campaign-workplace tables (migration 0008): a free-text
// column that may name or describe a person (a worksite's street address,
// an assessment's or a card's note) is encrypted under the org's data key
// with table, column, row and org bound in, exactly as the fields of people
// are (security-model.md §2.3; a blob pasted into another row does not
// open). Empty text is stored as NULL.
//
// Key rotation (`hotshop keys rotate`) must re-encrypt these columns too
// before it retires a key: ReencryptWorkplaceBatch does that.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

// NULL for empty text, else the blob under the org's newest data key.
Value SealText(const OrgKeys& keys, const char* table, const char* column, const std::string& row_id,
               const std::string& org_id, const std::string& text);

// "" for NULL; the plaintext; or kInternal when the blob does not open here.
Result<std::string> OpenText(const OrgKeys& keys, const Row& row, size_t index, const char* table, const char* column,
                             const std::string& row_id, const std::string& org_id);

// Re-encrypts up to batch rows of worksites, assessments, cards, notes and
// the election tables (petitions, elections, unit_agreements,
// cemex_demands, ulp_charges) whose sealed column is not under the newest
// data key. Returns how many rows it
// changed (0 = done). Idempotent.
Result<int64_t> ReencryptWorkplaceBatch(Tx& tx, const Scope& scope, const OrgKeys& keys, int batch);

}  // namespace hotshop::store
