// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/voter_list_handlers.h"

#include "api/handler_util.h"
#include "api/import_jobs.h"
#include "api/json_response.h"
#include "api/workplace_access.h"
#include "core/voter_list.h"
#include "http/problem.h"
#include "store/election_repo.h"

namespace hotshop::api {

http::Response PostVoterList(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  // The org-wide right first: most roles lack it, and their refusal is
  // audited under it.
  Result<store::Scope> org = OrgAction(req, ctx, security::Action::kImportPeople);
  if (!org) return http::Problem(org.error());
  Result<Access> a = AuthorizeObject(req, ctx, security::Action::kEditElections, ObjectKind::kElection, id);
  if (!a) return http::Problem(a.error());
  if (!ctx.services.imports) return http::Problem(Error::Unavailable("imports are not available on this server"));
  Result<std::string> case_number = InOrg<std::string>(ctx, a->scope, store::TxMode::kRead,
                                                       [&](store::Tx& tx, const store::OrgKeys& k) -> Result<std::string> {
    store::ElectionRepo repo(tx, a->scope, k);
    Result<store::Election> e = repo.GetElection(id);
    if (!e) return e.error();
    Result<store::Petition> p = repo.GetPetition(e->petition_id);
    if (!p) return p.error();
    return p->case_number;
  });
  if (!case_number) return http::Problem(case_number.error());
  // RULE R7: every row carries the restricted-use tag of its case.
  Result<core::RestrictedUseTag> tag = core::TagVoterListRow(*case_number);
  if (!tag) {
    return http::Problem(Error::InvalidInput(
        "case_number", "record the petition's case number first: the voter list is tagged with it (restricted use)"));
  }
  ImportJobs& jobs = *ctx.services.imports;
  Result<StagedPreview> staged =
      jobs.Stage(*org, ctx.actor->user_id, req.query_param("filename").value_or("voter-list.csv"), req.body(), ctx.now_ms);
  if (!staged) return http::Problem(staged.error());
  ImportChoices choices;
  choices.mode = store::ImportMode::kAtomic;  // a served list is imported whole or not at all
  choices.policy = store::DuplicatePolicy::kFillBlanks;
  choices.tags = {core::kRestrictedUseTag, "voter-list " + tag->case_number};
  Result<ImportStatus> started = jobs.Start(*org, ctx.actor->user_id, staged->id, choices, ctx.now_ms);
  if (!started) return http::Problem(started.error());
  AuditAlone(ctx, org->org_id(), "voter_list.imported", "election:" + id + " import:" + started->id, "allowed");
  return Json({{"import_id", started->id},
               {"election_id", id},
               {"tags", choices.tags},
               {"status_path", "/api/orgs/" + req.path_param("org") + "/imports/" + started->id}},
              http::HttpStatus::accepted);
}

}  // namespace hotshop::api
