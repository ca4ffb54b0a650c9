// SPDX-License-Identifier: AGPL-3.0-or-later
// The request-logic pieces of src/http, without a socket: strict JSON
// (security-model.md §4 #15, #16), routing (404/405), problem+json
// (RFC 9457), ETags, the rate limiter and log escaping (§4 #18).
#include <gtest/gtest.h>

#include "http/etag.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/server.h"

namespace hotshop::http {
namespace {

TEST(StrictJson, AcceptsAnOrdinaryObject) {
  auto j = ParseJsonStrict(R"({"name":"Rosa","n":[1,2,{"a":null}]})");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["name"], "Rosa");
}

TEST(StrictJson, DuplicateKeyNamesTheKey) {
  auto j = ParseJsonStrict(R"({"role":"viewer","role":"admin"})");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(j.error().message().find("\"role\" appears twice"), std::string::npos);
}

TEST(StrictJson, DeepNestingIsRefusedWithoutCrashing) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  auto j = ParseJsonStrict(deep);
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.error().message().find("deeper than 64"), std::string::npos);
  std::string ok(64, '[');
  ok += std::string(64, ']');
  EXPECT_TRUE(ParseJsonStrict(ok).ok());
  std::string over(65, '[');
  over += std::string(65, ']');
  EXPECT_FALSE(ParseJsonStrict(over).ok());
}

TEST(StrictJson, HugeNumberIsRefused) {
  EXPECT_FALSE(ParseJsonStrict(R"({"n":1e400})").ok());
  EXPECT_TRUE(ParseJsonStrict(R"({"n":1e300})").ok());
}

TEST(StrictJson, InvalidUtf8AndTrailingGarbageAreRefused) {
  EXPECT_FALSE(ParseJsonStrict("{\"a\":\"\xc3\x28\"}").ok());
  EXPECT_FALSE(ParseJsonStrict(R"({"a":1} x)").ok());
  EXPECT_FALSE(ParseJsonStrict("").ok());
}

TEST(StrictJson, OnlyFieldsNamesTheUnwritableField) {
  auto j = ParseJsonStrict(R"({"name":"x","org_id":"y"})");
  Status s = OnlyFields(*j, {"name"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "org_id");
  EXPECT_NE(s.error().message().find("field not writable"), std::string::npos);
}

Response Ok200(const Request&) { return Response{HttpStatus::ok, 11}; }

TEST(Router, MatchesPatternsAndCapturesParameters) {
  Router r;
  r.Add(Verb::get, "/api/orgs/{org}/campaigns/{id}", Ok200);
  RouteMatch m = r.Find(Verb::get, "/api/orgs/demo/campaigns/123");
  ASSERT_EQ(m.kind, RouteMatch::kFound);
  EXPECT_EQ(m.params["org"], "demo");
  EXPECT_EQ(m.params["id"], "123");
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
  Router r;
  r.Add(Verb::get, "/x", Ok200);
  r.Add(Verb::patch, "/x", Ok200);
  RouteMatch m = r.Find(Verb::delete_, "/x");
  EXPECT_EQ(m.kind, RouteMatch::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, PATCH");
  EXPECT_EQ(r.Find(Verb::get, "/y").kind, RouteMatch::kNotFound);
  EXPECT_EQ(r.Find(Verb::get, "/x/extra").kind, RouteMatch::kNotFound);
}

TEST(Router, BodyLimitIsPerRoute) {
  Router r;
  RouteOptions big;
  big.body_limit = 10 << 20;
  r.Add(Verb::post, "/upload", Ok200, big);
  EXPECT_EQ(r.BodyLimit(Verb::post, "/upload"), size_t{10 << 20});
  EXPECT_EQ(r.BodyLimit(Verb::post, "/other"), kDefaultBodyLimit);
}

TEST(Problem, EveryCodeMapsToItsStatus) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidInput), HttpStatus::bad_request);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), HttpStatus::not_found);
  EXPECT_EQ(StatusFor(ErrorCode::kPreconditionFailed), HttpStatus::precondition_failed);
  EXPECT_EQ(StatusFor(ErrorCode::kPreconditionRequired), HttpStatus::precondition_required);
  EXPECT_EQ(StatusFor(ErrorCode::kRateLimited), HttpStatus::too_many_requests);
  EXPECT_EQ(StatusFor(ErrorCode::kInternal), HttpStatus::internal_server_error);
}

TEST(Problem, InternalErrorsNeverLeakDetails) {
  Response r = Problem(Error::Internal("SELECT secret FROM people failed at /var/lib"));
  EXPECT_EQ(r.result(), HttpStatus::internal_server_error);
  EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(r.body().find("SELECT"), std::string::npos);
  EXPECT_NE(r.body().find("\"code\":\"internal\""), std::string::npos);
}

TEST(Problem, CarriesTheFieldForTheUi) {
  Response r = Problem(Error::InvalidInput("phone", "not a phone number"));
  EXPECT_NE(r.body().find("\"field\":\"phone\""), std::string::npos);
  EXPECT_NE(r.body().find("\"status\":400"), std::string::npos);
}

TEST(ETag, RoundTripsAVersion) {
  Request req;
  req.raw.set("If-Match", ETagFor(7));
  auto v = IfMatchVersion(req);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
}

TEST(ETag, MissingOrForeignIfMatchIsAnError) {
  Request none;
  EXPECT_EQ(IfMatchVersion(none).error().code(), ErrorCode::kPreconditionRequired);
  Request bad;
  bad.raw.set("If-Match", "\"abc\"");
  EXPECT_EQ(IfMatchVersion(bad).error().code(), ErrorCode::kInvalidInput);
  Request zero;
  zero.raw.set("If-Match", "\"v0\"");
  EXPECT_FALSE(IfMatchVersion(zero).ok());
}

TEST(RateLimiter, AllowsTheBurstThenWaitsThenRefills) {
  RateLimiter l(1.0, 3);
  EXPECT_EQ(l.Take("a", 0), 0);
  EXPECT_EQ(l.Take("a", 0), 0);
  EXPECT_EQ(l.Take("a", 0), 0);
  EXPECT_GE(l.Take("a", 0), 1);
  EXPECT_EQ(l.Take("b", 0), 0) << "buckets are per key";
  EXPECT_EQ(l.Take("a", 1000), 0) << "one token back after a second";
}

TEST(RateLimiter, ZeroRateIsOff) {
  RateLimiter l(0, 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(l.Take("a", 0), 0);
}

TEST(AccessLog, ControlCharactersCannotForgeALine) {
  std::string line = AccessLogLine(0, "GET", "/x\n1970-01-01T00:00:00Z GET \"/admin\" 200", 200, 1, 0.5);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("\\x0a"), std::string::npos);
}

TEST(PercentDecode, RejectsMalformedEscapes) {
  EXPECT_EQ(*PercentDecode("a%20b"), "a b");
  EXPECT_FALSE(PercentDecode("a%2").has_value());
  EXPECT_FALSE(PercentDecode("a%zz").has_value());
}

}  // namespace
}  // namespace hotshop::http
