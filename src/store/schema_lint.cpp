// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/schema_lint.h"

#include <map>
#include <set>

#include "store/migrations.h"

namespace hotshop::store {
namespace {

using Kinds = std::map<std::string, std::string>;

Result<Kinds> ReadKinds(Tx& tx) {
  Result<Rows> r = tx.Query("SELECT table_name, kind FROM table_kinds");
  if (!r) return r.error();
  Kinds k;
  for (const Row& row : *r) k[row.Text(0)] = row.Text(1);
  return k;
}

// The checks both databases share, over a neutral description of a foreign key.
struct ForeignKey {
  std::string table, ref_table;
  std::vector<std::pair<std::string, std::string>> pairs;  // (from, to)
  std::string on_delete, on_update;                        // upper-case action names
};

void CheckForeignKey(const ForeignKey& fk, const Kinds& kinds, std::vector<std::string>& out) {
  auto kind = [&](const std::string& t) {
    auto it = kinds.find(t);
    return it == kinds.end() ? std::string("?") : it->second;
  };
  std::string from = kind(fk.table), to = kind(fk.ref_table);
  std::string where = fk.table + " → " + fk.ref_table;
  if (from == "reference" && to == "tenant") out.push_back(where + ": reference table references a tenant table");
  if (from == "tenant" && to == "local") out.push_back(where + ": tenant table references a local table");
  if (from == "tenant" && to == "tenant") {
    bool paired = false;
    for (auto& [a, b] : fk.pairs) paired = paired || (a == "org_id" && b == "org_id");
    if (!paired) out.push_back(where + ": tenant→tenant foreign key without an org_id→org_id pair");
    if (fk.on_delete == "SET NULL" || fk.on_delete == "SET DEFAULT") {
      out.push_back(where + ": tenant→tenant foreign key ON DELETE " + fk.on_delete);
    }
    if (fk.on_update == "CASCADE" || fk.on_update == "SET NULL" || fk.on_update == "SET DEFAULT") {
      out.push_back(where + ": tenant→tenant foreign key ON UPDATE " + fk.on_update);
    }
  }
}

Status LintSqliteForeignKeys(Tx& tx, const std::string& name, const Kinds& kinds,
                             std::vector<std::string>& out) {
    Result<Rows> fks = tx.Query("SELECT \"table\", \"from\", \"to\", on_update, on_delete, id FROM pragma_foreign_key_list($1)", {name});
    if (!fks) return fks.error();
    std::map<int64_t, ForeignKey> by_id;
    for (const Row& f : *fks) {
      ForeignKey& fk = by_id[f.Int(5)];
      fk.table = name;
      fk.ref_table = f.Text(0);
      fk.pairs.emplace_back(f.Text(1), f.Text(2));
      fk.on_update = f.Text(3);
      fk.on_delete = f.Text(4);
    }
    for (auto& [id, fk] : by_id) CheckForeignKey(fk, kinds, out);
  return Ok();
}

Status LintSqlite(Tx& tx, const Kinds& kinds, std::vector<std::string>& out) {
  Result<Rows> tables = tx.Query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  if (!tables) return tables.error();
  Result<Rows> seq = tx.Query("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'");
  if (!seq) return seq.error();
  if ((*seq)[0].Int(0) > 0) out.push_back("sqlite_sequence exists: a table uses AUTOINCREMENT (ids are UUIDv7)");
  for (const Row& t : *tables) {
    std::string name = t.Text(0);
    auto k = kinds.find(name);
    if (k == kinds.end()) {
      out.push_back(name + ": not registered in table_kinds");
      continue;
    }
    if (k->second != "tenant") {
      if (Status f = LintSqliteForeignKeys(tx, name, kinds, out); !f) return f;
      continue;
    }
    Result<Rows> cols = tx.Query("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)", {name});
    if (!cols) return cols.error();
    bool has_org = false, org_notnull = false;
    std::string first_pk;
    for (const Row& c : *cols) {
      if (c.Text(0) == "org_id") {
        has_org = true;
        org_notnull = c.Int(2) == 1;
      }
      if (c.Int(3) == 1) first_pk = c.Text(0);
    }
    if (!has_org) out.push_back(name + ": tenant table without org_id");
    else if (!org_notnull) out.push_back(name + ": org_id is nullable");
    if (first_pk != "org_id") out.push_back(name + ": primary key does not lead with org_id");
    Result<Rows> idx = tx.Query("SELECT name, \"unique\" FROM pragma_index_list($1)", {name});
    if (!idx) return idx.error();
    for (const Row& i : *idx) {
      if (i.Int(1) != 1) continue;
      Result<Rows> ic = tx.Query("SELECT name FROM pragma_index_info($1)", {i.Text(0)});
      if (!ic) return ic.error();
      bool with_org = false;
      for (const Row& c : *ic) with_org = with_org || c.Text(0) == "org_id";
      if (!with_org) out.push_back(name + ": unique index " + i.Text(0) + " does not include org_id");
    }
    if (Status f = LintSqliteForeignKeys(tx, name, kinds, out); !f) return f;
  }
  return Ok();
}

std::string PgAction(const std::string& c) {
  if (c == "n") return "SET NULL";
  if (c == "d") return "SET DEFAULT";
  if (c == "c") return "CASCADE";
  if (c == "r") return "RESTRICT";
  return "NO ACTION";
}

Status LintPostgres(Tx& tx, const Kinds& kinds, std::vector<std::string>& out) {
  auto q = [&](const std::string& sql, auto&& each) -> Status {
    Result<Rows> r = tx.Query(sql);
    if (!r) return r.error();
    for (const Row& row : *r) each(row);
    return Ok();
  };
  Status s = q("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
               "WHERE n.nspname = current_schema() AND c.relkind IN ('r','p') "
               "AND c.relname NOT IN (SELECT table_name FROM table_kinds) ORDER BY 1",
               [&](const Row& r) { out.push_back(r.Text(0) + ": not registered in table_kinds"); });
  if (!s) return s;
  // Tenant tables: org_id column.
  s = q("SELECT k.table_name, a.attnotnull, format_type(a.atttypid, a.atttypmod) FROM table_kinds k "
        "LEFT JOIN pg_attribute a ON a.attrelid = to_regclass(k.table_name) AND a.attname = 'org_id' AND NOT a.attisdropped "
        "WHERE k.kind = 'tenant' ORDER BY 1",
        [&](const Row& r) {
          if (r.IsNull(1)) out.push_back(r.Text(0) + ": tenant table without org_id");
          else {
            if (r.Int(1) == 0) out.push_back(r.Text(0) + ": org_id is nullable");
            if (r.Text(2) != "uuid") out.push_back(r.Text(0) + ": org_id is " + r.Text(2) + ", not uuid");
          }
        });
  if (!s) return s;
  // Primary key leads with org_id (the core query of scale-out.md §3.1).
  s = q("SELECT k.table_name FROM table_kinds k WHERE k.kind = 'tenant' AND NOT EXISTS ("
        "SELECT FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
        "WHERE i.indrelid = to_regclass(k.table_name) AND i.indisprimary AND a.attname = 'org_id') ORDER BY 1",
        [&](const Row& r) { out.push_back(r.Text(0) + ": primary key does not lead with org_id"); });
  if (!s) return s;
  s = q("SELECT k.table_name, ic.relname FROM table_kinds k JOIN pg_index i ON i.indrelid = to_regclass(k.table_name) "
        "JOIN pg_class ic ON ic.oid = i.indexrelid "
        "WHERE k.kind = 'tenant' AND (i.indisunique OR i.indisexclusion) AND NOT EXISTS ("
        "SELECT FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attname = 'org_id' AND a.attnum = ANY(i.indkey)) ORDER BY 1, 2",
        [&](const Row& r) { out.push_back(r.Text(0) + ": unique index " + r.Text(1) + " does not include org_id"); });
  if (!s) return s;
  // Foreign keys.
  std::vector<ForeignKey> fks;
  s = q("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, c.confdeltype::text, c.confupdtype::text, "
        "(SELECT string_agg(fa.attname || '>' || ta.attname, ',') FROM unnest(c.conkey, c.confkey) AS u(f, t) "
        " JOIN pg_attribute fa ON fa.attrelid = c.conrelid AND fa.attnum = u.f "
        " JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = u.t) "
        "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE c.contype = 'f' AND n.nspname = current_schema()",
        [&](const Row& r) {
          ForeignKey fk{r.Text(0), r.Text(1), {}, PgAction(r.Text(2)), PgAction(r.Text(3))};
          std::string pairs = r.Text(4);
          size_t start = 0;
          while (start <= pairs.size()) {
            size_t comma = pairs.find(',', start);
            std::string p = pairs.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            auto gt = p.find('>');
            if (gt != std::string::npos) fk.pairs.emplace_back(p.substr(0, gt), p.substr(gt + 1));
            if (comma == std::string::npos) break;
            start = comma + 1;
          }
          fks.push_back(std::move(fk));
        });
  if (!s) return s;
  for (const auto& fk : fks) CheckForeignKey(fk, kinds, out);
  // Sequences and identity columns.
  s = q("SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
        "AND (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval%') ORDER BY 1, 2",
        [&](const Row& r) { out.push_back(r.Text(0) + "." + r.Text(1) + ": uses a sequence or identity (ids are UUIDv7)"); });
  if (!s) return s;
  // Triggers and rules on tenant tables (Citus disables triggers, has no rules).
  s = q("SELECT k.table_name, t.tgname FROM table_kinds k JOIN pg_trigger t ON t.tgrelid = to_regclass(k.table_name) "
        "WHERE k.kind = 'tenant' AND NOT t.tgisinternal ORDER BY 1, 2",
        [&](const Row& r) { out.push_back(r.Text(0) + ": trigger " + r.Text(1) + " on a tenant table"); });
  if (!s) return s;
  s = q("SELECT k.table_name, r.rulename FROM table_kinds k JOIN pg_rewrite r ON r.ev_class = to_regclass(k.table_name) "
        "WHERE k.kind = 'tenant' AND r.rulename <> '_RETURN' ORDER BY 1, 2",
        [&](const Row& r) { out.push_back(r.Text(0) + ": rule " + r.Text(1) + " on a tenant table"); });
  if (!s) return s;
  // Row-level security, enabled, forced, with an org_id policy.
  s = q("SELECT k.table_name, c.relrowsecurity, c.relforcerowsecurity, EXISTS (SELECT FROM pg_policy p "
        "WHERE p.polrelid = c.oid AND pg_get_expr(p.polqual, p.polrelid) LIKE '%org_id%') "
        "FROM table_kinds k JOIN pg_class c ON c.oid = to_regclass(k.table_name) WHERE k.kind = 'tenant' ORDER BY 1",
        [&](const Row& r) {
          if (r.Int(1) == 0 || r.Int(2) == 0) out.push_back(r.Text(0) + ": row-level security not enabled and forced");
          if (r.Int(3) == 0) out.push_back(r.Text(0) + ": no org_id row-level security policy");
        });
  if (!s) return s;
  s = q(std::string("SELECT k.table_name FROM table_kinds k WHERE k.kind = 'tenant' AND EXISTS (SELECT FROM pg_roles WHERE rolname = '") +
            kAppRole + "') AND CASE WHEN EXISTS (SELECT FROM pg_attribute a "
            "WHERE a.attrelid = to_regclass(k.table_name) AND a.attname = 'org_id' AND NOT a.attisdropped) "
            "THEN has_column_privilege('" + kAppRole + "', k.table_name, 'org_id', 'UPDATE') ELSE false END ORDER BY 1",
        [&](const Row& r) { out.push_back(r.Text(0) + ": the app role may UPDATE org_id"); });
  return s;
}

}  // namespace

Result<std::vector<std::string>> LintSchema(Database& db) {
  std::vector<std::string> out;
  Status s = db.Transact([&](Tx& tx) -> Status {
    out.clear();
    Result<Kinds> kinds = ReadKinds(tx);
    if (!kinds) return kinds.error();
    return tx.dialect() == Dialect::kSqlite ? LintSqlite(tx, *kinds, out) : LintPostgres(tx, *kinds, out);
  }, TxMode::kRead);
  if (!s) return s.error();
  return out;
}

}  // namespace hotshop::store
