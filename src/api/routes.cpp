// SPDX-License-Identifier: AGPL-3.0-or-later
// The route table: every route hotshop serves, one line each. The
// authorization matrix (tests/api/authz_policy.json) must list each of them.
#include "api/admin_handlers.h"
#include "api/app.h"
#include "api/campaign_handlers.h"
#include "api/card_handlers.h"
#include "api/chart_handlers.h"
#include "api/charge_handlers.h"
#include "api/committee_handlers.h"
#include "api/deadline_handlers.h"
#include "api/election_handlers.h"
#include "api/export_handlers.h"
#include "api/health.h"
#include "api/import_handlers.h"
#include "api/intake_handlers.h"
#include "api/match_handlers.h"
#include "api/movement_handlers.h"
#include "api/my_handlers.h"
#include "api/organizer_handlers.h"
#include "api/referral_handlers.h"
#include "api/note_handlers.h"
#include "api/session_handlers.h"
#include "api/structure_test_handlers.h"
#include "api/triage_handlers.h"
#include "api/voter_list_handlers.h"
#include "api/workplace_handlers.h"

namespace hotshop::api {

void RegisterRoutes(App&, const std::function<void(http::Verb, std::string, ApiHandler,
                                                   http::RouteOptions)>& add) {
  using V = http::Verb;
  http::RouteOptions open;
  open.public_route = true;
  http::RouteOptions setup;  // signed in, setup may still be pending
  setup.setup_ok = true;
  http::RouteOptions signed_in;
  http::RouteOptions file_upload;  // a contact list as the raw body
  file_upload.file_body = true;
  file_upload.body_limit = size_t{128} << 20;

  add(V::get, "/healthz", GetHealthz, open);
  add(V::get, "/readyz", GetReadyz, open);

  add(V::post, "/api/session", PostSession, open);
  add(V::get, "/api/session", GetSession, setup);
  add(V::delete_, "/api/session", DeleteSession, setup);
  add(V::post, "/api/session/step-up", PostStepUp, signed_in);
  add(V::post, "/api/me/password", PostMyPassword, setup);
  add(V::post, "/api/me/totp/setup", PostTotpSetup, setup);
  add(V::post, "/api/me/totp/confirm", PostTotpConfirm, setup);
  add(V::post, "/api/me/recovery-codes", PostRecoveryCodes, signed_in);
  add(V::get, "/api/me/devices", GetMyDevices, signed_in);
  add(V::delete_, "/api/me/devices/{id}", DeleteMyDevice, signed_in);
  add(V::post, "/api/invitations/lookup", PostInvitationLookup, open);
  add(V::post, "/api/invitations/accept", PostInvitationAccept, open);

  add(V::get, "/api/orgs/{org}/users", GetOrgUsers, signed_in);
  add(V::post, "/api/orgs/{org}/invitations", PostInvitation, signed_in);
  add(V::post, "/api/orgs/{org}/users/{id}/suspend", PostSuspendUser, signed_in);
  add(V::post, "/api/orgs/{org}/users/{id}/sign-out", PostSignOutUser, signed_in);
  add(V::post, "/api/orgs/{org}/users/{id}/reactivate", PostReactivateUser, signed_in);
  add(V::post, "/api/orgs/{org}/users/{id}/grants", PostGrant, signed_in);
  add(V::delete_, "/api/orgs/{org}/grants/{id}", DeleteGrant, signed_in);
  add(V::get, "/api/orgs/{org}/audit", GetAudit, signed_in);

  add(V::get, "/api/orgs/{org}/campaigns", GetCampaigns, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}", GetCampaign, signed_in);
  add(V::patch, "/api/orgs/{org}/campaigns/{id}", PatchCampaign, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/summary", GetCampaignSummary, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/people", PostPerson, signed_in);
  add(V::get, "/api/orgs/{org}/people", SearchPeople, signed_in);
  add(V::get, "/api/orgs/{org}/people/{id}", GetPerson, signed_in);
  add(V::patch, "/api/orgs/{org}/people/{id}", PatchPerson, signed_in);

  // Campaign workplace (issue #4; docs/api.md "Campaign workplace").
  add(V::get, "/api/orgs/{org}/campaigns/{id}/employers", GetEmployers, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/employers", PostEmployer, signed_in);
  add(V::get, "/api/orgs/{org}/employers/{id}", GetEmployer, signed_in);
  add(V::patch, "/api/orgs/{org}/employers/{id}", PatchEmployer, signed_in);
  add(V::get, "/api/orgs/{org}/employers/{id}/rollup", GetRollup, signed_in);
  add(V::post, "/api/orgs/{org}/employers/{id}/worksites", PostWorksite, signed_in);
  add(V::get, "/api/orgs/{org}/worksites/{id}", GetWorksite, signed_in);
  add(V::patch, "/api/orgs/{org}/worksites/{id}", PatchWorksite, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/units", GetUnits, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/units", PostUnit, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}", GetUnit, signed_in);
  add(V::patch, "/api/orgs/{org}/units/{id}", PatchUnit, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/areas", PostArea, signed_in);
  add(V::patch, "/api/orgs/{org}/areas/{id}", PatchArea, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/people", PostUnitPerson, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}/chart", GetChart, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}/meters", GetMeters, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}/cards", GetCards, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/cards", PostCard, signed_in);
  add(V::post, "/api/orgs/{org}/cards/{id}/revoke", PostCardRevoke, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}/structure-tests", GetStructureTests, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/structure-tests", PostStructureTest, signed_in);
  add(V::get, "/api/orgs/{org}/structure-tests/{id}", GetStructureTest, signed_in);
  add(V::get, "/api/orgs/{org}/structure-tests/{id}/participation", GetParticipation, signed_in);
  add(V::put, "/api/orgs/{org}/structure-tests/{id}/participation", PutParticipation, signed_in);
  add(V::get, "/api/orgs/{org}/people/{id}/employment", GetEmployment, signed_in);
  add(V::put, "/api/orgs/{org}/people/{id}/employment", PutEmployment, signed_in);
  add(V::delete_, "/api/orgs/{org}/people/{id}/employment", DeleteEmployment, signed_in);
  add(V::get, "/api/orgs/{org}/people/{id}/connections", GetConnections, signed_in);
  add(V::post, "/api/orgs/{org}/people/{id}/connections", PostConnection, signed_in);
  add(V::delete_, "/api/orgs/{org}/connections/{id}", DeleteConnection, signed_in);
  // Deleting what nothing refers to (issue #4; 409 naming what still does).
  add(V::delete_, "/api/orgs/{org}/employers/{id}", DeleteEmployer, signed_in);
  add(V::delete_, "/api/orgs/{org}/worksites/{id}", DeleteWorksite, signed_in);
  add(V::delete_, "/api/orgs/{org}/units/{id}", DeleteUnit, signed_in);
  add(V::delete_, "/api/orgs/{org}/areas/{id}", DeleteArea, signed_in);
  add(V::get, "/api/orgs/{org}/people/{id}/assessments", GetAssessments, signed_in);
  add(V::post, "/api/orgs/{org}/people/{id}/assessments", PostAssessment, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/assessment-scales", GetScales, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/assessment-scales", PostScale, signed_in);
  add(V::patch, "/api/orgs/{org}/assessment-scales/{id}", PatchScale, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/committee", GetCommittee, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/committee", PostCommitteeMember, signed_in);
  add(V::post, "/api/orgs/{org}/committee/{id}/end", PostCommitteeMemberEnd, signed_in);

  // Elections, charges and deadlines (issue #4; docs/api.md "Elections, charges and deadlines").
  add(V::get, "/api/orgs/{org}/units/{id}/elections", GetUnitElections, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/petitions", PostPetition, signed_in);
  add(V::patch, "/api/orgs/{org}/petitions/{id}", PatchPetition, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/elections", PostElection, signed_in);
  add(V::patch, "/api/orgs/{org}/elections/{id}", PatchElection, signed_in);
  add(V::put, "/api/orgs/{org}/elections/{id}/tally", PutTally, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/agreements", PostAgreement, signed_in);
  add(V::patch, "/api/orgs/{org}/agreements/{id}", PatchAgreement, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}/bars", GetBars, signed_in);
  add(V::get, "/api/orgs/{org}/election-settings", GetElectionSettings, signed_in);
  add(V::put, "/api/orgs/{org}/election-settings", PutElectionSettings, signed_in);
  add(V::get, "/api/orgs/{org}/units/{id}/cemex-demands", GetCemexDemands, signed_in);
  add(V::post, "/api/orgs/{org}/units/{id}/cemex-demands", PostCemexDemand, signed_in);
  add(V::patch, "/api/orgs/{org}/cemex-demands/{id}", PatchCemexDemand, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/charges", GetCharges, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/charges", PostCharge, signed_in);
  add(V::get, "/api/orgs/{org}/charges/{id}", GetCharge, signed_in);
  add(V::patch, "/api/orgs/{org}/charges/{id}", PatchCharge, signed_in);
  add(V::post, "/api/orgs/{org}/charges/{id}/stage", PostChargeStage, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/deadlines", GetDeadlines, signed_in);
  add(V::get, "/api/me/calendar-feed", GetMyCalendarFeed, signed_in);
  add(V::post, "/api/me/calendar-feed", PostMyCalendarFeed, signed_in);
  add(V::delete_, "/api/me/calendar-feed", DeleteMyCalendarFeed, signed_in);
  add(V::get, "/api/calendar/{token}", GetCalendarFeed, open);
  add(V::post, "/api/orgs/{org}/elections/{id}/voter-list", PostVoterList, file_upload);
  // Notes on people and campaigns (docs/api.md "Notes"; migration 0013).
  add(V::get, "/api/orgs/{org}/people/{id}/notes", GetPersonNotes, signed_in);
  add(V::post, "/api/orgs/{org}/people/{id}/notes", PostPersonNote, signed_in);
  add(V::get, "/api/orgs/{org}/campaigns/{id}/notes", GetCampaignNotes, signed_in);
  add(V::post, "/api/orgs/{org}/campaigns/{id}/notes", PostCampaignNote, signed_in);
  add(V::patch, "/api/orgs/{org}/notes/{id}", PatchNote, signed_in);

  add(V::post, "/api/orgs/{org}/exports", PostExport, signed_in);
  add(V::get, "/api/orgs/{org}/exports", GetExports, signed_in);
  add(V::get, "/api/orgs/{org}/exports/{id}/file", GetExportFile, signed_in);

  add(V::post, "/api/orgs/{org}/imports", PostImport, file_upload);
  add(V::get, "/api/orgs/{org}/imports", GetImports, signed_in);
  add(V::get, "/api/orgs/{org}/imports/{id}", GetImport, signed_in);
  add(V::post, "/api/orgs/{org}/imports/{id}/start", PostImportStart, signed_in);
  add(V::get, "/api/orgs/{org}/imports/{id}/report", GetImportReport, signed_in);

  // Intake (issue #5; docs/api.md "Intake"). The public form: no login, a
  // 16 KiB body cap, proof of work, buckets, a honeypot.
  http::RouteOptions intake_form = open;
  intake_form.body_limit = size_t{16} << 10;
  add(V::get, "/api/intake/{org}/challenge", GetIntakeChallenge, open);
  add(V::post, "/api/intake/{org}/requests", PostIntakeRequest, intake_form);
  add(V::get, "/api/orgs/{org}/intakes", GetIntakes, signed_in);
  add(V::get, "/api/orgs/{org}/intakes/{id}", GetIntake, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/stage", PostIntakeStage, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/spam", PostIntakeSpam, signed_in);
  add(V::get, "/api/orgs/{org}/intakes/{id}/duplicates", GetIntakeDuplicates, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/merge", PostIntakeMerge, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/legal-hold", PostIntakeLegalHold, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/decline", PostIntakeDecline, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/campaign", PostIntakeCampaign, signed_in);
  add(V::get, "/api/orgs/{org}/intake-settings", GetIntakeSettingsRoute, signed_in);
  add(V::put, "/api/orgs/{org}/intake-settings", PutIntakeSettingsRoute, signed_in);

  // Matching, the organizer's side, referrals, movement view (issue #5;
  // docs/api.md "Organizers", "Matching", "My requests", "Referrals",
  // "Movement view").
  add(V::get, "/api/orgs/{org}/organizers", GetOrganizers, signed_in);
  add(V::get, "/api/orgs/{org}/organizers/{id}", GetOrganizer, signed_in);
  add(V::put, "/api/orgs/{org}/organizers/{id}", PutOrganizer, signed_in);
  add(V::put, "/api/orgs/{org}/organizers/{id}/availability", PutOrganizerAvailability, signed_in);
  add(V::get, "/api/orgs/{org}/intakes/{id}/organizers", GetIntakeOrganizers, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/assign", PostIntakeAssign, signed_in);
  add(V::get, "/api/orgs/{org}/my/intakes", GetMyIntakes, signed_in);
  add(V::get, "/api/orgs/{org}/my/intakes/{id}", GetMyIntake, signed_in);
  add(V::post, "/api/orgs/{org}/my/intakes/{id}/accept", PostMyIntakeAccept, signed_in);
  add(V::post, "/api/orgs/{org}/my/intakes/{id}/decline", PostMyIntakeDecline, signed_in);
  add(V::post, "/api/orgs/{org}/my/intakes/{id}/conversations", PostMyConversation, signed_in);
  add(V::get, "/api/orgs/{org}/partners", GetPartners, signed_in);
  add(V::post, "/api/orgs/{org}/partners", PostPartner, signed_in);
  add(V::post, "/api/orgs/{org}/partners/remove", PostPartnerRemove, signed_in);
  add(V::get, "/api/orgs/{org}/intakes/{id}/referrals", GetIntakeReferrals, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/referrals", PostIntakeReferral, signed_in);
  add(V::post, "/api/orgs/{org}/intakes/{id}/referrals/withdraw", PostIntakeReferralWithdraw, signed_in);
  add(V::get, "/api/orgs/{org}/referrals/incoming", GetIncomingReferrals, signed_in);
  add(V::post, "/api/orgs/{org}/referrals/incoming/answer", PostIncomingReferralAnswer, signed_in);
  add(V::get, "/api/orgs/{org}/movement", GetMovement, signed_in);
}

}  // namespace hotshop::api
