// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/assessment_repo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

#include "store/ids.h"
#include "store/sealed_text.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

using nlohmann::json;

constexpr const char* kScaleCols = "id, campaign_id, name, max_level, labels, support_levels, is_default, version, rules";
constexpr const char* kCols = "id, person_id, scale_id, value, at_ms, source, by_actor, note_ct, created_at_ms";

std::string LabelsText(const std::vector<std::string>& labels) { return json(labels).dump(); }
std::string LevelsText(const std::vector<int64_t>& levels) { return json(levels).dump(); }

std::string RulesText(const core::AssessmentRules& r) {
  json j = json::object();
  if (r.card_signed) j[std::string(core::FactName(core::AssessmentFact::kCardSigned))] = *r.card_signed;
  if (r.took_part_in_test) j[std::string(core::FactName(core::AssessmentFact::kTookPartInTest))] = *r.took_part_in_test;
  return j.dump();
}

}  // namespace

Result<Scale> AssessmentRepo::ScaleFromRow(const Row& r) {
  Scale s;
  s.id = r.Text(0);
  s.campaign_id = r.Text(1);
  s.name = r.Text(2);
  s.scale.max_level = r.Int(3);
  json labels = json::parse(r.Text(4), nullptr, false);
  json levels = json::parse(r.Text(5), nullptr, false);
  if (!labels.is_array() || !levels.is_array()) return Error::Internal("assessment scale " + s.id + " is unreadable");
  s.scale.labels.clear();
  s.scale.support_levels.clear();
  for (const auto& l : labels) {
    if (!l.is_string()) return Error::Internal("assessment scale " + s.id + " is unreadable");
    s.scale.labels.push_back(l.get<std::string>());
  }
  for (const auto& l : levels) {
    if (!l.is_number_integer()) return Error::Internal("assessment scale " + s.id + " is unreadable");
    s.scale.support_levels.push_back(l.get<int64_t>());
  }
  s.is_default = r.Int(6) != 0;
  s.version = r.Int(7);
  json rules = json::parse(r.Text(8), nullptr, false);
  if (!rules.is_object()) return Error::Internal("assessment scale " + s.id + " is unreadable");
  for (auto [fact, slot] : {std::pair{core::AssessmentFact::kCardSigned, &s.rules.card_signed},
                            std::pair{core::AssessmentFact::kTookPartInTest, &s.rules.took_part_in_test}}) {
    auto it = rules.find(std::string(core::FactName(fact)));
    if (it == rules.end()) continue;
    if (!it->is_number_integer()) return Error::Internal("assessment scale " + s.id + " is unreadable");
    *slot = it->get<int64_t>();
  }
  return s;
}

Result<Scale> AssessmentRepo::DefaultScale(int64_t now_ms) {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kScaleCols +
                                 " FROM assessment_scales WHERE org_id = $1 AND is_default = 1",
                             {scope_.org_id()});
  if (!r) return r.error();
  if (!r->empty()) return ScaleFromRow((*r)[0]);
  core::AssessmentScale d;
  // Two first callers at once: the partial unique index lets one row in,
  // the other insert does nothing, and both read the winner.
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO assessment_scales (org_id, id, campaign_id, name, max_level, labels, support_levels, is_default, "
      "version, created_at_ms, updated_at_ms) VALUES ($1, $2, NULL, $3, $4, $5, $6, 1, 1, $7, $7) "
      "ON CONFLICT DO NOTHING",
      {scope_.org_id(), NewId(), std::string("Support (0-5)"), d.max_level, LabelsText(d.labels),
       LevelsText(d.support_levels), now_ms});
  if (!n) return n.error();
  r = tx_.Query(std::string("SELECT ") + kScaleCols + " FROM assessment_scales WHERE org_id = $1 AND is_default = 1",
                {scope_.org_id()});
  if (!r) return r.error();
  if (r->empty()) return Error::Unavailable("the default assessment scale is being created; try again");
  return ScaleFromRow((*r)[0]);
}

