// SPDX-License-Identifier: AGPL-3.0-or-later
// The PostgreSQL backend: libpqxx connections in a pool, text-format
// parameters (bytea as \x hex), and SET LOCAL app.org_id per transaction so
// row-level security is a second wall behind the queries' own org_id filter
// (scale-out.md §1: SET LOCAL, never set_config, for Citus).
#include <pqxx/pqxx>

#include <chrono>
#include <thread>

#include "store/connection_pool.h"
#include "store/database.h"
#include "store/sql_rewrite.h"

namespace hotshop::store {
namespace {

constexpr int kMaxAttempts = 6;

std::string HexBytes(const std::string& b) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + b.size() * 2);
  for (unsigned char c : b) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

Error PgError(const std::exception& e) {
  if (auto* se = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = se->sqlstate();
    std::string msg = se->what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (state.rfind("23", 0) == 0) return Error::Conflict("", msg);
    if (state == "40001" || state == "40P01" || state == "55P03") return Error::Unavailable(msg);
    if (state.rfind("08", 0) == 0 || state == "57P01") return Error::Unavailable(msg);
    return Error::Internal(msg);
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    return Error::Unavailable(std::string("database connection lost: ") + e.what());
  }
  return Error::Internal(e.what());
}

bool IsRetryable(const Error& e) { return e.code() == ErrorCode::kUnavailable; }

void PutBe32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

// The 16 bytes of a canonical UUID's text; false if it is not one.
bool UuidBytes(std::string_view text, std::string& out) {
  if (!IsCanonicalUuid(text)) return false;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '-') {
      ++i;
      continue;
    }
    out.push_back(static_cast<char>((nibble(text[i]) << 4) | nibble(text[i + 1])));
    i += 2;
  }
  return true;
}

class PgTx final : public Tx {
 public:
  explicit PgTx(pqxx::work& w) : w_(w) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    try {
      std::vector<std::string> storage;
      storage.reserve(params.size());
      std::vector<const char*> ptrs;
      ptrs.reserve(params.size());
      for (const Value& v : params) {
        if (std::holds_alternative<std::nullptr_t>(v)) {
          ptrs.push_back(nullptr);
          continue;
        }
        if (auto s = std::get_if<std::string>(&v)) storage.push_back(*s);
        else if (auto n = std::get_if<int64_t>(&v)) storage.push_back(std::to_string(*n));
        else if (auto d = std::get_if<double>(&v)) storage.push_back(pqxx::to_string(*d));
        else storage.push_back(HexBytes(std::get<Bytes>(v).data));
        ptrs.push_back(storage.back().c_str());
      }
      pqxx::result r = w_.exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(ptrs));
      affected_ = static_cast<int64_t>(r.affected_rows());
      Rows rows;
      rows.reserve(r.size());
      for (const auto& row : r) {
        std::vector<Value> cells;
        cells.reserve(row.size());
        for (const auto& f : row) {
          if (f.is_null()) { cells.emplace_back(nullptr); continue; }
          switch (f.type()) {
            case 16: cells.emplace_back(static_cast<int64_t>(f.c_str()[0] == 't')); break;
            case 20: case 21: case 23: cells.emplace_back(f.as<int64_t>()); break;
            case 700: case 701: cells.emplace_back(f.as<double>()); break;
            case 17: {
              pqxx::binarystring b(f);
              cells.emplace_back(Bytes{b.str()});
              break;
            }
            default: cells.emplace_back(std::string(f.c_str(), f.size()));
          }
        }
        rows.emplace_back(std::move(cells));
      }
      return rows;
    } catch (const std::exception& e) {
      return PgError(e);
    }
  }

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    Result<Rows> r = Query(sql, params);
    if (!r) return r.error();
    return affected_;
  }

  Status SetOrg(std::string_view org_id) override {
    if (!IsCanonicalUuid(org_id)) return Error::Internal("SetOrg: not a canonical UUID");
    // Safe to inline: checked above. SET LOCAL takes no parameters.
    return ExecScript("SET LOCAL app.org_id = '" + std::string(org_id) + "'");
  }

  Status ExecScript(std::string_view sql) override {
    try {
      w_.exec(std::string(sql));
      return Ok();
    } catch (const std::exception& e) {
      return PgError(e);
    }
  }

  // One statement per call: each column's values travel as one binary array
  // (array_send's format: no text to parse, bytea without hex) unnested
  // server-side; a column that is NULL in every row is a plain NULL.
  Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string_view> columns,
                             std::span<const BulkValue> values) override {
    using Kind = BulkValue::Kind;
    const size_t width = columns.size();
    if (width == 0 || values.size() % width != 0) return Error::Internal("BulkInsert: values do not fill the rows");
    const size_t rows = values.size() / width;
    if (rows == 0) return int64_t{0};
    std::string names, select, arrays_sql, aliases;
    std::vector<pqxx::binarystring> arrays;
    for (size_t c = 0; c < width; ++c) {
      Kind kind = Kind::kNull;
      bool has_null = false;
      for (size_t r = 0; r < rows; ++r) {
        const BulkValue& v = values[r * width + c];
        if (v.kind == Kind::kNull) has_null = true;
        else if (kind == Kind::kNull) kind = v.kind;
        else if (v.kind != kind) return Error::Internal("BulkInsert: a column mixes kinds of values");
      }
      const std::string col(columns[c]);
      names += (c ? ", " : "") + col;
      if (kind == Kind::kNull) {
        select += c ? ", NULL" : "NULL";
        continue;
      }
      const uint32_t oid = kind == Kind::kInt ? 20 : kind == Kind::kText ? 25 : kind == Kind::kUuid ? 2950 : 17;
      const char* type = kind == Kind::kInt ? "int8" : kind == Kind::kText ? "text" : kind == Kind::kUuid ? "uuid" : "bytea";
      std::string a;
      PutBe32(a, 1);  // dimensions
      PutBe32(a, has_null ? 1 : 0);
      PutBe32(a, oid);
      PutBe32(a, static_cast<uint32_t>(rows));
      PutBe32(a, 1);  // lower bound
      for (size_t r = 0; r < rows; ++r) {
        const BulkValue& v = values[r * width + c];
        if (v.kind == Kind::kNull) {
          PutBe32(a, 0xffffffffu);
        } else if (kind == Kind::kInt) {
          PutBe32(a, 8);
          PutBe32(a, static_cast<uint32_t>(static_cast<uint64_t>(v.i) >> 32));
          PutBe32(a, static_cast<uint32_t>(static_cast<uint64_t>(v.i)));
        } else if (kind == Kind::kUuid) {
          PutBe32(a, 16);
          if (!UuidBytes(v.s, a)) return Error::Internal("BulkInsert: not a canonical UUID");
        } else {
          PutBe32(a, static_cast<uint32_t>(v.s.size()));
          a.append(v.s);
        }
      }
      arrays.emplace_back(a);
      const std::string n = std::to_string(arrays.size());
      select += (c ? ", u." : "u.") + col;
      arrays_sql += (arrays.size() > 1 ? ", $" : "$") + n + "::" + type + "[]";
      aliases += (arrays.size() > 1 ? ", " : "") + col;
    }
    std::string sql = "INSERT INTO " + std::string(table) + " (" + names + ") SELECT " + select;
    if (!arrays.empty()) sql += " FROM unnest(" + arrays_sql + ") AS u(" + aliases + ")";
    else sql += " FROM generate_series(1, " + std::to_string(rows) + ")";
    try {
      pqxx::result r = w_.exec_params(sql, pqxx::prepare::make_dynamic_params(arrays));
      return static_cast<int64_t>(r.affected_rows());
    } catch (const std::exception& e) {
      return PgError(e);
    }
  }

 private:
  pqxx::work& w_;
  int64_t affected_ = 0;
};

