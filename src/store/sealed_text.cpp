// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/sealed_text.h"

#include "security/field_cipher.h"

namespace hotshop::store {

Value SealText(const OrgKeys& keys, const char* table, const char* column, const std::string& row_id,
               const std::string& org_id, const std::string& text) {
  if (text.empty()) return nullptr;
  return Bytes{security::Encrypt(*keys.data.Newest(), text, security::FieldAd{table, column, row_id, org_id})};
}

Result<std::string> OpenText(const OrgKeys& keys, const Row& row, size_t index, const char* table, const char* column,
                             const std::string& row_id, const std::string& org_id) {
  if (row.IsNull(index)) return std::string();
  return security::Decrypt(keys.data, row.Blob(index), security::FieldAd{table, column, row_id, org_id});
}

Result<int64_t> ReencryptWorkplaceBatch(Tx& tx, const Scope& scope, const OrgKeys& keys, int batch) {
  struct Sealed {
    const char* table;
    const char* column;
  };
  // Table and column names are constants here, never input.
  constexpr Sealed kSealed[] = {{"worksites", "address"}, {"assessments", "note"}, {"cards", "note"},
                                // migration 0009: elections, charges
                                {"petitions", "note"}, {"elections", "note"}, {"unit_agreements", "note"},
                                {"cemex_demands", "note"}, {"ulp_charges", "description"},
                                {"notes", "body"}};  // notes: migration 0013
  const std::string& org = scope.org_id();
  uint32_t newest = keys.data.Newest()->key_id;
  int64_t changed = 0;
  for (const Sealed& s : kSealed) {
    std::string col = std::string(s.column) + "_ct";
    Result<Rows> r = tx.Query(std::string("SELECT id, ") + col + " FROM " + s.table + " WHERE org_id = $1 AND " + col +
                                  " IS NOT NULL ORDER BY id",
                              {org});
    if (!r) return r.error();
    for (const Row& row : *r) {
      if (changed >= batch) return changed;
      if (security::BlobKeyId(row.Blob(1)) == newest) continue;
      std::string id = row.Text(0);
      Result<std::string> re = security::Reencrypt(keys.data, row.Blob(1), security::FieldAd{s.table, s.column, id, org});
      if (!re) return re.error();
      Result<int64_t> n = tx.Exec(std::string("UPDATE ") + s.table + " SET " + col + " = $3 WHERE org_id = $1 AND id = $2",
                                  {org, id, Bytes{*re}});
      if (!n) return n.error();
      ++changed;
    }
  }
  return changed;
}

}  // namespace hotshop::store
