// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/election_timeline.h"

namespace hotshop::core {

namespace {

Status ValidateOptional(const std::optional<Date>& d, const char* field) {
  if (d) return ValidateDate(*d, field);
  return Ok();
}

Status NotBefore(const std::optional<Date>& later, Date earlier,
                 const char* field, const char* earlier_name) {
  if (later && *later < earlier) {
    return Error::InvalidInput(field, std::string("is before ") + earlier_name);
  }
  return Ok();
}

}  // namespace

Date HearingOpens(Date notice_served, std::span<const Date> holidays,
                  std::chrono::days hearing_after) {
  // RULE R6: ~8 calendar days after notice, on a business day.
  return OnOrNextBusinessDay(AddDays(notice_served, hearing_after), holidays);
}

Date StatementOfPositionDue(Date hearing_opens,
                            std::span<const Date> holidays) {
  // RULE R6: noon the business day before the hearing.
  return AddBusinessDays(hearing_opens, -1, holidays);
}

Date VoterListDue(Date direction_of_election, std::span<const Date> holidays) {
  // RULE R6: 2 business days after the direction of election.
  return AddBusinessDays(direction_of_election, 2, holidays);
}

Date ObjectionsDue(Date tally, std::span<const Date> holidays) {
  // RULE R6: 5 business days after the tally.
  return AddBusinessDays(tally, 5, holidays);
}

Date TypicalElectionDate(Date petition_filed, bool with_hearing) {
  return AddDays(petition_filed, with_hearing ? kMedianDaysToElectionWithHearing
                                              : kMedianDaysToElection);
}

Result<ElectionDeadlines> ComputeElectionDeadlines(
    const ElectionEvents& events, std::span<const Date> holidays,
    std::chrono::days hearing_after) {
  for (Status s :
       {ValidateDate(events.petition_filed, "petition_filed"),
        ValidateOptional(events.notice_of_hearing_served,
                         "notice_of_hearing_served"),
        ValidateOptional(events.direction_of_election, "direction_of_election"),
        ValidateOptional(events.tally, "tally"),
        ValidateDates(holidays, "holidays")}) {
    if (!s) return s.error();
  }
  if (events.petition_filed < kElectionRule2023Effective) {
    return Error::InvalidInput(
        "petition_filed",
        "is before 2023-12-26, when the 2023 election rule took effect");
  }
  if (hearing_after < std::chrono::days{0}) {
    return Error::InvalidInput("hearing_after", "must not be negative");
  }
  for (Status s :
       {NotBefore(events.notice_of_hearing_served, events.petition_filed,
                  "notice_of_hearing_served", "the petition"),
        NotBefore(events.direction_of_election, events.petition_filed,
                  "direction_of_election", "the petition"),
        NotBefore(events.tally, events.petition_filed, "tally",
                  "the petition")}) {
    if (!s) return s.error();
  }
  if (events.direction_of_election) {
    if (Status s = NotBefore(events.tally, *events.direction_of_election,
                             "tally", "the direction of election");
        !s) {
      return s.error();
    }
  }

  ElectionDeadlines out;
  if (events.notice_of_hearing_served) {
    out.hearing_opens =
        HearingOpens(*events.notice_of_hearing_served, holidays, hearing_after);
    out.statement_of_position_due =
        StatementOfPositionDue(*out.hearing_opens, holidays);
  }
  if (events.direction_of_election) {
    out.voter_list_due = VoterListDue(*events.direction_of_election, holidays);
  }
  if (events.tally) out.objections_due = ObjectionsDue(*events.tally, holidays);
  out.typical_election = TypicalElectionDate(
      events.petition_filed, events.notice_of_hearing_served.has_value());
  return out;
}

}  // namespace hotshop::core
