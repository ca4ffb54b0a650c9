// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/intake_handlers.h"

#include <array>

#include "api/handler_util.h"
#include "api/json_response.h"
#include "core/work_email.h"
#include "core/zip_region.h"
#include "http/problem.h"
#include "io/email.h"
#include "io/phone.h"
#include "security/proof_of_work.h"
#include "store/audit_log.h"
#include "store/intake_repo.h"
#include "store/org_repo.h"

namespace hotshop::api {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kSizeBands = {"", "1-10", "11-50", "51-200", "201-500", "500+"};
// The page's industry choices (web/src/intake/fields.ts); "" = not said.
constexpr std::array<std::string_view, 14> kIndustries = {
    "",           "hotels",    "restaurants", "retail",  "warehouses", "delivery", "healthcare",
    "cleaning",   "construction", "manufacturing", "education", "office", "public_sector", "other"};

http::Response Throttled(int64_t wait) {
  http::Response res = http::Problem(http::HttpStatus::too_many_requests, "rate_limited",
                                     "Many people are sending requests right now. Your message is saved on this "
                                     "device: wait " + std::to_string(wait) + " seconds and press Send again.");
  res.set(http::bhttp::field::retry_after, std::to_string(wait));
  return res;
}

// The one answer to every accepted submission: new, repeat, retry or
// honeypot alike (security-model.md §4 #23).
http::Response Received() {
  return Json(json{{"status", "received"}}, http::HttpStatus::accepted);
}

Result<std::string> OrgBySlug(Context& ctx, const std::string& slug) {
  Result<std::optional<store::Org>> org = store::TransactValue<std::optional<store::Org>>(
      ctx.db, [&](store::Tx& tx) { return store::FindOrgBySlug(tx, slug); }, store::TxMode::kRead);
  if (!org) return org.error();
  if (!*org || (*org)->status != "active") {
    return Error::NotFound("This organization's request page does not exist. Check the link you were given.");
  }
  return (*org)->id;
}

int64_t TakeClient(Context& ctx, const http::Request& req) {
  http::RateLimiter* l = ctx.services.intake.per_client;
  return l ? l->Take("intake:" + req.client_addr, ctx.now_ms) : 0;
}

bool IsSubmissionId(const std::string& s) {
  if (s.size() < 16 || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& list, const std::string& v) {
  for (std::string_view x : list) {
    if (x == v) return true;
  }
  return false;
}

struct Parsed {
  store::NewIntake intake;
  security::PowChallenge pow;
  uint64_t number = 0;
  bool honeypot = false;
};

Result<Parsed> ParseRequest(const http::Request& req) {
  Result<json> body = Body(req, {"submission_id", "name", "phone", "email", "employer", "employer_website", "city",
                                 "zip", "industry", "size_band", "story", "language", "best_time", "consent",
                                 "consent_version", "website", "pow"});
  if (!body) return body.error();
  Parsed p;
  store::NewIntake& n = p.intake;
  // The honeypot: a field people never see. Filled means a bot.
  Result<std::optional<std::string>> trap = OptString(*body, "website", 2000);
  if (!trap) return trap.error();
  p.honeypot = *trap && !(*trap)->empty();

  Result<std::string> sid = ReqString(*body, "submission_id", 64);
  if (!sid) return sid.error();
  if (!IsSubmissionId(*sid)) {
    return Error::InvalidInput("submission_id", "submission_id must be 16 to 64 letters, digits, - or _ (the page makes one)");
  }
  n.submission_id = *sid;
  Result<std::optional<std::string>> name = OptString(*body, "name", 200);
  if (!name) return name.error();
  if (!*name || (*name)->find_first_not_of(" \t") == std::string::npos) {
    return Error::InvalidInput("name", "Tell us a name or nickname we can call you by.");
  }
  n.name = **name;
  Result<std::optional<std::string>> phone = OptString(*body, "phone", 64);
  if (!phone) return phone.error();
  if (*phone && !(*phone)->empty()) {
    Result<io::E164Phone> e = io::NormalizePhone(**phone);
    if (!e) return Error::InvalidInput("phone", "This phone number does not look right. Check it, or leave it empty and give an email.");
    n.phone = e->e164;
  }
  Result<std::optional<std::string>> email = OptString(*body, "email", 254);
  if (!email) return email.error();
  if (*email && !(*email)->empty()) {
    Result<std::string> e = io::NormalizeEmail(**email);
    if (!e) return Error::InvalidInput("email", "This email address does not look right. Check it, or leave it empty and give a phone.");
    n.email = *e;
  }
  if (n.phone.empty() && n.email.empty()) {
    return Error::InvalidInput("phone", "Give a personal phone or a personal email so an organizer can reach you.");
  }
  struct Text {
    const char* field;
    size_t max;
    std::string* out;
  };
  std::string site;
  const Text texts[] = {{"employer", 200, &n.employer},   {"employer_website", 200, &site}, {"city", 100, &n.city},
                        {"zip", 10, &n.zip},              {"industry", 40, &n.industry},    {"size_band", 10, &n.size_band},
                        {"story", 8000, &n.story},        {"language", 8, &n.language},     {"best_time", 200, &n.best_time},
                        {"consent_version", 40, &n.consent_version}};
  for (const Text& t : texts) {
    Result<std::optional<std::string>> v = OptString(*body, t.field, t.max);
    if (!v) return v.error();
    if (*v) *t.out = **v;
  }
  if (!n.zip.empty() && !core::IsUsZip(n.zip)) {
    return Error::InvalidInput("zip", "The ZIP code should be 5 digits, like 78701.");
  }
  n.region = core::ZipRegion(n.zip);
  if (!OneOf(kSizeBands, n.size_band)) {
    return Error::InvalidInput("size_band", "size_band must be one of 1-10, 11-50, 51-200, 201-500, 500+");
  }
  if (!OneOf(kIndustries, n.industry)) {
    return Error::InvalidInput("industry", "industry must be one of the page's choices (or other)");
  }
  if (n.language.empty()) n.language = "en";
  if (n.language.size() < 2 || n.language.size() > 3 ||
      n.language.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
    return Error::InvalidInput("language", "language must be a language code such as en or es");
  }
  auto consent = body->find("consent");
  if (consent == body->end() || !consent->is_boolean() || !consent->get<bool>()) {
    return Error::InvalidInput("consent", "Please read the note about how we use your information and tick the box.");
  }
  if (n.consent_version != kIntakeConsentVersion) {
    return Error::InvalidInput("consent_version", "The page is out of date: reload it (your message stays saved) and send again.");
  }
  // RULE R38: flag an email on (what looks like) the employer's domain.
  n.work_email = !n.email.empty() && core::CheckWorkEmail(n.email, n.employer, site) == core::WorkEmail::kEmployer;

  auto pow = body->find("pow");
  if (pow == body->end() || !pow->is_object()) {
    return Error::InvalidInput("pow", "The anti-spam check is missing: reload the page and send again.");
  }
  try {
    p.pow.algorithm = pow->at("algorithm").get<std::string>();
    p.pow.salt = pow->at("salt").get<std::string>();
    p.pow.expires_at_ms = pow->at("expires_at_ms").get<int64_t>();
    p.pow.bits = pow->at("bits").get<int>();
    p.pow.signature = pow->at("signature").get<std::string>();
    p.number = pow->at("number").get<uint64_t>();
  } catch (const std::exception&) {
    return Error::InvalidInput("pow", "The anti-spam check is incomplete: reload the page and send again.");
  }
  return p;
}

}  // namespace

http::Response GetIntakeChallenge(const http::Request& req, Context& ctx) {
  if (int64_t w = TakeClient(ctx, req); w > 0) return Throttled(w);
  Result<std::string> org = OrgBySlug(ctx, req.path_param("org"));
  if (!org) return http::Problem(org.error());
  security::PowChallenge c = security::NewPowChallenge(ctx.services.keys.intake_pow_key(), ctx.services.intake.pow_bits,
                                                       ctx.now_ms, ctx.services.intake.pow_ttl_ms);
  return Json(json{{"algorithm", c.algorithm}, {"salt", c.salt}, {"expires_at_ms", c.expires_at_ms}, {"bits", c.bits},
                   {"signature", c.signature}, {"consent_version", kIntakeConsentVersion}});
}

http::Response PostIntakeRequest(const http::Request& req, Context& ctx) {
  if (int64_t w = TakeClient(ctx, req); w > 0) return Throttled(w);
  Result<std::string> org = OrgBySlug(ctx, req.path_param("org"));
  if (!org) return http::Problem(org.error());
  Result<Parsed> p = ParseRequest(req);
  if (!p) return http::Problem(p.error());
  if (Status ok = security::VerifyPow(ctx.services.keys.intake_pow_key(), p->pow, p->number, ctx.now_ms,
                                      ctx.services.intake.pow_bits);
      !ok) {
    return http::Problem(ok.error());
  }
  // A retry of what already landed answers at once; spent work is refused
  // before it can take a token from the global bucket (one solved challenge
  // replayed from many addresses must not starve people).
  Result<int> known = store::TransactValue<int>(ctx.db, [&](store::Tx& tx) -> Result<int> {
    Result<store::Rows> seen = tx.Query(
        "SELECT 1 FROM intake_submissions WHERE org_id = $1 AND submission_id = $2", {*org, p->intake.submission_id});
    if (!seen) return seen.error();
    if (!seen->empty()) return 1;
    Result<store::Rows> spent = tx.Query("SELECT 1 FROM intake_pow_spent WHERE signature = $1", {p->pow.signature});
    if (!spent) return spent.error();
    return spent->empty() ? 0 : 2;
  }, store::TxMode::kRead, *org);
  if (!known) return http::Problem(known.error());
  if (*known == 1) return Received();
  if (*known == 2) return http::Problem(Error::InvalidInput("pow", "This anti-spam check was already used: press Send again."));
  // Only work-bearing submissions count against the global bucket (§4 #22:
  // the queue stays bounded, a flood without work cannot starve people).
  if (http::RateLimiter* g = ctx.services.intake.global) {
    if (int64_t w = g->Take("global", ctx.now_ms); w > 0) return Throttled(w);
  }
  store::Scope scope = store::Scope::ForOrg(*org);
  Status done = Error::Internal("");
  // A double tap races on the submission id or the challenge: the second
  // attempt then finds the first's row and answers the same.
  for (int attempt = 0; attempt < 2; ++attempt) {
    done = ctx.db.Transact([&](store::Tx& tx) -> Status {
      Result<store::IntakeSettings> settings = store::GetIntakeSettings(tx, scope);
      if (!settings) return settings.error();
      Result<store::Rows> seen = tx.Query(
          "SELECT 1 FROM intake_submissions WHERE org_id = $1 AND submission_id = $2", {*org, p->intake.submission_id});
      if (!seen) return seen.error();
      if (!seen->empty()) return Ok();  // a retry of what already landed
      if (Result<int64_t> swept = tx.Exec("DELETE FROM intake_pow_spent WHERE expires_at_ms < $1", {ctx.now_ms}); !swept) {
        return swept.error();
      }
      Result<int64_t> spent = tx.Exec("INSERT INTO intake_pow_spent (signature, expires_at_ms) VALUES ($1, $2)",
                                      {p->pow.signature, p->pow.expires_at_ms});
      if (!spent) return spent.error();
      if (p->honeypot) return Ok();  // the same answer, nothing stored
      auto keys = ctx.services.keys.ForOrg(tx, *org);
      if (!keys) return keys.error();
      Result<store::SubmitOutcome> out =
          store::IntakeRepo(tx, scope, **keys).Submit(p->intake, settings->repeat_days, ctx.now_ms);
      if (!out) return out.error();
      const char* action = out->kind == store::SubmitOutcome::Kind::kRepeat ? "intake.repeat" : "intake.received";
      if (out->kind == store::SubmitOutcome::Kind::kRetry) return Ok();
      Result<int64_t> seq = store::AppendAudit(tx, *org, "public", action, "intake:" + out->intake_id, "allowed", ctx.now_ms);
      if (!seq) return seq.error();
      return Ok();
    }, store::TxMode::kWrite, *org);
    if (done || done.error().code() != ErrorCode::kConflict) break;
  }
  if (!done) {
    if (done.error().code() == ErrorCode::kConflict) {
      return http::Problem(Error::InvalidInput("pow", "This anti-spam check was already used: press Send again."));
    }
    return http::Problem(done.error());
  }
  return Received();
}

}  // namespace hotshop::api