class PgDatabase final : public Database {
 public:
  Dialect dialect() const override { return Dialect::kPostgres; }

  static Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size) {
    auto db = std::make_unique<PgDatabase>();
    db->url_ = url;
    int n = pool_size > 0 ? pool_size : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()) * 2);
    for (int i = 0; i < n; ++i) {
      Result<std::unique_ptr<pqxx::connection>> c = db->Connect();
      if (!c) return c.error();
      db->pool_.Add(std::move(*c));
    }
    return std::unique_ptr<Database>(std::move(db));
  }

  Status Transact(const std::function<Status(Tx&)>& fn, TxMode mode, std::string_view org_id) override {
    if (!org_id.empty() && !IsCanonicalUuid(org_id)) {
      return Error::Internal("Transact: org id is not a canonical UUID");
    }
    Status last;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      PooledConnection<pqxx::connection> c(pool_);
      if (!c->is_open()) {
        Result<std::unique_ptr<pqxx::connection>> fresh = Connect();
        if (!fresh) return fresh.error();
        std::unique_ptr<pqxx::connection> broken = c.Take();
        pool_.Add(std::move(*fresh));
        continue;
      }
      try {
        pqxx::work w(*c);
        if (mode == TxMode::kRead) w.exec("SET TRANSACTION READ ONLY");
        // Safe to inline: checked canonical UUID above. SET LOCAL takes no parameters.
        if (!org_id.empty()) w.exec("SET LOCAL app.org_id = '" + std::string(org_id) + "'");
        PgTx tx(w);
        last = fn(tx);
        if (!last) {
          w.abort();
          if (IsRetryable(last.error())) { Backoff(attempt); continue; }
          return last;
        }
        w.commit();
        return Ok();
      } catch (const pqxx::broken_connection& e) {
        last = PgError(e);
        c.Take();  // dropped; replaced below
        Result<std::unique_ptr<pqxx::connection>> fresh = Connect();
        if (!fresh) return fresh.error();
        pool_.Add(std::move(*fresh));
      } catch (const std::exception& e) {
        last = PgError(e);
        if (!IsRetryable(last.error())) return last;
        Backoff(attempt);
      }
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
  Result<std::unique_ptr<pqxx::connection>> Connect() {
    try {
      auto c = std::make_unique<pqxx::connection>(url_);
      // hotshop's statements are short: compiling one with the JIT costs
      // more than it saves (the employer rollup: 146 -> 108 ms for its
      // assessments query; bench/README.md "workplace").
      pqxx::nontransaction setup(*c);
      setup.exec("SET jit = off");
      setup.commit();
      return c;
    } catch (const std::exception& e) {
      std::string m = e.what();
      while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
      auto nl = m.find('\n');
      if (nl != std::string::npos) m = m.substr(0, nl);
      return Error::Unavailable("cannot connect to PostgreSQL at " + RedactUrl(url_) + ": " + m);
    }
  }
  static void Backoff(int attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * (1 << attempt)));
  }
  std::string url_;
  ConnectionPool<pqxx::connection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size) {
  return PgDatabase::Open(url, pool_size);
}

}  // namespace hotshop::store
