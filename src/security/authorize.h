// SPDX-License-Identifier: AGPL-3.0-or-later
// Authorize: the one decision of who may do what (security-model.md §3).
//
// Deny by default. The actor's grants come from server-side rows, never
// from the request. Anything not allowed answers kNotFound, exactly like a
// missing object, so a denial is no oracle for what exists; the only other
// answers are kUnauthenticated (a fresh re-authentication is needed:
// step-up) and kForbidden for setup that must finish first.
//
// Thread rule: pure functions over plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/scope.h"

namespace hotshop::security {

enum class Role {
  kOrgAdmin,
  kStaffOrganizer,
  kVolunteerOrganizer,
  kWorkerLeader,
  kViewer,
  kDispatcher,
  kMentor,
  kCaller,
};

const char* RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

enum class ScopeKind { kOrg, kCampaign, kUnit };
const char* ScopeKindName(ScopeKind k);
std::optional<ScopeKind> ParseScopeKind(std::string_view name);

enum GrantFlag : unsigned { kFlagCasework = 1, kFlagDale = 2, kFlagExport = 4 };
std::string FlagsText(unsigned flags);
// Errors: kInvalidInput naming an unknown flag.
Result<unsigned> ParseFlags(std::string_view comma_list);

struct Grant {
  std::string id;
  Role role;
  ScopeKind scope_kind;
  std::string scope_id;  // empty for org scope
  unsigned flags = 0;
  // For a unit grant: the campaign its unit belongs to, filled in by the
  // store when it loads grants ("" for other grants, and for unit grants
  // made before units existed, whose scope_id names a campaign).
  std::string unit_campaign_id = {};
};

// Which scopes a role may be granted on (security-model.md §3): a unit
// scope only for worker-leaders (their unit is the likeliest leak, so it is
// the narrowest scope); never the whole org for worker-leaders, callers and
// mentors (mentors reach the campaigns of their mentees).
// Errors: kInvalidInput "scope_kind" with a sentence saying what to choose.
Status CheckGrantScope(Role role, ScopeKind kind);

struct Actor {
  std::string user_id;
  std::string org_id;
  std::string session_id;
  std::vector<Grant> grants;
  int64_t step_up_at_ms = 0;
};

enum class Action {
  kViewUsers,          // list the org's users and their grants
  kManageUsers,        // invite, suspend, sign out, reactivate
  kManageGrants,       // add or remove a grant (step-up)
  kViewAudit,
  kListCampaigns,      // list: filtered to the actor's campaigns
  kViewCampaign,
  kEditCampaign,
  kAddPerson,          // to a campaign
  kViewPerson,         // a sensitive read: audited
  kEditPerson,
  kSearchPeople,       // by phone or email, through the blind indexes
  kExport,             // (step-up)
  kImportPeople,       // upload a contact list into the org's people
  // Campaign workplace (issue #4). A unit grant reaches these only for its
  // own unit's objects (Resource::unit_id).
  kViewWorkplace,      // employers, worksites, units, areas: no personal data
  kEditWorkplace,      // create and edit them
  kViewWorkers,        // names on a unit: the wall chart, histories, cards (audited)
  kViewAggregates,     // counts only: meters, rollup, structure-test results
  kEditWorkerRecord,   // employment, connections, assessments, cards, participation
  kManageCommittee,    // committee membership, structure tests, scales
  // Petitions, elections, charges and deadlines (issue #4; docs/api.md
  // "Elections, charges and deadlines").
  kViewElections,      // petitions, attempts, tallies, bars, deadlines: no names
  kEditElections,      // record them
  kViewCharges,        // ULP charges: kind, dates, stage; never who they name
  kViewChargeDetails,  // the worker a charge names and its description
  kEditCharges,
  kManageOrgSettings,  // org switches such as the Cemex clock (org admins)
  // Intake (issue #5). The queue is org-wide: dispatchers and org admins.
  kTriageIntake,       // the queue, a request's details and free text, spam, merges, steps (audited)
  kViewAssignedIntake, // an organizer's own assigned request; the handler checks the assignment
  kOpenCampaignFromIntake,  // creates a campaign, employer, worksite and first person
  kManageIntake,       // intake settings (SLA, retention) and legal holds
  // Matching, referrals and the movement view (issue #5, matching branch).
  kManageOrganizers,   // organizer profiles: list, read, edit (org-wide)
  kOwnOrganizerProfile,  // an organizer's own profile and availability; the handler checks it is theirs
  kManagePartners,     // add or remove partner organizations (admins of each org)
  kReferIntake,        // record consent and offer a request to a partner; withdraw (§3 dispatcher)
  kAnswerReferral,     // a partner's side: anonymous cards, accept or decline, the copy
  kViewMovement,       // the movement view: aggregates; viewers get small cells suppressed
  // Notes on a person or a campaign (issue #4 access work; R40 "facts, not
  // opinions"). Mentors read and add notes; they edit nothing else (§3).
  kViewNotes,          // the notes a reader may see (staff-only ones: staff)
  kAddNote,            // add a note, edit one's own
  kViewStaffNotes,     // staff_only notes: organizers and admins only
};

const char* ActionName(Action a);

// What an action is about. campaign_id is the campaign the object belongs
// to ("" for org-level objects or when not yet known).
struct Resource {
  std::string org_id;
  std::string campaign_id;
  // The bargaining unit the object belongs to ("" for campaign- or
  // org-level objects, or a person with no current unit). A unit-scope
  // grant reaches an object only through this (security-model.md §3:
  // worker-leaders are scoped to their unit).
  std::string unit_id = {};
};

// How long a step-up re-authentication counts.
inline constexpr int64_t kStepUpValidMs = 5 * 60 * 1000;

// Success: the Scope to pass to repositories. Failure: kNotFound (denied, or
// another org), kUnauthenticated with field "step_up" when the action needs
// a recent re-authentication.
Result<store::Scope> Authorize(const Actor& actor, Action action, const Resource& resource, int64_t now_ms);

// Campaign ids the actor may see, or nullopt for "every campaign of the org".
std::optional<std::vector<std::string>> VisibleCampaigns(const Actor& actor);

bool HasRole(const Actor& actor, Role role);

// Worker-leaders read lists a page of at most this many rows at a time
// (security-model.md §3: "pages >50 rows" is on their "may not" list).
inline constexpr int64_t kLeaderPageRows = 50;
// True when the actor's lists are capped at kLeaderPageRows: a worker-leader
// with no grant of an organizer, admin or mentor besides.
bool PagesCapped(const Actor& actor);

// For campaign-wide reads a unit grant may see in part (the campaign's
// summary): nullopt when some grant lets the actor take action on the whole
// campaign; otherwise the ids of the units of that campaign the actor
// reaches through unit grants (possibly none).
std::optional<std::vector<std::string>> UnitsOnly(const Actor& actor, Action action, const Resource& campaign);

}  // namespace hotshop::security