Result<Scale> AssessmentRepo::CreateScale(const std::string& campaign_id, const std::string& name,
                                          const core::AssessmentScale& scale, int64_t now_ms,
                                          const core::AssessmentRules& rules) {
  if (Status v = core::ValidateScale(scale); !v) return v.error();
  if (Status v = core::ValidateRules(rules, scale); !v) return v.error();
  if (!campaign_id.empty()) {
    if (!IsCanonicalUuid(campaign_id)) return Error::NotFound("no such campaign");
    Result<Rows> c = tx_.Query("SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2", {scope_.org_id(), campaign_id});
    if (!c) return c.error();
    if (c->empty()) return Error::NotFound("no such campaign");
  }
  std::string id = NewId();
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO assessment_scales (org_id, id, campaign_id, name, max_level, labels, support_levels, is_default, "
      "version, created_at_ms, updated_at_ms, rules) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 1, $8, $8, $9)",
      {scope_.org_id(), id, campaign_id.empty() ? Value(nullptr) : Value(campaign_id), name, scale.max_level,
       LabelsText(scale.labels), LevelsText(scale.support_levels), now_ms, RulesText(rules)});
  if (!n) return n.error();
  return GetScale(id);
}

Result<Scale> AssessmentRepo::GetScale(const std::string& id) {
  if (!IsCanonicalUuid(id)) return Error::NotFound("no such assessment scale");
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kScaleCols + " FROM assessment_scales WHERE org_id = $1 AND id = $2",
                             {scope_.org_id(), id});
  if (!r) return r.error();
  if (r->empty()) return Error::NotFound("no such assessment scale");
  return ScaleFromRow((*r)[0]);
}

Result<std::vector<Scale>> AssessmentRepo::ListScales() {
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kScaleCols +
                                 " FROM assessment_scales WHERE org_id = $1 ORDER BY is_default DESC, name, id",
                             {scope_.org_id()});
  if (!r) return r.error();
  std::vector<Scale> out;
  for (const Row& row : *r) {
    Result<Scale> s = ScaleFromRow(row);
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<Scale> AssessmentRepo::UpdateScale(const std::string& id, int64_t expected_version,
                                          const std::optional<std::string>& name,
                                          const std::optional<std::vector<std::string>>& labels, int64_t now_ms,
                                          const std::optional<core::AssessmentRules>& rules) {
  Result<Scale> cur = GetScale(id);
  if (!cur) return cur.error();
  if (cur->version != expected_version) {
    return Error::PreconditionFailed("someone else changed this scale (now version " + std::to_string(cur->version) +
                                     "); reload to see their change");
  }
  core::AssessmentScale next = cur->scale;
  if (labels) next.labels = *labels;
  if (Status v = core::ValidateScale(next); !v) return v.error();
  const core::AssessmentRules next_rules = rules.value_or(cur->rules);
  if (Status v = core::ValidateRules(next_rules, next); !v) return v.error();
  Result<int64_t> n = tx_.Exec(
      "UPDATE assessment_scales SET name = $3, labels = $4, version = version + 1, updated_at_ms = $5, rules = $7 "
      "WHERE org_id = $1 AND id = $2 AND version = $6",
      {scope_.org_id(), id, name.value_or(cur->name), LabelsText(next.labels), now_ms, expected_version,
       RulesText(next_rules)});
  if (!n) return n.error();
  if (*n == 0) return Error::PreconditionFailed("someone else changed this scale; reload to see their change");
  return GetScale(id);
}

Result<Assessment> AssessmentRepo::Add(const std::string& person_id, const std::string& scale_id, int64_t value,
                                       int64_t at_ms, core::AssessmentSource source, const std::string& by_actor,
                                       const std::string& note, int64_t now_ms) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(person_id)) return Error::NotFound("no such person");
  Result<Rows> p = tx_.Query("SELECT 1 FROM people WHERE org_id = $1 AND id = $2", {org, person_id});
  if (!p) return p.error();
  if (p->empty()) return Error::NotFound("no such person");
  Result<Scale> scale = GetScale(scale_id);
  if (!scale) return scale.error();
  if (value < 0 || value > scale->scale.max_level) {
    return Error::InvalidInput("value", "value must be 0 (not assessed) to " + std::to_string(scale->scale.max_level) +
                                            " on this scale");
  }
  Assessment a{NewId(), person_id, scale_id, value, at_ms, source, by_actor, note, now_ms};
  Result<int64_t> n = tx_.Exec(
      "INSERT INTO assessments (org_id, id, person_id, scale_id, value, at_ms, source, by_actor, note_ct, created_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {org, a.id, person_id, scale_id, value, at_ms,
       std::string(source == core::AssessmentSource::kRule ? "rule" : "human"), by_actor,
       SealText(keys_, "assessments", "note", a.id, org, note), now_ms});
  if (!n) return n.error();
  return a;
}

