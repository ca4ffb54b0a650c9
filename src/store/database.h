// SPDX-License-Identifier: AGPL-3.0-or-later
// Database: the one storage interface, with SQLite and PostgreSQL behind it.
//
// SQL is written once with $1..$n placeholders; the SQLite backend rewrites
// them to ?1..?n. Work happens inside Transact(), which retries the whole
// function when the database reports a serialization failure, deadlock or
// busy lock, so a function passed to Transact must have no effects outside
// the transaction.
//
// Only src/store issues SQL. Repositories take a Scope; Transact with a
// Scope sets app.org_id for PostgreSQL's row-level security.
//
// Thread rule: a Database is shared by all threads; a Tx belongs to the one
// thread running the function it was passed to.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/value.h"

namespace hotshop::store {

enum class Dialect { kSqlite, kPostgres };

// One value of a row for Tx::BulkInsert, borrowed: it must outlive the call.
// The kind names the column's type on PostgreSQL (bigint, text, uuid, bytea);
// SQLite stores kUuid as TEXT, like every uuid column ({{uuid}}).
struct BulkValue {
  enum class Kind : uint8_t { kNull, kInt, kText, kUuid, kBytes };
  Kind kind = Kind::kNull;
  int64_t i = 0;       // kInt
  std::string_view s;  // kText, kBytes; kUuid: canonical text
  static BulkValue Null() { return {}; }
  static BulkValue Int(int64_t v) { return {Kind::kInt, v, {}}; }
  static BulkValue Text(std::string_view v) { return {Kind::kText, 0, v}; }
  static BulkValue Uuid(std::string_view v) { return {Kind::kUuid, 0, v}; }
  static BulkValue Bytes(std::string_view v) { return {Kind::kBytes, 0, v}; }
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement; returns its rows (empty for statements without any).
  // Errors: kConflict for unique/foreign-key violations, kUnavailable when the
  // database is unreachable or busy, kInternal otherwise.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Sets app.org_id for the rest of the transaction (PostgreSQL row-level
  // security); a no-op on SQLite. REQUIRES: a canonical UUID.
  virtual Status SetOrg(std::string_view org_id) = 0;
  // Inserts rows into `table`, as INSERT INTO table (columns) VALUES (...)
  // once per row would, with less work per row (bulk imports): SQLite binds
  // the values without copying them into one prepared statement; PostgreSQL
  // sends them as binary arrays to one INSERT ... SELECT FROM unnest(...)
  // (not COPY: COPY FROM is refused under row-level security). Constraints,
  // foreign keys and row-level security apply as to INSERT. `values` holds
  // the rows one after another, columns.size() values each; on PostgreSQL a
  // column's non-NULL values share one kind. Returns the rows inserted.
  // REQUIRES: table and columns are identifiers written in the code, never
  // input. Errors as Exec; after one, some of the rows may be written: roll
  // the transaction back.
  virtual Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string_view> columns,
                                     std::span<const BulkValue> values) = 0;
};

enum class TxMode { kRead, kWrite };

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs fn inside one transaction. fn's error rolls back and is returned.
  // Retries fn (a bounded number of times) on serialization/deadlock/busy.
  // org_id, when non-empty, is set as app.org_id for the transaction.
  // REQUIRES: org_id is empty or a canonical UUID.
  virtual Status Transact(const std::function<Status(Tx&)>& fn,
                          TxMode mode = TxMode::kWrite,
                          std::string_view org_id = "") = 0;

  // A cheap round trip, for /readyz.
  virtual Status Ping() = 0;
};

// Opens "sqlite:PATH" or "postgresql://…" (also "postgres://…").
// Errors: kInvalidInput for an unknown scheme, kUnavailable when the
// database cannot be reached, with a message naming what to check.
Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, int pool_size = 0);

// Convenience: run fn in a transaction and hand back the value it produced.
template <typename T>
Result<T> TransactValue(Database& db, const std::function<Result<T>(Tx&)>& fn,
                        TxMode mode = TxMode::kWrite, std::string_view org_id = "") {
  std::optional<T> out;
  Status s = db.Transact(
      [&](Tx& tx) -> Status {
        Result<T> r = fn(tx);
        if (!r) return r.error();
        out = std::move(*r);
        return Ok();
      },
      mode, org_id);
  if (!s) return s.error();
  return std::move(*out);
}

// The URL with any password removed, safe to print.
std::string RedactUrl(std::string_view url);

}  // namespace hotshop::store
