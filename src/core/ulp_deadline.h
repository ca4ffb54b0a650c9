// SPDX-License-Identifier: AGPL-3.0-or-later
// Unfair labor practices: the Section 10(b) deadline to file and serve a
// charge, with its warnings; what kind of violation an employer's conduct
// is (TIPS and the 8(a) sections); and the stages a charge moves through.
//
// Pure; thread-safe.
//
// RULE R15 [S17]: Section 10(b): file with the Region and serve the charged
//   party within 6 months of the ULP. Warn at 30/14/7 days.
//   Interpretation: the deadline is the same day of the month 6 months
//   later, clamped to the last day of a shorter month (2024-08-31 ->
//   2025-02-28); it is not moved off weekends or holidays. Both choices
//   can only make the date earlier, never later than the law allows.
// RULE R16 [S18][S19]: taxonomy: threats, interrogation, promises,
//   surveillance or its impression ("TIPS", 8(a)(1)); retaliatory
//   discharge/discipline (8(a)(3)); refusal to bargain (8(a)(5)).
//   Employers are charged in 41.5% of election campaigns; 1 in 5 includes
//   an illegal-firing charge.
// RULE R17 [S20]: flow: investigation -> dismissal (appealable),
//   settlement or complaint -> administrative law judge -> Board -> court
//   of appeals.
//   Interpretation: settlement is possible at every stage up to the Board;
//   a dismissal is appealed once (granted -> complaint, denied -> final);
//   charging parties may withdraw during investigation; an unappealed ALJ
//   or Board decision closes the case. Added to R17's text: kWithdrawn,
//   kAppealDenied, kClosed.
#pragma once

#include <cstdint>
#include <span>

#include "core/civil_date.h"
#include "core/result.h"

namespace hotshop::core {

// ---- R15: the 10(b) deadline ----

// R15: the warning days before the deadline, most distant first.
inline constexpr int64_t kTenBWarningDays[] = {30, 14, 7};

enum class DeadlineWarning {
  kNone,          // more than 30 days left
  kThirtyDays,    // 30 days or fewer
  kFourteenDays,  // 14 days or fewer
  kSevenDays,     // 7 days or fewer, including the deadline day itself
  kPassed,        // the deadline is behind us
};

struct TenBDeadline {
  Date file_and_serve_by{};  // last day to file with the Region AND serve
  int64_t days_left = 0;     // file_and_serve_by - as_of; negative when passed
  DeadlineWarning warning = DeadlineWarning::kNone;
};

// R15: the warning for a deadline days_left days away (negative: passed):
// 30/14/7 days or fewer, the deadline day itself counting as 0. The
// deadlines view applies the same thresholds to every dated obligation.
DeadlineWarning WarningForDaysLeft(int64_t days_left);

// The last day to file and serve a charge for conduct on ulp_on (for a
// firing, the day the worker was clearly told: 10(b) runs from notice).
// REQUIRES: ulp_on.ok()
Date TenBLastDay(Date ulp_on);

// The deadline and the warning in force on as_of. Fails with
// InvalidInput("ulp_on"/"as_of") when a date is not real, and
// InvalidInput("as_of") when as_of precedes ulp_on.
Result<TenBDeadline> CheckTenB(Date ulp_on, Date as_of);

// ---- R16: what the conduct is ----

enum class UlpKind {
  kThreat,                    // T
  kInterrogation,             // I
  kPromise,                   // P
  kSurveillance,              // S
  kImpressionOfSurveillance,  // S: creating the impression of it
  kRetaliatoryDischarge,
  kRetaliatoryDiscipline,
  kRefusalToBargain,
};

enum class NlraSection {
  k8a1,  // interference, restraint, coercion
  k8a3,  // discrimination to discourage union membership
  k8a5,  // refusal to bargain
};

// The section the conduct primarily violates (an 8(a)(3) or 8(a)(5)
// violation is also a derivative 8(a)(1) violation; not listed).
NlraSection SectionFor(UlpKind kind);

// True for threats, interrogation, promises and surveillance (TIPS).
bool IsTips(UlpKind kind);

// "8(a)(1)", "8(a)(3)", "8(a)(5)": the citation as written on a charge.
const char* SectionCitation(NlraSection section);

// ---- R17: where the charge is ----

enum class ChargeStage {
  kInvestigation,           // filed; the Region investigates
  kWithdrawn,               // final
  kDismissed,               // the Region dismissed; may be appealed
  kDismissalAppealed,       // appeal pending
  kAppealDenied,            // final
  kSettled,                 // final
  kComplaint,               // the Region issued a complaint
  kAdministrativeLawJudge,  // hearing / ALJ decision
  kBoard,                   // exceptions to the Board
  kCourtOfAppeals,          // enforcement or review
  kClosed,                  // final: decision unappealed or appeals ended
};

// The stages a charge may move to from `from`; empty for final stages.
std::span<const ChargeStage> NextStages(ChargeStage from);

// True when from has no next stage.
bool IsFinal(ChargeStage stage);

// Ok when `to` is one of NextStages(from); otherwise InvalidInput("stage").
Status CheckStageTransition(ChargeStage from, ChargeStage to);

}  // namespace hotshop::core
