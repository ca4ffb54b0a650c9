// SPDX-License-Identifier: AGPL-3.0-or-later
// import_bench: the helper of bench/import.sh.
//   import_bench gen ROWS FILE         a Spoke contact CSV of invented people
//   import_bench setup DB_URL KEY SLUG migrate, create org SLUG with its keys
//                                      (KEY, a master key file, made if missing)
//   import_bench raw DB_URL FILE       the baseline: the same rows, parsed by
//                                      the same CSV reader, bulk-loaded in
//                                      clear into a plain table with no index:
//                                      SQLite one transaction of prepared
//                                      inserts, PostgreSQL COPY. Prints seconds.
//   import_bench floor DB_URL FILE     what the people schema alone costs: the
//                                      same rows as hotshop would store them
//                                      (blobs of the same sizes, but random
//                                      bytes instead of AEAD; random blind
//                                      indexes; no normalization, dedupe or
//                                      report) loaded into `people` of a
//                                      migrated database (run setup first) the
//                                      way `raw` loads its table.
// Generated rows have the Spoke benchmark's columns (firstName, lastName,
// cell, zip, external_id and two custom fields). Phones are all in area code
// 555, which is not assigned (no real person's number), in four spellings;
// every row's phone and external_id are distinct, so nothing deduplicates.
#include <sodium.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "io/csv_reader.h"
#include "security/keyring.h"
#include "security/sodium_init.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/import_row.h"
#include "store/key_service.h"
#include "store/migrations.h"
#include "store/org_repo.h"

namespace {

using Clock = std::chrono::steady_clock;

int Gen(long rows, const std::string& path) {
  static const char* kFirst[] = {"Ana", "Bao", "Carmen", "Dmitri", "Esperanza", "Fatima", "Gus", "Hana", "Idris",
                                 "Jun", "Kwame", "Lupe", "Mei", "Nadia", "Omar", "Priya", "Quinn", "Rosa",
                                 "Sione", "Tomas", "Uma", "Vikram", "Wen", "Ximena", "Yusuf", "Zofia"};
  static const char* kLast[] = {"Acosta", "Baptiste", "Castillo", "Dlamini", "Eriksen", "Fonseca", "Gallo",
                                "Huang", "Ibarra", "Jovanovic", "Kowalski", "Lindqvist", "Mensah", "Nakamura",
                                "Okafor", "Petrov", "Quispe", "Rahman", "Silva", "Tran", "Urquhart", "Varga",
                                "Wojcik", "Xu", "Yilmaz", "Zamora"};
  static const char* kShift[] = {"day", "night", "swing"};
  static const char* kDept[] = {"Housekeeping", "Kitchen", "Laundry", "Front desk", "Banquets", "Maintenance"};
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "import_bench: cannot write " << path << "\n";
    return 1;
  }
  out << "firstName,lastName,cell,zip,external_id,shift,department\n";
  char line[256];
  for (long i = 0; i < rows; ++i) {
    long n = 100000 + i;  // 555 01x xxxx: 555 is an unassigned area code
    int ex = static_cast<int>(n / 10000), sub = static_cast<int>(n % 10000);
    char phone[32];
    switch (i % 4) {
      case 0: std::snprintf(phone, sizeof phone, "(555) %03d-%04d", ex, sub); break;
      case 1: std::snprintf(phone, sizeof phone, "555-%03d-%04d", ex, sub); break;
      case 2: std::snprintf(phone, sizeof phone, "+1 555 %03d %04d", ex, sub); break;
      default: std::snprintf(phone, sizeof phone, "555%03d%04d", ex, sub); break;
    }
    std::snprintf(line, sizeof line, "%s,%s,%s,%05ld,ext-%ld,%s,%s\n", kFirst[i % 26], kLast[(i / 26) % 26], phone,
                  10000 + (i * 7919) % 89999, i, kShift[i % 3], kDept[(i / 3) % 6]);
    out << line;
  }
  return out ? 0 : 1;
}

