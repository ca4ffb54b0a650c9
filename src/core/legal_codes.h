// SPDX-License-Identifier: AGPL-3.0-or-later
// Stable codes for the enums of the election, Cemex and ULP rules, as the
// API and the database write them ("retaliatory_discharge",
// "challenges_determinative", ...), and their parsers. The UI translates
// codes; it never shows these strings. One table per enum, so a code and
// its parser cannot drift apart.
//
// Pure; thread-safe. Implements no rule by itself: the enums cite theirs
// (R9 ElectionOutcome, R14 Cemex, R15 DeadlineWarning, R16 UlpKind, R17
// ChargeStage).
#pragma once

#include <optional>
#include <string_view>

#include "core/cemex_clock.h"
#include "core/election_tally.h"
#include "core/ulp_deadline.h"

namespace hotshop::core {

const char* UlpKindCode(UlpKind kind);
std::optional<UlpKind> ParseUlpKind(std::string_view code);

const char* ChargeStageCode(ChargeStage stage);
std::optional<ChargeStage> ParseChargeStage(std::string_view code);

const char* ElectionOutcomeCode(ElectionOutcome outcome);

const char* DemandMethodCode(DemandMethod method);
std::optional<DemandMethod> ParseDemandMethod(std::string_view code);

const char* MajorityEvidenceCode(MajorityEvidence evidence);
std::optional<MajorityEvidence> ParseMajorityEvidence(std::string_view code);

const char* EmployerResponseCode(EmployerResponse response);
std::optional<EmployerResponse> ParseEmployerResponse(std::string_view code);

const char* CemexStatusCode(CemexStatus status);
const char* CircuitCode(Circuit circuit);  // "1st" .. "11th", "dc"
const char* CircuitAdvisoryCode(CircuitAdvisory advisory);

// "none", "30_days", "14_days", "7_days", "passed".
const char* DeadlineWarningCode(DeadlineWarning warning);

}  // namespace hotshop::core
