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
      return std::make_unique<pqxx::connection>(url_);
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
