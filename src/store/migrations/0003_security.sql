-- SPDX-License-Identifier: AGPL-3.0-or-later
-- The security core (security-model.md §2, §3): accounts, credentials,
-- sessions, memberships and grants, invitations, per-org keys, the audit
-- chain, and the first table of people with encrypted contact fields.
-- Personal values are never stored in clear: *_ct columns hold
-- XChaCha20-Poly1305 blobs, *_bidx columns keyed-hash blind indexes.

-- Accounts are global (one person, many orgs): a reference table holding no
-- clear personal value. email_bidx is a full keyed hash (not truncated): it
-- is the one global uniqueness the schema allows (scale-out.md §1).
CREATE TABLE users (
  id {{uuid}} NOT NULL PRIMARY KEY,
  email_bidx TEXT NOT NULL UNIQUE,
  email_ct {{bytes}} NOT NULL,
  name_ct {{bytes}} NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at_ms BIGINT NOT NULL
);

-- Per-login writes stay off reference tables: credentials are local.
CREATE TABLE credentials (
  user_id {{uuid}} NOT NULL PRIMARY KEY REFERENCES users(id),
  password_hash TEXT NOT NULL,
  password_must_change INTEGER NOT NULL DEFAULT 0,
  totp_secret_ct {{bytes}},
  totp_pending_ct {{bytes}},
  totp_last_counter BIGINT NOT NULL DEFAULT -1,
  totp_required_reenroll INTEGER NOT NULL DEFAULT 0,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
  user_id {{uuid}} NOT NULL REFERENCES users(id),
  idx INTEGER NOT NULL,
  code_hash TEXT NOT NULL,
  used_at_ms BIGINT,
  PRIMARY KEY (user_id, idx)
);

CREATE TABLE memberships (
  user_id {{uuid}} NOT NULL REFERENCES users(id),
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (user_id, org_id)
);

-- Grants are server-side rows, never taken from a request.
CREATE TABLE grants (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  user_id {{uuid}} NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('org_admin', 'staff_organizer', 'volunteer_organizer', 'worker_leader',
                                     'viewer', 'dispatcher', 'mentor', 'caller')),
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('org', 'campaign', 'unit')),
  scope_id {{uuid}},
  flags TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  created_by {{uuid}},
  PRIMARY KEY (org_id, id)
);
CREATE INDEX grants_by_user ON grants (org_id, user_id);

-- Only the BLAKE2b hash of a session token is stored (§2.5).
CREATE TABLE sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  id {{uuid}} NOT NULL UNIQUE,
  user_id {{uuid}} NOT NULL REFERENCES users(id),
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  label TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  last_seen_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  step_up_at_ms BIGINT NOT NULL DEFAULT 0,
  revoked_at_ms BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Invitation links are tokens: looked up by hash, so a local table.
CREATE TABLE invitations (
  token_hash TEXT NOT NULL PRIMARY KEY,
  id {{uuid}} NOT NULL UNIQUE,
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  email_ct {{bytes}} NOT NULL,
  name_ct {{bytes}} NOT NULL,
  role TEXT NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_id {{uuid}},
  flags TEXT NOT NULL DEFAULT '',
  created_by {{uuid}} NOT NULL,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  used_at_ms BIGINT
);

-- Per-org keys, wrapped under the master key (§2.2). purpose 'data'
-- encrypts fields; 'index' is the root of the org's blind-index keys.
CREATE TABLE org_keys (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  key_id INTEGER NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('data', 'index')),
  wrapped {{bytes}} NOT NULL,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'retired')),
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, key_id)
);

-- One hash chain per org (§2.10): ids and actions, never personal values.
CREATE TABLE audit_events (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  seq BIGINT NOT NULL,
  ts_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (org_id, seq)
);

CREATE TABLE people (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}},
  name_ct {{bytes}} NOT NULL,
  phone_ct {{bytes}},
  phone_bidx BIGINT,
  email_ct {{bytes}},
  email_bidx BIGINT,
  address_ct {{bytes}},
  notes_ct {{bytes}},
  preferred_language TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id)
);
CREATE INDEX people_by_phone ON people (org_id, phone_bidx);
CREATE INDEX people_by_email ON people (org_id, email_bidx);
CREATE INDEX people_by_campaign ON people (org_id, campaign_id);

INSERT INTO table_kinds (table_name, kind) VALUES
  ('users', 'reference'), ('credentials', 'local'), ('recovery_codes', 'local'),
  ('memberships', 'reference'), ('grants', 'tenant'), ('sessions', 'local'),
  ('invitations', 'local'), ('org_keys', 'tenant'), ('audit_events', 'tenant'),
  ('people', 'tenant');

-- @sqlite
-- The audit log is append-only: the database itself refuses edits.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
-- @both
