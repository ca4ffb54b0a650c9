// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/unit_views.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/assessment.h"
#include "core/committee_coverage.h"
#include "core/filing_readiness.h"
#include "core/iso_date.h"
#include "core/showing_of_interest.h"
#include "core/small_cells.h"
#include "core/structure_test.h"
#include "core/wall_chart.h"

namespace hotshop::api {
namespace {

using nlohmann::json;
using namespace std::chrono;

json Count(int64_t n, bool suppress) { return suppress ? json(core::SuppressedCount(n)) : json(n); }

// floor(100 x part / whole); null when there is no base, or (suppressed) a
// base small enough to single people out.
json Share(int64_t part, int64_t whole, bool suppress) {
  if (whole <= 0 || (suppress && whole < core::kSmallCellThreshold)) return nullptr;
  return part * 100 / whole;
}

json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The effective assessment of one worker (R18), and when it was made.
struct Effective {
  int64_t level = core::kNotAssessed;
  std::optional<int64_t> at_ms;
  std::string by;
  bool by_rule = false;
};

Result<Effective> EffectiveOf(const std::vector<store::RosterAssessment>& history, const core::AssessmentScale& scale,
                              size_t prefix) {
  std::vector<core::AssessmentRecord> records;
  records.reserve(prefix);
  for (size_t i = 0; i < prefix; ++i) records.push_back(history[i].record);
  Result<std::optional<size_t>> e = core::EffectiveAssessment(records, scale);
  if (!e) return e.error();
  Effective out;
  if (!*e) return out;
  const store::RosterAssessment& a = history[**e];
  out.level = a.record.value;
  out.at_ms = a.at_ms;
  out.by = a.record.by_user;
  out.by_rule = a.record.source == core::AssessmentSource::kRule;
  return out;
}

Result<Effective> EffectiveNow(const store::UnitRoster& r, const std::string& person, const core::AssessmentScale& scale) {
  auto it = r.assessments.find(person);
  if (it == r.assessments.end()) return Effective{};
  return EffectiveOf(it->second, scale, it->second.size());
}

const char* CardStatusName(core::CardStatus s) {
  switch (s) {
    case core::CardStatus::kCounts: return "counts";
    case core::CardStatus::kCountsStale: return "counts_stale";
    case core::CardStatus::kUndated: return "undated";
    case core::CardStatus::kUnsigned: return "unsigned";
    case core::CardStatus::kFutureDated: return "future_dated";
    case core::CardStatus::kRevoked: return "revoked";
    case core::CardStatus::kSuperseded: return "superseded";
  }
  return "undated";
}

bool Counts(core::CardStatus s) { return s == core::CardStatus::kCounts || s == core::CardStatus::kCountsStale; }

// Each card's status as of today among the given cards (R2, R3).
Result<std::vector<core::CardStatus>> Classify(const std::vector<store::CardRecord>& cards, core::Date today) {
  std::string as_of = core::FormatIsoDate(today);
  std::vector<core::Card> core_cards;
  core_cards.reserve(cards.size());
  for (const auto& c : cards) core_cards.push_back(store::ToCoreCard(c, as_of));
  return core::ClassifyCards(core_cards, today);
}

// Per person: the card that counts, else their newest card.
struct PersonCard {
  const store::CardRecord* card = nullptr;
  core::CardStatus status = core::CardStatus::kUndated;
};

Result<std::map<std::string, PersonCard>> CardsByPerson(const std::vector<store::CardRecord>& cards, core::Date today) {
  Result<std::vector<core::CardStatus>> st = Classify(cards, today);
  if (!st) return st.error();
  std::map<std::string, PersonCard> out;
  for (size_t i = 0; i < cards.size(); ++i) {
    PersonCard& pc = out[cards[i].person_id];
    bool take = !pc.card || Counts((*st)[i]) || (!Counts(pc.status) && cards[i].signed_on >= pc.card->signed_on);
    if (take) pc = PersonCard{&cards[i], (*st)[i]};
  }
  return out;
}

// The unit's members for the counts: non-supervisors on the chart.
std::vector<const store::RosterWorker*> Members(const store::UnitRoster& r) {
  std::vector<const store::RosterWorker*> out;
  for (const auto& w : r.workers) {
    if (!w.supervisor) out.push_back(&w);
  }
  return out;
}

int64_t UnitSize(const store::UnitRoster& r, size_t members) {
  int64_t chart = static_cast<int64_t>(members);
  return r.unit.size_override ? std::max<int64_t>(*r.unit.size_override, 0) : chart;
}

// Entered size beyond the chart: that many unknown workers (see header).
int64_t Padding(const store::UnitRoster& r, size_t members) {
  return std::max<int64_t>(0, UnitSize(r, members) - static_cast<int64_t>(members));
}

json SupportCountsJson(const core::SupportCounts& c, bool suppress) {
  json levels = json::array();
  for (int64_t n : c.by_level) levels.push_back(Count(n, suppress));
  return {{"workers", Count(c.workers, suppress)},
          {"assessed", Count(c.assessed, suppress)},
          {"supporters", Count(c.supporters, suppress)},
          {"percent", Share(c.supporters, c.workers, suppress)},
          {"by_level", levels}};
}

const char* AreaKindName(core::AreaKind k) {
  switch (k) {
    case core::AreaKind::kUnit: return "unit";
    case core::AreaKind::kDepartment: return "department";
    case core::AreaKind::kShift: return "shift";
    case core::AreaKind::kDepartmentShift: return "department_shift";
  }
  return "unit";
}

json AreaJson(const core::AreaCoverage& a, bool suppress) {
  return {{"kind", AreaKindName(a.kind)},       {"department", OptText(a.department)},
          {"shift", OptText(a.shift)},          {"workers", Count(a.workers, suppress)},
          {"members", Count(a.members, suppress)}, {"needed", a.needed},
          {"short_by", a.short_by}};
}

json CriterionJson(const core::Criterion& c, bool suppress) {
  return {{"met", c.met}, {"have", Count(c.have, suppress)}, {"need", c.need}};
}

// The last day of the month `back` months before today's, or today itself.
core::Date TrendPoint(core::Date today, int back) {
  if (back == 0) return today;
  year_month ym = year_month{today.year(), today.month()} - months{back};
  return core::Date{year_month_day_last{ym.year(), month_day_last{ym.month()}}};
}

}  // namespace

json ScaleJson(const store::Scale& s) {
  return {{"id", s.id},
          {"campaign_id", OptText(s.campaign_id)},
          {"name", s.name},
          {"max_level", s.scale.max_level},
          {"labels", s.scale.labels},
          {"support_levels", s.scale.support_levels},
          {"rules", {{std::string(core::FactName(core::AssessmentFact::kCardSigned)), s.rules.card_signed ? json(*s.rules.card_signed) : json(nullptr)},
                     {std::string(core::FactName(core::AssessmentFact::kTookPartInTest)),
                      s.rules.took_part_in_test ? json(*s.rules.took_part_in_test) : json(nullptr)}}},
          {"is_default", s.is_default},
          {"version", s.version}};
}

Result<json> ChartJson(const store::UnitRoster& r, const store::Scale& scale, core::Date today) {
  Result<std::map<std::string, PersonCard>> cards = CardsByPerson(r.cards, today);
  if (!cards) return cards.error();
  std::map<std::string, std::string> names;
  for (const auto& w : r.workers) names[w.person_id] = w.name;
  std::vector<core::WallChartRow> rows;
  std::vector<json> extra;
  for (const auto& w : r.workers) {
    Result<Effective> eff = EffectiveNow(r, w.person_id, scale.scale);
    if (!eff) return eff.error();
    core::WallChartRow row;
    row.person_id = w.person_id;
    row.name = w.name;
    row.department = w.department;
    row.location = w.worksite;
    row.shift = w.shift;
    row.employment = w.employment_type == "full_time"   ? core::EmploymentType::kFullTime
                     : w.employment_type == "part_time" ? core::EmploymentType::kPartTime
                                                        : core::EmploymentType::kUnknown;
    auto pc = cards->find(w.person_id);
    bool signed_card = pc != cards->end() && Counts(pc->second.status);
    row.card_signed = signed_card;
    if (signed_card) row.card_signed_on = core::ParseIsoDate(pc->second.card->signed_on, "signed_on").value();
    auto cm = r.committee.find(w.person_id);
    row.role = cm == r.committee.end()        ? core::CommitteeRole::kNone
               : cm->second == "helper"       ? core::CommitteeRole::kHelper
                                              : core::CommitteeRole::kCommittee;
    row.rating = eff->level;
    row.cell_phone = w.phone;
    row.personal_email = w.email;
    if (auto l = r.last_contacts.find(w.person_id); l != r.last_contacts.end()) {
      row.last_contact_on = core::UtcDateOfMillis(l->second.at_ms);
      row.last_contact_by = l->second.by;
    }
    rows.push_back(row);
    json connections = json::array();
    for (const auto& c : r.connections) {
      if (c.person_id != w.person_id && c.other_person_id != w.person_id) continue;
      bool mine = c.person_id == w.person_id;
      const std::string& other = mine ? c.other_person_id : c.person_id;
      std::string direction = c.kind != store::ConnectionKind::kInfluences ? "mutual" : mine ? "influences" : "influenced_by";
      connections.push_back({{"id", c.id}, {"person_id", other}, {"name", names[other]},
                             {"kind", store::ConnectionKindName(c.kind)}, {"direction", direction}});
    }
    auto lc = r.last_contacts.find(w.person_id);
    const auto& labels = scale.scale.labels;
    extra.push_back({
        {"person_id", w.person_id},
        {"name", w.name},
        {"department", OptText(w.department)},
        {"location", OptText(w.worksite)},
        {"shift", OptText(w.shift)},
        {"job_class", OptText(w.job_class)},
        {"employment", w.employment_type},
        {"supervisor", w.supervisor},
        {"started_on", OptText(w.started_on)},
        {"card_signed", signed_card},
        {"card_signed_on", signed_card ? json(pc->second.card->signed_on) : json(nullptr)},
        {"card_status", pc == cards->end() ? json(nullptr) : json(CardStatusName(pc->second.status))},
        // R3: stale cards still count; the organizer is prompted to re-sign.
        {"resign_prompt", pc != cards->end() && pc->second.status == core::CardStatus::kCountsStale},
        {"committee_role", cm == r.committee.end() ? json(nullptr) : json(cm->second)},
        {"rating", eff->level},
        {"rating_label", eff->level >= 0 && static_cast<size_t>(eff->level) < labels.size() ? json(labels[eff->level])
                                                                                             : json(nullptr)},
        {"assessed_on", eff->at_ms ? json(core::FormatIsoDate(core::UtcDateOfMillis(*eff->at_ms))) : json(nullptr)},
        {"assessed_by", eff->at_ms ? json(eff->by) : json(nullptr)},
        {"assessed_by_rule", eff->by_rule},
        {"assessment_version", AssessmentHistoryVersion(r.assessments.count(w.person_id)
                                                            ? r.assessments.at(w.person_id).size()
                                                            : 0)},
        // R19: the newest human assessment or note (store::LastContact).
        {"last_contact_on", lc == r.last_contacts.end() ? json(nullptr)
                                                        : json(core::FormatIsoDate(core::UtcDateOfMillis(lc->second.at_ms)))},
        {"last_contact_by", lc == r.last_contacts.end() ? json(nullptr) : json(lc->second.by)},
        {"home_phone", nullptr},
        {"cell_phone", OptText(w.phone)},
        {"personal_email", OptText(w.email)},
        {"preferred_language", OptText(w.preferred_language)},
        {"connections", connections},
    });
  }
  json columns = json::array();
  for (core::WallChartColumn c : core::WallChartColumns()) columns.push_back(core::WallChartColumnCode(c));
  json departments = json::array();
  for (const core::DepartmentGroup& d : core::GroupWallChart(rows)) {
    json shifts = json::array();
    for (const core::ShiftGroup& s : d.shifts) {
      json list = json::array();
      for (size_t i : s.rows) list.push_back(extra[i]);
      shifts.push_back({{"shift", OptText(s.shift)}, {"rows", list}});
    }
    departments.push_back({{"department", OptText(d.department)}, {"shifts", shifts}});
  }
  return json{{"unit", {{"id", r.unit.id}, {"name", r.unit.name}, {"campaign_id", r.unit.campaign_id}}},
              {"as_of", core::FormatIsoDate(today)},
              {"scale", ScaleJson(scale)},
              {"columns", columns},
              {"workers", r.workers.size()},
              {"departments", departments}};
}

Result<json> MetersJson(const store::UnitRoster& r, const store::Scale& scale, core::Date today, bool suppress) {
  std::vector<const store::RosterWorker*> members = Members(r);
  const int64_t size = UnitSize(r, members.size());
  const int64_t padding = Padding(r, members.size());
  json out = {{"unit", {{"id", r.unit.id}, {"name", r.unit.name}}},
              {"as_of", core::FormatIsoDate(today)},
              {"scale_id", scale.id},
              {"unit_size", Count(size, suppress)},
              {"size_source", r.unit.size_override ? "entered" : "chart"},
              {"on_chart", Count(static_cast<int64_t>(members.size()), suppress)},
              {"supervisors_excluded", Count(static_cast<int64_t>(r.workers.size() - members.size()), suppress)},
              {"suppressed_below", suppress ? json(core::kSmallCellThreshold) : json(nullptr)}};
  if (size <= 0) {
    out["empty"] = true;  // nothing to count until workers are charted or a size entered
    return out;
  }
  out["empty"] = false;

  // Cards of the unit's members (R1-R4); counts only.
  std::set<std::string> ids;
  for (const auto* w : members) ids.insert(w->person_id);
  std::vector<store::CardRecord> member_cards;
  for (const auto& c : r.cards) {
    if (ids.count(c.person_id)) member_cards.push_back(c);
  }
  std::string as_of = core::FormatIsoDate(today);
  std::vector<core::Card> core_cards;
  for (const auto& c : member_cards) core_cards.push_back(store::ToCoreCard(c, as_of));
  Result<core::Showing> showing = core::TallyShowing(core_cards, size, today);
  if (!showing) return showing.error();
  Result<std::map<std::string, PersonCard>> by_person = CardsByPerson(member_cards, today);
  if (!by_person) return by_person.error();
  out["showing"] = {{"required", showing->required},
                    {"counted", Count(showing->counted, suppress)},
                    {"stale", Count(showing->stale, suppress)},
                    {"rejected_undated", Count(showing->undated_rejected, suppress)},
                    {"rejected_unsigned", Count(showing->unsigned_rejected, suppress)},
                    {"rejected_future_dated", Count(showing->future_dated_rejected, suppress)},
                    {"revoked", Count(showing->revoked, suppress)},
                    {"percent", Share(showing->counted, size, suppress)},
                    {"met", core::MeetsShowing(*showing)}};
  int64_t majority = size / 2 + 1;
  out["majority"] = {{"need", majority}, {"have", Count(showing->counted, suppress)},
                     {"met", showing->counted >= majority}};

  // Per worker: effective level (R18), card, committee; padded to the size.
  std::vector<core::AssessedWorker> assessed;
  std::vector<core::ReadinessWorker> readiness;
  std::vector<core::CoverageWorker> coverage;
  for (const auto& w : r.workers) {
    // R20 counts organizing-committee members; helpers are shown on the
    // chart but are not the committee.
    auto role = r.committee.find(w.person_id);
    bool on_committee = role != r.committee.end() && role->second == "committee";
    if (w.supervisor) {
      // R20: listed so a supervisor on the committee is reported, never counted.
      coverage.push_back({w.person_id, w.department, w.shift, on_committee, true});
      continue;
    }
    Result<Effective> eff = EffectiveNow(r, w.person_id, scale.scale);
    if (!eff) return eff.error();
    assessed.push_back({w.department, w.shift, eff->level});
    core::ReadinessWorker rw;
    rw.department = w.department;
    auto pc = by_person->find(w.person_id);
    rw.card_counts = pc != by_person->end() && Counts(pc->second.status);
    rw.supportive = eff->level != core::kNotAssessed && core::CountsAsSupport(scale.scale, eff->level);
    if (eff->at_ms) rw.last_assessed = core::UtcDateOfMillis(*eff->at_ms);
    rw.on_committee = on_committee;
    readiness.push_back(rw);
    coverage.push_back({w.person_id, w.department, w.shift, on_committee, false});
  }
  for (int64_t i = 0; i < padding; ++i) {
    assessed.push_back({"", "", core::kNotAssessed});
    readiness.push_back(core::ReadinessWorker{});
    coverage.push_back({"unrecorded-" + std::to_string(i), "", "", false, false});
  }
  if (assessed.empty()) {
    out["empty"] = true;
    return out;
  }

  core::ReadinessThresholds th;
  th.card_percent = r.unit.card_percent;
  th.support_percent = r.unit.support_percent;
  th.committee_percent = r.unit.committee_percent;
  Result<core::FilingReadiness> ready = core::AssessFilingReadiness(readiness, today, th);
  if (!ready) return ready.error();
  out["readiness"] = {{"ready", ready->ready},
                      {"cards_signed", Count(ready->cards_signed, suppress)},
                      {"cards", CriterionJson(ready->cards, suppress)},
                      {"support", CriterionJson(ready->support, suppress)},
                      {"committee_size", CriterionJson(ready->committee_size, suppress)},
                      {"committee_spread", CriterionJson(ready->committee_spread, suppress)},
                      {"departments_without_committee", ready->departments_without_committee},
                      {"thresholds",
                       {{"card_percent", th.card_percent},
                        {"support_percent", th.support_percent},
                        {"committee_percent", th.committee_percent},
                        {"reassessed_within_days", th.reassessed_within.count()}}}};

  Result<core::SupportReport> support = core::SupportByGroup(assessed, scale.scale);
  if (!support) return support.error();
  auto groups = [&](const std::vector<core::GroupSupport>& gs) {
    json list = json::array();
    for (const auto& g : gs) {
      json j = SupportCountsJson(g.counts, suppress);
      j["department"] = OptText(g.department);
      j["shift"] = OptText(g.shift);
      list.push_back(j);
    }
    return list;
  };
  out["support"] = {{"unit", SupportCountsJson(support->unit, suppress)},
                    {"by_department", groups(support->by_department)},
                    {"by_shift", groups(support->by_shift)},
                    {"by_department_shift", groups(support->by_department_shift)}};

  Result<core::CommitteeCoverage> cov = core::CheckCommitteeCoverage(coverage);
  if (cov) {
    json areas = json::array(), uncovered = json::array();
    for (const auto& a : cov->areas) areas.push_back(AreaJson(a, suppress));
    for (const auto& a : cov->uncovered) uncovered.push_back(AreaJson(a, suppress));
    out["committee"] = {{"unit", AreaJson(cov->unit, suppress)},
                        {"areas", areas},
                        {"uncovered", uncovered},
                        // A count, never who: the staff chart shows the flag.
                        {"supervisors_on_committee", cov->supervisors_on_committee.size()}};
  } else {
    out["committee"] = nullptr;
  }

  // Support share at the end of each of the last 12 months, and today, over
  // today's members: who moved, not who was hired.
  json trend = json::array();
  for (int back = 12; back >= 0; --back) {
    core::Date point = TrendPoint(today, back);
    int64_t cutoff_ms = core::MillisAtUtcMidnight(core::AddDays(point, days{1}));
    int64_t supporters = 0;
    for (const auto* w : members) {
      auto it = r.assessments.find(w->person_id);
      if (it == r.assessments.end()) continue;
      size_t prefix = 0;
      while (prefix < it->second.size() && it->second[prefix].at_ms < cutoff_ms) ++prefix;
      Result<Effective> eff = EffectiveOf(it->second, scale.scale, prefix);
      if (!eff) return eff.error();
      if (eff->level != core::kNotAssessed && core::CountsAsSupport(scale.scale, eff->level)) ++supporters;
    }
    trend.push_back({{"on", core::FormatIsoDate(point)},
                     {"supporters", Count(supporters, suppress)},
                     {"percent", Share(supporters, size, suppress)}});
  }
  out["trend"] = trend;
  return out;
}

Result<RollupQuery> ParseRollupQuery(const std::optional<std::string>& region, const std::optional<std::string>& sort,
                                     const std::optional<std::string>& order) {
  RollupQuery q;
  if (region) {
    if (region->size() > 200) return Error::InvalidInput("region", "region is too long");
    q.region = *region;
  }
  if (sort) {
    static const std::set<std::string> kSorts = {"name", "region", "workers", "support", "cards"};
    if (!kSorts.count(*sort)) return Error::InvalidInput("sort", "sort must be name, region, workers, support or cards");
    q.sort = *sort;
  }
  if (order) {
    if (*order != "asc" && *order != "desc") return Error::InvalidInput("order", "order must be asc or desc");
    q.descending = *order == "desc";
  }
  return q;
}

Result<json> RollupJson(const store::EmployerRollupData& d, const store::Scale& scale, core::Date today,
                        const RollupQuery& q, bool suppress) {
  struct Shop {
    const store::RollupSite* site;
    int64_t workers = 0, supporters = 0, cards = 0, assessed = 0, committee = 0;
    const store::LastContact* last = nullptr;  // R19: the shop's latest contact
  };
  std::map<std::string, Shop> shops;
  std::set<std::string> regions;
  for (const auto& s : d.sites) {
    regions.insert(s.site.region);
    if (q.region.empty() || s.site.region == q.region) shops[s.site.id] = Shop{&s};
  }
  // Every card of the employer's units at once: a person counts once (R1).
  std::vector<store::CardRecord> all_cards;
  for (const auto& [person, cs] : d.cards) all_cards.insert(all_cards.end(), cs.begin(), cs.end());
  Result<std::map<std::string, PersonCard>> by_person = CardsByPerson(all_cards, today);
  if (!by_person) return by_person.error();
  for (const auto& w : d.workers) {
    auto it = shops.find(w.worksite_id);
    if (it == shops.end() || w.supervisor) continue;
    Shop& shop = it->second;
    ++shop.workers;
    auto a = d.assessments.find(w.person_id);
    if (a != d.assessments.end()) {
      Result<std::optional<size_t>> e = core::EffectiveAssessment(a->second, scale.scale);
      if (!e) return e.error();
      if (*e) {
        int64_t level = a->second[**e].value;
        // R18: 0 is "not assessed", neither assessed nor support.
        if (level != core::kNotAssessed) ++shop.assessed;
        if (level != core::kNotAssessed && core::CountsAsSupport(scale.scale, level)) ++shop.supporters;
      }
    }
    auto c = by_person->find(w.person_id);
    if (c != by_person->end() && Counts(c->second.status)) ++shop.cards;
    if (d.committee.count(w.person_id)) ++shop.committee;
    auto lc = d.last_contacts.find(w.person_id);
    if (lc != d.last_contacts.end() && (!shop.last || lc->second.at_ms > shop.last->at_ms)) shop.last = &lc->second;
  }
  std::vector<const Shop*> list;
  for (const auto& [id, s] : shops) list.push_back(&s);
  auto key_less = [&](const Shop* a, const Shop* b) {
    auto pct = [](int64_t part, int64_t whole) { return whole ? part * 10000 / whole : -1; };
    if (q.sort == "workers" && a->workers != b->workers) return a->workers < b->workers;
    if (q.sort == "support") {
      int64_t x = pct(a->supporters, a->workers), y = pct(b->supporters, b->workers);
      if (x != y) return x < y;
    }
    if (q.sort == "cards") {
      int64_t x = pct(a->cards, a->workers), y = pct(b->cards, b->workers);
      if (x != y) return x < y;
    }
    if (q.sort == "region" && a->site->site.region != b->site->site.region) {
      return a->site->site.region < b->site->site.region;
    }
    if (a->site->site.name != b->site->site.name) return a->site->site.name < b->site->site.name;
    return a->site->site.id < b->site->site.id;
  };
  std::sort(list.begin(), list.end(), [&](const Shop* a, const Shop* b) {
    return q.descending ? key_less(b, a) : key_less(a, b);
  });
  json rows = json::array();
  int64_t workers = 0, supporters = 0, cards = 0, assessed = 0, committee = 0;
  // R20: one committee member per 10 workers.
  auto committee_needed = [](int64_t n) { return (n + 9) / 10; };
  for (const Shop* s : list) {
    workers += s->workers;
    supporters += s->supporters;
    cards += s->cards;
    assessed += s->assessed;
    committee += s->committee;
    rows.push_back({{"worksite_id", s->site->site.id},
                    {"name", s->site->site.name},
                    {"region", OptText(s->site->site.region)},
                    {"time_zone", OptText(s->site->site.time_zone)},
                    {"units", s->site->unit_names},
                    {"workers", Count(s->workers, suppress)},
                    {"supporters", Count(s->supporters, suppress)},
                    {"support_percent", Share(s->supporters, s->workers, suppress)},
                    {"cards", Count(s->cards, suppress)},
                    {"card_percent", Share(s->cards, s->workers, suppress)},
                    {"assessed", Count(s->assessed, suppress)},
                    {"assessed_percent", Share(s->assessed, s->workers, suppress)},
                    {"committee", Count(s->committee, suppress)},
                    {"committee_needed", committee_needed(s->workers)},
                    {"committee_covered", s->committee >= committee_needed(s->workers)},
                    // R19: the newest human assessment or note on any of the
                    // shop's workers; who made it only for those who may
                    // see the unit's people.
                    {"last_contact_on", s->last ? json(core::FormatIsoDate(core::UtcDateOfMillis(s->last->at_ms)))
                                                : json(nullptr)},
                    {"last_contact_by", s->last && !suppress ? json(s->last->by) : json(nullptr)}});
  }
  json region_list = json::array();
  for (const auto& r : regions) {
    if (!r.empty()) region_list.push_back(r);
  }
  return json{{"employer", {{"id", d.employer.id}, {"name", d.employer.name}}},
              {"as_of", core::FormatIsoDate(today)},
              {"scale_id", scale.id},
              {"region", OptText(q.region)},
              {"sort", q.sort},
              {"order", q.descending ? "desc" : "asc"},
              {"regions", region_list},
              {"totals",
               {{"shops", rows.size()},
                {"workers", Count(workers, suppress)},
                {"supporters", Count(supporters, suppress)},
                {"support_percent", Share(supporters, workers, suppress)},
                {"cards", Count(cards, suppress)},
                {"card_percent", Share(cards, workers, suppress)},
                {"assessed", Count(assessed, suppress)},
                {"assessed_percent", Share(assessed, workers, suppress)},
                {"committee", Count(committee, suppress)}}},
              {"suppressed_below", suppress ? json(core::kSmallCellThreshold) : json(nullptr)},
              {"shops", rows}};
}

Result<json> CardsJson(const store::UnitRoster& r, const std::vector<store::CardRecord>& cards, core::Date today) {
  Result<std::vector<core::CardStatus>> st = Classify(cards, today);
  if (!st) return st.error();
  std::map<std::string, std::string> names;
  std::set<std::string> members;
  for (const auto& w : r.workers) {
    names[w.person_id] = w.name;
    if (!w.supervisor) members.insert(w.person_id);
  }
  json list = json::array();
  std::vector<core::Card> member_cards;
  std::string as_of = core::FormatIsoDate(today);
  for (size_t i = 0; i < cards.size(); ++i) {
    const auto& c = cards[i];
    bool on_chart = names.count(c.person_id) > 0;
    if (members.count(c.person_id)) member_cards.push_back(store::ToCoreCard(c, as_of));
    list.push_back({{"id", c.id},
                    {"person_id", c.person_id},
                    {"name", on_chart ? json(names[c.person_id]) : json(nullptr)},
                    {"on_chart", on_chart},
                    {"signed_on", c.signed_on},
                    {"method", c.method},
                    {"signed_at", c.signed_at_ms ? json(core::FormatUtcInstant(*c.signed_at_ms)) : json(nullptr)},
                    {"evidence_hash", OptText(c.evidence_hash)},
                    {"has_signature", c.has_signature},
                    {"revoked_on", OptText(c.revoked_on)},
                    {"note", OptText(c.note)},
                    {"status", CardStatusName((*st)[i])},
                    {"resign_prompt", (*st)[i] == core::CardStatus::kCountsStale},
                    {"version", c.version}});
  }
  int64_t size = UnitSize(r, members.size());
  json showing = nullptr;
  if (size > 0) {
    Result<core::Showing> s = core::TallyShowing(member_cards, size, today);
    if (!s) return s.error();
    showing = {{"unit_size", s->unit_size}, {"required", s->required}, {"counted", s->counted},
               {"stale", s->stale},         {"met", core::MeetsShowing(*s)}};
  }
  return json{{"unit", {{"id", r.unit.id}, {"name", r.unit.name}}},
              {"as_of", as_of},
              {"cards", list},
              {"showing", showing}};
}

namespace {

// The roster a test is scored on: the unit on the test's day (history, R21;
// without one, the unit's members now), plus anyone recorded on the test
// who is not on it (counted where they stood: no department or shift known).
std::vector<core::TestParticipant> TestRoster(const store::UnitRoster& r, const TestWithParticipation& t,
                                              const std::vector<core::RosterSpan>* history, core::Date held_on) {
  std::map<std::string, const store::Participation*> took;
  for (const auto& p : t.participation) took[p.person_id] = &p;
  std::vector<core::TestParticipant> base;
  if (history) {
    base = core::RosterOn(*history, held_on);  // RULE R21: the unit on the test's day
  } else {
    for (const auto& w : r.workers) {
      if (!w.supervisor) base.push_back({w.person_id, w.department, w.shift, w.preferred_language, "", false});
    }
  }
  std::vector<core::TestParticipant> out;
  std::set<std::string> seen;
  for (auto& p : base) {
    auto it = took.find(p.person_id);
    if (it != took.end()) {
      p.entrance = it->second->entrance;
      p.participated = it->second->participated;
    }
    seen.insert(p.person_id);
    out.push_back(std::move(p));
  }
  for (const auto& p : t.participation) {
    if (!seen.count(p.person_id)) out.push_back({p.person_id, "", "", "", p.entrance, p.participated});
  }
  return out;
}

json GroupJson(const core::GroupResult& g, bool suppress) {
  return {{"kind", store::TestGroupKindName(g.kind)}, {"name", OptText(g.name)},
          {"members", Count(g.members, suppress)},    {"participated", Count(g.participated, suppress)},
          {"target", g.target},                       {"percent", Share(g.participated, g.members, suppress)},
          {"met", g.met}};
}

}  // namespace

Result<json> StructureTestsJson(const store::UnitRoster& r, const std::vector<TestWithParticipation>& tests,
                                bool suppress, const std::vector<core::RosterSpan>* history) {
  json list = json::array();
  std::vector<core::StructureTestResult> scored;
  for (const auto& t : tests) {
    json targets = json::array();
    for (const auto& x : t.test.targets) {
      targets.push_back({{"kind", store::TestGroupKindName(x.kind)}, {"name", x.name}, {"percent", x.percent}});
    }
    json item = {{"id", t.test.id},          {"kind", store::StructureTestKindName(t.test.kind)},
                 {"name", t.test.name},      {"held_on", t.test.held_on},
                 {"target_percent", t.test.target_percent}, {"targets", targets},
                 {"version", t.test.version}, {"result", nullptr}};
    core::StructureTest st;
    st.kind = t.test.kind;
    Result<core::Date> held = core::ParseIsoDate(t.test.held_on, "held_on");
    if (!held) return held.error();
    st.held_on = *held;
    st.target_percent = t.test.target_percent;
    st.roster = TestRoster(r, t, history, *held);
    // A target for a group nobody on the roster is in cannot be scored; it
    // is listed instead of failing the whole view.
    json unscored = json::array();
    for (const auto& x : t.test.targets) {
      bool present = std::any_of(st.roster.begin(), st.roster.end(), [&](const core::TestParticipant& p) {
        const std::string& v = x.kind == core::TestGroupKind::kDepartment ? p.department
                               : x.kind == core::TestGroupKind::kShift    ? p.shift
                               : x.kind == core::TestGroupKind::kLanguage ? p.language
                                                                          : p.entrance;
        return v == x.name;
      });
      if (present) st.overrides.push_back({x.kind, x.name, x.percent});
      else unscored.push_back({{"kind", store::TestGroupKindName(x.kind)}, {"name", x.name}});
    }
    item["targets_without_members"] = unscored;
    if (!st.roster.empty()) {
      Result<core::StructureTestResult> res = core::ScoreStructureTest(st);
      if (!res) return res.error();
      json groups = json::array(), uncovered = json::array();
      for (const auto& g : res->groups) groups.push_back(GroupJson(g, suppress));
      for (const auto& g : core::UncoveredGroups(*res)) uncovered.push_back(GroupJson(g, suppress));
      item["result"] = {{"met", res->met}, {"unit", GroupJson(res->unit, suppress)}, {"groups", groups},
                        {"uncovered", uncovered}};
      scored.push_back(*res);
    }
    list.push_back(item);
  }
  json trend = json::array();
  for (const auto& p : core::Trend(scored)) {
    trend.push_back({{"held_on", core::FormatIsoDate(p.held_on)},
                     {"kind", store::StructureTestKindName(p.kind)},
                     {"percent", suppress && r.workers.size() < static_cast<size_t>(core::kSmallCellThreshold)
                                     ? json(nullptr)
                                     : json(p.percent)},
                     {"change", p.change},
                     {"escalated", p.escalated}});
  }
  json go_public = nullptr;
  if (!scored.empty()) {
    // The latest by date: Trend sorts, the list is in date order already.
    Result<core::GoPublic> g = core::CheckGoPublic(scored.back(), r.unit.go_public_percent);
    if (!g) return g.error();
    go_public = {{"threshold_percent", r.unit.go_public_percent}, {"met", g->met},
                 {"participated", Count(g->participated, suppress)}, {"needed", g->needed}};
  }
  return json{{"unit", {{"id", r.unit.id}, {"name", r.unit.name}}},
              {"tests", list},
              {"trend", trend},
              {"go_public", go_public},
              {"suppressed_below", suppress ? json(core::kSmallCellThreshold) : json(nullptr)}};
}

json ParticipationJson(const store::UnitRoster& r, const TestWithParticipation& t) {
  std::map<std::string, const store::Participation*> took;
  for (const auto& p : t.participation) took[p.person_id] = &p;
  json list = json::array();
  std::set<std::string> seen;
  for (const auto& w : r.workers) {
    if (w.supervisor) continue;
    auto it = took.find(w.person_id);
    seen.insert(w.person_id);
    list.push_back({{"person_id", w.person_id},
                    {"name", w.name},
                    {"department", OptText(w.department)},
                    {"shift", OptText(w.shift)},
                    {"language", OptText(w.preferred_language)},
                    {"recorded", it != took.end()},
                    {"participated", it != took.end() && it->second->participated},
                    {"entrance", it == took.end() ? json(nullptr) : OptText(it->second->entrance)}});
  }
  for (const auto& p : t.participation) {
    if (seen.count(p.person_id)) continue;
    // Recorded, then left the unit: kept on the test, without a name.
    list.push_back({{"person_id", p.person_id}, {"name", nullptr}, {"department", nullptr}, {"shift", nullptr},
                    {"language", nullptr}, {"recorded", true}, {"participated", p.participated},
                    {"entrance", OptText(p.entrance)}});
  }
  return {{"test_id", t.test.id}, {"held_on", t.test.held_on}, {"roster", list}};
}

}  // namespace hotshop::api
