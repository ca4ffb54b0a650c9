// SPDX-License-Identifier: AGPL-3.0-or-later
// Volunteer organizers' profiles (migration 0012; issue #5): home ZIP and
// radius, languages, industries, capacity, training modules, mentor, and
// the organizer's own availability switch; and the candidates matching
// ranks (profiles with their current load and whether they declined a
// request before).
//
// Load = open requests assigned to the organizer (stages matched,
// first_contact, assessed) + active campaigns they hold an organizer grant
// on. Every change takes the expected version (kPreconditionFailed when
// stale); times are parameters.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/organizer_match.h"
#include "core/result.h"
#include "store/database.h"
#include "store/scope.h"

namespace hotshop::store {

struct OrganizerProfile {
  std::string user_id;
  std::string home_zip;
  int64_t radius_km = 25;
  std::vector<std::string> languages;
  std::vector<std::string> industries;
  int64_t capacity = 2;
  std::vector<std::string> training;  // core::TrainingModuleName values
  std::string mentor_id;              // "" = none
  int64_t completed_campaigns = 0;
  bool available = true;
  int64_t version = 0;                // 0 = no row yet (defaults)
  int64_t load = 0;                   // computed, see the file comment
  int64_t updated_at_ms = 0;
};

class OrganizerRepo {
 public:
  OrganizerRepo(Tx& tx, const Scope& scope) : tx_(tx), scope_(scope) {}

  // The profile of user_id, or nullopt when none was written. Load filled.
  Result<std::optional<OrganizerProfile>> Get(const std::string& user_id);
  // Every profile of the org, by user id, with load.
  Result<std::vector<OrganizerProfile>> List();
  // Creates (expected_version 0) or replaces the profile. Errors:
  // kPreconditionFailed when expected_version is not the current one;
  // kInvalidInput naming a field out of range (validated by the caller).
  Result<OrganizerProfile> Put(const OrganizerProfile& p, int64_t expected_version, int64_t now_ms);
  // The organizer's own switch. Errors: kNotFound with no profile, stale.
  Result<OrganizerProfile> SetAvailable(const std::string& user_id, bool available, int64_t expected_version,
                                        int64_t now_ms);

  // Candidates for one request: every profile, with load, the ZIP centroid
  // of its home (if known) and whether the organizer declined or timed out
  // on intake_id before (J2.2).
  Result<std::vector<core::OrganizerCandidate>> Candidates(const std::string& intake_id);

 private:
  Result<std::vector<OrganizerProfile>> Load(const std::string& only_user);
  Tx& tx_;
  const Scope& scope_;
};

// "es,en" <-> {"es", "en"} (empty items dropped).
std::vector<std::string> SplitList(const std::string& s);
std::string JoinList(const std::vector<std::string>& v);

}  // namespace hotshop::store
