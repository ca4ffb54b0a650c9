// SPDX-License-Identifier: AGPL-3.0-or-later
// Error and Result<T>: how every fallible hotshop function reports failure.
//
// An Error has a closed set of kinds (ErrorCode), the field it concerns (may
// be empty) and a message a person can act on. Only src/http maps codes to
// HTTP statuses and problem+json. Result<T> holds either a T or an Error,
// shaped like std::expected (C++23) so it can be swapped for it later.
//
// Thread rule: plain values; const methods are safe from many threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace hotshop {

enum class ErrorCode {
  kInvalidInput,   // the caller sent something wrong: 400
  kNotFound,       // missing, or out of scope (indistinguishable): 404
  kConflict,       // uniqueness clash or a state that forbids it: 409
  kPreconditionFailed,  // the caller's version is stale (If-Match): 412
  kPreconditionRequired,  // a write came without If-Match: 428
  kForbidden,      // authenticated but not allowed where existence is known: 403
  kUnauthenticated,  // no valid session: 401
  kTooLarge,       // over a size limit: 413
  kRateLimited,    // over a rate limit: 429
  kUnavailable,    // a dependency (database) is down or busy: 503
  kInternal,       // a bug: 500
};

class Error {
 public:
  Error(ErrorCode code, std::string field, std::string message)
      : code_(code), field_(std::move(field)), message_(std::move(message)) {}

  static Error InvalidInput(std::string field, std::string message) {
    return Error(ErrorCode::kInvalidInput, std::move(field), std::move(message));
  }
  static Error NotFound(std::string message) {
    return Error(ErrorCode::kNotFound, "", std::move(message));
  }
  static Error Conflict(std::string field, std::string message) {
    return Error(ErrorCode::kConflict, std::move(field), std::move(message));
  }
  static Error PreconditionFailed(std::string message) {
    return Error(ErrorCode::kPreconditionFailed, "If-Match", std::move(message));
  }
  static Error PreconditionRequired(std::string message) {
    return Error(ErrorCode::kPreconditionRequired, "If-Match", std::move(message));
  }
  static Error Forbidden(std::string message) {
    return Error(ErrorCode::kForbidden, "", std::move(message));
  }
  static Error Unauthenticated(std::string message) {
    return Error(ErrorCode::kUnauthenticated, "", std::move(message));
  }
  static Error TooLarge(std::string message) {
    return Error(ErrorCode::kTooLarge, "", std::move(message));
  }
  static Error RateLimited(std::string message) {
    return Error(ErrorCode::kRateLimited, "", std::move(message));
  }
  static Error Unavailable(std::string message) {
    return Error(ErrorCode::kUnavailable, "", std::move(message));
  }
  static Error Internal(std::string message) {
    return Error(ErrorCode::kInternal, "", std::move(message));
  }

  ErrorCode code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }

  bool Is(ErrorCode c) const { return code_ == c; }

 private:
  ErrorCode code_;
  std::string field_;
  std::string message_;
};

// Result<T>: a T, or the Error that prevented it.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok()
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_{ErrorCode::kInternal, "", ""};
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return Status(); }

}  // namespace hotshop
