// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/intake_campaign.h"

#include "store/campaign_repo.h"
#include "store/employment_repo.h"
#include "store/intake_repo.h"
#include "store/person_repo.h"
#include "store/workplace_repo.h"

namespace hotshop::store {

Result<OpenedCampaign> OpenCampaignFromIntake(Tx& tx, const Scope& scope, const OrgKeys& keys,
                                              const std::string& intake_id, int64_t expected_version,
                                              const OpenCampaignInput& in, const std::string& actor, int64_t now_ms) {
  IntakeRepo intakes(tx, scope, keys);
  Result<Intake> i = intakes.Get(intake_id);
  if (!i) return i.error();
  if (i->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this request (now version " + std::to_string(i->version) +
                                     "); reload to see their change");
  }
  if (i->spam) return Error::InvalidInput("spam", "this request is marked as spam; unmark it before opening a campaign");
  // R22: a campaign is opened once an organizer is matched.
  if (Status ok = core::CheckIntakeTransition(i->stage, core::IntakeStage::kCampaignOpened, ""); !ok) {
    return ok.error();
  }
  const std::string employer_name = in.employer_name.empty() ? i->employer : in.employer_name;
  if (employer_name.empty()) {
    return Error::InvalidInput("employer_name", "the worker did not name the employer: type the employer's name");
  }
  std::string campaign_name = in.campaign_name;
  if (campaign_name.empty()) campaign_name = employer_name + (i->city.empty() ? "" : " (" + i->city + ")");
  std::string worksite_name = in.worksite_name.empty() ? (i->city.empty() ? employer_name : i->city) : in.worksite_name;

  OpenedCampaign out;
  Result<Campaign> camp = CampaignRepo(tx, scope).Create(campaign_name, now_ms);
  if (!camp) return camp.error();
  out.campaign_id = camp->id;
  WorkplaceRepo work(tx, scope, keys);
  Result<Employer> emp = work.CreateEmployer(camp->id, employer_name, now_ms);
  if (!emp) return emp.error();
  out.employer_id = emp->id;
  WorksiteFields wf;
  wf.name = worksite_name;
  wf.region = in.region.empty() ? i->region : in.region;
  Result<Worksite> site = work.CreateWorksite(emp->id, wf, now_ms);
  if (!site) return site.error();
  out.worksite_id = site->id;

  PersonFields pf;
  pf.name = i->name;
  if (!i->phone.empty()) pf.phone = i->phone;
  // R38: an email on the employer's domain is not copied as a way to reach them.
  if (!i->email.empty() && !i->work_email) pf.email = i->email;
  if (!i->story.empty()) pf.notes = i->story;
  pf.preferred_language = i->language;
  Result<Person> p = PersonRepo(tx, scope, keys).Create(camp->id, pf, now_ms);
  if (!p) return p.error();
  out.person_id = p->id;
  EmploymentFields ef;
  ef.worksite_id = site->id;
  EmploymentRepo employment(tx, scope);
  Result<int64_t> ev = employment.Version(p->id);
  if (!ev) return ev.error();
  if (Result<Employment> e = employment.Set(p->id, *ev, ef, actor, now_ms); !e) return e.error();

  Result<Intake> moved = intakes.MarkCampaignOpened(intake_id, expected_version, camp->id, p->id, actor, now_ms);
  if (!moved) return moved.error();
  return out;
}

}  // namespace hotshop::store
