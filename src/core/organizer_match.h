// SPDX-License-Identifier: AGPL-3.0-or-later
// Organizer matching: which volunteer organizers a dispatcher should call
// on for one worker's request for help, best first, and why (issue #5;
// journeys J2.1, J2.2).
//
// Pure; thread-safe. Nothing here reads a clock or the database: the
// caller loads the profiles and their current load, and looks up ZIP
// centroids (core/zip_centroids.h).
//
// RULE R22 [S26]: EWOC model: short intake form feeds a central sheet ->
//   volunteer contacts, assesses, matches an organizer -> trainings
//   (mapping/charting, building an OC, fear, action, escalation).
//   Interpretation (ours, journeys P3 "Weeks 1-4 mirror EWOC
//   Fundamentals"): the training modules a profile records are charting,
//   the organizing conversation, the campaign arc and inoculation; a new
//   organizer (no campaign completed) is matched only once a mentor is
//   named (issue #5 "New organizers get a mentor").
//
// The ranking, in order of weight (issue #5 "ranks organizers by language
// (required), distance, industry, current load and training"):
//   - language: required. Without the worker's language the organizer is
//     shown greyed with the reason kNoLanguage, never hidden.
//   - distance from the organizer's home ZIP to the worksite ZIP: beyond
//     the organizer's own radius is greyed (kOutsideRadius); within it,
//     nearer scores more (up to kDistancePoints). Unknown (a ZIP missing or
//     not in the data set) scores nothing and says so (kDistanceUnknown).
//   - industry: the worker's industry among the organizer's scores
//     kIndustryPoints.
//   - load: at or over capacity is greyed (kAtCapacity); below it, free
//     capacity scores up to kLoadPoints.
//   - training: kTrainingPoints per module completed.
// Also greyed: an organizer who paused their availability (kUnavailable),
// a new organizer with no mentor (kNeedsMentor), and an organizer who
// already declined this request (kDeclined, J2.2).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo_distance.h"

namespace hotshop::core {

// R22 (interpretation above): the modules of EWOC Fundamentals, as bits.
enum class TrainingModule : unsigned {
  kCharting = 1,      // mapping and charting the workplace
  kConversation = 2,  // the organizing conversation
  kCampaignArc = 4,   // the arc of a campaign
  kInoculation = 8,   // inoculating against the boss's campaign
};
std::span<const TrainingModule> AllTrainingModules();
// "charting", "conversation", "campaign_arc", "inoculation".
const char* TrainingModuleName(TrainingModule m);
std::optional<TrainingModule> ParseTrainingModule(std::string_view name);

// One organizer as matching sees them.
struct OrganizerCandidate {
  std::string id;
  std::vector<std::string> languages;   // "es", "en", "es-MX": the primary subtag counts
  std::vector<std::string> industries;  // codes, compared without case ("hotels")
  std::optional<GeoPoint> home;         // the home ZIP's centroid, if known
  double radius_km = 0;                 // how far they will travel; > 0
  int64_t capacity = 0;                 // active campaigns they can carry
  int64_t load = 0;                     // active campaigns + accepted requests now
  unsigned training = 0;                // TrainingModule bits
  int64_t completed_campaigns = 0;
  bool has_mentor = false;
  bool available = true;                // the organizer's own switch
  bool declined = false;                // declined this request before (J2.2)
};

// What the worker's request asks for.
struct IntakeNeeds {
  std::string language;              // the worker's language ("es")
  std::string industry;              // "" when not given
  std::optional<GeoPoint> worksite;  // the worksite ZIP's centroid, if known
};

// Why an organizer ranks where they do: a code the UI translates, and its
// numbers. blocks = the organizer is greyed out (not assignable) for it.
enum class ReasonCode {
  kLanguage,         // speaks the worker's language; text = the language
  kNoLanguage,       // blocks: doesn't; text = the language
  kDistance,         // within radius; km = distance, limit_km = radius
  kOutsideRadius,    // blocks: km, limit_km
  kDistanceUnknown,  // a ZIP is missing or unknown: no distance points
  kIndustry,         // knows the worker's industry; text = the industry
  kLoad,             // count = load, limit = capacity (below capacity)
  kAtCapacity,       // blocks: count = load, limit = capacity
  kTraining,         // text = a module's name (one reason per module)
  kNeedsMentor,      // blocks: no campaign completed and no mentor yet
  kUnavailable,      // blocks: the organizer paused their availability
  kDeclined,         // blocks: declined this request before
};
// "language", "no_language", "distance", "outside_radius",
// "distance_unknown", "industry", "load", "at_capacity", "training",
// "needs_mentor", "unavailable", "declined".
const char* ReasonCodeName(ReasonCode c);

struct MatchReason {
  ReasonCode code = ReasonCode::kLanguage;
  bool blocks = false;
  std::string text;   // kLanguage, kNoLanguage, kIndustry, kTraining
  int64_t km = 0;     // kDistance, kOutsideRadius: rounded to the kilometre
  int64_t limit_km = 0;
  int64_t count = 0;  // kLoad, kAtCapacity
  int64_t limit = 0;
};

struct RankedOrganizer {
  std::string id;
  bool assignable = false;  // no blocking reason
  int64_t score = 0;        // 0..kMaxScore; also computed for greyed ones
  std::optional<double> distance_km;
  std::vector<MatchReason> reasons;  // in a fixed order: language, distance,
                                     // industry, load, training, then blockers
};

inline constexpr int64_t kDistancePoints = 40;
inline constexpr int64_t kIndustryPoints = 25;
inline constexpr int64_t kLoadPoints = 20;
inline constexpr int64_t kTrainingPoints = 4;  // per module, 4 modules
inline constexpr int64_t kMaxScore = kDistancePoints + kIndustryPoints + kLoadPoints + 4 * kTrainingPoints;

// Scores one organizer for one request (see the file comment). Never fails.
RankedOrganizer ScoreOrganizer(const OrganizerCandidate& organizer, const IntakeNeeds& needs);

// Every organizer, scored and ordered: the assignable ones first, then the
// greyed ones; within each group by score (higher first), then free
// capacity (more first), then distance (nearer first, unknown last), then
// id, so the order is total and the same on every run. Never fails; an
// empty list gives an empty ranking.
std::vector<RankedOrganizer> RankOrganizers(std::span<const OrganizerCandidate> organizers, const IntakeNeeds& needs);

// "es-MX" / "ES" -> "es": the primary language subtag, lowercased.
std::string PrimaryLanguage(std::string_view tag);

}  // namespace hotshop::core
