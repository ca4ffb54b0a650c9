// SPDX-License-Identifier: AGPL-3.0-or-later
#include "core/showing_of_interest.h"

#include <map>

namespace hotshop::core {

namespace {

std::string CardField(std::size_t i, const char* member) {
  return "cards[" + std::to_string(i) + "]." + member;
}

}  // namespace

int64_t RequiredShowing(int64_t unit_size) {
  // RULE R1: ceil(30 * n / 100) without floating point.
  return (kShowingPercent * unit_size + 99) / 100;
}

Result<std::vector<CardStatus>> ClassifyCards(std::span<const Card> cards,
                                              Date as_of,
                                              std::chrono::months stale_after) {
  if (Status s = ValidateDate(as_of, "as_of"); !s) return s.error();
  if (stale_after < std::chrono::months{1}) {
    return Error::InvalidInput("stale_after", "must be at least 1 month");
  }
  // RULE R3: a card signed before this date is stale.
  const Date stale_before = AddMonthsClamped(as_of, -stale_after);

  std::vector<CardStatus> status(cards.size(), CardStatus::kCounts);
  // person_id -> index of the newest good card so far.
  std::map<std::string, std::size_t> newest;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    const Card& card = cards[i];
    if (card.person_id.empty()) {
      return Error::InvalidInput(CardField(i, "person_id"),
                                 "must not be empty");
    }
    if (card.signed_on && !card.signed_on->ok()) {
      return Error::InvalidInput(CardField(i, "signed_on"),
                                 "is not a valid calendar date");
    }
    // RULE R2: signed and dated, or it does not count.
    if (card.revoked) {
      status[i] = CardStatus::kRevoked;
    } else if (!card.has_signature) {
      status[i] = CardStatus::kUnsigned;
    } else if (!card.signed_on) {
      status[i] = CardStatus::kUndated;
    } else if (*card.signed_on > as_of) {
      status[i] = CardStatus::kFutureDated;
    } else {
      // RULE R3: stale cards still count; they are flagged for a re-sign.
      status[i] = *card.signed_on < stale_before ? CardStatus::kCountsStale
                                                 : CardStatus::kCounts;
      auto [it, inserted] = newest.try_emplace(card.person_id, i);
      if (!inserted) {
        const std::size_t previous = it->second;
        if (*card.signed_on >= *cards[previous].signed_on) {
          status[previous] = CardStatus::kSuperseded;
          it->second = i;
        } else {
          status[i] = CardStatus::kSuperseded;
        }
      }
    }
  }
  return status;
}

Result<Showing> TallyShowing(std::span<const Card> cards, int64_t unit_size,
                             Date as_of, std::chrono::months stale_after) {
  if (unit_size <= 0) {
    return Error::InvalidInput("unit_size", "must be greater than 0");
  }
  Result<std::vector<CardStatus>> status =
      ClassifyCards(cards, as_of, stale_after);
  if (!status) return status.error();

  Showing showing;
  showing.unit_size = unit_size;
  showing.required = RequiredShowing(unit_size);
  for (CardStatus s : *status) {
    switch (s) {
      case CardStatus::kCounts:
        ++showing.counted;
        break;
      case CardStatus::kCountsStale:
        ++showing.counted;
        ++showing.stale;
        break;
      case CardStatus::kUndated:
        ++showing.undated_rejected;
        break;
      case CardStatus::kUnsigned:
        ++showing.unsigned_rejected;
        break;
      case CardStatus::kFutureDated:
        ++showing.future_dated_rejected;
        break;
      case CardStatus::kRevoked:
        ++showing.revoked;
        break;
      case CardStatus::kSuperseded:
        ++showing.superseded;
        break;
    }
  }
  return showing;
}

bool MeetsShowing(const Showing& showing) {
  return showing.unit_size > 0 && showing.counted >= showing.required;
}

}  // namespace hotshop::core