int Setup(const std::string& url, const std::string& key_file, const std::string& slug) {
  if (!std::filesystem::exists(key_file)) {
    if (hotshop::Status s = hotshop::security::CreateMasterKeyFile(key_file); !s) {
      std::cerr << "import_bench: " << s.error().message() << "\n";
      return 1;
    }
  }
  auto kek = hotshop::security::LoadMasterKey(key_file);
  if (!kek) {
    std::cerr << "import_bench: " << kek.error().message() << "\n";
    return 1;
  }
  auto db = hotshop::store::OpenDatabase(url, 1);
  if (!db) {
    std::cerr << "import_bench: " << db.error().message() << "\n";
    return 1;
  }
  auto applied = hotshop::store::ApplyMigrations(**db, hotshop::store::NowMillis());
  if (!applied) {
    std::cerr << "import_bench: " << applied.error().message() << "\n";
    return 1;
  }
  hotshop::store::KeyService keys(std::move(*kek));
  hotshop::Status s = (*db)->Transact([&](hotshop::store::Tx& tx) -> hotshop::Status {
    auto org = hotshop::store::CreateOrg(tx, slug, slug, hotshop::store::NowMillis());
    if (!org) return org.error();
    return keys.CreateOrgKeys(tx, org->id, hotshop::store::NowMillis());
  });
  if (!s) {
    std::cerr << "import_bench: " << s.error().message() << "\n";
    return 1;
  }
  return 0;
}

constexpr size_t kCols = 7;

