// SPDX-License-Identifier: AGPL-3.0-or-later
// The SQLite backend: one file in WAL mode, a small pool of connections,
// foreign keys on, a busy timeout, and secure_delete so erased values are
// overwritten in the file (security-model.md §2.11).
#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <unordered_map>

#include "store/connection_pool.h"
#include "store/database.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

// Why 5 s: long enough to ride out an import's commit, short enough that a
// stuck writer surfaces as a clear 503 rather than a hung request.
constexpr int kBusyTimeoutMs = 5000;
constexpr int kMaxAttempts = 5;

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) return Error::Conflict("", msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::Unavailable(msg);
  return Error::Internal(msg);
}

bool IsRetryable(const Error& e) { return e.code() == ErrorCode::kUnavailable; }

class SqliteConn {
 public:
  ~SqliteConn() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    if (db_) sqlite3_close_v2(db_);
  }
  static Result<std::unique_ptr<SqliteConn>> Open(const std::string& path) {
    auto c = std::make_unique<SqliteConn>();
    int rc = sqlite3_open_v2(path.c_str(), &c->db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      return Error::Unavailable("cannot open SQLite database '" + path +
                                "': " + sqlite3_errstr(rc) +
                                " (check the directory exists and is writable)");
    }
    sqlite3_busy_timeout(c->db_, kBusyTimeoutMs);
    const char* pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
        "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;";
    char* err = nullptr;
    rc = sqlite3_exec(c->db_, pragmas, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string m = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Error::Unavailable("cannot configure SQLite database '" + path + "': " + m +
                                " (is it a hotshop database file?)");
    }
    return c;
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    std::string rewritten = DollarToQuestion(sql);
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
    cache_.emplace(std::string(sql), st);
    return st;
  }

  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

Status Bind(sqlite3_stmt* st, const Params& params, sqlite3* db) {
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) return sqlite3_bind_null(st, idx);
          else if constexpr (std::is_same_v<T, int64_t>) return sqlite3_bind_int64(st, idx, v);
          else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(st, idx, v);
          else if constexpr (std::is_same_v<T, std::string>)
            return sqlite3_bind_text64(st, idx, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
          else
            return sqlite3_bind_blob64(st, idx, v.data.data(), v.data.size(), SQLITE_TRANSIENT);
        },
        params[i]);
    if (rc != SQLITE_OK) return SqliteError(db, rc, "bind");
  }
  return Ok();
}

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(SqliteConn& c) : c_(c) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    Result<sqlite3_stmt*> st = c_.Prepare(sql);
    if (!st) return st.error();
    if (Status b = Bind(*st, params, c_.db()); !b) return b.error();
    Rows rows;
    for (;;) {
      int rc = sqlite3_step(*st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Error e = SqliteError(c_.db(), rc, "query");
        sqlite3_reset(*st);
        return e;
      }
      int n = sqlite3_column_count(*st);
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(*st, i)) {
          case SQLITE_NULL: cells.emplace_back(nullptr); break;
          case SQLITE_INTEGER: cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(*st, i))); break;
          case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(*st, i)); break;
          case SQLITE_BLOB: {
            const void* p = sqlite3_column_blob(*st, i);
            int len = sqlite3_column_bytes(*st, i);
            cells.emplace_back(Bytes{std::string(static_cast<const char*>(p), static_cast<size_t>(len))});
            break;
          }
          default: {
            const unsigned char* p = sqlite3_column_text(*st, i);
            int len = sqlite3_column_bytes(*st, i);
            cells.emplace_back(std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(len)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(*st);
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    Result<Rows> r = Query(sql, params);
    if (!r) return r.error();
    return static_cast<int64_t>(sqlite3_changes64(c_.db()));
  }

  Status SetOrg(std::string_view) override { return Ok(); }

  Status ExecScript(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(c_.db(), s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string m = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Error::Internal("script: " + m);
    }
    return Ok();
  }

  Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string_view> columns,
                             std::span<const BulkValue> values) override {
    const size_t width = columns.size();
    if (width == 0 || values.size() % width != 0) return Error::Internal("BulkInsert: values do not fill the rows");
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (size_t i = 0; i < width; ++i) {
      sql += (i ? ", " : "") + std::string(columns[i]);
      marks += (i ? ", ?" : "?") + std::to_string(i + 1);
    }
    sql += ") VALUES (" + marks + ")";
    Result<sqlite3_stmt*> st = c_.Prepare(sql);
    if (!st) return st.error();
    // SQLITE_STATIC: the values outlive each step; bindings are cleared
    // before returning, so none dangles.
    int64_t rows = 0;
    for (size_t at = 0; at < values.size(); at += width) {
      for (size_t i = 0; i < width; ++i) {
        const BulkValue& v = values[at + i];
        const int idx = static_cast<int>(i + 1);
        int rc = SQLITE_OK;
        switch (v.kind) {
          case BulkValue::Kind::kNull: rc = sqlite3_bind_null(*st, idx); break;
          case BulkValue::Kind::kInt: rc = sqlite3_bind_int64(*st, idx, v.i); break;
          case BulkValue::Kind::kText:
          case BulkValue::Kind::kUuid:
            rc = sqlite3_bind_text64(*st, idx, v.s.data(), v.s.size(), SQLITE_STATIC, SQLITE_UTF8);
            break;
          case BulkValue::Kind::kBytes:
            rc = sqlite3_bind_blob64(*st, idx, v.s.data(), v.s.size(), SQLITE_STATIC);
            break;
        }
        if (rc != SQLITE_OK) {
          sqlite3_clear_bindings(*st);
          return SqliteError(c_.db(), rc, "bind");
        }
      }
      int rc = sqlite3_step(*st);
      if (rc != SQLITE_DONE) {
        Error e = SqliteError(c_.db(), rc, "insert");
        sqlite3_reset(*st);
        sqlite3_clear_bindings(*st);
        return e;
      }
      sqlite3_reset(*st);
      ++rows;
    }
    sqlite3_clear_bindings(*st);
    return rows;
  }

 private:
  SqliteConn& c_;
};

