// SPDX-License-Identifier: AGPL-3.0-or-later
// Authorization for the campaign-workplace routes (security-model.md §3):
// the object a route names (a unit, a person, a card, ...) is resolved to
// the campaign and unit it belongs to, and security::Authorize decides with
// both, so a unit-scoped worker-leader reaches only their unit's objects.
// Anything refused, missing, malformed or in another org answers the same
// kNotFound ("nothing is here, ..."), and every in-org refusal is audited.
//
// Also small parsers the workplace handlers share (dates, percents, ids).
//
// Thread rule: stateless; one call per request.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/context.h"
#include "core/civil_date.h"
#include "core/result.h"
#include "http/message.h"
#include "security/authorize.h"
#include "store/assessment_repo.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"
#include "store/workplace_repo.h"

namespace hotshop::api {

enum class ObjectKind {
  kCampaign,
  kEmployer,
  kWorksite,
  kUnit,
  kArea,
  kPerson,
  kConnection,
  kCommitteeMember,
  kCard,
  kStructureTest,
  kScale,
  // Elections, charges and deadlines (api/election_handlers.h, charge_handlers.h).
  kPetition,
  kElection,
  kAgreement,
  kCemexDemand,
  kCharge,
  kNote,  // a note on a person (the person's owner) or on a campaign
};

struct Access {
  store::Scope scope;
  store::Owner owner;  // the object's campaign and unit
};

// Authorizes action on the object id of kind in the org of the path.
// Errors: kNotFound (missing, other org, or refused: all alike);
// kUnauthenticated "step_up" as Authorize; kUnavailable/kInternal.
Result<Access> AuthorizeObject(const http::Request& req, Context& ctx, security::Action action, ObjectKind kind,
                               const std::string& id);

// True when the actor may take action on an object with this owner (no
// audit): for filtering lists and for choosing what a view may show.
bool Allowed(const Context& ctx, const std::string& org_id, security::Action action, const store::Owner& owner);

// The person's campaign and current unit in the scope's org; kNotFound.
Result<store::Owner> OwnerOfPersonIn(Context& ctx, const store::Scope& scope, const std::string& person_id);

// Today's civil date (UTC) of the request. Views of a unit or campaign use
// LocalToday instead.
core::Date Today(const Context& ctx);

// Today's civil date of the request where the workers are: in the time zone
// of the owner's unit's first worksite (or, with no unit, of the campaign's
// first worksite), UTC when none has a zone (R3 staleness, deadlines and
// structure tests count days at the worksite). TimeZoneOf is that zone
// ("" for UTC). The first form of LocalToday reads in tx;
// the second opens its own read transaction.
Result<std::string> TimeZoneOf(store::Tx& tx, const store::Scope& scope, const store::Owner& owner);
Result<core::Date> LocalToday(const Context& ctx, store::Tx& tx, const store::Scope& scope, const store::Owner& owner);
Result<core::Date> LocalToday(Context& ctx, const Access& a);
// The bound for "not in the future" checks of a typed date: the later of
// the local and the UTC date, so a date that is already today where the
// person typing it is (or in UTC) is never refused.
core::Date NotAfter(const Context& ctx, core::Date local_today);
// The first instant (ms) of civil day d where the owner's workers are (the
// zone as LocalToday's): when a dated fact (a card signed on d, a test held
// on d) happened at the earliest, for rule assessments (R18).
Result<int64_t> LocalStartOfDay(store::Tx& tx, const store::Scope& scope, const store::Owner& owner, core::Date d);

// Body fields. Absent -> nullopt; present but wrong -> kInvalidInput naming it.
Result<std::optional<std::string>> OptDate(const nlohmann::json& body, const std::string& field);
Result<std::optional<int64_t>> OptInt(const nlohmann::json& body, const std::string& field, int64_t min, int64_t max);
Result<std::optional<bool>> OptBool(const nlohmann::json& body, const std::string& field);
// A name or label: OptString, and no bidi embedding, override or isolate
// control (U+202A-U+202E, U+2066-U+2069): in a name typed into a form they
// only serve to make it display as something else (security-model.md §4 #16;
// the CSV import keeps them with a warning instead). kInvalidInput naming it.
Result<std::optional<std::string>> OptName(const nlohmann::json& body, const std::string& field, size_t max_bytes);
// "" when absent; kInvalidInput unless a canonical UUID.
Result<std::string> OptId(const nlohmann::json& body, const std::string& field);
// An IANA time zone name ("America/Chicago", "UTC"); "" allowed.
Result<std::optional<std::string>> OptTimeZone(const nlohmann::json& body, const std::string& field);

// Runs fn in one transaction of the scope's org with the org's keys.
template <typename T>
Result<T> InOrg(Context& ctx, const store::Scope& scope, store::TxMode mode,
                const std::function<Result<T>(store::Tx&, const store::OrgKeys&)>& fn) {
  return store::TransactValue<T>(ctx.db, [&](store::Tx& tx) -> Result<T> {
    auto keys = ctx.services.keys.ForOrg(tx, scope.org_id());
    if (!keys) return keys.error();
    return fn(tx, **keys);
  }, mode, scope.org_id());
}

// The scale a view or an assessment uses: scale_id when given (it must be
// the org's or the campaign's: else kInvalidInput "scale_id", the same as a
// missing one), else the org's default, made on first use.
Result<store::Scale> ScaleFor(store::Tx& tx, const store::Scope& scope, const store::OrgKeys& keys,
                              const std::optional<std::string>& scale_id, const std::string& campaign_id,
                              int64_t now_ms);

// The response with the version as its ETag.
http::Response WithETag(http::Response res, int64_t version);

}  // namespace hotshop::api
