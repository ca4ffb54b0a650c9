// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/import_handlers.h"

#include <ctime>

#include "api/handler_util.h"
#include "api/import_jobs.h"
#include "api/json_response.h"
#include "http/problem.h"
#include "io/csv_reader.h"
#include "store/import_history.h"

namespace hotshop::api {
namespace {

using nlohmann::json;

constexpr size_t kMaxTags = 20;
constexpr size_t kMaxTagBytes = 64;
constexpr int kListLimit = 50;

std::string IsoTime(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string_view ActionName(io::ColumnAction a) {
  switch (a) {
    case io::ColumnAction::kField: return "field";
    case io::ColumnAction::kCustom: return "custom";
    case io::ColumnAction::kSkip: return "skip";
  }
  return "skip";
}

json SummaryJson(const store::ImportSummary& s, const std::optional<store::ImportMode>& mode,
                 const std::optional<store::DuplicatePolicy>& policy) {
  return {{"rows", s.rows},
          {"created", s.created},
          {"updated", s.updated},
          {"skipped", s.skipped},
          {"rejected", s.rejected},
          {"suggested", s.suggested},
          {"warnings", s.warnings},
          {"committed", s.committed},
          {"already_imported", s.already_imported},
          {"resumed", s.resumed},
          {"format", io::SourceFormatCode(s.mapping.format)},
          {"mode", mode ? json(store::ImportModeName(*mode)) : json(nullptr)},
          {"on_duplicate", policy ? json(store::DuplicatePolicyName(*policy)) : json(nullptr)}};
}

json StatusJson(const ImportStatus& s) {
  double fraction = s.bytes_total == 0 ? 0.0 : static_cast<double>(s.bytes_done) / static_cast<double>(s.bytes_total);
  if (s.state == ImportJobState::kCompleted) fraction = 1.0;
  return {{"id", s.id},
          {"filename", s.filename},
          {"state", ImportJobStateName(s.state)},
          {"bytes_total", s.bytes_total},
          {"bytes_done", s.bytes_done},
          {"rows_done", s.rows_done},
          {"fraction", fraction},
          {"summary", s.summary ? SummaryJson(*s.summary, s.mode, s.policy) : json(nullptr)},
          {"error", s.error ? json{{"title", "The import did not finish"}, {"detail", s.error->message()}} : json(nullptr)},
          {"record_id", s.record_id.empty() ? json(nullptr) : json(s.record_id)},
          {"report_available", s.report_available}};
}

json RecordJson(const store::ImportRecord& r) {
  return {{"id", r.id},
          {"filename", r.filename},
          {"state", r.state},
          {"format", r.format},
          {"mode", r.mode},
          {"on_duplicate", r.policy},
          {"rows_done", r.rows_done},
          {"created", r.created},
          {"updated", r.updated},
          {"skipped", r.skipped},
          {"rejected", r.rejected},
          {"suggested", r.suggested},
          {"started_at", IsoTime(r.started_at_ms)},
          {"finished_at", r.finished_at_ms ? json(IsoTime(*r.finished_at_ms)) : json(nullptr)},
          {"report_available", r.has_report}};
}

// A record of the org's history shown in the status shape, for an import
// that is no longer in memory (finished over an hour ago, or before a
// restart).
json RecordStatusJson(const store::ImportRecord& r) {
  const bool done = r.state != "running";
  return {{"id", r.id},
          {"filename", r.filename},
          {"state", r.state},
          {"bytes_total", 0},
          {"bytes_done", 0},
          {"rows_done", r.rows_done},
          {"fraction", done ? 1.0 : 0.0},
          {"summary", json{{"rows", r.rows_done},
                           {"created", r.created},
                           {"updated", r.updated},
                           {"skipped", r.skipped},
                           {"rejected", r.rejected},
                           {"suggested", r.suggested},
                           {"warnings", nullptr},
                           {"committed", r.state == "completed"},
                           {"already_imported", false},
                           {"resumed", false},
                           {"format", r.format},
                           {"mode", r.mode},
                           {"on_duplicate", r.policy}}},
          {"error", r.state == "failed" ? json{{"title", "The import did not finish"},
                                               {"detail", "nothing of it was kept, or it stopped part way; see the "
                                                          "report"}}
                                        : json(nullptr)},
          {"record_id", r.id},
          {"report_available", r.has_report}};
}

Result<ImportJobs*> Jobs(Context& ctx) {
  if (!ctx.services.imports) return Error::Unavailable("imports are not available on this server");
  return ctx.services.imports;
}

Result<std::vector<ColumnChoice>> ParseColumns(const json& body) {
  std::vector<ColumnChoice> out;
  if (!body.contains("columns")) return out;
  const json& cols = body["columns"];
  if (!cols.is_array()) return Error::InvalidInput("columns", "columns must be a list");
  if (cols.size() > 4096) return Error::InvalidInput("columns", "too many columns");
  for (size_t i = 0; i < cols.size(); ++i) {
    const std::string where = "columns[" + std::to_string(i) + "]";
    const json& c = cols[i];
    if (!c.is_object()) return Error::InvalidInput(where, "each column must be an object");
    for (const auto& [k, v] : c.items()) {
      if (k != "index" && k != "action" && k != "field") {
        return Error::InvalidInput(where + "." + k.substr(0, 32), "unknown key; use index, action and field");
      }
    }
    if (!c.contains("index") || !c["index"].is_number_unsigned()) {
      return Error::InvalidInput(where + ".index", "index must be the column's number, counting from 0");
    }
    ColumnChoice choice;
    choice.index = c["index"].get<size_t>();
    std::string action = c.contains("action") && c["action"].is_string() ? c["action"].get<std::string>() : "";
    if (action == "field") {
      choice.action = io::ColumnAction::kField;
      if (!c.contains("field") || !c["field"].is_string()) {
        return Error::InvalidInput(where + ".field", "choose the field this column holds");
      }
      std::optional<io::ContactField> f = io::ContactFieldFromName(c["field"].get<std::string>());
      if (!f) {
        return Error::InvalidInput(where + ".field", "unknown field \"" + c["field"].get<std::string>().substr(0, 40) +
                                                         "\"");
      }
      choice.field = *f;
    } else if (action == "custom") {
      choice.action = io::ColumnAction::kCustom;
    } else if (action == "skip") {
      choice.action = io::ColumnAction::kSkip;
    } else {
      return Error::InvalidInput(where + ".action", "action must be field, custom or skip");
    }
    out.push_back(choice);
  }
  return out;
}

Result<std::vector<std::string>> ParseTags(const json& body) {
  std::vector<std::string> out;
  if (!body.contains("tags")) return out;
  const json& tags = body["tags"];
  if (!tags.is_array()) return Error::InvalidInput("tags", "tags must be a list of words");
  if (tags.size() > kMaxTags) return Error::InvalidInput("tags", "at most " + std::to_string(kMaxTags) + " tags");
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string where = "tags[" + std::to_string(i) + "]";
    if (!tags[i].is_string()) return Error::InvalidInput(where, "a tag must be text");
    std::string t = tags[i].get<std::string>();
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
    if (t.empty()) continue;
    if (t.size() > kMaxTagBytes) return Error::InvalidInput(where, "a tag may have at most 64 characters");
    for (unsigned char ch : t) {
      if (ch < 0x20 || ch == 0x7f) return Error::InvalidInput(where, "a tag may not hold control characters");
      // Tags are kept as one comma-separated text (store/import_engine.h).
      if (ch == ',') return Error::InvalidInput(where, "a tag may not hold a comma; give each tag on its own");
    }
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

http::Response PostImport(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kImportPeople);
  if (!scope) return http::Problem(scope.error());
  Result<ImportJobs*> jobs = Jobs(ctx);
  if (!jobs) return http::Problem(jobs.error());
  Result<StagedPreview> staged =
      (*jobs)->Stage(*scope, ctx.actor->user_id, req.query_param("filename").value_or(""), req.body(), ctx.now_ms);
  if (!staged) return http::Problem(staged.error());

  json columns = json::array();
  for (const io::ColumnMapping& c : staged->mapping.columns) {
    columns.push_back({{"index", c.index},
                       {"header", c.header},
                       {"action", ActionName(c.action)},
                       {"field", c.field ? json(io::ContactFieldName(*c.field)) : json(nullptr)},
                       {"custom_key", c.custom_key},
                       {"note", c.note},
                       {"samples", c.index < staged->samples.size() ? staged->samples[c.index]
                                                                    : std::vector<std::string>{}}});
  }
  json fields = json::array();
  for (size_t i = 0; i < io::kContactFieldCount; ++i) {
    fields.push_back(io::ContactFieldName(static_cast<io::ContactField>(i)));
  }
  return Json({{"id", staged->id},
               {"filename", staged->filename},
               {"bytes", staged->bytes},
               {"expires_at", IsoTime(staged->expires_at_ms)},
               {"format", io::SourceFormatCode(staged->mapping.format)},
               {"confidence", io::ConfidenceName(staged->mapping.confidence)},
               {"reason", staged->mapping.reason},
               {"encoding", staged->transcoded ? "windows-1252" : "utf-8"},
               {"columns", columns},
               {"warnings", staged->mapping.warnings},
               {"fields", fields},
               {"preview", staged->preview}},
              http::HttpStatus::created);
}

http::Response PostImportStart(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kImportPeople);
  if (!scope) return http::Problem(scope.error());
  Result<ImportJobs*> jobs = Jobs(ctx);
  if (!jobs) return http::Problem(jobs.error());
  Result<json> body = Body(req, {"columns", "mode", "on_duplicate", "tags", "encoding"});
  if (!body) return http::Problem(body.error());
  ImportChoices choices;
  Result<std::vector<ColumnChoice>> columns = ParseColumns(*body);
  if (!columns) return http::Problem(columns.error());
  choices.columns = std::move(*columns);
  Result<std::optional<std::string>> mode = OptString(*body, "mode", 20);
  if (!mode) return http::Problem(mode.error());
  if (*mode) {
    Result<store::ImportMode> m = store::ParseImportMode(**mode);
    if (!m) return http::Problem(m.error());
    choices.mode = *m;
  }
  Result<std::optional<std::string>> policy = OptString(*body, "on_duplicate", 20);
  if (!policy) return http::Problem(policy.error());
  if (*policy) {
    Result<store::DuplicatePolicy> p = store::ParseDuplicatePolicy(**policy);
    if (!p) return http::Problem(p.error());
    choices.policy = *p;
  }
  Result<std::optional<std::string>> encoding = OptString(*body, "encoding", 20);
  if (!encoding) return http::Problem(encoding.error());
  if (*encoding) {
    Result<io::TextEncoding> e = io::ParseTextEncoding(**encoding);
    if (!e) return http::Problem(e.error());
    choices.encoding = *e;
  }
  Result<std::vector<std::string>> tags = ParseTags(*body);
  if (!tags) return http::Problem(tags.error());
  choices.tags = std::move(*tags);
  Result<ImportStatus> started =
      (*jobs)->Start(*scope, ctx.actor->user_id, req.path_param("id"), choices, ctx.now_ms);
  if (!started) return http::Problem(started.error());
  return Json(StatusJson(*started), http::HttpStatus::accepted);
}

http::Response GetImport(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kImportPeople);
  if (!scope) return http::Problem(scope.error());
  Result<ImportJobs*> jobs = Jobs(ctx);
  if (!jobs) return http::Problem(jobs.error());
  const std::string id = req.path_param("id");
  Result<ImportStatus> status = (*jobs)->Get(*scope, ctx.actor->user_id, id, ctx.now_ms);
  if (status) return Json(StatusJson(*status));
  Result<json> record = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<std::shared_ptr<const store::OrgKeys>> keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<store::ImportRecord> r = store::ImportHistory(tx, *scope, **keys).Get(id);
    if (!r) return r.error();
    return RecordStatusJson(*r);
  }, store::TxMode::kRead, scope->org_id());
  if (!record) return http::Problem(Error::NotFound("no such import"));
  return Json(*record);
}

