// SPDX-License-Identifier: AGPL-3.0-or-later
// Tests for core/organizer_match: ranking volunteer organizers for one
// worker's request (issue #5; journeys J2.1, J2.2).
// Rules covered: R22 (EWOC model: intake -> a volunteer matches an
// organizer -> trainings; our interpretation: language required, new
// organizers need a mentor, training modules count).
#include "core/organizer_match.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/zip_centroids.h"

namespace hotshop::core {
namespace {

GeoPoint Zip(const char* z) {
  std::optional<ZipCentroid> c = LookupZip(z);
  EXPECT_TRUE(c.has_value()) << z;
  return c ? c->point : GeoPoint{};
}

// A seasoned Spanish-speaking organizer near downtown Houston.
OrganizerCandidate Ana() {
  OrganizerCandidate o;
  o.id = "ana";
  o.languages = {"es", "en"};
  o.industries = {"hotels", "restaurants"};
  o.home = Zip("77006");
  o.radius_km = 30;
  o.capacity = 3;
  o.load = 1;
  o.training = static_cast<unsigned>(TrainingModule::kCharting);
  o.completed_campaigns = 2;
  return o;
}

IntakeNeeds RosaNeeds() {
  IntakeNeeds n;
  n.language = "es";
  n.industry = "hotels";
  n.worksite = Zip("77002");
  return n;
}

bool HasReason(const RankedOrganizer& r, ReasonCode code) {
  return std::any_of(r.reasons.begin(), r.reasons.end(), [&](const MatchReason& m) { return m.code == code; });
}

const MatchReason* FindReason(const RankedOrganizer& r, ReasonCode code) {
  for (const auto& m : r.reasons) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

// RULE R22 (J2.1): "habla es · 8 km · hotels · 1/3 campaigns · charting ✓".
TEST(OrganizerMatch, ReasonsSayWhyInCodes) {
  RankedOrganizer r = ScoreOrganizer(Ana(), RosaNeeds());
  EXPECT_TRUE(r.assignable);
  ASSERT_NE(FindReason(r, ReasonCode::kLanguage), nullptr);
  EXPECT_EQ(FindReason(r, ReasonCode::kLanguage)->text, "es");
  const MatchReason* d = FindReason(r, ReasonCode::kDistance);
  ASSERT_NE(d, nullptr);
  EXPECT_GT(d->km, 0);
  EXPECT_LT(d->km, 10);
  EXPECT_EQ(d->limit_km, 30);
  EXPECT_EQ(FindReason(r, ReasonCode::kIndustry)->text, "hotels");
  const MatchReason* load = FindReason(r, ReasonCode::kLoad);
  ASSERT_NE(load, nullptr);
  EXPECT_EQ(load->count, 1);
  EXPECT_EQ(load->limit, 3);
  EXPECT_EQ(FindReason(r, ReasonCode::kTraining)->text, "charting");
  EXPECT_FALSE(std::any_of(r.reasons.begin(), r.reasons.end(), [](const MatchReason& m) { return m.blocks; }));
  // The codes are the API's strings.
  EXPECT_STREQ(ReasonCodeName(ReasonCode::kLanguage), "language");
  EXPECT_STREQ(ReasonCodeName(ReasonCode::kAtCapacity), "at_capacity");
}

// RULE R22: language is required; without it the organizer is greyed, with
// the reason, and never hidden (J2.1 AC).
TEST(OrganizerMatch, WithoutTheLanguageIsGreyedWithTheReason) {
  OrganizerCandidate o = Ana();
  o.languages = {"en"};
  std::vector<OrganizerCandidate> all = {o};
  std::vector<RankedOrganizer> ranked = RankOrganizers(all, RosaNeeds());
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_FALSE(ranked[0].assignable);
  ASSERT_FALSE(ranked[0].reasons.empty());
  EXPECT_EQ(ranked[0].reasons[0].code, ReasonCode::kNoLanguage);  // the reason leads
  EXPECT_TRUE(ranked[0].reasons[0].blocks);
  EXPECT_EQ(ranked[0].reasons[0].text, "es");
}

// RULE R22: a regional tag counts by its primary language.
TEST(OrganizerMatch, RegionalLanguageTagsMatch) {
  OrganizerCandidate o = Ana();
  o.languages = {"ES-mx"};
  IntakeNeeds n = RosaNeeds();
  n.language = "es-US";
  EXPECT_TRUE(ScoreOrganizer(o, n).assignable);
}

// J2.1 AC: at capacity is greyed with the reason.
TEST(OrganizerMatch, AtCapacityIsGreyedWithTheReason) {
  OrganizerCandidate o = Ana();
  o.load = 3;
  RankedOrganizer r = ScoreOrganizer(o, RosaNeeds());
  EXPECT_FALSE(r.assignable);
  const MatchReason* m = FindReason(r, ReasonCode::kAtCapacity);
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->blocks);
  EXPECT_EQ(m->count, 3);
  EXPECT_EQ(m->limit, 3);
  EXPECT_FALSE(HasReason(r, ReasonCode::kLoad));
}

// Issue #5: "distance (ZIP centroids)": beyond the organizer's own radius is
// greyed; within it, nearer ranks first.
TEST(OrganizerMatch, OutsideTheRadiusIsGreyedAndNearerRanksFirst) {
  OrganizerCandidate near = Ana();
  near.id = "near";
  OrganizerCandidate farther = Ana();
  farther.id = "farther";
  farther.home = Zip("77084");  // west Houston, ~30 km out
  farther.radius_km = 60;
  OrganizerCandidate dallas = Ana();
  dallas.id = "dallas";
  dallas.home = Zip("75201");
  std::vector<OrganizerCandidate> all = {dallas, farther, near};
  std::vector<RankedOrganizer> ranked = RankOrganizers(all, RosaNeeds());
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0].id, "near");
  EXPECT_EQ(ranked[1].id, "farther");
  EXPECT_EQ(ranked[2].id, "dallas");
  EXPECT_FALSE(ranked[2].assignable);
  const MatchReason* m = FindReason(ranked[2], ReasonCode::kOutsideRadius);
  ASSERT_NE(m, nullptr);
  EXPECT_GT(m->km, 300);
  EXPECT_EQ(m->limit_km, 30);
}

