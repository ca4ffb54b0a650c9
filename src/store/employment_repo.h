// SPDX-License-Identifier: AGPL-3.0-or-later
// Employment: where a person works (worksite, unit, department, shift, job
// class, full or part time, supervisor or not, since when), with history
// (issue #4 "The workplace"; domain-rules.md R19 for the chart's columns).
//
// A person has at most one current employment (valid_to_ms NULL); Set
// closes it and adds a new row, so every past placement stays readable.
// Writes are optimistic: Version() grows with every change (1 + rows +
// closed rows), the API's ETag; a write with a stale version changes nothing.
//
// Employing a person in a campaign's workplace brings a person who belongs
// to no campaign yet (an imported contact) into that campaign; a person of
// another campaign is refused.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

struct Employment {
  std::string id;
  std::string person_id;
  std::string worksite_id;
  std::string unit_id;        // "" when not in a bargaining unit
  std::string department_id;  // "" when not recorded
  std::string shift_id;
  std::string job_class_id;
  std::string employment_type = "unknown";  // full_time, part_time, unknown
  bool supervisor = false;
  std::string started_on;  // ISO date, "" when not known
  int64_t valid_from_ms = 0;
  std::optional<int64_t> valid_to_ms;  // nullopt: current
  std::string recorded_by;
};

struct EmploymentFields {
  std::string worksite_id;  // required
  std::string unit_id;
  std::string department_id;
  std::string shift_id;
  std::string job_class_id;
  std::string employment_type = "unknown";
  bool supervisor = false;
  std::string started_on;  // REQUIRES: "" or a valid ISO date (checked by the caller)
};

class EmploymentRepo {
 public:
  EmploymentRepo(Tx& tx, const Scope& scope) : tx_(tx), scope_(scope) {}

  // Newest first. Errors: kNotFound when the person is not in this org.
  Result<std::vector<Employment>> History(const std::string& person_id);
  // The current employment, if any. Errors: kNotFound (person).
  Result<std::optional<Employment>> Current(const std::string& person_id);
  // 1 + rows + closed rows of the person (the ETag's version): grows with
  // every Set and End.
  Result<int64_t> Version(const std::string& person_id);

  // Records fields as the person's current employment from now_ms on.
  // Errors: kNotFound (person); kPreconditionFailed (stale version, or a
  // concurrent change); kInvalidInput naming the field when the worksite is
  // not in this org ("worksite_id"), the unit does not cover the worksite
  // ("unit_id"), an area is not the unit's or not of its kind (or given
  // without a unit) ("department_id", "shift_id", "job_class_id"), or the
  // person belongs to another campaign ("unit_id").
  Result<Employment> Set(const std::string& person_id, int64_t expected_version, const EmploymentFields& fields,
                         const std::string& recorded_by, int64_t now_ms);
  // Ends the current employment (the person left). Errors: kNotFound
  // (person), kPreconditionFailed (stale), kConflict "employment" when
  // there is no current employment.
  Status End(const std::string& person_id, int64_t expected_version, int64_t now_ms);

  // The person's campaign ("" if none) and current unit ("" if none).
  // Errors: kNotFound.
  Result<Owner> OwnerOfPerson(const std::string& person_id);

 private:
  Status CheckFields(const EmploymentFields& f, std::string* campaign_id);
  Status LockPerson(const std::string& person_id);
  Tx& tx_;
  const Scope& scope_;
};

}  // namespace hotshop::store
