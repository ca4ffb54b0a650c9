// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/authorize.h"

#include <algorithm>

namespace hotshop::security {
namespace {

struct RoleInfo {
  Role role;
  const char* name;
};
constexpr RoleInfo kRoles[] = {
    {Role::kOrgAdmin, "org_admin"},       {Role::kStaffOrganizer, "staff_organizer"},
    {Role::kVolunteerOrganizer, "volunteer_organizer"}, {Role::kWorkerLeader, "worker_leader"},
    {Role::kViewer, "viewer"},            {Role::kDispatcher, "dispatcher"},
    {Role::kMentor, "mentor"},            {Role::kCaller, "caller"},
};

// The §3 table, as data: for each action, the roles that may take it within
// their grant's scope. Org-scoped actions need an org-scope grant; campaign
// actions need a grant on that campaign (or an org-scope grant).
struct Rule {
  Action action;
  std::vector<Role> roles;
  bool org_level;  // true: only org-scope grants count
  bool step_up;
  unsigned flag;   // a GrantFlag the grant must carry, 0 for none
};

const std::vector<Rule>& Rules() {
  using R = Role;
  static const std::vector<Rule> kRules = {
      {Action::kViewUsers, {R::kOrgAdmin}, true, false, 0},
      {Action::kManageUsers, {R::kOrgAdmin}, true, false, 0},
      {Action::kManageGrants, {R::kOrgAdmin}, true, true, 0},
      {Action::kViewAudit, {R::kOrgAdmin}, true, false, 0},
      {Action::kListCampaigns,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      {Action::kViewCampaign,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      {Action::kEditCampaign, {R::kOrgAdmin, R::kStaffOrganizer}, false, false, 0},
      {Action::kAddPerson, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader}, false, false, 0},
      {Action::kViewPerson,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kMentor}, false, false, 0},
      {Action::kEditPerson, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader}, false, false, 0},
      {Action::kSearchPeople, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kDispatcher}, false, false, 0},
      // Export: org-wide for org-scope grants; a staff organizer's campaign
      // grant (with the export flag) reaches that campaign's people only.
      {Action::kExport, {R::kOrgAdmin, R::kStaffOrganizer}, false, true, 0},
      // An import writes org-wide people (it deduplicates against all of
      // them), so only org-wide admins and staff may run one.
      {Action::kImportPeople, {R::kOrgAdmin, R::kStaffOrganizer}, true, false, 0},
      // Campaign workplace (issue #4, §3 table). Mapping the workplace is
      // organizers' work; viewers read its shape and counts, never names.
      {Action::kViewWorkplace,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      {Action::kEditWorkplace, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer}, false, false, 0},
      {Action::kViewWorkers,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kMentor}, false, false, 0},
      {Action::kViewAggregates,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      // Mentors read and comment; they never edit assessments or cards (§3).
      {Action::kEditWorkerRecord,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader}, false, false, 0},
      {Action::kManageCommittee, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer}, false, false, 0},
      // Elections and charges (issue #4). Dates and counts name nobody, so
      // every campaign role reads them; a charge that names a worker is
      // read in full by organizers and mentors only (worker-leaders and
      // viewers never see who it names, §3).
      {Action::kViewElections,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      {Action::kEditElections, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer}, false, false, 0},
      {Action::kViewCharges,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      {Action::kViewChargeDetails, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kMentor}, false, false, 0},
      {Action::kEditCharges, {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer}, false, false, 0},
      {Action::kManageOrgSettings, {R::kOrgAdmin}, true, false, 0},
      // Intake (issue #5, §3 table: the dispatcher's scope is the org's
      // intake queue). An organizer reaches a request only when assigned to
      // it (J2.1 never-line), which the handler checks against the row.
      {Action::kTriageIntake, {R::kOrgAdmin, R::kDispatcher}, true, false, 0},
      {Action::kViewAssignedIntake,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kDispatcher}, false, false, 0},
      {Action::kOpenCampaignFromIntake, {R::kOrgAdmin, R::kStaffOrganizer, R::kDispatcher}, true, false, 0},
      {Action::kManageIntake, {R::kOrgAdmin}, true, false, 0},
      // Matching, referrals, movement view (issue #5, matching branch).
      {Action::kManageOrganizers, {R::kOrgAdmin, R::kDispatcher}, true, false, 0},
      {Action::kOwnOrganizerProfile, {R::kStaffOrganizer, R::kVolunteerOrganizer}, false, false, 0},
      {Action::kManagePartners, {R::kOrgAdmin}, true, false, 0},
      {Action::kReferIntake, {R::kOrgAdmin, R::kDispatcher}, true, false, 0},
      {Action::kAnswerReferral, {R::kOrgAdmin, R::kDispatcher}, true, false, 0},
      {Action::kViewMovement, {R::kOrgAdmin, R::kStaffOrganizer, R::kDispatcher, R::kViewer}, false, false, 0},
      // Notes (R40: facts, not opinions). Viewers read a campaign's notes
      // but no person's (the person routes also need kViewWorkers); mentors
      // read and comment (§3 "read, comment"). Staff-only notes are for
      // admins and staff organizers: absent for everyone else.
      {Action::kViewNotes,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kViewer, R::kMentor},
       false, false, 0},
      {Action::kAddNote,
       {R::kOrgAdmin, R::kStaffOrganizer, R::kVolunteerOrganizer, R::kWorkerLeader, R::kMentor}, false, false, 0},
      {Action::kViewStaffNotes, {R::kOrgAdmin, R::kStaffOrganizer}, false, false, 0},
  };
  return kRules;
}

