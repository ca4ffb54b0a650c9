// SPDX-License-Identifier: AGPL-3.0-or-later
// Hostile bodies (security-model.md §4 #7, #14-#16) sent to every POST,
// PATCH and PUT route of the campaign workplace (docs/api.md "Campaign
// workplace": the workplace, campaign, chart, card, committee,
// structure-test and connection handlers), on SQLite and PostgreSQL against
// a real `hotshop serve` with the demo data. One table: each route with a
// body that parses, and the kind of each of its fields; each hostile case
// changes one field (a wrong JSON type, a 1 MB string, a NUL byte, a bidi
// override in a name, a number out of range or too large to hold, a
// malformed date or instant, an id that is not a UUID) or the whole body
// (an unknown field, duplicate keys, 10,000 nesting levels, 1e400, invalid
// UTF-8, trailing data, not an object, over the size limit). Every answer
// must be 4xx problem+json, never 2xx or 5xx; a field case must name its
// field; and the workplace tables must be exactly as before.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <climits>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/workplace_api_fixture.h"
#include "support/api_actor.h"
#include "support/http_client.h"

namespace hotshop::testing {
namespace {

enum class Kind { kName, kOptName, kText, kEnum, kId, kDate, kInstant, kInt, kBool, kPhone, kEmail, kTimeZone, kHex,
                  kIdList, kLabels, kLevels, kTargets };

struct Field {
  std::string name;
  Kind kind;
  int64_t min = 0, max = 0;  // kInt
};

struct Route {
  std::string method, path;
  std::string etag;  // If-Match to send ("" = none)
  json base;         // a body that parses
  std::vector<Field> fields;
};

std::string Nul() { return std::string("a\0b", 3); }
const std::string kMegabyte(1'000'000, 'x');  // under the 1 MiB body limit with its JSON around it
const char* const kRlo = "\xE2\x80\xAE" "evil";
const char* const kIsolate = "a\xE2\x81\xA7" "b\xE2\x81\xA9";

// The hostile values of one field kind.
std::vector<json> Hostile(const Field& f) {
  const std::vector<json> not_text = {42, 1.5, true, json::array(), json::object(), json::array({"x"})};
  std::vector<json> v;
  auto add = [&](std::initializer_list<json> more) { v.insert(v.end(), more.begin(), more.end()); };
  switch (f.kind) {
    case Kind::kName:  // a name that, when sent, may not be empty
      v = not_text;
      add({"", kMegabyte, Nul(), kRlo, kIsolate, "tab\x1b" "escape", "\x7f"});
      break;
    case Kind::kOptName:  // a name that may be left empty
      v = not_text;
      add({kMegabyte, Nul(), kRlo, kIsolate, "tab\x1b" "escape", "\x7f"});
      break;
    case Kind::kText:
      v = not_text;
      add({kMegabyte, Nul(), "bell\x07"});
      break;
    case Kind::kEnum:
      v = not_text;
      add({"", "NOT_A_VALUE", "admin", Nul(), kMegabyte, "department'; DROP TABLE units;--"});
      break;
    case Kind::kId:
      v = not_text;
      add({"not-a-uuid", "' OR '1'='1", "../../etc/passwd", "0190f5c0-0000-7000-8000-00000000000G",
           "0190f5c0-0000-7000-8000-0000000000001", std::string("0190f5c0-0000-7000-8000-000000000001") + '\0',
           kMegabyte});
      break;
    case Kind::kDate:
      v = not_text;
      add({"", "2025-13-01", "2025-02-30", "2025-1-1", "20250101", "next tuesday", "2025-01-01T00:00:00Z",
           "0000-00-00", "99999-01-01", "-001-01-01", Nul(), kMegabyte});
      break;
    case Kind::kInstant:
      v = not_text;
      add({"", "2025-01-01", "not a time", "2025-01-01T25:00:00Z", "2025-02-30T00:00:00Z", "2025-01-01 10:00:00",
           Nul(), kMegabyte});
      break;
    case Kind::kInt:
      add({"5", true, json::array(), json::object(), 1.5, 1e300, -1e300, f.min - 1, f.max + 1,
           json(static_cast<uint64_t>(18446744073709551615ULL)), json(static_cast<int64_t>(INT64_MIN))});
      break;
    case Kind::kBool:
      add({"true", 1, 0, "yes", json::array(), json::object()});
      break;
    case Kind::kPhone:
      v = not_text;
      add({"+99999999999999999", "call me maybe", Nul(), "\xE2\x80\xAE" "0010-555-312", kMegabyte});
      break;
    case Kind::kEmail:
      v = not_text;
      add({"not an email", "a@" + Nul(), kMegabyte});
      break;
    case Kind::kTimeZone:
      v = not_text;
      add({"../../etc/passwd", "Mars/Olympus_Mons", "America", "/etc/localtime", Nul(), kMegabyte});
      break;
    case Kind::kHex:
      v = not_text;
      add({"zz", "12 34", Nul(), kMegabyte});
      break;
    case Kind::kIdList:
      add({"x", 42, json::object(), json::array({1}), json::array({json::object()}), json::array({"not-a-uuid"}),
           json::array({json::array()}), json::array({nullptr}), json::array({Nul()})});
      break;
    case Kind::kLabels:
      add({"x", 42, json::object(), json::array({1}), json::array({json::object()}), json::array({Nul()}),
           json::array({kMegabyte}), json::array({kRlo}), json::array({json::array()}), json::array({nullptr})});
      break;
    case Kind::kLevels:
      add({"x", 42, json::object(), json::array({"1"}), json::array({1.5}), json::array({-1}), json::array({99}),
           json::array({json(static_cast<uint64_t>(18446744073709551615ULL))}), json::array({json::array()})});
      break;
    case Kind::kTargets: {
      auto target = [](json t) { return json::array({std::move(t)}); };
      add({"x", 42, json::object(), json::array({1}), json::array({"x"}),
           target({{"kind", "department"}}),
           target({{"kind", "department"}, {"name", "Housekeeping"}, {"percent", "50"}}),
           target({{"kind", "floor"}, {"name", "A"}, {"percent", 50}}),
           target({{"kind", "department"}, {"name", "A"}, {"percent", 500}}),
           target({{"kind", "department"}, {"name", Nul()}, {"percent", 50}}),
           target({{"kind", "department"}, {"name", kRlo}, {"percent", 50}}),
           target({{"kind", "department"}, {"name", kMegabyte}, {"percent", 50}}),
           target({{"kind", "department"}, {"name", "A"}, {"percent", 50}, {"org_id", "x"}})});
      break;
    }
  }
  return v;
}

std::string Show(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 80 ? s.substr(0, 80) + "...(" + std::to_string(s.size()) + " bytes)" : s;
}

class WorkplaceHostile : public WorkplaceApiTest {
 protected:
  std::vector<std::string> ServeArgs() const override { return {"--rate-limit", "0"}; }

