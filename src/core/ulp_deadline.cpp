// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/ulp_deadline.h"

#include <algorithm>

namespace hotshop::core {

namespace {

using S = ChargeStage;

// RULE R17: investigation -> dismissal (appealable), settlement or
// complaint -> ALJ -> Board -> court of appeals.
constexpr ChargeStage kFromInvestigation[] = {S::kDismissed, S::kSettled,
                                              S::kComplaint, S::kWithdrawn};
constexpr ChargeStage kFromDismissed[] = {S::kDismissalAppealed};
constexpr ChargeStage kFromAppealed[] = {S::kComplaint, S::kAppealDenied};
constexpr ChargeStage kFromComplaint[] = {S::kAdministrativeLawJudge,
                                          S::kSettled};
constexpr ChargeStage kFromJudge[] = {S::kBoard, S::kSettled, S::kClosed};
constexpr ChargeStage kFromBoard[] = {S::kCourtOfAppeals, S::kSettled,
                                      S::kClosed};
constexpr ChargeStage kFromCourt[] = {S::kClosed};

}  // namespace

Date TenBLastDay(Date ulp_on) {
  // RULE R15: 6 calendar months, clamped to the month's end.
  return AddMonthsClamped(ulp_on, std::chrono::months{6});
}

DeadlineWarning WarningForDaysLeft(int64_t days_left) {
  // RULE R15: warn at 30/14/7 days.
  if (days_left < 0) return DeadlineWarning::kPassed;
  if (days_left <= kTenBWarningDays[2]) return DeadlineWarning::kSevenDays;
  if (days_left <= kTenBWarningDays[1]) return DeadlineWarning::kFourteenDays;
  if (days_left <= kTenBWarningDays[0]) return DeadlineWarning::kThirtyDays;
  return DeadlineWarning::kNone;
}

Result<TenBDeadline> CheckTenB(Date ulp_on, Date as_of) {
  if (Status s = ValidateDate(ulp_on, "ulp_on"); !s) return s.error();
  if (Status s = ValidateDate(as_of, "as_of"); !s) return s.error();
  if (as_of < ulp_on) return Error::InvalidInput("as_of", "is before the ULP");
  TenBDeadline d;
  d.file_and_serve_by = TenBLastDay(ulp_on);
  d.days_left = DaysFrom(as_of, d.file_and_serve_by).count();
  d.warning = WarningForDaysLeft(d.days_left);
  return d;
}

NlraSection SectionFor(UlpKind kind) {
  // RULE R16: TIPS is 8(a)(1); retaliation 8(a)(3); refusal 8(a)(5).
  switch (kind) {
    case UlpKind::kThreat:
    case UlpKind::kInterrogation:
    case UlpKind::kPromise:
    case UlpKind::kSurveillance:
    case UlpKind::kImpressionOfSurveillance:
      return NlraSection::k8a1;
    case UlpKind::kRetaliatoryDischarge:
    case UlpKind::kRetaliatoryDiscipline:
      return NlraSection::k8a3;
    case UlpKind::kRefusalToBargain:
      return NlraSection::k8a5;
  }
  return NlraSection::k8a1;
}

bool IsTips(UlpKind kind) { return SectionFor(kind) == NlraSection::k8a1; }

const char* SectionCitation(NlraSection section) {
  switch (section) {
    case NlraSection::k8a1:
      return "8(a)(1)";
    case NlraSection::k8a3:
      return "8(a)(3)";
    case NlraSection::k8a5:
      return "8(a)(5)";
  }
  return "";
}

std::span<const ChargeStage> NextStages(ChargeStage from) {
  switch (from) {
    case S::kInvestigation:
      return kFromInvestigation;
    case S::kDismissed:
      return kFromDismissed;
    case S::kDismissalAppealed:
      return kFromAppealed;
    case S::kComplaint:
      return kFromComplaint;
    case S::kAdministrativeLawJudge:
      return kFromJudge;
    case S::kBoard:
      return kFromBoard;
    case S::kCourtOfAppeals:
      return kFromCourt;
    case S::kWithdrawn:
    case S::kAppealDenied:
    case S::kSettled:
    case S::kClosed:
      return {};
  }
  return {};
}

bool IsFinal(ChargeStage stage) { return NextStages(stage).empty(); }

Status CheckStageTransition(ChargeStage from, ChargeStage to) {
  std::span<const ChargeStage> next = NextStages(from);
  if (std::find(next.begin(), next.end(), to) != next.end()) return Ok();
  return Error::InvalidInput(
      "stage", IsFinal(from) ? "the charge is closed at its current stage"
                             : "a charge cannot move to that stage from here");
}

}  // namespace hotshop::core
