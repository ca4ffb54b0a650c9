// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/note_handlers.h"

#include <map>

#include "api/handler_util.h"
#include "api/json_response.h"
#include "api/page.h"
#include "api/workplace_access.h"
#include "core/iso_date.h"
#include "http/etag.h"
#include "http/problem.h"
#include "store/account_repo.h"
#include "store/note_repo.h"

namespace hotshop::api {
namespace {

using http::HttpStatus;
using nlohmann::json;
using security::Action;

// The author's display name, once per author and request.
class AuthorNames {
 public:
  AuthorNames(store::Tx& tx, const Context& ctx) : accounts_(tx, ctx.services.keys) {}
  Result<std::string> Of(const std::string& user_id) {
    auto it = names_.find(user_id);
    if (it != names_.end()) return it->second;
    Result<store::User> u = accounts_.Get(user_id);
    std::string name = u ? u->name : std::string();
    if (!u && u.error().code() != ErrorCode::kNotFound) return u.error();
    names_[user_id] = name;
    return name;
  }

 private:
  store::AccountRepo accounts_;
  std::map<std::string, std::string> names_;
};

Result<json> NoteJson(const store::Note& n, AuthorNames& names, const Context& ctx) {
  Result<std::string> author = names.Of(n.author_id);
  if (!author) return author.error();
  return json{{"id", n.id},
              {"campaign_id", n.campaign_id.empty() ? json(nullptr) : json(n.campaign_id)},
              {"person_id", n.person_id.empty() ? json(nullptr) : json(n.person_id)},
              {"body", n.body},
              {"staff_only", n.staff_only},
              {"author", {{"id", n.author_id}, {"name", *author}}},
              {"mine", n.author_id == ctx.actor->user_id},
              {"created_at", core::FormatUtcInstant(n.created_at_ms)},
              {"updated_at", core::FormatUtcInstant(n.updated_at_ms)},
              {"edited", n.version > 1},
              {"version", n.version}};
}

struct NoteBody {
  std::optional<std::string> body;
  std::optional<bool> staff_only;
};

// {body, staff_only}: body is required when creating; staff_only only for
// readers who may see staff-only notes (else "staff_only" is refused).
Result<NoteBody> ParseNote(const http::Request& req, bool create, bool may_staff_only) {
  Result<json> body = Body(req, {"body", "staff_only"});
  if (!body) return body.error();
  NoteBody out;
  Result<std::optional<std::string>> text = OptString(*body, "body", store::kMaxNoteBytes);
  if (!text) return text.error();  // not text, too long, or a control character: named "body"

  if (*text && (*text)->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::InvalidInput("body", "write the note: body cannot be empty");
  }
  if (create && !*text) return Error::InvalidInput("body", "write the note: body is required");
  out.body = *text;
  Result<std::optional<bool>> staff = OptBool(*body, "staff_only");
  if (!staff) return staff.error();
  if (*staff && **staff && !may_staff_only) {
    return Error::InvalidInput("staff_only", "only staff organizers and admins write staff-only notes");
  }
  out.staff_only = *staff;
  return out;
}

// The notes of a person or a campaign, as the reader may see them.
http::Response ListNotes(const http::Request& req, Context& ctx, Action action, ObjectKind kind, bool person) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, action, kind, id);
  if (!a) return http::Problem(a.error());
  Result<Page> page = ReadPage(req, ctx);
  if (!page) return http::Problem(page.error());
  const bool staff = Allowed(ctx, a->scope.org_id(), Action::kViewStaffNotes, a->owner);
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    store::NoteRepo repo(tx, a->scope, k);
    Result<std::vector<store::Note>> notes = person ? repo.OfPerson(id, staff) : repo.OfCampaign(id, staff);
    if (!notes) return notes.error();
    AuthorNames names(tx, ctx);
    json list = json::array();
    for (const auto& n : *notes) {
      Result<json> j = NoteJson(n, names, ctx);
      if (!j) return j.error();
      list.push_back(std::move(*j));
    }
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "notes.read", (person ? "person:" : "campaign:") + id, "allowed"); !s) {
      return s.error();
    }
    return json{{person ? "person_id" : "campaign_id", id}, {"notes", list}};
  });
  if (!out) return http::Problem(out.error());
  ApplyPage(*out, "notes", *page);
  return Json(*out);
}

