// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/election_bars.h"

#include <string>

namespace hotshop::core {

namespace {

using std::chrono::days;
using std::chrono::months;

// RULE R10: 12 months from balloting; a petition 60 days early.
constexpr months kElectionBarLength{12};
constexpr days kElectionBarEarlyPetition{60};
// RULE R11: one year from certification.
constexpr months kCertificationYear{12};

std::string Field(const char* list, std::size_t i, const char* member) {
  std::string f = std::string(list) + "[" + std::to_string(i) + "]";
  if (*member != '\0') f += std::string(".") + member;
  return f;
}

Status ValidateParams(const BarParams& p) {
  if (p.window_closes_days_before < 1 ||
      p.window_opens_days_before <= p.window_closes_days_before) {
    return Error::InvalidInput("window_opens_days_before",
                               "must exceed window_closes_days_before >= 1");
  }
  if (p.health_care_window_closes_days_before < 1 ||
      p.health_care_window_opens_days_before <=
          p.health_care_window_closes_days_before) {
    return Error::InvalidInput(
        "health_care_window_opens_days_before",
        "must exceed health_care_window_closes_days_before >= 1");
  }
  if (p.contract_bar_max < std::chrono::years{1}) {
    return Error::InvalidInput("contract_bar_max", "must be at least 1 year");
  }
  if (p.recognition_bar_min < months{0} ||
      p.recognition_bar_max < p.recognition_bar_min) {
    return Error::InvalidInput("recognition_bar_min",
                               "must be >= 0 and <= recognition_bar_max");
  }
  return Ok();
}

Status ValidateHistory(const UnitHistory& h) {
  for (Status s : {ValidateDates(h.valid_elections, "valid_elections"),
                   ValidateDates(h.certifications, "certifications"),
                   ValidateDates(h.blocking_charges, "blocking_charges")}) {
    if (!s) return s;
  }
  for (std::size_t i = 0; i < h.contracts.size(); ++i) {
    const Contract& c = h.contracts[i];
    if (Status s =
            ValidateDate(c.effective, Field("contracts", i, "effective"));
        !s) {
      return s;
    }
    if (Status s = ValidateDate(c.expires, Field("contracts", i, "expires"));
        !s) {
      return s;
    }
    if (c.expires < c.effective) {
      return Error::InvalidInput(Field("contracts", i, "expires"),
                                 "is before the contract takes effect");
    }
  }
  for (std::size_t i = 0; i < h.recognitions.size(); ++i) {
    const VoluntaryRecognition& r = h.recognitions[i];
    if (Status s = ValidateDate(r.recognized_on,
                                Field("recognitions", i, "recognized_on"));
        !s) {
      return s;
    }
    if (r.first_bargaining_session) {
      const std::string field =
          Field("recognitions", i, "first_bargaining_session");
      if (Status s = ValidateDate(*r.first_bargaining_session, field); !s) {
        return s;
      }
      if (*r.first_bargaining_session < r.recognized_on) {
        return Error::InvalidInput(field, "is before the recognition");
      }
    }
  }
  return Ok();
}

bool InForce(const Bar& bar, Date day) {
  if (day < bar.runs_from) return false;
  if (bar.may_extend_until && day <= *bar.may_extend_until) return true;
  return !bar.ends_on || day <= *bar.ends_on;
}

bool BlocksPetition(const Bar& bar, Date day) {
  if (day < bar.runs_from) return false;
  return !bar.petition_allowed_from || day < *bar.petition_allowed_from;
}

}  // namespace

const char* BarKindCode(BarKind kind) {
  switch (kind) {
    case BarKind::kElectionBar:
      return "election_bar";
    case BarKind::kCertificationYear:
      return "certification_year";
    case BarKind::kContractBar:
      return "contract_bar";
    case BarKind::kInsulatedPeriod:
      return "insulated_period";
    case BarKind::kVoluntaryRecognition:
      return "voluntary_recognition";
    case BarKind::kBlockingCharge:
      return "blocking_charge";
  }
  return "unknown";
}

ContractWindow ContractWindowFor(const Contract& contract, bool health_care,
                                 const BarParams& params) {
  // RULE R12: longer contracts bar outsiders for 3 years only: through the
  // day before the third anniversary, as a 3-year contract would run.
  const Date last_day_of_max = AddDays(
      AddYearsClamped(contract.effective, params.contract_bar_max), days{-1});
  ContractWindow w;
  w.bar_ends = std::min(contract.expires, last_day_of_max);
  // RULE R12: timely only 90-61 days before (health care 120-91, U).
  const int64_t opens = health_care
                            ? params.health_care_window_opens_days_before
                            : params.window_opens_days_before;
  const int64_t closes = health_care
                             ? params.health_care_window_closes_days_before
                             : params.window_closes_days_before;
  w.window_opens = AddDays(w.bar_ends, days{-opens});
  w.window_closes = AddDays(w.bar_ends, days{-closes});
  // RULE R12: the last 60 days (through the end) are insulated.
  w.insulated_from = AddDays(w.window_closes, days{1});
  return w;
}

Result<std::vector<Bar>> AllBars(const UnitHistory& history,
                                 const BarParams& params) {
  if (Status s = ValidateParams(params); !s) return s.error();
  if (Status s = ValidateHistory(history); !s) return s.error();

  std::vector<Bar> bars;
  for (Date ballot : history.valid_elections) {
    // RULE R10: 12 months from balloting; petitions from 60 days before.
    const Date twelve_months = AddMonthsClamped(ballot, kElectionBarLength);
    bars.push_back(
        Bar{BarKind::kElectionBar, ballot, AddDays(twelve_months, days{-1}),
            AddDays(twelve_months, -kElectionBarEarlyPetition), std::nullopt});
  }
  for (Date certified : history.certifications) {
    // RULE R11: petitions dismissed for 1 year after certification.
    const Date year_end = AddMonthsClamped(certified, kCertificationYear);
    bars.push_back(Bar{BarKind::kCertificationYear, certified,
                       AddDays(year_end, days{-1}), year_end, std::nullopt});
  }
  for (const Contract& contract : history.contracts) {
    // RULE R12: only a written, signed contract bars.
    if (!contract.written_and_signed) continue;
    const ContractWindow w =
        ContractWindowFor(contract, history.health_care, params);
    if (contract.effective < w.window_opens) {
      bars.push_back(Bar{BarKind::kContractBar, contract.effective,
                         AddDays(w.window_opens, days{-1}), w.window_opens,
                         std::nullopt});
    }
    const Date insulated_from = std::max(w.insulated_from, contract.effective);
    bars.push_back(Bar{BarKind::kInsulatedPeriod, insulated_from, w.bar_ends,
                       AddDays(w.bar_ends, days{1}), std::nullopt});
  }
  for (const VoluntaryRecognition& r : history.recognitions) {
    // RULE R13: at least 6 months, at most 1 year from the first session.
    Bar bar{BarKind::kVoluntaryRecognition, r.recognized_on, std::nullopt,
            std::nullopt, std::nullopt};
    if (r.first_bargaining_session) {
      const Date earliest = AddMonthsClamped(*r.first_bargaining_session,
                                             params.recognition_bar_min);
      const Date latest = AddMonthsClamped(*r.first_bargaining_session,
                                           params.recognition_bar_max);
      bar.ends_on = AddDays(earliest, days{-1});
      bar.petition_allowed_from = earliest;
      bar.may_extend_until = AddDays(latest, days{-1});
    }
    bars.push_back(bar);
  }
  for (Date filed : history.blocking_charges) {
    // RULE R13: a blocking charge may delay the election, not the filing.
    bars.push_back(Bar{BarKind::kBlockingCharge, filed, std::nullopt, filed,
                       std::nullopt});
  }
  return bars;
}

Result<std::vector<Bar>> BarsOn(const UnitHistory& history, Date as_of,
                                const BarParams& params) {
  if (Status s = ValidateDate(as_of, "as_of"); !s) return s.error();
  Result<std::vector<Bar>> all = AllBars(history, params);
  if (!all) return all.error();
  std::vector<Bar> in_force;
  for (const Bar& bar : *all) {
    if (InForce(bar, as_of)) in_force.push_back(bar);
  }
  return in_force;
}

Result<std::optional<Date>> EarliestPetitionDate(const UnitHistory& history,
                                                 Date as_of,
                                                 const BarParams& params) {
  if (Status s = ValidateDate(as_of, "as_of"); !s) return s.error();
  Result<std::vector<Bar>> all = AllBars(history, params);
  if (!all) return all.error();
  // Each pass moves day to the end of a bar blocking it; days only grow, and
  // each bar can block at most once after being passed, so this ends.
  Date day = as_of;
  for (bool moved = true; moved;) {
    moved = false;
    for (const Bar& bar : *all) {
      if (!BlocksPetition(bar, day)) continue;
      if (!bar.petition_allowed_from) return std::optional<Date>{};
      day = *bar.petition_allowed_from;
      moved = true;
    }
  }
  return std::optional<Date>{day};
}

}  // namespace hotshop::core
