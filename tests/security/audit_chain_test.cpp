// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for src/security/audit_chain.h.
// Covers security-model.md §2.10 (hash = BLAKE2b(prev_hash | canonical JSON),
// one chain per org, ids only) and §4 case 27 (an audit row edited directly in
// the DB: the chain check fails at that seq), plus deleted and reordered rows
// and the documented limit (a fully rebuilt chain needs the published head).
#include "security/audit_chain.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hotshop::security {
namespace {

const char kOrg[] = "0190a1b2-0000-7000-8000-00000000000a";

AuditEvent Event(int64_t seq) {
  return AuditEvent{seq,
                    1'700'000'000'000 + seq * 1000,
                    kOrg,
                    "user:0190a1b2-0000-7000-8000-0000000000u1",
                    seq % 2 == 0 ? "worker.read" : "worker.update",
                    "worker:0190a1b2-0000-7000-8000-00000000w" + std::to_string(seq),
                    "allowed"};
}

using Rows = std::vector<std::pair<AuditEvent, std::string>>;

// A valid chain of n rows starting at seq 1.
Rows Chain(int n) {
  Rows rows;
  std::string prev = GenesisHash(kOrg);
  for (int i = 1; i <= n; ++i) {
    AuditEvent e = Event(i);
    std::string h = ChainHash(prev, e);
    rows.emplace_back(e, h);
    prev = h;
  }
  return rows;
}

TEST(AuditChain, CanonicalJsonHasSortedKeysAndNoWhiteSpace) {
  AuditEvent e{7, 1700000000123, "org-1", "user-2", "export.create",
               "export:9", "denied"};
  EXPECT_EQ(CanonicalJson(e),
            "{\"action\":\"export.create\",\"actor\":\"user-2\","
            "\"object\":\"export:9\",\"org_id\":\"org-1\",\"outcome\":\"denied\","
            "\"seq\":7,\"ts_ms\":1700000000123}");
}

TEST(AuditChain, CanonicalJsonEscapesNonAsciiAndControlCharacters) {
  AuditEvent e = Event(1);
  e.actor = "Jos\xC3\xA9\n\"x\"";
  const std::string json = CanonicalJson(e);
  EXPECT_NE(json.find("\"Jos\\u00e9\\n\\\"x\\\"\""), std::string::npos) << json;
  EXPECT_EQ(json.find('\n'), std::string::npos);
}

TEST(AuditChain, HashCoversPrevHashAndEveryField) {
  const std::string genesis = GenesisHash(kOrg);
  const AuditEvent e = Event(1);
  const std::string h = ChainHash(genesis, e);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, ChainHash(genesis, Event(1)));
  EXPECT_NE(h, ChainHash(GenesisHash("another-org"), e));
  auto differs = [&](auto edit) {
    AuditEvent changed = e;
    edit(changed);
    return ChainHash(genesis, changed) != h;
  };
  EXPECT_TRUE(differs([](AuditEvent& x) { x.seq = 2; }));
  EXPECT_TRUE(differs([](AuditEvent& x) { x.ts_ms += 1; }));
  EXPECT_TRUE(differs([](AuditEvent& x) { x.org_id = "o"; }));
  EXPECT_TRUE(differs([](AuditEvent& x) { x.actor = "a"; }));
  EXPECT_TRUE(differs([](AuditEvent& x) { x.action = "a"; }));
  EXPECT_TRUE(differs([](AuditEvent& x) { x.object = "o"; }));
  EXPECT_TRUE(differs([](AuditEvent& x) { x.outcome = "denied"; }));
}

TEST(AuditChain, GenesisDiffersPerOrg) {
  EXPECT_NE(GenesisHash("org-a"), GenesisHash("org-b"));
  EXPECT_EQ(GenesisHash("org-a"), GenesisHash("org-a"));
}

TEST(AuditChain, IntactChainHasNoBrokenLink) {
  EXPECT_FALSE(FirstBrokenLink(Chain(20), GenesisHash(kOrg)).has_value());
  EXPECT_FALSE(FirstBrokenLink({}, GenesisHash(kOrg)).has_value());
}

