// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/json_body.h"

#include <cmath>
#include <vector>

namespace hotshop::http {
namespace {

using json = nlohmann::json;

// A DOM builder over nlohmann's SAX interface (which is iterative, so deep
// input can't overflow the stack) that also enforces our rules.
class StrictBuilder {
 public:
  explicit StrictBuilder(int max_depth) : max_depth_(max_depth) {}

  bool null() { return Put(json(nullptr)); }
  bool boolean(bool v) { return Put(json(v)); }
  bool number_integer(json::number_integer_t v) { return Put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return Put(json(v)); }
  bool number_float(json::number_float_t v, const std::string&) {
    if (!std::isfinite(v)) return Fail("a number is too large to represent");
    return Put(json(v));
  }
  bool string(std::string& v) { return Put(json(std::move(v))); }
  bool binary(json::binary_t&) { return Fail("binary values are not JSON"); }
  bool start_object(std::size_t) { return Open(json::object()); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t) { return Open(json::array()); }
  bool end_array() { return Close(); }
  bool key(std::string& k) {
    json* obj = stack_.back();
    if (obj->contains(k)) return Fail("the key \"" + k.substr(0, 64) + "\" appears twice");
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t pos, const std::string&, const json::exception& ex) {
    std::string what = ex.what();
    // nlohmann's messages name the problem well; drop its "[json.exception…]" prefix.
    auto p = what.find("] ");
    if (p != std::string::npos) what = what.substr(p + 2);
    return Fail("the body is not valid JSON at byte " + std::to_string(pos) + ": " + what);
  }

  json& root() { return root_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
    return false;
  }
  bool Put(json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    json* top = stack_.back();
    if (top->is_object()) (*top)[key_] = std::move(v);
    else top->push_back(std::move(v));
    return true;
  }
  bool Open(json v) {
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      return Fail("the body nests deeper than " + std::to_string(max_depth_) + " levels");
    }
    json* slot;
    if (stack_.empty()) {
      root_ = std::move(v);
      slot = &root_;
    } else {
      json* top = stack_.back();
      if (top->is_object()) slot = &((*top)[key_] = std::move(v));
      else { top->push_back(std::move(v)); slot = &top->back(); }
    }
    stack_.push_back(slot);
    return true;
  }
  bool Close() {
    stack_.pop_back();
    return true;
  }

  int max_depth_;
  json root_;
  std::vector<json*> stack_;
  std::string key_;
  std::string error_;
};

}  // namespace

Result<nlohmann::json> ParseJsonStrict(std::string_view text, int max_depth) {
  if (text.empty()) return Error::InvalidInput("body", "the request body is empty; send a JSON object");
  StrictBuilder b(max_depth);
  bool ok = json::sax_parse(text.begin(), text.end(), &b, json::input_format_t::json, true);
  if (!ok) {
    return Error::InvalidInput("body", b.error().empty() ? "the body is not valid JSON" : b.error());
  }
  return std::move(b.root());
}

Status OnlyFields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed) {
  if (!body.is_object()) return Error::InvalidInput("body", "the body must be a JSON object");
  for (const auto& [k, v] : body.items()) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k;
    if (!ok) return Error::InvalidInput(k, "field not writable: \"" + k.substr(0, 64) + "\"");
  }
  return Ok();
}

}  // namespace hotshop::http