class SqliteDatabase final : public Database {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }

  static Result<std::unique_ptr<Database>> Open(const std::string& path, int pool_size) {
    auto db = std::make_unique<SqliteDatabase>();
    db->path_ = path;
    int n = pool_size > 0 ? pool_size : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()) + 2);
    for (int i = 0; i < n; ++i) {
      Result<std::unique_ptr<SqliteConn>> c = SqliteConn::Open(path);
      if (!c) return c.error();
      db->pool_.Add(std::move(*c));
    }
    return std::unique_ptr<Database>(std::move(db));
  }

  Status Transact(const std::function<Status(Tx&)>& fn, TxMode mode, std::string_view) override {
    Status last;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      PooledConnection<SqliteConn> c(pool_);
      // IMMEDIATE takes the write lock up front, so two writers never deadlock
      // upgrading from a read lock; the busy timeout then queues them.
      const char* begin = mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN";
      int rc = sqlite3_exec(c->db(), begin, nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) {
        last = SqliteError(c->db(), rc, "begin");
        if (IsRetryable(last.error())) { Backoff(attempt); continue; }
        return last;
      }
      SqliteTx tx(*c);
      last = fn(tx);
      if (!last) {
        sqlite3_exec(c->db(), "ROLLBACK", nullptr, nullptr, nullptr);
        if (IsRetryable(last.error())) { Backoff(attempt); continue; }
        return last;
      }
      rc = sqlite3_exec(c->db(), "COMMIT", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return Ok();
      last = SqliteError(c->db(), rc, "commit");
      sqlite3_exec(c->db(), "ROLLBACK", nullptr, nullptr, nullptr);
      if (!IsRetryable(last.error())) return last;
      Backoff(attempt);
    }
    return last;
  }

  Status Ping() override {
    return Transact([](Tx& tx) -> Status {
      Result<Rows> r = tx.Query("SELECT 1");
      if (!r) return r.error();
      return Ok();
    }, TxMode::kRead, "");
  }

 private:
  static void Backoff(int attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * (1 << attempt)));
  }
  std::string path_;
  ConnectionPool<SqliteConn> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size) {
  return SqliteDatabase::Open(path, pool_size);
}

}  // namespace hotshop::store
