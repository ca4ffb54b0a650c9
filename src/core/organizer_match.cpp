// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/organizer_match.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace hotshop::core {
namespace {

constexpr std::array<TrainingModule, 4> kModules = {TrainingModule::kCharting, TrainingModule::kConversation,
                                                    TrainingModule::kCampaignArc, TrainingModule::kInoculation};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool SpeaksLanguage(const OrganizerCandidate& o, const std::string& primary) {
  if (primary.empty()) return true;  // the worker gave none: any organizer will do
  return std::any_of(o.languages.begin(), o.languages.end(),
                     [&](const std::string& l) { return PrimaryLanguage(l) == primary; });
}

bool KnowsIndustry(const OrganizerCandidate& o, const std::string& industry) {
  if (industry.empty()) return false;
  return std::any_of(o.industries.begin(), o.industries.end(),
                     [&](const std::string& i) { return Lower(i) == industry; });
}

MatchReason Reason(ReasonCode code, std::string text = {}) {
  MatchReason r;
  r.code = code;
  r.text = std::move(text);
  return r;
}

MatchReason Blocking(ReasonCode code) {
  MatchReason r = Reason(code);
  r.blocks = true;
  return r;
}

}  // namespace

std::span<const TrainingModule> AllTrainingModules() { return kModules; }

const char* TrainingModuleName(TrainingModule m) {
  switch (m) {
    case TrainingModule::kCharting: return "charting";
    case TrainingModule::kConversation: return "conversation";
    case TrainingModule::kCampaignArc: return "campaign_arc";
    case TrainingModule::kInoculation: return "inoculation";
  }
  return "?";
}

std::optional<TrainingModule> ParseTrainingModule(std::string_view name) {
  for (TrainingModule m : kModules) {
    if (name == TrainingModuleName(m)) return m;
  }
  return std::nullopt;
}

const char* ReasonCodeName(ReasonCode c) {
  switch (c) {
    case ReasonCode::kLanguage: return "language";
    case ReasonCode::kNoLanguage: return "no_language";
    case ReasonCode::kDistance: return "distance";
    case ReasonCode::kOutsideRadius: return "outside_radius";
    case ReasonCode::kDistanceUnknown: return "distance_unknown";
    case ReasonCode::kIndustry: return "industry";
    case ReasonCode::kLoad: return "load";
    case ReasonCode::kAtCapacity: return "at_capacity";
    case ReasonCode::kTraining: return "training";
    case ReasonCode::kNeedsMentor: return "needs_mentor";
    case ReasonCode::kUnavailable: return "unavailable";
    case ReasonCode::kDeclined: return "declined";
  }
  return "?";
}

std::string PrimaryLanguage(std::string_view tag) {
  size_t dash = tag.find_first_of("-_");
  return Lower(tag.substr(0, dash));
}

RankedOrganizer ScoreOrganizer(const OrganizerCandidate& o, const IntakeNeeds& needs) {
  RankedOrganizer out;
  out.id = o.id;
  std::vector<MatchReason> blockers;

  // Language: required (issue #5), shown greyed with the reason (J2.1 AC).
  const std::string lang = PrimaryLanguage(needs.language);
  if (SpeaksLanguage(o, lang)) {
    if (!lang.empty()) out.reasons.push_back(Reason(ReasonCode::kLanguage, lang));
  } else {
    MatchReason r = Blocking(ReasonCode::kNoLanguage);
    r.text = lang;
    blockers.push_back(r);
  }

  // Distance: within the organizer's own radius; nearer scores more.
  if (o.home && needs.worksite) {
    const double km = HaversineKm(*o.home, *needs.worksite);
    out.distance_km = km;
    MatchReason r = Reason(ReasonCode::kDistance);
    r.km = std::llround(km);
    r.limit_km = std::llround(o.radius_km);
    if (o.radius_km <= 0 || km > o.radius_km) {
      r.code = ReasonCode::kOutsideRadius;
      r.blocks = true;
      blockers.push_back(r);
    } else {
      out.score += std::llround(kDistancePoints * (1.0 - km / o.radius_km));
      out.reasons.push_back(r);
    }
  } else {
    out.reasons.push_back(Reason(ReasonCode::kDistanceUnknown));
  }

  // Industry.
  const std::string industry = Lower(needs.industry);
  if (KnowsIndustry(o, industry)) {
    out.score += kIndustryPoints;
    out.reasons.push_back(Reason(ReasonCode::kIndustry, industry));
  }

  // Load against capacity: at capacity is greyed (J2.1 AC).
  MatchReason load = Reason(ReasonCode::kLoad);
  load.count = o.load;
  load.limit = o.capacity;
  if (o.capacity <= 0 || o.load >= o.capacity) {
    load.code = ReasonCode::kAtCapacity;
    load.blocks = true;
    blockers.push_back(load);
  } else {
    const int64_t free = o.capacity - std::max<int64_t>(o.load, 0);
    out.score += (kLoadPoints * free + o.capacity / 2) / o.capacity;
    out.reasons.push_back(load);
  }

  // RULE R22: training modules completed, one reason each.
  for (TrainingModule m : kModules) {
    if (o.training & static_cast<unsigned>(m)) {
      out.score += kTrainingPoints;
      out.reasons.push_back(Reason(ReasonCode::kTraining, TrainingModuleName(m)));
    }
  }

  // RULE R22 (interpretation): a new organizer is matched with a mentor.
  if (o.completed_campaigns <= 0 && !o.has_mentor) blockers.push_back(Blocking(ReasonCode::kNeedsMentor));
  if (!o.available) blockers.push_back(Blocking(ReasonCode::kUnavailable));
  if (o.declined) blockers.push_back(Blocking(ReasonCode::kDeclined));

  out.assignable = blockers.empty();
  out.score = std::clamp<int64_t>(out.score, 0, kMaxScore);
  // Blockers first, so the greyed row leads with why.
  blockers.insert(blockers.end(), out.reasons.begin(), out.reasons.end());
  out.reasons = std::move(blockers);
  return out;
}

std::vector<RankedOrganizer> RankOrganizers(std::span<const OrganizerCandidate> organizers, const IntakeNeeds& needs) {
  struct Keyed {
    RankedOrganizer r;
    double free_share;  // (capacity - load) / capacity; more free ranks first
  };
  std::vector<Keyed> all;
  all.reserve(organizers.size());
  for (const OrganizerCandidate& o : organizers) {
    double free_share = o.capacity > 0 ? static_cast<double>(o.capacity - o.load) / static_cast<double>(o.capacity) : -1;
    all.push_back({ScoreOrganizer(o, needs), free_share});
  }
  std::sort(all.begin(), all.end(), [](const Keyed& a, const Keyed& b) {
    if (a.r.assignable != b.r.assignable) return a.r.assignable;
    if (a.r.score != b.r.score) return a.r.score > b.r.score;
    if (a.free_share != b.free_share) return a.free_share > b.free_share;
    const double da = a.r.distance_km.value_or(1e12);
    const double db = b.r.distance_km.value_or(1e12);
    if (da != db) return da < db;
    return a.r.id < b.r.id;
  });
  std::vector<RankedOrganizer> out;
  out.reserve(all.size());
  for (Keyed& k : all) out.push_back(std::move(k.r));
  return out;
}

}  // namespace hotshop::core