http::Response GetImportReport(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kImportPeople);
  if (!scope) return http::Problem(scope.error());
  Result<ImportJobs*> jobs = Jobs(ctx);
  if (!jobs) return http::Problem(jobs.error());
  std::string id = req.path_param("id");
  if (Result<ImportStatus> job = (*jobs)->Get(*scope, ctx.actor->user_id, id, ctx.now_ms); job) {
    if (job->record_id.empty()) return http::Problem(Error::NotFound("no such import"));
    id = job->record_id;
  }
  // The report quotes the bad values it is about: a sensitive read, audited
  // in the transaction that reads it.
  Result<std::string> report = store::TransactValue<std::string>(ctx.db, [&](store::Tx& tx) -> Result<std::string> {
    Result<std::shared_ptr<const store::OrgKeys>> keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<std::string> r = store::ImportHistory(tx, *scope, **keys).Report(id);
    if (!r) return r.error();
    if (Status s = Audit(tx, ctx, scope->org_id(), "import.report", "import:" + id, "ok"); !s) return s.error();
    return r;
  }, store::TxMode::kWrite, scope->org_id());
  if (!report) {
    if (report.error().code() == ErrorCode::kNotFound) return http::Problem(Error::NotFound("no such import"));
    return http::Problem(report.error());
  }
  http::Response res{http::HttpStatus::ok, 11};
  res.set(http::bhttp::field::content_type, "text/csv; charset=utf-8");
  res.set(http::bhttp::field::content_disposition,
          "attachment; filename=\"hotshop-import-report-" + id.substr(0, 8) + ".csv\"");
  res.body() = std::move(*report);
  res.prepare_payload();
  return res;
}

http::Response GetImports(const http::Request& req, Context& ctx) {
  Result<store::Scope> scope = OrgAction(req, ctx, security::Action::kImportPeople);
  if (!scope) return http::Problem(scope.error());
  Result<json> list = store::TransactValue<json>(ctx.db, [&](store::Tx& tx) -> Result<json> {
    Result<std::shared_ptr<const store::OrgKeys>> keys = ctx.services.keys.ForOrg(tx, scope->org_id());
    if (!keys) return keys.error();
    Result<std::vector<store::ImportRecord>> records = store::ImportHistory(tx, *scope, **keys).List(kListLimit);
    if (!records) return records.error();
    json out = json::array();
    for (const auto& r : *records) out.push_back(RecordJson(r));
    return out;
  }, store::TxMode::kRead, scope->org_id());
  if (!list) return http::Problem(list.error());
  return Json({{"imports", *list}});
}

}  // namespace hotshop::api
