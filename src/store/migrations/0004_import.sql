-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Contact imports (`hotshop import`, src/store/import_engine.h): what an
-- imported row adds to a person beyond the fields of 0003, and one row per
-- import, which makes a rerun of the same file a no-op and lets a run that
-- crashed resume where its last commit stopped.

-- The region that phone numbers written without a country code belong to
-- (ISO 3166 alpha-2, as libphonenumber reads it).
ALTER TABLE orgs ADD COLUMN default_region TEXT NOT NULL DEFAULT 'US';

-- details_ct: every other field of an imported row (first and last name as
-- typed, zip, external id, custom columns, ...) as one encrypted JSON object,
-- so a row costs one AEAD for all of them instead of one per field.
-- external_id_bidx: blind index of the source tool's id (VanID, Spoke
-- external_id, Action Builder Custom ID), for deduplication.
ALTER TABLE people ADD COLUMN details_ct {{bytes}};
ALTER TABLE people ADD COLUMN external_id_bidx BIGINT;

-- Lookups by blind index or campaign are all equalities, which imply NOT
-- NULL, so these indexes can be partial: a row without the value (imported
-- without an email, or outside any campaign) costs no index insert. On
-- SQLite that is a third of the time of a bulk insert into people.
DROP INDEX people_by_phone;
DROP INDEX people_by_email;
DROP INDEX people_by_campaign;
CREATE INDEX people_by_phone ON people (org_id, phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX people_by_email ON people (org_id, email_bidx) WHERE email_bidx IS NOT NULL;
CREATE INDEX people_by_campaign ON people (org_id, campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX people_by_external_id ON people (org_id, external_id_bidx) WHERE external_id_bidx IS NOT NULL;

-- file_hash: keyed BLAKE2b-256 (hex) of the file's bytes under a key derived
-- from the org's index root, so the table does not let anyone confirm a
-- guessed file. rows_done: data rows committed so far (the resume point of a
-- partial import). Counts are rows, never values.
CREATE TABLE imports (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  file_hash TEXT NOT NULL,
  file_bytes BIGINT NOT NULL,
  format TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('atomic', 'partial')),
  policy TEXT NOT NULL CHECK (policy IN ('fill', 'overwrite', 'skip')),
  state TEXT NOT NULL CHECK (state IN ('running', 'completed', 'failed')),
  rows_done BIGINT NOT NULL DEFAULT 0,
  created BIGINT NOT NULL DEFAULT 0,
  updated BIGINT NOT NULL DEFAULT 0,
  skipped BIGINT NOT NULL DEFAULT 0,
  rejected BIGINT NOT NULL DEFAULT 0,
  suggested BIGINT NOT NULL DEFAULT 0,
  actor TEXT NOT NULL,
  started_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  finished_at_ms BIGINT,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX imports_by_file ON imports (org_id, file_hash);

INSERT INTO table_kinds (table_name, kind) VALUES ('imports', 'tenant');
