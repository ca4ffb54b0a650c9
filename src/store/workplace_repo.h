// SPDX-License-Identifier: AGPL-3.0-or-later
// The workplace of a campaign (issue #4 "The workplace"; architecture.md
// "The data"): employers, their worksites (street address sealed, IANA time
// zone, region), bargaining units (positions at one or more worksites of one
// employer, eligibility, an optional entered size, readiness thresholds) and
// the departments, shifts and job classes ("areas") of a unit.
//
// Everything is scoped by org (Scope) and belongs to one campaign through
// its employer or unit; Owner* tell a handler which campaign and unit an id
// belongs to so it can authorize before reading (security-model.md §3).
// Edits are optimistic: the caller names the version it read, and a stale
// version changes nothing (kPreconditionFailed). A malformed or foreign id is
// kNotFound, the same as a missing one.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

// Where an object sits, for authorization: its campaign, and its unit when
// it belongs to one ("" otherwise).
struct Owner {
  std::string campaign_id;
  std::string unit_id;
};

struct Employer {
  std::string id;
  std::string campaign_id;
  std::string name;
  int64_t version = 1;
};

struct Worksite {
  std::string id;
  std::string employer_id;
  std::string name;
  std::string address;    // sealed at rest
  std::string time_zone;  // IANA name, "" when not known
  std::string region;
  int64_t version = 1;
};

struct WorksiteFields {
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<std::string> time_zone;
  std::optional<std::string> region;
};

struct Unit {
  std::string id;
  std::string campaign_id;
  std::string employer_id;
  std::string name;
  std::string eligibility;
  std::optional<int64_t> size_override;  // nullopt: the chart gives the size
  int64_t card_percent = 65;             // R5 [S22]
  int64_t support_percent = 65;          // R5 [S21]
  int64_t committee_percent = 10;        // R5 [S22]
  int64_t go_public_percent = 90;        // R21 [S24]
  std::vector<std::string> worksite_ids;  // sorted
  int64_t version = 1;
};

struct UnitFields {
  std::optional<std::string> name;
  std::optional<std::string> eligibility;
  std::optional<std::optional<int64_t>> size_override;  // set to nullopt to clear
  std::optional<int64_t> card_percent;
  std::optional<int64_t> support_percent;
  std::optional<int64_t> committee_percent;
  std::optional<int64_t> go_public_percent;
  std::optional<std::vector<std::string>> worksite_ids;  // replaces the set
};

// Departments, shifts and job classes of a unit share one shape.
enum class AreaKind { kDepartment, kShift, kJobClass };
const char* AreaKindName(AreaKind k);
std::optional<AreaKind> ParseAreaKind(std::string_view name);

struct Area {
  std::string id;
  std::string unit_id;
  AreaKind kind = AreaKind::kDepartment;
  std::string name;
  std::string worksite_id;  // "" = the whole unit
  int64_t version = 1;
};

class WorkplaceRepo {
 public:
  WorkplaceRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Errors: kNotFound when the campaign is not in this org.
  Result<Employer> CreateEmployer(const std::string& campaign_id, const std::string& name, int64_t now_ms);
  Result<Employer> GetEmployer(const std::string& id);
  Result<std::vector<Employer>> ListEmployers(const std::string& campaign_id);
  // name nullopt keeps the name (the version still moves: an empty edit).
  Result<Employer> RenameEmployer(const std::string& id, int64_t expected_version,
                                  const std::optional<std::string>& name, int64_t now_ms);

  // REQUIRES: fields.name is set. Errors: kNotFound (employer).
  Result<Worksite> CreateWorksite(const std::string& employer_id, const WorksiteFields& fields, int64_t now_ms);
  Result<Worksite> GetWorksite(const std::string& id);
  // Sorted by region, then name.
  Result<std::vector<Worksite>> ListWorksites(const std::string& employer_id);
  Result<Worksite> UpdateWorksite(const std::string& id, int64_t expected_version, const WorksiteFields& changes,
                                  int64_t now_ms);

  // REQUIRES: fields.name is set. Errors: kNotFound (campaign or employer);
  // kInvalidInput "employer_id" when the employer is in another campaign,
  // "worksite_ids" when a worksite is not the employer's.
  Result<Unit> CreateUnit(const std::string& campaign_id, const std::string& employer_id, const UnitFields& fields,
                          int64_t now_ms);
  Result<Unit> GetUnit(const std::string& id);
  Result<std::vector<Unit>> ListUnits(const std::string& campaign_id);
  Result<std::vector<Unit>> ListUnitsOfEmployer(const std::string& employer_id);
  Result<Unit> UpdateUnit(const std::string& id, int64_t expected_version, const UnitFields& changes, int64_t now_ms);

  // Errors: kNotFound (unit); kInvalidInput "worksite_id" when the worksite
  // is not one of the unit's; kConflict "name" when the unit already has an
  // area of that kind and name.
  Result<Area> CreateArea(const std::string& unit_id, AreaKind kind, const std::string& name,
                          const std::string& worksite_id, int64_t now_ms);
  Result<Area> GetArea(const std::string& id);
  // Sorted by kind, then name.
  Result<std::vector<Area>> ListAreas(const std::string& unit_id);
  Result<Area> RenameArea(const std::string& id, int64_t expected_version, const std::string& name, int64_t now_ms);

  // Deletes an object nothing refers to (docs/api.md "Campaign workplace",
  // DELETE). A unit takes its own departments, shifts, job classes and
  // worksite links with it; everything else that names the object blocks the
  // delete. Errors: kNotFound; kPreconditionFailed when expected_version is
  // stale; kConflict (no field) whose message says, in an organizer's words,
  // what still refers to the object and what to do first. Nothing is changed
  // on any error.
  Status DeleteEmployer(const std::string& id, int64_t expected_version);
  Status DeleteWorksite(const std::string& id, int64_t expected_version);
  Status DeleteUnit(const std::string& id, int64_t expected_version);
  Status DeleteArea(const std::string& id, int64_t expected_version);
  // The IANA time zone where "today" is counted for a unit (its first
  // worksite, oldest first, that has a zone) or a campaign (the first such
  // worksite of its employers): "" (UTC) when none has one, or when the id
  // is missing or malformed.
  Result<std::string> TimeZoneOfUnit(const std::string& unit_id);
  Result<std::string> TimeZoneOfCampaign(const std::string& campaign_id);

  // The campaign (and unit) an object belongs to. Errors: kNotFound.
  Result<Owner> OwnerOfEmployer(const std::string& id);
  Result<Owner> OwnerOfWorksite(const std::string& id);
  Result<Owner> OwnerOfUnit(const std::string& id);
  Result<Owner> OwnerOfArea(const std::string& id);

 private:
  Result<Owner> OwnerQuery(const std::string& sql, const std::string& id, const char* what);
  Status CheckWorksitesOfEmployer(const std::vector<std::string>& ids, const std::string& employer_id);
  Status ReplaceUnitWorksites(const std::string& unit_id, const std::vector<std::string>& ids);
  Result<Unit> UnitFromRow(const Row& r);
  Result<int64_t> Count(const std::string& sql, const Params& params);

  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

}  // namespace hotshop::store
