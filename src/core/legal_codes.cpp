// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/legal_codes.h"

#include <utility>

namespace hotshop::core {
namespace {

template <typename E, size_t N>
const char* CodeOf(const std::pair<E, const char*> (&table)[N], E value) {
  for (const auto& [e, code] : table) {
    if (e == value) return code;
  }
  return "unknown";
}

template <typename E, size_t N>
std::optional<E> ParseOf(const std::pair<E, const char*> (&table)[N], std::string_view code) {
  for (const auto& [e, c] : table) {
    if (code == c) return e;
  }
  return std::nullopt;
}

const std::pair<UlpKind, const char*> kUlpKinds[] = {
    {UlpKind::kThreat, "threat"},
    {UlpKind::kInterrogation, "interrogation"},
    {UlpKind::kPromise, "promise"},
    {UlpKind::kSurveillance, "surveillance"},
    {UlpKind::kImpressionOfSurveillance, "impression_of_surveillance"},
    {UlpKind::kRetaliatoryDischarge, "retaliatory_discharge"},
    {UlpKind::kRetaliatoryDiscipline, "retaliatory_discipline"},
    {UlpKind::kRefusalToBargain, "refusal_to_bargain"},
};

const std::pair<ChargeStage, const char*> kStages[] = {
    {ChargeStage::kInvestigation, "investigation"},
    {ChargeStage::kWithdrawn, "withdrawn"},
    {ChargeStage::kDismissed, "dismissed"},
    {ChargeStage::kDismissalAppealed, "dismissal_appealed"},
    {ChargeStage::kAppealDenied, "appeal_denied"},
    {ChargeStage::kSettled, "settled"},
    {ChargeStage::kComplaint, "complaint"},
    {ChargeStage::kAdministrativeLawJudge, "administrative_law_judge"},
    {ChargeStage::kBoard, "board"},
    {ChargeStage::kCourtOfAppeals, "court_of_appeals"},
    {ChargeStage::kClosed, "closed"},
};

const std::pair<ElectionOutcome, const char*> kOutcomes[] = {
    {ElectionOutcome::kCertified, "certified"},
    {ElectionOutcome::kNotCertified, "not_certified"},
    {ElectionOutcome::kChallengesDeterminative, "challenges_determinative"},
    {ElectionOutcome::kRunoff, "runoff"},
    {ElectionOutcome::kRerun, "rerun"},
};

const std::pair<DemandMethod, const char*> kMethods[] = {
    {DemandMethod::kInPerson, "in_person"},
    {DemandMethod::kLetter, "letter"},
    {DemandMethod::kEmail, "email"},
    {DemandMethod::kOther, "other"},
};

const std::pair<MajorityEvidence, const char*> kEvidence[] = {
    {MajorityEvidence::kAuthorizationCards, "authorization_cards"},
    {MajorityEvidence::kSignedPetition, "signed_petition"},
    {MajorityEvidence::kOther, "other"},
};

const std::pair<EmployerResponse, const char*> kResponses[] = {
    {EmployerResponse::kNone, "none"},
    {EmployerResponse::kRecognized, "recognized"},
    {EmployerResponse::kFiledRmPetition, "filed_rm_petition"},
};

const std::pair<CemexStatus, const char*> kCemexStatuses[] = {
    {CemexStatus::kRunning, "running"},
    {CemexStatus::kAnsweredInTime, "answered_in_time"},
    {CemexStatus::kAnsweredLate, "answered_late"},
    {CemexStatus::kLapsed, "lapsed"},
};

const std::pair<Circuit, const char*> kCircuits[] = {
    {Circuit::kFirst, "1st"},   {Circuit::kSecond, "2nd"}, {Circuit::kThird, "3rd"},    {Circuit::kFourth, "4th"},
    {Circuit::kFifth, "5th"},   {Circuit::kSixth, "6th"},  {Circuit::kSeventh, "7th"},  {Circuit::kEighth, "8th"},
    {Circuit::kNinth, "9th"},   {Circuit::kTenth, "10th"}, {Circuit::kEleventh, "11th"}, {Circuit::kDc, "dc"},
};

const std::pair<CircuitAdvisory, const char*> kAdvisories[] = {
    {CircuitAdvisory::kCemexNotEnforced, "cemex_not_enforced"},
    {CircuitAdvisory::kGisselGroundsOnly, "gissel_grounds_only"},
};

const std::pair<DeadlineWarning, const char*> kWarnings[] = {
    {DeadlineWarning::kNone, "none"},
    {DeadlineWarning::kThirtyDays, "30_days"},
    {DeadlineWarning::kFourteenDays, "14_days"},
    {DeadlineWarning::kSevenDays, "7_days"},
    {DeadlineWarning::kPassed, "passed"},
};

}  // namespace

const char* UlpKindCode(UlpKind kind) { return CodeOf(kUlpKinds, kind); }
std::optional<UlpKind> ParseUlpKind(std::string_view code) { return ParseOf(kUlpKinds, code); }
const char* ChargeStageCode(ChargeStage stage) { return CodeOf(kStages, stage); }
std::optional<ChargeStage> ParseChargeStage(std::string_view code) { return ParseOf(kStages, code); }
const char* ElectionOutcomeCode(ElectionOutcome outcome) { return CodeOf(kOutcomes, outcome); }
const char* DemandMethodCode(DemandMethod method) { return CodeOf(kMethods, method); }
std::optional<DemandMethod> ParseDemandMethod(std::string_view code) { return ParseOf(kMethods, code); }
const char* MajorityEvidenceCode(MajorityEvidence evidence) { return CodeOf(kEvidence, evidence); }
std::optional<MajorityEvidence> ParseMajorityEvidence(std::string_view code) { return ParseOf(kEvidence, code); }
const char* EmployerResponseCode(EmployerResponse response) { return CodeOf(kResponses, response); }
std::optional<EmployerResponse> ParseEmployerResponse(std::string_view code) { return ParseOf(kResponses, code); }
const char* CemexStatusCode(CemexStatus status) { return CodeOf(kCemexStatuses, status); }
const char* CircuitCode(Circuit circuit) { return CodeOf(kCircuits, circuit); }
const char* CircuitAdvisoryCode(CircuitAdvisory advisory) { return CodeOf(kAdvisories, advisory); }
const char* DeadlineWarningCode(DeadlineWarning warning) { return CodeOf(kWarnings, warning); }

}  // namespace hotshop::core