// §4 case 27.
TEST(AuditChain, RowEditedInTheDatabaseBreaksAtItsSeq) {
  Rows rows = Chain(10);
  rows[2].first.outcome = "allowed-but-hidden";  // seq 3
  EXPECT_EQ(FirstBrokenLink(rows, GenesisHash(kOrg)), 3);
}

TEST(AuditChain, EditWithRecomputedHashBreaksAtTheNextRow) {
  Rows rows = Chain(10);
  rows[2].first.actor = "user:someone-else";
  rows[2].second = ChainHash(rows[1].second, rows[2].first);
  EXPECT_EQ(FirstBrokenLink(rows, GenesisHash(kOrg)), 4);
}

TEST(AuditChain, DeletedRowBreaksTheChain) {
  Rows rows = Chain(10);
  rows.erase(rows.begin() + 4);  // seq 5 gone
  EXPECT_EQ(FirstBrokenLink(rows, GenesisHash(kOrg)), 6);
}

TEST(AuditChain, DeletedRowWithRenumberedSeqsStillBreaks) {
  Rows rows = Chain(10);
  rows.erase(rows.begin() + 4);
  for (std::size_t i = 4; i < rows.size(); ++i) rows[i].first.seq -= 1;
  EXPECT_EQ(FirstBrokenLink(rows, GenesisHash(kOrg)), 5);
}

TEST(AuditChain, SwappedRowsBreakTheChain) {
  Rows rows = Chain(10);
  std::swap(rows[6], rows[7]);
  EXPECT_EQ(FirstBrokenLink(rows, GenesisHash(kOrg)), 8);
}

TEST(AuditChain, SegmentVerifiesFromThePreviousSegmentsLastHash) {
  Rows rows = Chain(10);
  const std::string boundary = rows[4].second;
  Rows second_half(rows.begin() + 5, rows.end());
  EXPECT_FALSE(FirstBrokenLink(second_half, boundary).has_value());
  EXPECT_EQ(FirstBrokenLink(second_half, GenesisHash(kOrg)), 6);
}

TEST(AuditChain, FullyRebuiltChainPassesSoTheHeadMustBePublished) {
  // Documented limit (§2.10): someone with DB write access can rebuild every
  // hash. Only comparing the head with the one published off-box catches it.
  Rows rows = Chain(5);
  const std::string published_head = rows.back().second;
  rows[1].first.outcome = "denied";
  std::string prev = GenesisHash(kOrg);
  for (auto& [event, hash] : rows) {
    hash = ChainHash(prev, event);
    prev = hash;
  }
  EXPECT_FALSE(FirstBrokenLink(rows, GenesisHash(kOrg)).has_value());
  EXPECT_NE(rows.back().second, published_head);
}

// ---- incorrect usage -------------------------------------------------------

TEST(AuditChain, MalformedPrevHashOrGenesisThrows) {
  EXPECT_THROW(ChainHash("", Event(1)), std::invalid_argument);
  EXPECT_THROW(ChainHash(std::string(64, 'A'), Event(1)), std::invalid_argument);
  EXPECT_THROW(ChainHash(std::string(63, 'a'), Event(1)), std::invalid_argument);
  EXPECT_THROW(FirstBrokenLink(Chain(2), "genesis"), std::invalid_argument);
}

TEST(AuditChain, StoredHashThatIsNotHexIsABrokenLink) {
  Rows rows = Chain(3);
  rows[0].second = "not a hash";
  EXPECT_EQ(FirstBrokenLink(rows, GenesisHash(kOrg)), 1);
}

TEST(AuditChain, InvalidUtf8InAnEventThrows) {
  AuditEvent e = Event(1);
  e.object = "\xFF";
  EXPECT_THROW(CanonicalJson(e), nlohmann::json::type_error);
}

}  // namespace
}  // namespace hotshop::security
