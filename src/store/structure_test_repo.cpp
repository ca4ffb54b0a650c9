// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/structure_test_repo.h"

#include "store/ids.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr const char* kCols = "id, unit_id, kind, name, held_on, target_percent, version";

struct KindName {
  core::StructureTestKind kind;
  const char* name;
};
constexpr KindName kKinds[] = {
    {core::StructureTestKind::kMajorityPetition, "majority_petition"},
    {core::StructureTestKind::kStickerDay, "sticker_day"},
    {core::StructureTestKind::kPhoto, "photo"},
    {core::StructureTestKind::kDelegation, "delegation"},
    {core::StructureTestKind::kMarchOnTheBoss, "march_on_the_boss"},
    {core::StructureTestKind::kStrikeVote, "strike_vote"},
    {core::StructureTestKind::kCustom, "custom"},
};

}  // namespace

const char* StructureTestKindName(core::StructureTestKind k) {
  for (const auto& i : kKinds) {
    if (i.kind == k) return i.name;
  }
  return "custom";
}

std::optional<core::StructureTestKind> ParseStructureTestKind(std::string_view name) {
  for (const auto& i : kKinds) {
    if (name == i.name) return i.kind;
  }
  return std::nullopt;
}

const char* TestGroupKindName(core::TestGroupKind k) {
  switch (k) {
    case core::TestGroupKind::kUnit: return "unit";
    case core::TestGroupKind::kDepartment: return "department";
    case core::TestGroupKind::kShift: return "shift";
    case core::TestGroupKind::kLanguage: return "language";
    case core::TestGroupKind::kEntrance: return "entrance";
  }
  return "unit";
}

std::optional<core::TestGroupKind> ParseTestGroupKind(std::string_view name) {
  if (name == "department") return core::TestGroupKind::kDepartment;
  if (name == "shift") return core::TestGroupKind::kShift;
  if (name == "language") return core::TestGroupKind::kLanguage;
  if (name == "entrance") return core::TestGroupKind::kEntrance;
  return std::nullopt;
}

Result<StructureTestRecord> StructureTestRepo::Create(const std::string& unit_id, core::StructureTestKind kind,
                                                      const std::string& name, const std::string& held_on,
                                                      int64_t target_percent, const std::vector<TestTarget>& targets,
                                                      int64_t now_ms) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(unit_id)) return Error::NotFound("no such unit");
  Result<Rows> u = tx_.Query("SELECT 1 FROM units WHERE org_id = $1 AND id = $2", {org, unit_id});
  if (!u) return u.error();
  if (u->empty()) return Error::NotFound("no such unit");
  std::string id = NewId();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO structure_tests (org_id, id, unit_id, kind, name, held_on, target_percent, version, created_at_ms, "
      "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
      {org, id, unit_id, std::string(StructureTestKindName(kind)), name, held_on, target_percent, now_ms});
  if (!n) return n.error();
  for (const TestTarget& t : targets) {
    Result<int64_t> m = tx_.Exec(
        "INSERT INTO structure_test_targets (org_id, test_id, group_kind, group_name, percent) VALUES ($1, $2, $3, $4, $5)",
        {org, id, std::string(TestGroupKindName(t.kind)), t.name, t.percent});
    if (!m) return m.error();
  }
  return Get(id);
}

Result<std::vector<TestTarget>> StructureTestRepo::Targets(const std::string& test_id) {
  Result<Rows> r = tx_.Query(
      "SELECT group_kind, group_name, percent FROM structure_test_targets WHERE org_id = $1 AND test_id = $2 "
      "ORDER BY group_kind, group_name",
      {scope_.org_id(), test_id});
  if (!r) return r.error();
  std::vector<TestTarget> out;
  for (const Row& row : *r) {
    out.push_back(TestTarget{ParseTestGroupKind(row.Text(0)).value_or(core::TestGroupKind::kDepartment), row.Text(1),
                             row.Int(2)});
  }
  return out;
}

