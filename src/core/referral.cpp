// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/referral.h"

#include <algorithm>
#include <array>
#include <string>

namespace hotshop::core {
namespace {

constexpr std::array<ReferralField, 11> kFields = {
    ReferralField::kName,     ReferralField::kPhone, ReferralField::kEmail,    ReferralField::kLanguage,
    ReferralField::kBestTime, ReferralField::kEmployer, ReferralField::kCity,  ReferralField::kZip,
    ReferralField::kIndustry, ReferralField::kSizeBand, ReferralField::kStory};

constexpr std::array<ConsentChannel, 5> kChannels = {ConsentChannel::kInPerson, ConsentChannel::kPhone,
                                                     ConsentChannel::kText, ConsentChannel::kEmail,
                                                     ConsentChannel::kWebForm};

constexpr std::array<ReferralState, 5> kStates = {ReferralState::kOffered, ReferralState::kAccepted,
                                                  ReferralState::kDeclined, ReferralState::kExpired,
                                                  ReferralState::kWithdrawn};

}  // namespace

std::span<const ReferralField> AllReferralFields() { return kFields; }

const char* ReferralFieldName(ReferralField f) {
  switch (f) {
    case ReferralField::kName: return "name";
    case ReferralField::kPhone: return "phone";
    case ReferralField::kEmail: return "email";
    case ReferralField::kLanguage: return "language";
    case ReferralField::kBestTime: return "best_time";
    case ReferralField::kEmployer: return "employer";
    case ReferralField::kCity: return "city";
    case ReferralField::kZip: return "zip";
    case ReferralField::kIndustry: return "industry";
    case ReferralField::kSizeBand: return "size_band";
    case ReferralField::kStory: return "story";
  }
  return "?";
}

std::optional<ReferralField> ParseReferralField(std::string_view name) {
  for (ReferralField f : kFields) {
    if (name == ReferralFieldName(f)) return f;
  }
  return std::nullopt;
}

Result<std::vector<ReferralField>> ParseConsentFields(std::span<const std::string_view> names) {
  if (names.empty()) return Error::InvalidInput("fields", "choose at least one field the worker agreed to share");
  std::vector<bool> chosen(kFields.size(), false);
  for (std::string_view n : names) {
    std::optional<ReferralField> f = ParseReferralField(n);
    if (!f) {
      return Error::InvalidInput("fields", "\"" + std::string(n.substr(0, 40)) +
                                               "\" is not a field that can be shared; use name, phone, email, "
                                               "language, best_time, employer, city, zip, industry, size_band or story");
    }
    chosen[static_cast<size_t>(std::find(kFields.begin(), kFields.end(), *f) - kFields.begin())] = true;
  }
  std::vector<ReferralField> out;
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (chosen[i]) out.push_back(kFields[i]);
  }
  return out;
}

const char* ConsentChannelName(ConsentChannel c) {
  switch (c) {
    case ConsentChannel::kInPerson: return "in_person";
    case ConsentChannel::kPhone: return "phone";
    case ConsentChannel::kText: return "text";
    case ConsentChannel::kEmail: return "email";
    case ConsentChannel::kWebForm: return "web_form";
  }
  return "?";
}

std::optional<ConsentChannel> ParseConsentChannel(std::string_view name) {
  for (ConsentChannel c : kChannels) {
    if (name == ConsentChannelName(c)) return c;
  }
  return std::nullopt;
}

const char* ReferralStateName(ReferralState s) {
  switch (s) {
    case ReferralState::kOffered: return "offered";
    case ReferralState::kAccepted: return "accepted";
    case ReferralState::kDeclined: return "declined";
    case ReferralState::kExpired: return "expired";
    case ReferralState::kWithdrawn: return "withdrawn";
  }
  return "?";
}

std::optional<ReferralState> ParseReferralState(std::string_view name) {
  for (ReferralState s : kStates) {
    if (name == ReferralStateName(s)) return s;
  }
  return std::nullopt;
}

ReferralState EffectiveReferralState(ReferralState stored, int64_t offered_at_ms, int64_t now_ms, int64_t ttl_ms) {
  if (stored == ReferralState::kOffered && now_ms >= offered_at_ms + ttl_ms) return ReferralState::kExpired;
  return stored;
}

Status CheckReferralChange(ReferralState from, ReferralState to) {
  bool ok = false;
  if (from == ReferralState::kOffered) {
    ok = to == ReferralState::kAccepted || to == ReferralState::kDeclined || to == ReferralState::kExpired ||
         to == ReferralState::kWithdrawn;
  } else if (from == ReferralState::kAccepted) {
    ok = to == ReferralState::kWithdrawn;
  }
  if (ok) return Ok();
  return Error::Conflict("state", std::string("this referral is ") + ReferralStateName(from) + " and cannot become " +
                                      ReferralStateName(to));
}

PartnerView PartnerMaySee(ReferralState s) {
  if (s == ReferralState::kOffered) return PartnerView::kAnonymousCard;
  if (s == ReferralState::kAccepted) return PartnerView::kConsentedFields;
  return PartnerView::kNothing;
}

}  // namespace hotshop::core