// An unknown ZIP scores no distance points and says so; it blocks nothing.
TEST(OrganizerMatch, UnknownDistanceIsSaidAndNotBlocking) {
  OrganizerCandidate o = Ana();
  o.home.reset();
  RankedOrganizer r = ScoreOrganizer(o, RosaNeeds());
  EXPECT_TRUE(r.assignable);
  EXPECT_TRUE(HasReason(r, ReasonCode::kDistanceUnknown));
  EXPECT_FALSE(r.distance_km.has_value());
  EXPECT_LT(r.score, ScoreOrganizer(Ana(), RosaNeeds()).score);
}

// Issue #5: industry and training raise the score.
TEST(OrganizerMatch, IndustryAndTrainingRaiseTheScore) {
  OrganizerCandidate plain = Ana();
  plain.industries = {"warehouses"};
  plain.training = 0;
  OrganizerCandidate trained = plain;
  trained.training = static_cast<unsigned>(TrainingModule::kCharting) |
                     static_cast<unsigned>(TrainingModule::kInoculation);
  OrganizerCandidate industry = plain;
  industry.industries = {"HOTELS"};
  const int64_t base = ScoreOrganizer(plain, RosaNeeds()).score;
  EXPECT_EQ(ScoreOrganizer(trained, RosaNeeds()).score, base + 2 * kTrainingPoints);
  EXPECT_EQ(ScoreOrganizer(industry, RosaNeeds()).score, base + kIndustryPoints);
  EXPECT_FALSE(HasReason(ScoreOrganizer(plain, RosaNeeds()), ReasonCode::kIndustry));
}

// RULE R22 (interpretation): a new organizer (no campaign completed) needs
// a mentor before matching; with one, they are assignable.
TEST(OrganizerMatch, NewOrganizerNeedsAMentor) {
  OrganizerCandidate sam = Ana();
  sam.completed_campaigns = 0;
  sam.has_mentor = false;
  RankedOrganizer r = ScoreOrganizer(sam, RosaNeeds());
  EXPECT_FALSE(r.assignable);
  EXPECT_TRUE(HasReason(r, ReasonCode::kNeedsMentor));
  sam.has_mentor = true;
  EXPECT_TRUE(ScoreOrganizer(sam, RosaNeeds()).assignable);
}

// J2.2: whoever declined this request is greyed for it; a paused organizer too.
TEST(OrganizerMatch, DeclinedAndUnavailableAreGreyed) {
  OrganizerCandidate o = Ana();
  o.declined = true;
  EXPECT_TRUE(HasReason(ScoreOrganizer(o, RosaNeeds()), ReasonCode::kDeclined));
  EXPECT_FALSE(ScoreOrganizer(o, RosaNeeds()).assignable);
  o = Ana();
  o.available = false;
  EXPECT_TRUE(HasReason(ScoreOrganizer(o, RosaNeeds()), ReasonCode::kUnavailable));
}

// Assignable organizers come first whatever their score; the order is total.
TEST(OrganizerMatch, AssignableFirstThenScoreThenFreeCapacityThenId) {
  OrganizerCandidate best_but_full = Ana();
  best_but_full.id = "a-full";
  best_but_full.load = 3;
  OrganizerCandidate busy = Ana();
  busy.id = "c-busy";
  busy.load = 2;
  busy.training = 0;
  OrganizerCandidate free = Ana();
  free.id = "b-free";
  free.load = 0;
  free.training = 0;
  OrganizerCandidate twin = free;
  twin.id = "d-twin";
  std::vector<OrganizerCandidate> all = {best_but_full, busy, twin, free};
  std::vector<RankedOrganizer> ranked = RankOrganizers(all, RosaNeeds());
  std::vector<std::string> ids;
  for (const auto& r : ranked) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b-free", "d-twin", "c-busy", "a-full"}));
  for (size_t i = 0; i + 1 < ranked.size(); ++i) {
    if (ranked[i].assignable == ranked[i + 1].assignable) {
      EXPECT_GE(ranked[i].score, ranked[i + 1].score);
    }
  }
}

// Incorrect usage: zero capacity or radius greys rather than dividing by zero.
TEST(OrganizerMatch, ZeroCapacityOrRadiusGreysInsteadOfFailing) {
  OrganizerCandidate o = Ana();
  o.capacity = 0;
  o.load = 0;
  EXPECT_TRUE(HasReason(ScoreOrganizer(o, RosaNeeds()), ReasonCode::kAtCapacity));
  o = Ana();
  o.radius_km = 0;
  EXPECT_TRUE(HasReason(ScoreOrganizer(o, RosaNeeds()), ReasonCode::kOutsideRadius));
  EXPECT_TRUE(RankOrganizers({}, RosaNeeds()).empty());
}

TEST(OrganizerMatch, TrainingModulesRoundTrip) {
  for (TrainingModule m : AllTrainingModules()) EXPECT_EQ(ParseTrainingModule(TrainingModuleName(m)), m);
  EXPECT_FALSE(ParseTrainingModule("fear").has_value());
  EXPECT_EQ(PrimaryLanguage("es-MX"), "es");
  EXPECT_EQ(PrimaryLanguage("EN"), "en");
}

}  // namespace
}  // namespace hotshop::core
