-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Exports (security-model.md §2.12, src/store/export_repo.h): one row per
-- export, kept as the export log (who, when, which fields, how many rows,
-- the stated reason) and as the watermark's key: a leaked file is traced by
-- rebuilding each export's decoy rows from its id and decoy_count, so the
-- decoys themselves are never stored.
--
-- reason_ct: the reason as typed, sealed under the org's data key (free
-- text may name a person, so it stays out of the audit chain, which holds
-- ids only: §2.10). content_ct: the CSV, sealed the same way, only until
-- its single download or its expiry (10 minutes), then set to NULL: the file
-- never rests on disk in clear. fields: the exported field names, in file
-- order ("name,phone"). row_count: people rows, decoys not counted.
CREATE TABLE exports (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  created_by {{uuid}} NOT NULL REFERENCES users(id),
  campaign_id {{uuid}},
  fields TEXT NOT NULL,
  reason_ct {{bytes}} NOT NULL,
  row_count BIGINT NOT NULL,
  decoy_count INTEGER NOT NULL,
  content_ct {{bytes}},
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  downloaded_at_ms BIGINT,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id)
);
-- The purge of expired files looks only at rows that still hold one.
CREATE INDEX exports_pending ON exports (org_id, expires_at_ms) WHERE content_ct IS NOT NULL;

INSERT INTO table_kinds (table_name, kind) VALUES ('exports', 'tenant');
