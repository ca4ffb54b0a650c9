// SPDX-License-Identifier: AGPL-3.0-or-later
// Petitions and election attempts of a bargaining unit (domain-rules.md
// R6-R11; issue #4 "Petitions and elections"). Every attempt on the same
// unit (a first try, a runoff, a rerun, a new petition after a loss) is one
// row of `elections`, so the unit's history is one list, oldest first.
// What the dates and the tally mean (deadlines, outcome, bars) is computed
// by src/core from these rows (api/election_views.h); only what people
// record is stored. Notes are sealed.
//
// Callers validate the shape of values (ISO dates, kinds, counts); the
// repository checks what needs the database (the petition is the unit's,
// dates in order against the petition) and versions (If-Match).
//
// Thread rule: stateless over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/election_tally.h"
#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

struct Petition {
  std::string id;
  std::string unit_id;
  std::string kind;         // RC | RD | RM | UD | UC | AC
  std::string case_number;  // "" until the Region dockets it
  std::string filed_on;     // ISO date
  std::string status;       // open | withdrawn | dismissed | blocked | closed
  std::string note;         // sealed at rest
  int64_t version = 1;
};

struct PetitionFields {
  std::optional<std::string> kind, case_number, filed_on, status, note;
};

struct Tally {
  std::vector<core::BallotChoice> choices;  // ballot order
  int64_t void_ballots = 0;
  int64_t challenged = 0;
};

struct Election {
  std::string id;
  std::string unit_id;
  std::string petition_id;
  std::string kind;  // initial | runoff | rerun
  // ISO dates; "" = not yet known.
  std::string notice_served_on, hearing_on, direction_on, election_on, tally_on, certified_on, set_aside_on;
  std::optional<Tally> tally;  // absent until ballots are counted
  std::string note;
  int64_t version = 1;
  int64_t created_at_ms = 0;
};

// A field absent = unchanged; a present "" clears a date.
struct ElectionFields {
  std::optional<std::string> petition_id, kind, notice_served_on, hearing_on, direction_on, election_on, tally_on,
      certified_on, set_aside_on, note;
};

class ElectionRepo {
 public:
  ElectionRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Errors: kNotFound (unit). REQUIRES: kind and filed_on set and valid.
  Result<Petition> AddPetition(const std::string& unit_id, const PetitionFields& f, int64_t now_ms);
  Result<Petition> GetPetition(const std::string& id);
  // Errors: kPreconditionFailed (stale), kNotFound.
  Result<Petition> UpdatePetition(const std::string& id, int64_t expected_version, const PetitionFields& f,
                                  int64_t now_ms);
  // The unit's petitions, oldest filing first.
  Result<std::vector<Petition>> PetitionsOfUnit(const std::string& unit_id);

  // Errors: kNotFound (unit); kInvalidInput "petition_id" when the petition
  // is not the unit's, a date before the petition's filing ("notice_served_on",
  // ...), or the election after its tally ("tally_on").
  Result<Election> AddElection(const std::string& unit_id, const ElectionFields& f, int64_t now_ms);
  Result<Election> GetElection(const std::string& id);
  // Same checks as AddElection on the merged row; kPreconditionFailed.
  Result<Election> UpdateElection(const std::string& id, int64_t expected_version, const ElectionFields& f,
                                  int64_t now_ms);
  // Records (or replaces) the count. Errors: kPreconditionFailed;
  // kInvalidInput "tally_on" before the election day.
  Result<Election> SetTally(const std::string& id, int64_t expected_version, const Tally& tally,
                            const std::string& tally_on, int64_t now_ms);
  // Every attempt of the unit, in the order they were recorded.
  Result<std::vector<Election>> ElectionsOfUnit(const std::string& unit_id);

  Result<Owner> OwnerOfPetition(const std::string& id);
  Result<Owner> OwnerOfElection(const std::string& id);

 private:
  Result<Petition> PetitionFromRow(const Row& r);
  Result<Election> ElectionFromRow(const Row& r);
  Status CheckElection(const Election& e);
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

// The JSON text stored in elections.tally_choices, and back. Errors:
// kInternal when the stored text is not what TallyChoicesJson writes.
std::string TallyChoicesJson(const std::vector<core::BallotChoice>& choices);
Result<std::vector<core::BallotChoice>> ParseTallyChoices(const std::string& text);

// The unit's campaign and the unit, or kNotFound ("no such <what>"): for a
// query "SELECT campaign_id, unit_id FROM ... WHERE org_id = $1 AND id = $2".
Result<Owner> OwnerByQuery(Tx& tx, const Scope& scope, const std::string& sql, const std::string& id,
                           const char* what);

}  // namespace hotshop::store