  HttpResult Send(const Route& r, const std::string& raw) {
    std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
    if (!r.etag.empty()) h["If-Match"] = r.etag;
    return admin_->Send(r.method, r.path, raw, h);
  }

  // Announces a body over the 1 MiB limit and sends only the headers: the
  // server answers on them (sending the whole body would race its close).
  HttpResult SendOversized(const Route& r) {
    namespace beast = boost::beast;
    namespace bhttp = beast::http;
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket sock(ioc);
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server_->port())});
    std::string head = r.method + " " + r.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + admin_->cookie() +
                       "\r\nX-Requested-With: hotshop\r\nContent-Type: application/json\r\n" +
                       (r.etag.empty() ? "" : "If-Match: " + r.etag + "\r\n") + "Content-Length: 1100000\r\n\r\n";
    boost::asio::write(sock, boost::asio::buffer(head));
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    beast::error_code ec;
    bhttp::read(sock, buf, res, ec);
    HttpResult out;
    if (ec) return out;
    out.status = static_cast<int>(res.result_int());
    out.headers["content-type"] = std::string(res[bhttp::field::content_type]);
    out.body = res.body();
    return out;
  }

  // The workplace routes that take a body, each with a body that parses.
  std::vector<Route> Routes() {
    const std::string org = "/api/orgs/demo";
    json employers = Parse(admin_->Get(org + "/campaigns/" + harbor_ + "/employers"))["employers"];
    std::string employer = employers.at(0)["id"].get<std::string>();
    std::string site = Parse(admin_->Get(org + "/employers/" + employer))["worksites"].at(0)["id"].get<std::string>();
    std::map<std::string, std::string> areas = Areas(harbor_unit_);
    std::string dept = areas.at("Housekeeping"), shift = areas.at("Days"), job = areas.at("Room attendant");
    std::string rosa = Demo("+12025550101"), lee = Demo("+12025550102");
    std::string card, card_v, member, member_v, test, scale, scale_v;
    // Each list kept in a local: a range-for over a temporary's member dangles.
    json cards = Parse(admin_->Get(org + "/units/" + harbor_unit_ + "/cards"))["cards"];
    json members = Parse(admin_->Get(org + "/campaigns/" + harbor_ + "/committee"))["members"];
    json scales = Parse(admin_->Get(org + "/campaigns/" + harbor_ + "/assessment-scales"))["scales"];
    for (const auto& c : cards) {
      if (c["revoked_on"].is_null()) card = c["id"].get<std::string>(), card_v = "\"v" + c["version"].dump() + "\"";
    }
    for (const auto& m : members) {
      if (m["until_on"].is_null()) member = m["id"].get<std::string>(), member_v = "\"v" + m["version"].dump() + "\"";
    }
    test = Parse(admin_->Get(org + "/units/" + harbor_unit_ + "/structure-tests"))["tests"].at(0)["id"].get<std::string>();
    for (const auto& s : scales) {
      if (s["campaign_id"] == harbor_) scale = s["id"].get<std::string>(), scale_v = "\"v" + s["version"].dump() + "\"";
    }
    EXPECT_FALSE(card.empty() || member.empty() || scale.empty() || rosa.empty() || lee.empty())
        << card << " " << member << " " << scale << " " << rosa << " " << lee;
    auto etag = [&](const std::string& path) { return admin_->Get(org + path).header("etag"); };

    const std::vector<Field> person = {{"name", Kind::kName}, {"phone", Kind::kPhone}, {"email", Kind::kEmail},
                                       {"address", Kind::kText}, {"notes", Kind::kText},
                                       {"preferred_language", Kind::kText}};
    const json person_body = {{"name", "Hostile Example"}, {"phone", "+12025550188"}, {"email", "hostile@example.org"},
                              {"address", "1 Example St"}, {"notes", "met at the bus stop"}, {"preferred_language", "es"}};
    const std::vector<Field> unit = {{"name", Kind::kName}, {"eligibility", Kind::kText},
                                     {"size_override", Kind::kInt, 1, 10'000'000}, {"worksite_ids", Kind::kIdList},
                                     {"card_percent", Kind::kInt, 0, 100}, {"support_percent", Kind::kInt, 0, 100},
                                     {"committee_percent", Kind::kInt, 0, 100}, {"go_public_percent", Kind::kInt, 1, 100}};
    json unit_body = {{"name", "Hostile unit"}, {"eligibility", "Room attendants"}, {"size_override", 10},
                      {"worksite_ids", {site}}, {"card_percent", 65}, {"support_percent", 65},
                      {"committee_percent", 10}, {"go_public_percent", 90}};
    json new_unit = unit_body;
    new_unit["employer_id"] = employer;
    std::vector<Field> new_unit_fields = unit;
    new_unit_fields.insert(new_unit_fields.begin(), Field{"employer_id", Kind::kId});
    const std::vector<Field> site_fields = {{"name", Kind::kName}, {"address", Kind::kText},
                                            {"time_zone", Kind::kTimeZone}, {"region", Kind::kText}};
    const json site_body = {{"name", "Hostile site"}, {"address", "2 Example Ave"}, {"time_zone", "America/New_York"},
                            {"region", "East"}};
    const std::vector<Field> placement = {{"worksite_id", Kind::kId}, {"department_id", Kind::kId},
                                          {"shift_id", Kind::kId}, {"job_class_id", Kind::kId},
                                          {"employment_type", Kind::kEnum}, {"supervisor", Kind::kBool},
                                          {"started_on", Kind::kDate}};
    json unit_person = {{"name", "Hostile Coworker"}, {"phone", "+12025550189"}, {"email", "coworker@example.org"},
                        {"preferred_language", "en"}, {"worksite_id", site}, {"department_id", dept},
                        {"shift_id", shift}, {"job_class_id", job}, {"employment_type", "full_time"},
                        {"supervisor", false}, {"started_on", "2024-05-01"}};
    std::vector<Field> unit_person_fields = {{"name", Kind::kName}, {"phone", Kind::kPhone}, {"email", Kind::kEmail},
                                             {"preferred_language", Kind::kText}};
    unit_person_fields.insert(unit_person_fields.end(), placement.begin(), placement.end());
    json employment = unit_person;
    for (const char* k : {"name", "phone", "email", "preferred_language"}) employment.erase(k);
    employment["unit_id"] = harbor_unit_;
    std::vector<Field> employment_fields = placement;
    employment_fields.push_back(Field{"unit_id", Kind::kId});

    return {
        {"PATCH", org + "/campaigns/" + harbor_, etag("/campaigns/" + harbor_),
         {{"name", "Harbor View Hotel housekeeping"}, {"status", "active"}},
         {{"name", Kind::kName}, {"status", Kind::kEnum}}},
        {"POST", org + "/campaigns/" + harbor_ + "/people", "", person_body, person},
        {"PATCH", org + "/people/" + rosa, etag("/people/" + rosa), person_body, person},
        {"POST", org + "/campaigns/" + harbor_ + "/employers", "", {{"name", "Hostile Inc."}}, {{"name", Kind::kName}}},
        {"PATCH", org + "/employers/" + employer, etag("/employers/" + employer), {{"name", "Renamed Inc."}},
         {{"name", Kind::kName}}},
        {"POST", org + "/employers/" + employer + "/worksites", "", site_body, site_fields},
        {"PATCH", org + "/worksites/" + site, etag("/worksites/" + site), site_body, site_fields},
        {"POST", org + "/campaigns/" + harbor_ + "/units", "", new_unit, new_unit_fields},
        {"PATCH", org + "/units/" + harbor_unit_, etag("/units/" + harbor_unit_), unit_body, unit},
        {"POST", org + "/units/" + harbor_unit_ + "/areas", "",
         {{"kind", "department"}, {"name", "Hostile department"}, {"worksite_id", site}},
         {{"kind", Kind::kEnum}, {"name", Kind::kName}, {"worksite_id", Kind::kId}}},
        {"PATCH", org + "/areas/" + dept, "\"v1\"", {{"name", "Renamed department"}}, {{"name", Kind::kName}}},
        {"POST", org + "/units/" + harbor_unit_ + "/people", "", unit_person, unit_person_fields},
        {"PUT", org + "/people/" + rosa + "/employment", etag("/people/" + rosa + "/employment"), employment,
         employment_fields},
        {"POST", org + "/people/" + rosa + "/connections", "", {{"other_person_id", lee}, {"kind", "carpool"}},
         {{"other_person_id", Kind::kId}, {"kind", Kind::kEnum}}},
        {"POST", org + "/people/" + rosa + "/assessments", "",
         {{"value", 3}, {"scale_id", scale}, {"assessed_at", "2025-01-10T15:00:00Z"}, {"note", "said yes to the meeting"}},
         {{"value", Kind::kInt, 0, 20}, {"scale_id", Kind::kId}, {"assessed_at", Kind::kInstant}, {"note", Kind::kText}}},
        {"POST", org + "/campaigns/" + harbor_ + "/assessment-scales", "",
         {{"name", "Three steps"}, {"max_level", 2}, {"labels", {"Not assessed", "Against", "For"}}, {"support_levels", {2}}},
         {{"name", Kind::kName}, {"max_level", Kind::kInt, 1, 20}, {"labels", Kind::kLabels},
          {"support_levels", Kind::kLevels}}},
        {"PATCH", org + "/assessment-scales/" + scale, scale_v,
         {{"name", "Renamed scale"}, {"labels", {"Not assessed", "Against", "For"}}},
         {{"name", Kind::kName}, {"labels", Kind::kLabels}}},
        {"POST", org + "/units/" + harbor_unit_ + "/cards", "",
         {{"person_id", lee}, {"signed_on", "2025-01-10"}, {"method", "e_signature"},
          {"signed_at", "2025-01-10T15:00:00Z"}, {"evidence_hash", "ab12cd34"}, {"has_signature", true},
          {"note", "signed at the break room"}},
         {{"person_id", Kind::kId}, {"signed_on", Kind::kDate}, {"method", Kind::kEnum}, {"signed_at", Kind::kInstant},
          {"evidence_hash", Kind::kHex}, {"has_signature", Kind::kBool}, {"note", Kind::kText}}},
        {"POST", org + "/cards/" + card + "/revoke", card_v, {{"revoked_on", "2025-03-01"}},
         {{"revoked_on", Kind::kDate}}},
        {"POST", org + "/campaigns/" + harbor_ + "/committee", "",
         {{"person_id", lee}, {"role", "helper"}, {"since_on", "2025-01-01"}},
         {{"person_id", Kind::kId}, {"role", Kind::kEnum}, {"since_on", Kind::kDate}}},
        {"POST", org + "/committee/" + member + "/end", member_v, {{"until_on", "2025-03-01"}},
         {{"until_on", Kind::kDate}}},
        {"POST", org + "/units/" + harbor_unit_ + "/structure-tests", "",
         {{"kind", "sticker_day"}, {"name", "Button day"}, {"held_on", "2025-02-01"}, {"target_percent", 60},
          {"targets", {{{"kind", "department"}, {"name", "Housekeeping"}, {"percent", 50}}}}},
         {{"kind", Kind::kEnum}, {"name", Kind::kOptName}, {"held_on", Kind::kDate},
          {"target_percent", Kind::kInt, 1, 100}, {"targets", Kind::kTargets}}},
        {"PUT", org + "/structure-tests/" + test + "/participation", "",
         {{"person_id", rosa}, {"participated", true}, {"entrance", "North door"}},
         {{"person_id", Kind::kId}, {"participated", Kind::kBool}, {"entrance", Kind::kText}}},
    };
  }
};
HOTSHOP_ON_BOTH_DATABASES(WorkplaceHostile);