http::Response AddNote(const http::Request& req, Context& ctx, ObjectKind kind, bool person) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kAddNote, kind, id);
  if (!a) return http::Problem(a.error());
  const bool staff = Allowed(ctx, a->scope.org_id(), Action::kViewStaffNotes, a->owner);
  Result<NoteBody> body = ParseNote(req, true, staff);
  if (!body) return http::Problem(body.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Note> n = store::NoteRepo(tx, a->scope, k)
                                .Add(a->owner.campaign_id, person ? id : "", *body->body, body->staff_only.value_or(false),
                                     ctx.actor->user_id, ctx.now_ms);
    if (!n) return n.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "note.added", "note:" + n->id, "allowed"); !s) return s.error();
    AuthorNames names(tx, ctx);
    return NoteJson(*n, names, ctx);
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out, HttpStatus::created), (*out)["version"].get<int64_t>());
}

}  // namespace

http::Response GetPersonNotes(const http::Request& req, Context& ctx) {
  // Whoever may see the person (never a viewer: names are not aggregates).
  return ListNotes(req, ctx, Action::kViewWorkers, ObjectKind::kPerson, true);
}

http::Response PostPersonNote(const http::Request& req, Context& ctx) {
  return AddNote(req, ctx, ObjectKind::kPerson, true);
}

http::Response GetCampaignNotes(const http::Request& req, Context& ctx) {
  return ListNotes(req, ctx, Action::kViewNotes, ObjectKind::kCampaign, false);
}

http::Response PostCampaignNote(const http::Request& req, Context& ctx) {
  return AddNote(req, ctx, ObjectKind::kCampaign, false);
}

http::Response PatchNote(const http::Request& req, Context& ctx) {
  std::string id = req.path_param("id");
  Result<Access> a = AuthorizeObject(req, ctx, Action::kAddNote, ObjectKind::kNote, id);
  if (!a) return http::Problem(a.error());
  const bool staff = Allowed(ctx, a->scope.org_id(), Action::kViewStaffNotes, a->owner);
  // Someone else's note, or a staff-only note the reader may not see: like missing.
  Result<store::Note> cur = InOrg<store::Note>(ctx, a->scope, store::TxMode::kRead, [&](store::Tx& tx, const store::OrgKeys& k) {
    return store::NoteRepo(tx, a->scope, k).Get(id);
  });
  if (!cur) return http::Problem(cur.error());
  if (cur->author_id != ctx.actor->user_id || (cur->staff_only && !staff)) {
    AuditAlone(ctx, a->scope.org_id(), security::ActionName(Action::kAddNote), "note:" + id, "denied");
    return http::Problem(Error::NotFound("nothing is here, or you don't have access to it"));
  }
  Result<int64_t> version = http::IfMatchVersion(req);
  if (!version) return http::Problem(version.error());
  Result<NoteBody> body = ParseNote(req, false, staff);
  if (!body) return http::Problem(body.error());
  Result<json> out = InOrg<json>(ctx, a->scope, store::TxMode::kWrite, [&](store::Tx& tx, const store::OrgKeys& k) -> Result<json> {
    Result<store::Note> n = store::NoteRepo(tx, a->scope, k).Edit(id, *version, body->body, body->staff_only, ctx.now_ms);
    if (!n) return n.error();
    if (Status s = Audit(tx, ctx, a->scope.org_id(), "note.edited", "note:" + id, "allowed"); !s) return s.error();
    AuthorNames names(tx, ctx);
    return NoteJson(*n, names, ctx);
  });
  if (!out) return http::Problem(out.error());
  return WithETag(Json(*out), (*out)["version"].get<int64_t>());
}

}  // namespace hotshop::api
