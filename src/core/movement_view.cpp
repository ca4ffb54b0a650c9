// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/movement_view.h"

namespace hotshop::core {
namespace {

struct Acc {
  MovementGroup g;
  std::vector<int64_t> durations;
};

void AddIntake(Acc& a, const MovementIntake& i) {
  a.g.stages[i.stage] += 1;
  a.g.intakes += 1;
  if (i.first_contact_at_ms) a.durations.push_back(*i.first_contact_at_ms - i.received_at_ms);
}

void AddOrganizer(Acc& a, const MovementOrganizer& o) {
  a.g.organizers += 1;
  a.g.load += o.load;
  a.g.capacity += o.capacity;
}

std::vector<MovementGroup> Finish(std::map<std::string, Acc>& m) {
  std::vector<MovementGroup> out;
  for (auto& [key, acc] : m) {
    acc.g.key = key;
    acc.g.to_first_contact = SummarizeDurations(acc.durations);
    out.push_back(std::move(acc.g));
  }
  return out;
}

}  // namespace

MovementView SummarizeMovement(std::span<const MovementIntake> intakes,
                               std::span<const MovementOrganizer> organizers) {
  Acc total;
  std::map<std::string, Acc> regions, industries;
  for (const MovementIntake& i : intakes) {
    AddIntake(total, i);
    AddIntake(regions[i.region], i);
    AddIntake(industries[i.industry], i);
  }
  for (const MovementOrganizer& o : organizers) {
    AddOrganizer(total, o);
    AddOrganizer(regions[o.region], o);
  }
  MovementView v;
  total.g.to_first_contact = SummarizeDurations(total.durations);
  v.total = std::move(total.g);
  v.by_region = Finish(regions);
  v.by_industry = Finish(industries);
  return v;
}

}  // namespace hotshop::core