// Roles that §3 scopes below the org: an org-scope grant of one of them
// (refused by CheckGrantScope, but possibly in an old database) reaches nothing.
bool NarrowRole(Role r) { return r == Role::kWorkerLeader || r == Role::kCaller || r == Role::kMentor; }

bool GrantCovers(const Grant& g, const Rule& rule, const Resource& res) {
  if (std::find(rule.roles.begin(), rule.roles.end(), g.role) == rule.roles.end()) return false;
  if (rule.flag && !(g.flags & rule.flag)) return false;
  // Export: org admins always; staff only with the export flag (§3 table).
  if (rule.action == Action::kExport && g.role != Role::kOrgAdmin && !(g.flags & kFlagExport)) return false;
  if (g.scope_kind == ScopeKind::kOrg) return !NarrowRole(g.role);
  if (rule.org_level) return false;
  // Campaign grants reach only their campaign.
  // A search spans the org's people and is then filtered by the caller.
  if (rule.action == Action::kListCampaigns || rule.action == Action::kSearchPeople) return true;
  // An assigned request is the organizer's whatever their campaigns; the
  // handler then requires the assignment.
  if (rule.action == Action::kViewAssignedIntake) return true;
  // An organizer's own profile is theirs whatever their campaigns (the
  // handler requires it to be their own); the movement view is aggregates
  // only, suppressed for campaign-scope viewers by the handler.
  if (rule.action == Action::kOwnOrganizerProfile || rule.action == Action::kViewMovement) return true;
  if (g.scope_kind == ScopeKind::kUnit) {
    // A unit grant reaches only objects of its unit: that unit's workers,
    // chart and meters, never the rest of the campaign (§3: worker-leaders
    // are the likeliest infiltration point). Grants made before units
    // existed name a campaign in scope_id and keep reaching that campaign.
    if (!res.unit_id.empty() && g.scope_id == res.unit_id) return true;
    // The campaign itself (its name and status, and a summary the handler
    // narrows to the unit): a unit grant sees which campaign it is part of.
    if (rule.action == Action::kViewCampaign && res.unit_id.empty() && !g.unit_campaign_id.empty() &&
        g.unit_campaign_id == res.campaign_id) {
      return true;
    }
  }
  return !res.campaign_id.empty() && g.scope_id == res.campaign_id;
}

}  // namespace

