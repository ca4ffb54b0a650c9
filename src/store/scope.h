// SPDX-License-Identifier: AGPL-3.0-or-later
// Scope: the tenant (and, later, the grants) a repository call acts within.
// Every tenant repository takes one, so an unscoped query does not compile
// (security-model.md §3). Built only by security::Authorize or by trusted
// CLI code, never from a request.
//
// Thread rule: a plain value.
#pragma once

#include <string>

namespace hotshop::store {

class Scope {
 public:
  // REQUIRES: org_id is a canonical UUID of an existing org.
  static Scope ForOrg(std::string org_id) { return Scope(std::move(org_id)); }
  const std::string& org_id() const { return org_id_; }

 private:
  explicit Scope(std::string org_id) : org_id_(std::move(org_id)) {}
  std::string org_id_;
};

}  // namespace hotshop::store
