// SPDX-License-Identifier: AGPL-3.0-or-later
// Audit chain: the hash chain that makes an org's append-only audit log
// tamper-evident. Each row's hash covers the previous row's hash and the
// row's canonical JSON, so editing, deleting or reordering a row breaks every
// link from there on.
//
// Implements security-model.md §2.10 (hash = BLAKE2b(prev_hash | canonical
// JSON), one chain per org, ids never PII values) and §4 case 27 (an audit
// row edited in the DB: the chain check fails at that seq). A chain can be
// rebuilt by anyone with DB write access, and dropping the newest rows leaves
// a valid shorter chain: both are caught only by comparing with the head hash
// published off-box daily (§2.10).
//
// Thread rule: pure functions, safe from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotshop::security {

// One audit row. Identifiers only (UUIDs, action names, outcome codes):
// never names, phones or other PII values.
struct AuditEvent {
  int64_t seq = 0;    // 1, 2, 3... within the org's chain
  int64_t ts_ms = 0;  // UTC, milliseconds since the Unix epoch
  std::string org_id;
  std::string actor;    // user id, or "system"
  std::string action;   // e.g. "worker.read"
  std::string object;   // e.g. "worker:0190..."
  std::string outcome;  // e.g. "allowed", "denied"
};

// The event as JSON with keys in byte order, no white space and non-ASCII
// escaped as \uXXXX, so the same event always gives the same bytes:
// {"action":…,"actor":…,"object":…,"org_id":…,"outcome":…,"seq":…,"ts_ms":…}
// REQUIRES: every string is valid UTF-8 (throws nlohmann::json::type_error).
std::string CanonicalJson(const AuditEvent& event);

// The prev_hash of an org's first row: hex BLAKE2b-256 of a fixed domain
// string and org_id, so two orgs' chains never share a start.
std::string GenesisHash(std::string_view org_id);

// Hex BLAKE2b-256 over prev_hash_hex (as its 64 ASCII characters) followed by
// CanonicalJson(event). The JSON starts with '{', which is not hex, so the
// concatenation is unambiguous.
// REQUIRES: prev_hash_hex is 64 lowercase hex characters (throws
//   std::invalid_argument); as CanonicalJson.
std::string ChainHash(std::string_view prev_hash_hex, const AuditEvent& event);

// Checks rows (event, stored hash) in order, starting from genesis (the org's
// GenesisHash, or the last hash of the previous, verified segment).
// Returns nullopt if every link holds; otherwise the seq of the first row
// whose stored hash is not ChainHash(previous stored hash, event), or whose
// seq is not one more than the previous row's (a deleted or inserted row).
// REQUIRES: genesis is 64 lowercase hex characters (throws
//   std::invalid_argument); events as CanonicalJson.
std::optional<int64_t> FirstBrokenLink(
    const std::vector<std::pair<AuditEvent, std::string /*stored hash*/>>& rows,
    std::string_view genesis);

}  // namespace hotshop::security
