// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/intake_pipeline.h"

#include <algorithm>
#include <array>
#include <string>

namespace hotshop::core {
namespace {

using S = IntakeStage;

constexpr std::array<IntakeStage, 8> kOrder = {S::kNew,      S::kTriaged,        S::kMatched,  S::kFirstContact,
                                               S::kAssessed, S::kCampaignOpened, S::kReferred, S::kClosed};

struct Step {
  IntakeStage from;
  IntakeStage to;
  bool needs_reason;
};

// RULE R22: the allowed steps (see the header for the interpretation).
constexpr Step kSteps[] = {
    {S::kNew, S::kTriaged, false},
    {S::kNew, S::kMatched, false},  // a dispatcher's match is triage
    {S::kNew, S::kClosed, true},
    {S::kTriaged, S::kMatched, false},
    {S::kTriaged, S::kReferred, false},
    {S::kTriaged, S::kClosed, true},
    {S::kMatched, S::kFirstContact, false},
    {S::kMatched, S::kTriaged, true},  // J2.2: declined or silent, back to the queue
    {S::kMatched, S::kCampaignOpened, false},
    {S::kMatched, S::kClosed, true},
    {S::kFirstContact, S::kAssessed, false},
    {S::kFirstContact, S::kCampaignOpened, false},
    {S::kFirstContact, S::kReferred, false},
    {S::kFirstContact, S::kClosed, true},
    {S::kAssessed, S::kCampaignOpened, false},
    {S::kAssessed, S::kReferred, false},
    {S::kAssessed, S::kClosed, true},
    {S::kClosed, S::kTriaged, true},  // reopened
};

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

const char* IntakeStageName(IntakeStage s) {
  switch (s) {
    case S::kNew: return "new";
    case S::kTriaged: return "triaged";
    case S::kMatched: return "matched";
    case S::kFirstContact: return "first_contact";
    case S::kAssessed: return "assessed";
    case S::kCampaignOpened: return "campaign_opened";
    case S::kReferred: return "referred";
    case S::kClosed: return "closed";
  }
  return "new";
}

std::optional<IntakeStage> ParseIntakeStage(std::string_view name) {
  for (IntakeStage s : kOrder) {
    if (name == IntakeStageName(s)) return s;
  }
  return std::nullopt;
}

std::span<const IntakeStage> IntakeStageOrder() { return kOrder; }

bool IsOpenIntakeStage(IntakeStage s) {
  return s != S::kCampaignOpened && s != S::kReferred && s != S::kClosed;
}

Status CheckIntakeTransition(IntakeStage from, IntakeStage to, std::string_view reason) {
  for (const Step& st : kSteps) {
    if (st.from != from || st.to != to) continue;
    if (st.needs_reason && Blank(reason)) {
      return Error::InvalidInput("reason", std::string("moving a request from \"") + IntakeStageName(from) +
                                               "\" to \"" + IntakeStageName(to) + "\" needs a reason: say why");
    }
    return Ok();
  }
  std::string allowed;
  for (const Step& st : kSteps) {
    if (st.from == from) allowed += (allowed.empty() ? "" : ", ") + std::string(IntakeStageName(st.to));
  }
  return Error::InvalidInput("stage", std::string("a request at \"") + IntakeStageName(from) + "\" cannot move to \"" +
                                          IntakeStageName(to) + "\"; " +
                                          (allowed.empty() ? std::string("it is final")
                                                           : "from there it can go to: " + allowed));
}

}  // namespace hotshop::core