Result<std::vector<Assessment>> AssessmentRepo::History(const std::string& person_id, const std::string& scale_id) {
  const std::string& org = scope_.org_id();
  if (!IsCanonicalUuid(person_id)) return Error::NotFound("no such person");
  Result<Rows> p = tx_.Query("SELECT 1 FROM people WHERE org_id = $1 AND id = $2", {org, person_id});
  if (!p) return p.error();
  if (p->empty()) return Error::NotFound("no such person");
  if (!IsCanonicalUuid(scale_id)) return std::vector<Assessment>{};
  Result<Rows> r = tx_.Query(std::string("SELECT ") + kCols +
                                 " FROM assessments WHERE org_id = $1 AND person_id = $2 AND scale_id = $3 "
                                 "ORDER BY at_ms, created_at_ms, id",
                             {org, person_id, scale_id});
  if (!r) return r.error();
  std::vector<Assessment> out;
  for (const Row& row : *r) {
    Assessment a;
    a.id = row.Text(0);
    a.person_id = row.Text(1);
    a.scale_id = row.Text(2);
    a.value = row.Int(3);
    a.at_ms = row.Int(4);
    a.source = row.Text(5) == "rule" ? core::AssessmentSource::kRule : core::AssessmentSource::kHuman;
    a.by_actor = row.Text(6);
    Result<std::string> note = OpenText(keys_, row, 7, "assessments", "note", a.id, org);
    if (!note) return note.error();
    a.note = std::move(*note);
    a.created_at_ms = row.Int(8);
    out.push_back(std::move(a));
  }
  return out;
}

Result<int64_t> ApplyAssessmentRules(Tx& tx, const Scope& scope, const OrgKeys& keys, const std::string& campaign_id,
                                     const std::string& person_id, core::AssessmentFact fact, int64_t at_ms,
                                     int64_t now_ms) {
  AssessmentRepo repo(tx, scope, keys);
  Result<std::vector<Scale>> scales = repo.ListScales();
  if (!scales) return scales.error();
  int64_t added = 0;
  const std::string rule_id = core::RuleId(fact);
  for (const Scale& s : *scales) {
    if (!s.campaign_id.empty() && s.campaign_id != campaign_id) continue;
    std::optional<core::AssessmentRecord> rec =
        core::RuleAssessment(s.rules, fact, std::chrono::sys_seconds{std::chrono::seconds{at_ms / 1000}});
    if (!rec) continue;
    Result<std::vector<Assessment>> h = repo.History(person_id, s.id);
    if (!h) return h.error();
    bool already = std::any_of(h->begin(), h->end(), [&](const Assessment& a) {
      return a.source == core::AssessmentSource::kRule && a.by_actor == rule_id && a.at_ms == at_ms;
    });
    if (already) continue;
    Result<Assessment> a = repo.Add(person_id, s.id, rec->value, at_ms, core::AssessmentSource::kRule, rule_id, "", now_ms);
    if (!a) return a.error();
    ++added;
  }
  return added;
}

std::vector<core::AssessmentRecord> ToRecords(const std::vector<Assessment>& history) {
  std::vector<core::AssessmentRecord> out;
  out.reserve(history.size());
  for (const Assessment& a : history) {
    core::AssessmentRecord r;
    r.value = a.value;
    r.at = std::chrono::sys_seconds{std::chrono::seconds{a.at_ms / 1000}};
    r.by_user = a.by_actor;
    r.source = a.source;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace hotshop::store
