// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/filing_readiness.h"

#include <set>

namespace hotshop::core {

namespace {

int64_t CeilPercent(int64_t percent, int64_t base) {
  return (percent * base + 99) / 100;
}

Criterion Check(int64_t have, int64_t need) {
  return Criterion{have >= need, have, need};
}

Status ValidatePercent(int64_t percent, const char* field) {
  if (percent < 0 || percent > 100) {
    return Error::InvalidInput(field, "must be between 0 and 100");
  }
  return Ok();
}

}  // namespace

Result<FilingReadiness> AssessFilingReadiness(
    std::span<const ReadinessWorker> workers, Date as_of,
    const ReadinessThresholds& thresholds) {
  if (workers.empty()) {
    return Error::InvalidInput("workers", "the unit has no workers");
  }
  if (Status s = ValidateDate(as_of, "as_of"); !s) return s.error();
  for (auto [value, field] :
       {std::pair{thresholds.card_percent, "card_percent"},
        std::pair{thresholds.support_percent, "support_percent"},
        std::pair{thresholds.committee_percent, "committee_percent"},
        std::pair{thresholds.committee_department_percent,
                  "committee_department_percent"}}) {
    if (Status s = ValidatePercent(value, field); !s) return s.error();
  }
  if (thresholds.reassessed_within < std::chrono::days{0}) {
    return Error::InvalidInput("reassessed_within", "must not be negative");
  }

  // RULE R5: "recently re-assessed" means on or after this date.
  const Date recent_from = AddDays(as_of, -thresholds.reassessed_within);
  int64_t signed_cards = 0, confirmed = 0, supporters = 0, committee = 0;
  std::set<std::string> departments, covered;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    const ReadinessWorker& w = workers[i];
    if (w.last_assessed && !w.last_assessed->ok()) {
      return Error::InvalidInput(
          "workers[" + std::to_string(i) + "].last_assessed",
          "is not a valid calendar date");
    }
    if (!w.department.empty()) departments.insert(w.department);
    if (w.supportive) ++supporters;
    if (w.card_counts) {
      ++signed_cards;
      if (w.supportive && w.last_assessed && *w.last_assessed >= recent_from) {
        ++confirmed;
      }
    }
    if (w.on_committee && !w.supervisor) {
      ++committee;
      if (!w.department.empty()) covered.insert(w.department);
    }
  }

  FilingReadiness r;
  r.unit_size = static_cast<int64_t>(workers.size());
  r.cards_signed = signed_cards;
  r.cards = Check(confirmed, CeilPercent(thresholds.card_percent, r.unit_size));
  r.support =
      Check(supporters, CeilPercent(thresholds.support_percent, r.unit_size));
  r.committee_size =
      Check(committee, CeilPercent(thresholds.committee_percent, r.unit_size));
  r.committee_spread =
      Check(static_cast<int64_t>(covered.size()),
            CeilPercent(thresholds.committee_department_percent,
                        static_cast<int64_t>(departments.size())));
  for (const std::string& d : departments) {
    if (!covered.contains(d)) r.departments_without_committee.push_back(d);
  }
  r.ready = r.cards.met && r.support.met && r.committee_size.met &&
            r.committee_spread.met;
  return r;
}

}  // namespace hotshop::core