int RawSqlite(const std::string& path, hotshop::io::CsvReader& reader) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  // The connection settings hotshop's own SQLite backend uses.
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", nullptr, nullptr,
               nullptr);
  sqlite3_exec(db,
               "CREATE TABLE raw_contacts (first_name TEXT, last_name TEXT, cell TEXT, zip TEXT, external_id TEXT, "
               "shift TEXT, department TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO raw_contacts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st, nullptr);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  hotshop::io::CsvRecord rec;
  for (;;) {
    auto more = reader.Next(rec);
    if (!more || !*more) break;
    for (size_t c = 0; c < kCols; ++c) {
      std::string_view v = rec.CellOr(c);
      sqlite3_bind_text(st, static_cast<int>(c) + 1, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
      std::cerr << "import_bench: " << sqlite3_errmsg(db) << "\n";
      return 1;
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  int rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}

int RawPg(const std::string& url, hotshop::io::CsvReader& reader) {
  pqxx::connection conn(url);
  pqxx::work w(conn);
  w.exec(
      "CREATE TABLE raw_contacts (first_name text, last_name text, cell text, zip text, external_id text, "
      "shift text, department text)");
  pqxx::stream_to stream(w, "raw_contacts");
  hotshop::io::CsvRecord rec;
  std::array<std::string, kCols> row;
  for (;;) {
    auto more = reader.Next(rec);
    if (!more || !*more) break;
    for (size_t c = 0; c < kCols; ++c) row[c].assign(rec.CellOr(c));
    stream << row;
  }
  stream.complete();
  w.commit();
  return 0;
}

// One people row as hotshop stores an imported Spoke row: sizes match
// (AEAD adds 45 bytes), contents are random bytes.
struct FloorRow {
  std::string id, name_ct, phone_ct, details_ct;
  int64_t phone_bidx, external_id_bidx;
};

class FloorRows {
 public:
  explicit FloorRows(hotshop::io::CsvReader& reader) : reader_(reader) {
    randombytes_buf(noise_.data(), noise_.size());
  }
  bool Next(FloorRow& r) {
    auto more = reader_.Next(rec_);
    if (!more || !*more) return false;
    hotshop::store::Details d;
    const char* keys[] = {"first_name", "last_name", "zip", "external_id"};
    const size_t cols[] = {0, 1, 3, 4};
    for (size_t i = 0; i < 4; ++i) d.Set(keys[i], rec_.CellOr(cols[i]));
    d.SetCustom("shift", rec_.CellOr(5));
    d.SetCustom("department", rec_.CellOr(6));
    r.id = ids_.Next(hotshop::store::NowMillis());
    r.name_ct = Noise(45 + rec_.CellOr(0).size() + 1 + rec_.CellOr(1).size());
    r.phone_ct = Noise(45 + 12);
    r.details_ct = Noise(45 + hotshop::store::DetailsToJson(d).size());
    r.phone_bidx = static_cast<int64_t>(randombytes_random());
    r.external_id_bidx = static_cast<int64_t>(randombytes_random());
    return true;
  }

 private:
  std::string Noise(size_t n) {
    size_t at = randombytes_uniform(static_cast<uint32_t>(noise_.size() - n));
    return std::string(reinterpret_cast<const char*>(noise_.data()) + at, n);
  }
  hotshop::io::CsvReader& reader_;
  hotshop::io::CsvRecord rec_;
  hotshop::store::IdSequence ids_;
  std::array<unsigned char, 4096> noise_;
};

std::string OrgId(const std::string& url) {
  auto db = hotshop::store::OpenDatabase(url, 1);
  if (!db) throw std::runtime_error(db.error().message());
  auto id = hotshop::store::TransactValue<std::string>(**db, [](hotshop::store::Tx& tx) -> hotshop::Result<std::string> {
    auto r = tx.Query("SELECT id FROM orgs WHERE slug = 'bench'");
    if (!r) return r.error();
    if (r->empty()) return hotshop::Error::NotFound("run setup first");
    return (*r)[0].Text(0);
  });
  if (!id) throw std::runtime_error(id.error().message());
  return *id;
}

int FloorSqlite(const std::string& path, const std::string& org, hotshop::io::CsvReader& reader) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  // hotshop's connection settings, and the importer's page cache.
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
               "PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO people (org_id, created_at_ms, updated_at_ms, version, id, name_ct, phone_ct, "
                         "phone_bidx, details_ct, external_id_bidx, preferred_language) "
                         "VALUES (?1, ?2, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, '')",
                         -1, &st, nullptr) != SQLITE_OK) {
    std::cerr << "import_bench: " << sqlite3_errmsg(db) << "\n";
    return 1;
  }
  sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  FloorRows rows(reader);
  FloorRow r;
  const int64_t now = hotshop::store::NowMillis();
  while (rows.Next(r)) {
    sqlite3_bind_text(st, 1, org.data(), static_cast<int>(org.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_text(st, 3, r.id.data(), static_cast<int>(r.id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 4, r.name_ct.data(), static_cast<int>(r.name_ct.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 5, r.phone_ct.data(), static_cast<int>(r.phone_ct.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, r.phone_bidx);
    sqlite3_bind_blob(st, 7, r.details_ct.data(), static_cast<int>(r.details_ct.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, r.external_id_bidx);
    if (sqlite3_step(st) != SQLITE_DONE) {
      std::cerr << "import_bench: " << sqlite3_errmsg(db) << "\n";
      return 1;
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  int rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}

std::string Hex(const std::string& b) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\\x";
  for (unsigned char c : b) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

int FloorPg(const std::string& url, const std::string& org, hotshop::io::CsvReader& reader) {
  pqxx::connection conn(url);
  pqxx::work w(conn);
  w.exec("SET LOCAL app.org_id = '" + org + "'");  // a canonical UUID read from the database
  std::vector<std::string> cols = {"org_id", "created_at_ms", "updated_at_ms", "version", "id", "name_ct",
                                   "phone_ct", "phone_bidx", "details_ct", "external_id_bidx", "preferred_language"};
  pqxx::stream_to stream(w, "people", cols);
  FloorRows rows(reader);
  FloorRow r;
  const std::string now = std::to_string(hotshop::store::NowMillis());
  while (rows.Next(r)) {
    stream << std::make_tuple(org, now, now, std::string("1"), r.id, Hex(r.name_ct), Hex(r.phone_ct),
                              std::to_string(r.phone_bidx), Hex(r.details_ct), std::to_string(r.external_id_bidx),
                              std::string());
  }
  stream.complete();
  w.commit();
  return 0;
}

int Floor(const std::string& url, const std::string& file) {
  const std::string org = OrgId(url);
  auto started = Clock::now();
  std::ifstream in(file, std::ios::binary);
  auto reader = hotshop::io::CsvReader::Open(in);
  if (!reader) {
    std::cerr << "import_bench: " << reader.error().message() << "\n";
    return 1;
  }
  int rc = url.rfind("sqlite:", 0) == 0 ? FloorSqlite(url.substr(7), org, *reader) : FloorPg(url, org, *reader);
  std::printf("%.3f\n", std::chrono::duration<double>(Clock::now() - started).count());
  return rc;
}

int Raw(const std::string& url, const std::string& file) {
  auto started = Clock::now();
  std::ifstream in(file, std::ios::binary);
  auto reader = hotshop::io::CsvReader::Open(in);
  if (!reader) {
    std::cerr << "import_bench: " << reader.error().message() << "\n";
    return 1;
  }
  int rc = url.rfind("sqlite:", 0) == 0 ? RawSqlite(url.substr(7), *reader) : RawPg(url, *reader);
  std::printf("%.3f\n", std::chrono::duration<double>(Clock::now() - started).count());
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (!hotshop::security::InitSodium()) return 1;
  try {
    if (a.size() == 3 && a[0] == "gen") return Gen(std::stol(a[1]), a[2]);
    if (a.size() == 4 && a[0] == "setup") return Setup(a[1], a[2], a[3]);
    if (a.size() == 3 && a[0] == "raw") return Raw(a[1], a[2]);
    if (a.size() == 3 && a[0] == "floor") return Floor(a[1], a[2]);
  } catch (const std::exception& e) {
    std::cerr << "import_bench: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: import_bench gen ROWS FILE | setup DB_URL KEY_FILE SLUG | raw DB_URL FILE | floor DB_URL FILE\n";
  return 2;
}