const char* RoleName(Role r) {
  for (const auto& i : kRoles) {
    if (i.role == r) return i.name;
  }
  return "?";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& i : kRoles) {
    if (name == i.name) return i.role;
  }
  return std::nullopt;
}

const char* ScopeKindName(ScopeKind k) {
  switch (k) {
    case ScopeKind::kOrg: return "org";
    case ScopeKind::kCampaign: return "campaign";
    case ScopeKind::kUnit: return "unit";
  }
  return "org";
}

std::optional<ScopeKind> ParseScopeKind(std::string_view name) {
  if (name == "org") return ScopeKind::kOrg;
  if (name == "campaign") return ScopeKind::kCampaign;
  if (name == "unit") return ScopeKind::kUnit;
  return std::nullopt;
}

std::string FlagsText(unsigned flags) {
  std::string out;
  auto add = [&](const char* f) { out += (out.empty() ? "" : ",") + std::string(f); };
  if (flags & kFlagCasework) add("casework");
  if (flags & kFlagDale) add("dale");
  if (flags & kFlagExport) add("export");
  return out;
}

Status CheckGrantScope(Role role, ScopeKind kind) {
  if (kind == ScopeKind::kUnit && role != Role::kWorkerLeader) {
    return Error::InvalidInput("scope_kind", "only worker-leaders are scoped to a unit; choose a campaign or the whole "
                                             "organization for this role");
  }
  if (kind == ScopeKind::kOrg && NarrowRole(role)) {
    return Error::InvalidInput("scope_kind", role == Role::kWorkerLeader
                                                 ? "worker-leaders are scoped to a unit (or a campaign), never the whole organization"
                                             : role == Role::kMentor
                                                 ? "mentors are scoped to the campaigns of their mentees, never the whole organization"
                                                 : "callers are scoped to a campaign, never the whole organization");
  }
  return Ok();
}

Result<unsigned> ParseFlags(std::string_view list) {
  unsigned flags = 0;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view f = list.substr(0, comma);
    if (f == "casework") flags |= kFlagCasework;
    else if (f == "dale") flags |= kFlagDale;
    else if (f == "export") flags |= kFlagExport;
    else if (!f.empty()) return Error::InvalidInput("flags", "unknown flag \"" + std::string(f.substr(0, 32)) +
                                                                 "\": use casework, dale or export");
    if (comma == std::string_view::npos) break;
    list = list.substr(comma + 1);
  }
  return flags;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::kViewUsers: return "users.view";
    case Action::kManageUsers: return "users.manage";
    case Action::kManageGrants: return "grants.manage";
    case Action::kViewAudit: return "audit.view";
    case Action::kListCampaigns: return "campaigns.list";
    case Action::kViewCampaign: return "campaign.view";
    case Action::kEditCampaign: return "campaign.edit";
    case Action::kAddPerson: return "person.add";
    case Action::kViewPerson: return "person.view";
    case Action::kEditPerson: return "person.edit";
    case Action::kSearchPeople: return "people.search";
    case Action::kExport: return "export";
    case Action::kImportPeople: return "people.import";
    case Action::kViewWorkplace: return "workplace.view";
    case Action::kEditWorkplace: return "workplace.edit";
    case Action::kViewWorkers: return "workers.view";
    case Action::kViewAggregates: return "aggregates.view";
    case Action::kEditWorkerRecord: return "worker_record.edit";
    case Action::kManageCommittee: return "committee.manage";
    case Action::kViewElections: return "elections.view";
    case Action::kEditElections: return "elections.edit";
    case Action::kViewCharges: return "charges.view";
    case Action::kViewChargeDetails: return "charges.view_details";
    case Action::kEditCharges: return "charges.edit";
    case Action::kManageOrgSettings: return "org_settings.manage";
    case Action::kTriageIntake: return "intake.triage";
    case Action::kViewAssignedIntake: return "intake.view_assigned";
    case Action::kOpenCampaignFromIntake: return "intake.open_campaign";
    case Action::kManageIntake: return "intake.manage";
    case Action::kManageOrganizers: return "organizers.manage";
    case Action::kOwnOrganizerProfile: return "organizer.own";
    case Action::kManagePartners: return "partners.manage";
    case Action::kReferIntake: return "referral.offer";
    case Action::kAnswerReferral: return "referral.answer";
    case Action::kViewMovement: return "movement.view";
    case Action::kViewNotes: return "notes.view";
    case Action::kAddNote: return "note.add";
    case Action::kViewStaffNotes: return "notes.staff_only";
  }
  return "?";
}