Result<StructureTestRecord> StructureTestRepo::Get(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such structure test");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols + " FROM structure_tests WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such structure test");
  const Row& row = (*r)[0];
  StructureTestRecord t{row.Text(0), row.Text(1),
                        ParseStructureTestKind(row.Text(2)).value_or(core::StructureTestKind::kCustom),
                        row.Text(3), row.Text(4), row.Int(5), {}, row.Int(6)};
  Result<std::vector<TestTarget>> targets = Targets(id);
  if (!targets) return targets.error();
  t.targets = std::move(*targets);
  return t;
}

Result<std::vector<StructureTestRecord>> StructureTestRepo::OfUnit(const std::string& unit_id) {
  if (!IsCanonicalUuid(unit_id)) return std::vector<StructureTestRecord>{};
  Result<Rows> r = tx_.Query(
      "SELECT id FROM structure_tests WHERE org_id = $1 AND unit_id = $2 ORDER BY held_on, created_at_ms, id",
      {scope_.org_id(), unit_id});
  if (!r) return r.error();
  std::vector<StructureTestRecord> out;
  for (const Row& row : *r) {
    Result<StructureTestRecord> t = Get(row.Text(0));
    if (!t) return t.error();
    out.push_back(std::move(*t));
  }
  return out;
}

Result<std::vector<Participation>> StructureTestRepo::ParticipationOf(const std::string& test_id) {
  if (!IsCanonicalUuid(test_id)) return std::vector<Participation>{};
  Result<Rows> r = tx_.Query(
      "SELECT person_id, participated, entrance, recorded_by, recorded_at_ms FROM structure_test_participation "
      "WHERE org_id = $1 AND test_id = $2 ORDER BY person_id",
      {scope_.org_id(), test_id});
  if (!r) return r.error();
  std::vector<Participation> out;
  for (const Row& row : *r) {
    out.push_back(Participation{row.Text(0), row.Int(1) != 0, row.Text(2), row.Text(3), row.Int(4)});
  }
  return out;
}

Status StructureTestRepo::Record(const std::string& test_id, const Participation& p, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  Result<StructureTestRecord> t = Get(test_id);
  if (!t) return t.error();
  if (!IsCanonicalUuid(p.person_id)) return Error::InvalidInput("person_id", "this person is not on the unit's chart");
  Result<Rows> on = tx_.Query(
      "SELECT 1 FROM employment WHERE org_id = $1 AND person_id = $2 AND unit_id = $3 AND valid_to_ms IS NULL "
      "UNION ALL SELECT 1 FROM structure_test_participation WHERE org_id = $1 AND test_id = $4 AND person_id = $2",
      {org, p.person_id, t->unit_id, test_id});
  if (!on) return on.error();
  if (on->empty()) return Error::InvalidInput("person_id", "this person is not on the unit's chart");
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO structure_test_participation (org_id, test_id, person_id, participated, entrance, recorded_by, "
      "recorded_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "ON CONFLICT (org_id, test_id, person_id) DO UPDATE SET participated = excluded.participated, "
      "entrance = excluded.entrance, recorded_by = excluded.recorded_by, recorded_at_ms = excluded.recorded_at_ms",
      {org, test_id, p.person_id, int64_t{p.participated ? 1 : 0}, p.entrance, p.recorded_by, now_ms});
  if (!n) return n.error();
  return Ok();
}

Result<Owner> StructureTestRepo::OwnerOfTest(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such structure test");
  Result<Rows> r = tx_.Query(
      "SELECT u.campaign_id, u.id FROM structure_tests t JOIN units u ON u.org_id = t.org_id AND u.id = t.unit_id "
      "WHERE t.org_id = $1 AND t.id = $2",
      {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such structure test");
  return Owner{(*r)[0].Text(0), (*r)[0].Text(1)};
}

}  // namespace hotshop::store
