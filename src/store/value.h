// SPDX-License-Identifier: AGPL-3.0-or-later
// Value and Row: what goes into and comes out of a SQL statement, the same on
// SQLite and PostgreSQL. Bytes are kept apart from text so encrypted blobs
// bind as BLOB / bytea.
//
// Thread rule: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hotshop::store {

struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Bytes>;
using Params = std::vector<Value>;

// A NULL when the optional is empty.
template <typename T>
Value Nullable(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Value(*v);
}

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}

  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const;
  // Text of a column; "" when NULL. Integers are rendered in decimal.
  std::string Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  // REQUIRES: the column holds an integer (or its decimal text); 0 when NULL.
  int64_t Int(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  double Real(size_t i) const;
  // Raw bytes of a BLOB/bytea column; "" when NULL.
  std::string Blob(size_t i) const;
  const Value& at(size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

}  // namespace hotshop::store
