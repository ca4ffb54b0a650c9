// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace hotshop::http {

HttpStatus StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return HttpStatus::bad_request;
    case ErrorCode::kNotFound: return HttpStatus::not_found;
    case ErrorCode::kConflict: return HttpStatus::conflict;
    case ErrorCode::kPreconditionFailed: return HttpStatus::precondition_failed;
    case ErrorCode::kPreconditionRequired: return HttpStatus::precondition_required;
    case ErrorCode::kForbidden: return HttpStatus::forbidden;
    case ErrorCode::kUnauthenticated: return HttpStatus::unauthorized;
    case ErrorCode::kTooLarge: return HttpStatus::payload_too_large;
    case ErrorCode::kRateLimited: return HttpStatus::too_many_requests;
    case ErrorCode::kUnavailable: return HttpStatus::service_unavailable;
    case ErrorCode::kInternal: return HttpStatus::internal_server_error;
  }
  return HttpStatus::internal_server_error;
}

const char* CodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPreconditionFailed: return "stale_version";
    case ErrorCode::kPreconditionRequired: return "version_required";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

namespace {
Response Build(HttpStatus status, const std::string& code, const std::string& detail,
               const std::string& field, unsigned version) {
  nlohmann::json body = {
      {"type", "/problems/" + code},
      {"title", std::string(bhttp::obsolete_reason(status))},
      {"status", static_cast<int>(status)},
      {"detail", detail},
      {"code", code},
  };
  if (!field.empty()) body["field"] = field;
  Response res{status, version};
  res.set(bhttp::field::content_type, "application/problem+json");
  // Replace invalid UTF-8 rather than throw: details may quote bad input.
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.prepare_payload();
  return res;
}
}  // namespace

Response Problem(const Error& error, unsigned version) {
  std::string detail = error.message();
  // Internal errors never leak internals (SQL, paths) to the client.
  if (error.code() == ErrorCode::kInternal) {
    detail = "Something went wrong on the server. Nothing was changed; try again, and tell your administrator if it keeps happening.";
  }
  return Build(StatusFor(error.code()), CodeName(error.code()), detail, error.field(), version);
}

Response Problem(HttpStatus status, std::string code, std::string detail, unsigned version) {
  return Build(status, code, detail, "", version);
}

}  // namespace hotshop::http
