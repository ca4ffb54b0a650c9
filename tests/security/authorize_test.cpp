// SPDX-License-Identifier: AGPL-3.0-or-later
// security::Authorize for the roles of security-model.md §3 that issue #4's
// access work touches: mentors (read, comment; never edit assessments,
// cards, employment or the committee), unit-scoped worker-leaders, the
// staff-only notes, which role fits which scope, and the page cap.
#include "security/authorize.h"

#include <gtest/gtest.h>

namespace hotshop::security {
namespace {

constexpr const char* kOrg = "0190aaaa-0000-7000-8000-00000000000a";
constexpr const char* kHarbor = "0190aaaa-0000-7000-8000-0000000000c1";
constexpr const char* kCopper = "0190aaaa-0000-7000-8000-0000000000c2";
constexpr const char* kUnit = "0190aaaa-0000-7000-8000-0000000000d1";
constexpr const char* kOtherUnit = "0190aaaa-0000-7000-8000-0000000000d2";

Actor With(std::vector<Grant> grants) {
  Actor a;
  a.user_id = "0190aaaa-0000-7000-8000-0000000000ee";
  a.org_id = kOrg;
  a.grants = std::move(grants);
  return a;
}

Grant On(Role role, ScopeKind kind, std::string id = "", std::string unit_campaign = "") {
  Grant g{"g", role, kind, std::move(id), 0};
  g.unit_campaign_id = std::move(unit_campaign);
  return g;
}

bool May(const Actor& a, Action action, Resource r) { return Authorize(a, action, r, 0).ok(); }

TEST(Authorize, MentorsReadAndCommentButNeverEditTheRecord) {
  Actor ana = With({On(Role::kMentor, ScopeKind::kCampaign, kHarbor)});
  const Resource harbor{kOrg, kHarbor, kUnit};
  for (Action a : {Action::kViewCampaign, Action::kViewPerson, Action::kViewWorkers, Action::kViewAggregates,
                   Action::kViewWorkplace, Action::kViewNotes, Action::kAddNote}) {
    EXPECT_TRUE(May(ana, a, harbor)) << ActionName(a);
  }
  for (Action a : {Action::kEditWorkerRecord, Action::kManageCommittee, Action::kEditPerson, Action::kAddPerson,
                   Action::kEditWorkplace, Action::kEditCampaign, Action::kExport, Action::kViewStaffNotes,
                   Action::kSearchPeople}) {
    EXPECT_FALSE(May(ana, a, harbor)) << ActionName(a);
  }
  EXPECT_FALSE(May(ana, Action::kViewWorkers, {kOrg, kCopper, ""})) << "only the mentees' campaigns";
}

TEST(Authorize, NarrowRolesHeldOrgWideReachNothing) {
  // A grant CheckGrantScope refuses, from an older database: deny.
  for (Role r : {Role::kMentor, Role::kWorkerLeader, Role::kCaller}) {
    Actor a = With({On(r, ScopeKind::kOrg)});
    EXPECT_FALSE(May(a, Action::kViewWorkers, {kOrg, kHarbor, kUnit})) << RoleName(r);
    EXPECT_FALSE(May(a, Action::kViewCampaign, {kOrg, kHarbor})) << RoleName(r);
    EXPECT_EQ(VisibleCampaigns(a), std::vector<std::string>{}) << RoleName(r);
  }
}

TEST(Authorize, UnitGrantsReachTheirUnitAndTheirCampaignsNameOnly) {
  Actor marcus = With({On(Role::kWorkerLeader, ScopeKind::kUnit, kUnit, kHarbor)});
  EXPECT_TRUE(May(marcus, Action::kViewWorkers, {kOrg, kHarbor, kUnit}));
  EXPECT_TRUE(May(marcus, Action::kEditWorkerRecord, {kOrg, kHarbor, kUnit}));
  EXPECT_TRUE(May(marcus, Action::kAddNote, {kOrg, kHarbor, kUnit}));
  EXPECT_FALSE(May(marcus, Action::kViewWorkers, {kOrg, kHarbor, kOtherUnit}));
  EXPECT_FALSE(May(marcus, Action::kViewWorkers, {kOrg, kHarbor, ""})) << "campaign-wide objects";
  EXPECT_FALSE(May(marcus, Action::kViewNotes, {kOrg, kHarbor, ""})) << "campaign notes";
  EXPECT_FALSE(May(marcus, Action::kViewStaffNotes, {kOrg, kHarbor, kUnit}));
  EXPECT_TRUE(May(marcus, Action::kViewCampaign, {kOrg, kHarbor, ""})) << "the campaign's name and summary";
  EXPECT_FALSE(May(marcus, Action::kViewCampaign, {kOrg, kCopper, ""}));
  EXPECT_EQ(VisibleCampaigns(marcus), std::vector<std::string>{kHarbor});
  EXPECT_EQ(UnitsOnly(marcus, Action::kViewCampaign, {kOrg, kHarbor}), std::vector<std::string>{kUnit});
  EXPECT_EQ(UnitsOnly(marcus, Action::kViewCampaign, {kOrg, kCopper}), std::vector<std::string>{});
  Actor organizer = With({On(Role::kVolunteerOrganizer, ScopeKind::kCampaign, kHarbor), marcus.grants[0]});
  EXPECT_EQ(UnitsOnly(organizer, Action::kViewCampaign, {kOrg, kHarbor}), std::nullopt) << "the whole campaign";
}

TEST(Authorize, StaffOnlyNotesAreForAdminsAndStaffOrganizers) {
  const Resource harbor{kOrg, kHarbor, kUnit};
  EXPECT_TRUE(May(With({On(Role::kOrgAdmin, ScopeKind::kOrg)}), Action::kViewStaffNotes, harbor));
  EXPECT_TRUE(May(With({On(Role::kStaffOrganizer, ScopeKind::kCampaign, kHarbor)}), Action::kViewStaffNotes, harbor));
  for (Role r : {Role::kVolunteerOrganizer, Role::kWorkerLeader, Role::kViewer, Role::kMentor, Role::kDispatcher}) {
    EXPECT_FALSE(May(With({On(r, ScopeKind::kCampaign, kHarbor)}), Action::kViewStaffNotes, harbor)) << RoleName(r);
  }
  EXPECT_TRUE(May(With({On(Role::kViewer, ScopeKind::kCampaign, kHarbor)}), Action::kViewNotes, {kOrg, kHarbor}));
  EXPECT_FALSE(May(With({On(Role::kViewer, ScopeKind::kCampaign, kHarbor)}), Action::kAddNote, {kOrg, kHarbor}));
}

TEST(Authorize, EachRoleFitsOnlyItsScopes) {
  EXPECT_TRUE(CheckGrantScope(Role::kWorkerLeader, ScopeKind::kUnit).ok());
  EXPECT_TRUE(CheckGrantScope(Role::kWorkerLeader, ScopeKind::kCampaign).ok());
  EXPECT_TRUE(CheckGrantScope(Role::kMentor, ScopeKind::kCampaign).ok());
  EXPECT_TRUE(CheckGrantScope(Role::kOrgAdmin, ScopeKind::kOrg).ok());
  for (auto [role, kind] : std::initializer_list<std::pair<Role, ScopeKind>>{
           {Role::kViewer, ScopeKind::kUnit}, {Role::kStaffOrganizer, ScopeKind::kUnit}, {Role::kMentor, ScopeKind::kUnit},
           {Role::kWorkerLeader, ScopeKind::kOrg}, {Role::kMentor, ScopeKind::kOrg}, {Role::kCaller, ScopeKind::kOrg}}) {
    Status s = CheckGrantScope(role, kind);
    ASSERT_FALSE(s.ok()) << RoleName(role) << " " << ScopeKindName(kind);
    EXPECT_EQ(s.error().field(), "scope_kind");
  }
}

TEST(Authorize, OnlyWorkerLeadersAreCappedAtFiftyRows) {
  EXPECT_TRUE(PagesCapped(With({On(Role::kWorkerLeader, ScopeKind::kUnit, kUnit, kHarbor)})));
  EXPECT_TRUE(PagesCapped(With({On(Role::kWorkerLeader, ScopeKind::kCampaign, kHarbor)})));
  EXPECT_FALSE(PagesCapped(With({On(Role::kWorkerLeader, ScopeKind::kUnit, kUnit, kHarbor),
                                 On(Role::kStaffOrganizer, ScopeKind::kCampaign, kCopper)})));
  EXPECT_FALSE(PagesCapped(With({On(Role::kViewer, ScopeKind::kCampaign, kHarbor)})));
  EXPECT_FALSE(PagesCapped(With({On(Role::kOrgAdmin, ScopeKind::kOrg)})));
  EXPECT_EQ(kLeaderPageRows, 50);
}

}  // namespace
}  // namespace hotshop::security
