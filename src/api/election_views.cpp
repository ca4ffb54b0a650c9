// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/election_views.h"

#include <algorithm>

#include "core/cemex_clock.h"
#include "core/election_tally.h"
#include "core/election_timeline.h"
#include "core/federal_holidays.h"
#include "core/iso_date.h"
#include "core/legal_codes.h"
#include "core/ulp_deadline.h"
#include "store/workplace_repo.h"

namespace hotshop::api {
namespace {

using nlohmann::json;

json DateOrNull(const std::string& iso) { return iso.empty() ? json(nullptr) : json(iso); }
json DateOrNull(const std::optional<core::Date>& d) { return d ? json(core::FormatIsoDate(*d)) : json(nullptr); }

std::optional<core::Date> Parse(const std::string& iso) {
  if (iso.empty()) return std::nullopt;
  Result<core::Date> d = core::ParseIsoDate(iso, "date");
  if (!d) return std::nullopt;
  return *d;
}

// RULE R6: the deadlines of one attempt, or null before the 2023 rule.
json TimelineJson(const store::Election& e, const store::Petition& p) {
  std::optional<core::Date> filed = Parse(p.filed_on);
  if (!filed) return nullptr;
  core::ElectionEvents ev;
  ev.petition_filed = *filed;
  ev.notice_of_hearing_served = Parse(e.notice_served_on);
  ev.direction_of_election = Parse(e.direction_on);
  ev.tally = Parse(e.tally_on);
  std::vector<core::Date> holidays = HolidaysAround(*filed);
  Result<core::ElectionDeadlines> d = core::ComputeElectionDeadlines(ev, holidays);
  if (!d) return json{{"rule", "before_2023_rule"}, {"problem", d.error().message()}};
  std::optional<core::Date> hearing = d->hearing_opens, sop = d->statement_of_position_due;
  // The Region's own hearing date replaces the default one (R6 interpretation).
  if (std::optional<core::Date> set = Parse(e.hearing_on)) {
    hearing = *set;
    sop = core::StatementOfPositionDue(*set, holidays);
  }
  return json{{"rule", "2023"},
              {"hearing_opens", DateOrNull(hearing)},
              {"statement_of_position_due", DateOrNull(sop)},
              {"statement_of_position_due_hour", core::kStatementOfPositionDueHour.count()},
              {"voter_list_due", DateOrNull(d->voter_list_due)},
              {"objections_due", DateOrNull(d->objections_due)},
              {"typical_election", core::FormatIsoDate(d->typical_election)}};
}

// RULE R8, R9: what the count decides.
json TallyJson(const store::Tally& t) {
  json choices = json::array();
  for (const auto& c : t.choices) choices.push_back({{"name", c.name}, {"votes", c.votes}, {"no_union", c.no_union}});
  json out = {{"choices", choices}, {"void", t.void_ballots}, {"challenged", t.challenged}};
  Result<core::ElectionResult> r = core::DecideElection({t.choices, t.void_ballots, t.challenged});
  if (!r) {
    out["outcome"] = nullptr;
    out["problem"] = r.error().message();
    return out;
  }
  out["outcome"] = core::ElectionOutcomeCode(r->outcome);
  out["count_outcome"] = core::ElectionOutcomeCode(r->count_outcome);
  out["valid_votes"] = r->valid_votes;
  out["majority"] = r->majority;
  out["winner"] = r->winner ? json(t.choices[*r->winner].name) : json(nullptr);
  out["runoff"] = r->runoff ? json::array({t.choices[r->runoff->first].name, t.choices[r->runoff->second].name})
                            : json(nullptr);
  return out;
}

json BarJson(const core::Bar& b) {
  return {{"kind", core::BarKindCode(b.kind)},
          {"runs_from", core::FormatIsoDate(b.runs_from)},
          {"ends_on", DateOrNull(b.ends_on)},
          {"petition_allowed_from", DateOrNull(b.petition_allowed_from)},
          {"may_extend_until", DateOrNull(b.may_extend_until)}};
}

}  // namespace

std::vector<core::Date> HolidaysAround(core::Date d) {
  return core::ObservedFederalHolidays(d.year() - std::chrono::years{1}, d.year() + std::chrono::years{2});
}

json PetitionJson(const store::Petition& p, bool notes) {
  json j = {{"id", p.id},
            {"unit_id", p.unit_id},
            {"kind", p.kind},
            {"case_number", p.case_number},
            {"filed_on", p.filed_on},
            {"status", p.status},
            {"version", p.version}};
  if (notes) j["note"] = p.note;
  return j;
}

json ElectionJson(const store::Election& e, const store::Petition* petition, size_t attempt, bool notes) {
  json j = {{"id", e.id},
            {"unit_id", e.unit_id},
            {"petition_id", e.petition_id},
            {"attempt", attempt},
            {"kind", e.kind},
            {"case_number", petition ? json(petition->case_number) : json(nullptr)},
            {"petition_filed_on", petition ? json(petition->filed_on) : json(nullptr)},
            {"notice_served_on", DateOrNull(e.notice_served_on)},
            {"hearing_on", DateOrNull(e.hearing_on)},
            {"direction_on", DateOrNull(e.direction_on)},
            {"election_on", DateOrNull(e.election_on)},
            {"tally_on", DateOrNull(e.tally_on)},
            {"certified_on", DateOrNull(e.certified_on)},
            {"set_aside_on", DateOrNull(e.set_aside_on)},
            {"timeline", petition ? TimelineJson(e, *petition) : json(nullptr)},
            {"tally", e.tally ? TallyJson(*e.tally) : json(nullptr)},
            {"version", e.version}};
  if (notes) j["note"] = e.note;
  return j;
}

json AgreementJson(const store::Agreement& a, bool notes) {
  json j = {{"id", a.id},
            {"unit_id", a.unit_id},
            {"kind", a.kind},
            {"effective_on", DateOrNull(a.effective_on)},
            {"expires_on", DateOrNull(a.expires_on)},
            {"written_and_signed", a.written_and_signed},
            {"health_care", a.health_care},
            {"recognized_on", DateOrNull(a.recognized_on)},
            {"first_session_on", DateOrNull(a.first_session_on)},
            {"version", a.version}};
  if (a.kind == "contract") {
    std::optional<core::Date> eff = Parse(a.effective_on), exp = Parse(a.expires_on);
    if (eff && exp && a.written_and_signed) {
      // RULE R12: the window and the insulated period.
      core::ContractWindow w = core::ContractWindowFor({*eff, *exp, true}, a.health_care);
      j["window"] = {{"bar_ends", core::FormatIsoDate(w.bar_ends)},
                     {"opens", core::FormatIsoDate(w.window_opens)},
                     {"closes", core::FormatIsoDate(w.window_closes)},
                     {"insulated_from", core::FormatIsoDate(w.insulated_from)}};
    }
  }
  if (notes) j["note"] = a.note;
  return j;
}

json CemexJson(const store::CemexDemand& d, core::Date as_of, bool notes) {
  json j = {{"id", d.id},
            {"unit_id", d.unit_id},
            {"demanded_on", d.demanded_on},
            {"method", d.method},
            {"evidence", d.evidence},
            {"supporters", d.supporters},
            {"unit_size", d.unit_size},
            {"state_code", d.state_code},
            {"response", d.response},
            {"responded_on", DateOrNull(d.responded_on)},
            {"version", d.version}};
  if (notes) j["note"] = d.note;
  core::RecognitionDemand r;
  std::optional<core::Date> on = Parse(d.demanded_on);
  if (!on) return j;
  r.demanded_on = *on;
  r.method = core::ParseDemandMethod(d.method).value_or(core::DemandMethod::kOther);
  r.evidence = core::ParseMajorityEvidence(d.evidence).value_or(core::MajorityEvidence::kOther);
  r.supporters = d.supporters;
  r.unit_size = d.unit_size;
  r.state_code = d.state_code;
  r.response = core::ParseEmployerResponse(d.response).value_or(core::EmployerResponse::kNone);
  r.responded_on = Parse(d.responded_on);
  // A clock asked about a day before the demand is shown as of the demand.
  Result<core::CemexClock> c = core::RunCemexClock(r, std::max(as_of, *on));
  if (!c) {
    j["clock"] = nullptr;
    return j;
  }
  json advisories = json::array();
  for (core::CircuitAdvisory a : c->advisories) {
    // RULE R14: the 6th Circuit's refusal is verified (V); the 9th Circuit
    // report is not (U) and is marked so.
    advisories.push_back({{"code", core::CircuitAdvisoryCode(a)},
                          {"verified", a == core::CircuitAdvisory::kCemexNotEnforced}});
  }
  j["clock"] = {{"rm_petition_due", core::FormatIsoDate(c->rm_petition_due)},
                {"days_left", core::DaysFrom(as_of, c->rm_petition_due).count()},
                {"status", core::CemexStatusCode(c->status)},
                {"majority_shown", c->majority_shown},
                {"circuit", c->circuit ? json(core::CircuitCode(*c->circuit)) : json(nullptr)},
                {"advisories", advisories},
                {"rm_petition_within_days_verified", false}};
  return j;
}

json ChargeJson(const store::Charge& c, core::Date as_of, bool details, const std::vector<store::StageChange>* stages) {
  json j = {{"id", c.id},
            {"campaign_id", c.campaign_id},
            {"unit_id", c.unit_id.empty() ? json(nullptr) : json(c.unit_id)},
            {"kind", c.kind},
            {"conduct_on", c.conduct_on},
            {"filed_on", DateOrNull(c.filed_on)},
            {"served_on", DateOrNull(c.served_on)},
            {"case_number", c.case_number},
            {"stage", c.stage},
            {"blocking", c.blocking},
            {"names_person", !c.person_id.empty()},
            {"version", c.version}};
  if (std::optional<core::UlpKind> k = core::ParseUlpKind(c.kind)) {
    // RULE R16: the section and whether it is one of TIPS.
    j["section"] = core::SectionCitation(core::SectionFor(*k));
    j["tips"] = core::IsTips(*k);
  }
  json next = json::array();
  std::optional<core::ChargeStage> stage = core::ParseChargeStage(c.stage);
  if (stage) {
    for (core::ChargeStage s : core::NextStages(*stage)) next.push_back(core::ChargeStageCode(s));
  }
  j["next_stages"] = next;  // RULE R17
  j["final"] = stage && core::IsFinal(*stage);
  if (std::optional<core::Date> on = Parse(c.conduct_on)) {
    // RULE R15: file AND serve within 6 months; warn at 30/14/7 days.
    core::Date last = core::TenBLastDay(*on);
    int64_t left = core::DaysFrom(as_of, last).count();
    bool met = !c.filed_on.empty() && !c.served_on.empty() && c.filed_on <= core::FormatIsoDate(last) &&
               c.served_on <= core::FormatIsoDate(last);
    j["ten_b"] = {{"file_and_serve_by", core::FormatIsoDate(last)},
                  {"days_left", left},
                  {"met", met},
                  {"warning", met ? "none" : core::DeadlineWarningCode(core::WarningForDaysLeft(left))}};
  }
  if (details) {
    j["person_id"] = c.person_id.empty() ? json(nullptr) : json(c.person_id);
    j["description"] = c.description;
  }
  if (stages) {
    json h = json::array();
    for (const auto& s : *stages) h.push_back({{"stage", s.stage}, {"on", s.on_date}});
    j["stage_history"] = h;
  }
  return j;
}

core::UnitHistory HistoryOf(const std::vector<store::Election>& elections,
                            const std::vector<store::Agreement>& agreements,
                            const std::vector<store::Charge>& blocking_charges) {
  core::UnitHistory h;
  for (const store::Election& e : elections) {
    // RULE R10: a valid election counts from balloting; one set aside
    // (objections sustained) does not.
    if (!e.tally || !e.set_aside_on.empty()) continue;
    if (std::optional<core::Date> on = Parse(e.election_on.empty() ? e.tally_on : e.election_on)) {
      h.valid_elections.push_back(*on);
    }
    // RULE R11: from the certification; until it is recorded, from the
    // tally of a union win.
    std::optional<core::Date> cert = Parse(e.certified_on);
    if (!cert) {
      Result<core::ElectionResult> r = core::DecideElection({e.tally->choices, e.tally->void_ballots, e.tally->challenged});
      if (r && r->outcome == core::ElectionOutcome::kCertified) cert = Parse(e.tally_on);
    }
    if (cert) h.certifications.push_back(*cert);
  }
  for (const store::Agreement& a : agreements) {
    if (a.kind == "contract") {
      std::optional<core::Date> eff = Parse(a.effective_on), exp = Parse(a.expires_on);
      if (eff && exp) h.contracts.push_back({*eff, *exp, a.written_and_signed});
      h.health_care = h.health_care || a.health_care;
    } else if (std::optional<core::Date> rec = Parse(a.recognized_on)) {
      h.recognitions.push_back({*rec, Parse(a.first_session_on)});
    }
  }
  for (const store::Charge& c : blocking_charges) {
    if (std::optional<core::Date> f = Parse(c.filed_on)) h.blocking_charges.push_back(*f);
  }
  return h;
}

Result<json> BarsJson(const core::UnitHistory& history, core::Date as_of) {
  Result<std::vector<core::Bar>> on = core::BarsOn(history, as_of);
  if (!on) return on.error();
  Result<std::optional<core::Date>> earliest = core::EarliestPetitionDate(history, as_of);
  if (!earliest) return earliest.error();
  json in_force = json::array();
  for (const core::Bar& b : *on) in_force.push_back(BarJson(b));
  json windows = json::array();
  for (const core::Contract& c : history.contracts) {
    if (!c.written_and_signed) continue;
    core::ContractWindow w = core::ContractWindowFor(c, history.health_care);
    windows.push_back({{"effective_on", core::FormatIsoDate(c.effective)},
                       {"expires_on", core::FormatIsoDate(c.expires)},
                       {"bar_ends", core::FormatIsoDate(w.bar_ends)},
                       {"opens", core::FormatIsoDate(w.window_opens)},
                       {"closes", core::FormatIsoDate(w.window_closes)},
                       {"insulated_from", core::FormatIsoDate(w.insulated_from)},
                       {"open_now", w.window_opens <= as_of && as_of <= w.window_closes}});
  }
  return json{{"as_of", core::FormatIsoDate(as_of)},
              {"in_force", in_force},
              {"earliest_petition_date", DateOrNull(*earliest)},
              {"earliest_unknown", !earliest->has_value()},
              {"contract_windows", windows}};
}

Result<std::vector<DeadlineItem>> CampaignDeadlines(store::Tx& tx, const store::Scope& scope,
                                                    const store::OrgKeys& keys, const std::string& campaign_id,
                                                    core::Date as_of, core::Date from, bool cemex_enabled,
                                                    const DeadlineFilter& filter) {
  std::vector<DeadlineItem> out;
  auto add = [&](DeadlineItem d) {
    if (d.date >= from) out.push_back(std::move(d));
  };
  Result<std::vector<store::Unit>> units = store::WorkplaceRepo(tx, scope, keys).ListUnits(campaign_id);
  if (!units) return units.error();
  store::ElectionRepo elections(tx, scope, keys);
  store::ChargeRepo charges(tx, scope, keys);
  for (const store::Unit& u : *units) {
    if (!filter.elections({campaign_id, u.id})) continue;
    Result<std::vector<store::Petition>> petitions = elections.PetitionsOfUnit(u.id);
    if (!petitions) return petitions.error();
    Result<std::vector<store::Election>> attempts = elections.ElectionsOfUnit(u.id);
    if (!attempts) return attempts.error();
    auto base = [&](const char* kind, core::Date date, const std::string& case_number, const char* type,
                    const std::string& id) {
      DeadlineItem d;
      d.kind = kind;
      d.date = date;
      d.unit_id = u.id;
      d.unit_name = u.name;
      d.case_number = case_number;
      d.target_type = type;
      d.target_id = id;
      return d;
    };
    for (const store::Election& e : *attempts) {
      const store::Petition* p = nullptr;
      for (const auto& x : *petitions) {
        if (x.id == e.petition_id) p = &x;
      }
      if (!p) continue;
      json t = TimelineJson(e, *p);
      if (t.is_object() && t.value("rule", "") == "2023") {
        for (const char* k : {"hearing_opens", "statement_of_position_due", "voter_list_due", "objections_due"}) {
          // Deadlines that ran from an event already past their use are
          // still listed: the view is the case's calendar.
          if (t[k].is_string()) {
            if (std::optional<core::Date> d = Parse(t[k].get<std::string>())) add(base(k, *d, p->case_number, "election", e.id));
          }
        }
      }
      if (std::optional<core::Date> d = Parse(e.election_on)) add(base("election_day", *d, p->case_number, "election", e.id));
    }
    Result<std::vector<store::Agreement>> agreements = store::AgreementRepo(tx, scope, keys).OfUnit(u.id);
    if (!agreements) return agreements.error();
    Result<std::vector<store::Charge>> blocking = charges.OpenBlockingOfUnit(u.id);
    if (!blocking) return blocking.error();
    core::UnitHistory h = HistoryOf(*attempts, *agreements, *blocking);
    Result<std::vector<core::Bar>> bars = core::AllBars(h);
    if (!bars) return bars.error();
    for (const core::Bar& b : *bars) {
      if (b.kind == core::BarKind::kBlockingCharge) continue;  // delays an election; no date of its own
      if (b.ends_on) {
        DeadlineItem d = base("bar_ends", *b.ends_on, "", "unit", u.id);
        d.detail = core::BarKindCode(b.kind);
        add(d);
      }
      if (b.kind == core::BarKind::kElectionBar && b.petition_allowed_from) {
        DeadlineItem d = base("petition_allowed_from", *b.petition_allowed_from, "", "unit", u.id);
        d.detail = core::BarKindCode(b.kind);
        add(d);
      }
    }
    for (const store::Agreement& a : *agreements) {
      std::optional<core::Date> eff = Parse(a.effective_on), exp = Parse(a.expires_on);
      if (a.kind != "contract" || !eff || !exp || !a.written_and_signed) continue;
      core::ContractWindow w = core::ContractWindowFor({*eff, *exp, true}, h.health_care);
      add(base("contract_window_opens", w.window_opens, "", "agreement", a.id));
      add(base("contract_window_closes", w.window_closes, "", "agreement", a.id));
    }
    if (cemex_enabled) {
      Result<std::vector<store::CemexDemand>> demands = store::CemexRepo(tx, scope, keys).OfUnit(u.id);
      if (!demands) return demands.error();
      for (const store::CemexDemand& dm : *demands) {
        json c = CemexJson(dm, as_of, false);
        if (!c.contains("clock") || !c["clock"].is_object()) continue;
        if (c["clock"]["status"] != "running") continue;
        if (std::optional<core::Date> d = Parse(c["clock"]["rm_petition_due"].get<std::string>())) {
          add(base("cemex_rm_petition_due", *d, "", "cemex_demand", dm.id));
        }
      }
    }
  }
  Result<std::vector<store::Charge>> all = charges.OfCampaign(campaign_id);
  if (!all) return all.error();
  for (const store::Charge& c : *all) {
    if (!filter.charges({campaign_id, c.unit_id}, !c.person_id.empty())) continue;
    if (!c.filed_on.empty() && !c.served_on.empty()) continue;  // R15 met: nothing left to do
    std::optional<core::Date> on = Parse(c.conduct_on);
    if (!on) continue;
    DeadlineItem d;
    d.kind = "ten_b";
    d.date = core::TenBLastDay(*on);
    d.unit_id = c.unit_id;
    for (const store::Unit& u : *units) {
      if (u.id == c.unit_id) d.unit_name = u.name;
    }
    d.case_number = c.case_number;
    d.target_type = "charge";
    d.target_id = c.id;
    add(d);
  }
  std::stable_sort(out.begin(), out.end(), [](const DeadlineItem& a, const DeadlineItem& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.kind < b.kind;
  });
  return out;
}

json DeadlineJson(const DeadlineItem& d, const std::string& campaign_id, core::Date as_of) {
  int64_t left = core::DaysFrom(as_of, d.date).count();
  return {{"kind", d.kind},
          {"date", core::FormatIsoDate(d.date)},
          {"days_left", left},
          {"warning", core::DeadlineWarningCode(core::WarningForDaysLeft(left))},
          {"campaign_id", campaign_id},
          {"unit_id", d.unit_id.empty() ? json(nullptr) : json(d.unit_id)},
          {"unit_name", d.unit_name},
          {"case_number", d.case_number},
          {"detail", d.detail.empty() ? json(nullptr) : json(d.detail)},
          {"target", {{"type", d.target_type}, {"id", d.target_id}}}};
}

}  // namespace hotshop::api