Result<store::Scope> Authorize(const Actor& actor, Action action, const Resource& resource, int64_t now_ms) {
  const Error denied = Error::NotFound("nothing is here, or you don't have access to it");
  if (actor.user_id.empty() || actor.org_id.empty() || resource.org_id != actor.org_id) return denied;
  const Rule* rule = nullptr;
  for (const auto& r : Rules()) {
    if (r.action == action) rule = &r;
  }
  if (!rule) return denied;
  bool allowed = std::any_of(actor.grants.begin(), actor.grants.end(),
                             [&](const Grant& g) { return GrantCovers(g, *rule, resource); });
  if (!allowed) return denied;
  if (rule->step_up && now_ms - actor.step_up_at_ms > kStepUpValidMs) {
    return Error(ErrorCode::kUnauthenticated, "step_up",
                 "confirm it's you: enter your password and a two-factor code again to continue");
  }
  return store::Scope::ForOrg(actor.org_id);
}

std::optional<std::vector<std::string>> VisibleCampaigns(const Actor& actor) {
  std::vector<std::string> ids;
  for (const auto& g : actor.grants) {
    if (g.role == Role::kDispatcher || g.role == Role::kCaller) continue;
    if (g.scope_kind == ScopeKind::kOrg) {
      if (NarrowRole(g.role)) continue;
      return std::nullopt;
    }
    // A unit grant shows its unit's campaign (or, made before units, the
    // campaign it names).
    const std::string& id = g.unit_campaign_id.empty() ? g.scope_id : g.unit_campaign_id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

bool HasRole(const Actor& actor, Role role) {
  return std::any_of(actor.grants.begin(), actor.grants.end(), [&](const Grant& g) { return g.role == role; });
}

bool PagesCapped(const Actor& actor) {
  bool leader = false;
  for (const auto& g : actor.grants) {
    if (g.role == Role::kOrgAdmin || g.role == Role::kStaffOrganizer || g.role == Role::kVolunteerOrganizer ||
        g.role == Role::kMentor) {
      return false;
    }
    if (g.role == Role::kWorkerLeader) leader = true;
  }
  return leader;
}

std::optional<std::vector<std::string>> UnitsOnly(const Actor& actor, Action action, const Resource& campaign) {
  const Rule* rule = nullptr;
  for (const auto& r : Rules()) {
    if (r.action == action) rule = &r;
  }
  std::vector<std::string> units;
  if (!rule || actor.org_id != campaign.org_id) return units;
  for (const auto& g : actor.grants) {
    if (GrantCovers(g, *rule, Resource{campaign.org_id, campaign.campaign_id}) &&
        !(g.scope_kind == ScopeKind::kUnit && !g.unit_campaign_id.empty())) {
      return std::nullopt;  // an org or campaign grant (or a unit grant naming the campaign)
    }
    if (g.scope_kind == ScopeKind::kUnit && !g.unit_campaign_id.empty() && g.unit_campaign_id == campaign.campaign_id &&
        std::find(rule->roles.begin(), rule->roles.end(), g.role) != rule->roles.end()) {
      units.push_back(g.scope_id);
    }
  }
  return units;
}

}  // namespace hotshop::security
