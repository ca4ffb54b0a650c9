-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Foundation: the registry of table kinds (scale-out.md §1), the migration
-- log, tenants, and the first tenant table.
-- Sections: lines after "-- @pg" or "-- @sqlite" run on that database only,
-- until "-- @both". {{uuid}} is uuid on PostgreSQL and TEXT on SQLite;
-- {{bytes}} is bytea / BLOB. Instants are BIGINT milliseconds since the
-- Unix epoch, UTC; civil dates (a card's signing day) are ISO TEXT.

CREATE TABLE table_kinds (
  table_name TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('tenant', 'reference', 'local'))
);

CREATE TABLE schema_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at_ms BIGINT NOT NULL
);

-- Tenants: a union local, a worker center, a volunteer committee.
CREATE TABLE orgs (
  id {{uuid}} NOT NULL PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at_ms BIGINT NOT NULL
);

-- Per-org counters and chain heads, locked FOR UPDATE when advanced.
CREATE TABLE org_state (
  org_id {{uuid}} NOT NULL PRIMARY KEY REFERENCES orgs(id),
  audit_seq BIGINT NOT NULL DEFAULT 0,
  audit_head TEXT NOT NULL DEFAULT '',
  case_counter BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE campaigns (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'won', 'lost', 'closed')),
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id)
);

INSERT INTO table_kinds (table_name, kind) VALUES
  ('table_kinds', 'reference'),
  ('schema_migrations', 'local'),
  ('orgs', 'reference'),
  ('org_state', 'tenant'),
  ('campaigns', 'tenant');
