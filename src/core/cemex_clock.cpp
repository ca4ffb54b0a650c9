// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/cemex_clock.h"

#include <array>
#include <utility>

namespace hotshop::core {

namespace {

// 28 U.S.C. 41: states and territories by circuit.
constexpr std::array<std::pair<std::string_view, Circuit>, 55> kStateCircuits{{
    {"ME", Circuit::kFirst},    {"MA", Circuit::kFirst},
    {"NH", Circuit::kFirst},    {"RI", Circuit::kFirst},
    {"PR", Circuit::kFirst},    {"CT", Circuit::kSecond},
    {"NY", Circuit::kSecond},   {"VT", Circuit::kSecond},
    {"DE", Circuit::kThird},    {"NJ", Circuit::kThird},
    {"PA", Circuit::kThird},    {"VI", Circuit::kThird},
    {"MD", Circuit::kFourth},   {"NC", Circuit::kFourth},
    {"SC", Circuit::kFourth},   {"VA", Circuit::kFourth},
    {"WV", Circuit::kFourth},   {"LA", Circuit::kFifth},
    {"MS", Circuit::kFifth},    {"TX", Circuit::kFifth},
    {"KY", Circuit::kSixth},    {"MI", Circuit::kSixth},
    {"OH", Circuit::kSixth},    {"TN", Circuit::kSixth},
    {"IL", Circuit::kSeventh},  {"IN", Circuit::kSeventh},
    {"WI", Circuit::kSeventh},  {"AR", Circuit::kEighth},
    {"IA", Circuit::kEighth},   {"MN", Circuit::kEighth},
    {"MO", Circuit::kEighth},   {"NE", Circuit::kEighth},
    {"ND", Circuit::kEighth},   {"SD", Circuit::kEighth},
    {"AK", Circuit::kNinth},    {"AZ", Circuit::kNinth},
    {"CA", Circuit::kNinth},    {"HI", Circuit::kNinth},
    {"ID", Circuit::kNinth},    {"MT", Circuit::kNinth},
    {"NV", Circuit::kNinth},    {"OR", Circuit::kNinth},
    {"WA", Circuit::kNinth},    {"GU", Circuit::kNinth},
    {"MP", Circuit::kNinth},    {"CO", Circuit::kTenth},
    {"KS", Circuit::kTenth},    {"NM", Circuit::kTenth},
    {"OK", Circuit::kTenth},    {"UT", Circuit::kTenth},
    {"WY", Circuit::kTenth},    {"AL", Circuit::kEleventh},
    {"FL", Circuit::kEleventh}, {"GA", Circuit::kEleventh},
    {"DC", Circuit::kDc},
}};

}  // namespace

std::optional<Circuit> CircuitForState(std::string_view state_code) {
  for (const auto& [code, circuit] : kStateCircuits) {
    if (code == state_code) return circuit;
  }
  return std::nullopt;
}

std::vector<CircuitAdvisory> CircuitAdvisoriesOn(Circuit circuit, Date as_of) {
  std::vector<CircuitAdvisory> out;
  // RULE R14: Brown-Forman binds KY/MI/OH/TN; the 9th (U) upheld on Gissel.
  if (circuit == Circuit::kSixth && as_of >= kBrownFormanDecided) {
    out.push_back(CircuitAdvisory::kCemexNotEnforced);
  }
  if (circuit == Circuit::kNinth && as_of >= kNinthCircuitReported) {
    out.push_back(CircuitAdvisory::kGisselGroundsOnly);
  }
  return out;
}

Result<CemexClock> RunCemexClock(const RecognitionDemand& demand, Date as_of,
                                 std::chrono::days rm_petition_within) {
  if (Status s = ValidateDate(demand.demanded_on, "demanded_on"); !s) {
    return s.error();
  }
  if (Status s = ValidateDate(as_of, "as_of"); !s) return s.error();
  if (demand.demanded_on < kCemexDecided) {
    return Error::InvalidInput("demanded_on",
                               "is before Cemex (2023-08-25) was decided");
  }
  if (as_of < demand.demanded_on) {
    return Error::InvalidInput("as_of", "is before the demand");
  }
  if (demand.unit_size <= 0) {
    return Error::InvalidInput("unit_size", "must be greater than 0");
  }
  if (demand.supporters < 0 || demand.supporters > demand.unit_size) {
    return Error::InvalidInput("supporters", "must be between 0 and unit_size");
  }
  const bool responded = demand.response != EmployerResponse::kNone;
  if (responded != demand.responded_on.has_value()) {
    return Error::InvalidInput(
        "responded_on", "must be given exactly when there is a response");
  }
  if (demand.responded_on) {
    if (Status s = ValidateDate(*demand.responded_on, "responded_on"); !s) {
      return s.error();
    }
    if (*demand.responded_on < demand.demanded_on) {
      return Error::InvalidInput("responded_on", "is before the demand");
    }
  }
  if (rm_petition_within < std::chrono::days{1}) {
    return Error::InvalidInput("rm_petition_within", "must be at least 1 day");
  }

  CemexClock clock;
  // RULE R14: recognize or file an RM petition within ~2 weeks (U).
  clock.rm_petition_due = AddDays(demand.demanded_on, rm_petition_within);
  clock.days_left = DaysFrom(as_of, clock.rm_petition_due).count();
  clock.majority_shown = 2 * demand.supporters > demand.unit_size;
  if (responded) {
    clock.status = *demand.responded_on <= clock.rm_petition_due
                       ? CemexStatus::kAnsweredInTime
                       : CemexStatus::kAnsweredLate;
  } else {
    clock.status = as_of > clock.rm_petition_due ? CemexStatus::kLapsed
                                                 : CemexStatus::kRunning;
  }
  clock.circuit = CircuitForState(demand.state_code);
  if (clock.circuit)
    clock.advisories = CircuitAdvisoriesOn(*clock.circuit, as_of);
  return clock;
}

}  // namespace hotshop::core
