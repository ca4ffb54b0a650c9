-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Instance-wide settings that belong to this deployment, not to a tenant:
-- the master key's check value, so a server started with the wrong key
-- file refuses to start (security-model.md §4 #30).
CREATE TABLE instance_settings (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO table_kinds (table_name, kind) VALUES ('instance_settings', 'local');
