// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/value.h"

#include <charconv>
#include <stdexcept>

namespace hotshop::store {

bool Row::IsNull(size_t i) const {
  return std::holds_alternative<std::nullptr_t>(cells_.at(i));
}

std::string Row::Text(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  if (auto b = std::get_if<Bytes>(&v)) return b->data;
  return "";
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

int64_t Row::Int(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto n = std::get_if<int64_t>(&v)) return *n;
  if (auto d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec != std::errc()) {
      // PostgreSQL renders booleans as t/f.
      if (*s == "t" || *s == "true") return 1;
      if (*s == "f" || *s == "false") return 0;
      throw std::runtime_error("column " + std::to_string(i) + " is not an integer");
    }
    return out;
  }
  return 0;
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

double Row::Real(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (auto s = std::get_if<std::string>(&v)) return std::stod(*s);
  return 0;
}

std::string Row::Blob(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto b = std::get_if<Bytes>(&v)) return b->data;
  if (auto s = std::get_if<std::string>(&v)) return *s;
  return "";
}

}  // namespace hotshop::store