TEST_P(WorkplaceHostile, EveryWriteRouteRefusesHostileBodiesNamingTheFieldAndChangesNothing) {
  std::vector<Route> routes = Routes();
  ASSERT_EQ(routes.size(), 23u) << "every POST / PATCH / PUT of the campaign workplace";
  int sent = 0;
  for (const Route& r : routes) {
    SCOPED_TRACE(r.method + " " + r.path);
    ASSERT_FALSE(r.fields.empty());
    const std::string before = WorkplaceSnapshot();
    auto check = [&](const std::string& what, const HttpResult& res, const std::string& field) {
      ++sent;
      EXPECT_GE(res.status, 400) << what << ": " << res.body.substr(0, 300);
      EXPECT_LT(res.status, 500) << what << ": " << res.body.substr(0, 300);
      EXPECT_EQ(res.header("content-type"), "application/problem+json") << what << " " << res.status;
      if (field.empty()) return;
      json p = Parse(res);
      std::string named = p.value("field", "");
      std::string detail = p.value("detail", "");
      EXPECT_TRUE(named.rfind(field, 0) == 0 || detail.find(field) != std::string::npos)
          << what << ": names " << (named.empty() ? "no field" : named) << ", not " << field << ": " << res.body.substr(0, 300);
    };

    // One field at a time.
    for (const Field& f : r.fields) {
      ASSERT_TRUE(r.base.contains(f.name)) << f.name;
      for (const json& bad : Hostile(f)) {
        json body = r.base;
        body[f.name] = bad;
        check(f.name + " = " + Show(bad), Send(r, body.dump(-1, ' ', false, json::error_handler_t::strict)), f.name);
      }
    }

    // The whole body.
    const std::string first = r.fields[0].name;
    const std::string base = r.base.dump();
    const std::string open = base.substr(0, base.size() - 1);  // without its closing brace
    json unknown = r.base;
    unknown["org_id"] = "0190f5c0-0000-7000-8000-000000000001";
    check("an unknown field", Send(r, unknown.dump()), "org_id");
    json role = r.base;
    role["is_admin"] = true;
    check("a field that is not writable", Send(r, role.dump()), "is_admin");
    check("a duplicate key", Send(r, open + ",\"" + first + "\":" + r.base[first].dump() + "}"), "");
    check("10,000 nesting levels", Send(r, "{\"" + first + "\":" + std::string(10'000, '[') + std::string(10'000, ']') + "}"), "");
    check("1e400", Send(r, open + ",\"" + first + "\":1e400}"), "");
    check("-1e400", Send(r, "{\"" + first + "\":-1e400}"), "");
    check("invalid UTF-8", Send(r, "{\"" + first + "\":\"\xC3\x28\xFF\"}"), "");
    check("a raw NUL in a string", Send(r, "{\"" + first + "\":\"a" + std::string(1, '\0') + "b\"}"), "");
    check("an unpaired surrogate escape", Send(r, "{\"" + first + "\":\"\\ud800\"}"), "");
    check("trailing data", Send(r, base + "{}"), "");
    check("a truncated body", Send(r, open), "");
    for (const char* not_object : {"", "null", "[]", "[{}]", "\"text\"", "42", "true"}) {
      check(std::string("the body ") + not_object, Send(r, not_object), "");
    }
    check("a body over the limit", SendOversized(r), "");

    EXPECT_EQ(WorkplaceSnapshot(), before) << "a refused request changed something";
  }
  EXPECT_GT(sent, 1000);
  std::cout << "[ hostile  ] " << sent << " hostile requests to " << routes.size() << " routes" << std::endl;
}

}  // namespace
}  // namespace hotshop::testing
