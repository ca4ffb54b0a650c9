// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/migrations.h"

#include <sstream>

namespace hotshop::store {
namespace {

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// Row-level security and least privilege for the app role, derived from
// table_kinds so that a table added by a later migration is covered without
// anyone remembering to. Idempotent.
const char* kPgSecurityStep = R"SQL(
DO $$
DECLARE
  t record;
  cols text;
  has_app boolean;
BEGIN
  BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hotshop_app') THEN
      CREATE ROLE hotshop_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'role hotshop_app is missing and this user cannot create it';
  END;
  has_app := EXISTS (SELECT FROM pg_roles WHERE rolname = 'hotshop_app');
  IF has_app THEN
    EXECUTE 'GRANT USAGE ON SCHEMA public TO hotshop_app';
  END IF;
  FOR t IN SELECT table_name, kind FROM table_kinds LOOP
    IF t.kind = 'tenant' THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
      EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.table_name);
      IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = t.table_name AND policyname = 'org_isolation') THEN
        EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = NULLIF(current_setting(''app.org_id'', true), '''')::uuid) WITH CHECK (org_id = NULLIF(current_setting(''app.org_id'', true), '''')::uuid)', t.table_name);
      END IF;
    END IF;
    IF has_app THEN
      EXECUTE format('REVOKE ALL ON %I FROM hotshop_app', t.table_name);
      IF t.table_name = 'audit_events' THEN
        EXECUTE format('GRANT SELECT, INSERT ON %I TO hotshop_app', t.table_name);
      ELSIF t.kind = 'tenant' THEN
        SELECT string_agg(quote_ident(attname), ', ') INTO cols FROM pg_attribute
         WHERE attrelid = t.table_name::regclass AND attnum > 0 AND NOT attisdropped
           AND attname NOT IN ('org_id', 'id');
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON %I TO hotshop_app', t.table_name);
        IF cols IS NOT NULL THEN
          EXECUTE format('GRANT UPDATE (%s) ON %I TO hotshop_app', cols, t.table_name);
        END IF;
      ELSE
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO hotshop_app', t.table_name);
      END IF;
    END IF;
  END LOOP;
END $$;
)SQL";

}  // namespace

std::string RenderMigration(std::string_view sql, Dialect dialect) {
  std::istringstream in{std::string(sql)};
  std::string line, out;
  enum { kBoth, kPg, kSqlite } section = kBoth;
  while (std::getline(in, line)) {
    if (line.rfind("-- @pg", 0) == 0) { section = kPg; continue; }
    if (line.rfind("-- @sqlite", 0) == 0) { section = kSqlite; continue; }
    if (line.rfind("-- @both", 0) == 0) { section = kBoth; continue; }
    if (section == kPg && dialect != Dialect::kPostgres) continue;
    if (section == kSqlite && dialect != Dialect::kSqlite) continue;
    out += line;
    out += '\n';
  }
  bool pg = dialect == Dialect::kPostgres;
  ReplaceAll(out, "{{uuid}}", pg ? "uuid" : "TEXT");
  ReplaceAll(out, "{{bytes}}", pg ? "bytea" : "BLOB");
  return out;
}

Result<MigrationState> ReadMigrationState(Database& db) {
  MigrationState st;
  for (const auto& m : EmbeddedMigrations()) st.latest = std::max(st.latest, m.version);
  Status s = db.Transact([&](Tx& tx) -> Status {
    const char* exists_sql = tx.dialect() == Dialect::kPostgres
        ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
        : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
    Result<Rows> e = tx.Query(exists_sql);
    if (!e) return e.error();
    if ((*e)[0].Int(0) == 0) return Ok();
    Result<Rows> r = tx.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!r) return r.error();
    st.current = static_cast<int>((*r)[0].Int(0));
    return Ok();
  }, TxMode::kRead);
  if (!s) return s.error();
  return st;
}

Result<std::vector<int>> ApplyMigrations(Database& db, int64_t now_ms) {
  Result<MigrationState> st = ReadMigrationState(db);
  if (!st) return st.error();
  if (st->current > st->latest) {
    return Error::Conflict("schema", "the database is at migration " + std::to_string(st->current) +
                                         " but this hotshop only knows up to " + std::to_string(st->latest) +
                                         ": run a newer hotshop");
  }
  std::vector<int> applied;
  for (const auto& m : EmbeddedMigrations()) {
    if (m.version <= st->current) continue;
    Status s = db.Transact([&](Tx& tx) -> Status {
      // Re-check inside the transaction: another migrator may have won.
      if (m.version > 1) {
        Result<Rows> r = tx.Query("SELECT count(*) FROM schema_migrations WHERE version = $1",
                                  {static_cast<int64_t>(m.version)});
        if (!r) return r.error();
        if ((*r)[0].Int(0) > 0) return Ok();
      }
      if (Status x = tx.ExecScript(RenderMigration(m.sql, tx.dialect())); !x) {
        return Error::Internal("migration " + std::string(m.name) + " failed: " + x.error().message());
      }
      Result<int64_t> ins = tx.Exec(
          "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
          {static_cast<int64_t>(m.version), std::string(m.name), now_ms});
      if (!ins) return ins.error();
      return Ok();
    });
    if (!s) return s.error();
    applied.push_back(m.version);
  }
  if (db.dialect() == Dialect::kPostgres) {
    Status s = db.Transact([](Tx& tx) { return tx.ExecScript(kPgSecurityStep); });
    if (!s) return Error::Internal("securing the schema failed: " + s.error().message());
  }
  return applied;
}

}  // namespace hotshop::store
