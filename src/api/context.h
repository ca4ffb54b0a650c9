// SPDX-License-Identifier: AGPL-3.0-or-later
// Context: what a handler may use besides the request: the database, the
// keys and shared services, the signed-in actor (if any) and the time of the
// request (handlers never read a clock). Built once per request by App.
//
// Thread rule: one Context per request; Services are shared and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/rate_limiter.h"
#include "security/authorize.h"
#include "security/password.h"
#include "store/database.h"
#include "store/key_service.h"

namespace hotshop::api {

class ImportJobs;

struct Config {
  std::string web_dir;
  int latest_migration = 0;
};

// The public intake form's guards (security-model.md §2.9, §4 #22).
struct IntakeOptions {
  int pow_bits = 14;                 // leading zero bits: ~16k hashes, about a second on an old phone
  int64_t pow_ttl_ms = 30 * 60 * 1000;  // a challenge lasts 30 minutes
  // Every request to the public intake routes takes a token per client
  // address; only submissions that carry a valid proof of work take one
  // from the global bucket, so a flood without work cannot starve people.
  // nullptr = no limit (tests).
  http::RateLimiter* per_client = nullptr;
  http::RateLimiter* global = nullptr;
};

// Shared by every request of one server.
struct Services {
  store::KeyService& keys;
  const security::CommonPasswords& common_passwords;
  security::PwhashParams pwhash;
  security::HashLimiter& hash_limiter;
  // security-model.md §2.9: 5 attempts a minute per account, 100 failures an
  // hour per account, and a bucket per client address. Soft: they slow an
  // attacker down and never lock the owner out for good.
  http::RateLimiter& login_per_account;
  http::RateLimiter& failures_per_account;
  http::RateLimiter& login_per_client;
  // Uploaded lists waiting or being imported (api/import_jobs.h).
  ImportJobs* imports = nullptr;
  IntakeOptions intake = {};
};

// What a signed-in request carries beyond the Actor.
struct SessionInfo {
  std::string session_id;
  std::string user_id;
  std::string org_id;
  std::vector<std::string> needs;  // "password", "totp": setup before any data
};

struct Context {
  store::Database& db;
  const Config& config;
  Services& services;
  int64_t now_ms;
  std::optional<security::Actor> actor;  // set on authenticated routes
  std::optional<SessionInfo> session;
};

}  // namespace hotshop::api
