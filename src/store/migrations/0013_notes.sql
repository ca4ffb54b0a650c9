-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Notes on a person or on a campaign (issue #4 access work), and a better
-- index for the unit views (at the end). Records get
-- subpoenaed (domain-rules.md R40): a note states facts, not opinions, and
-- its body is sealed (body_ct) under the org's data key like the fields of
-- people (security-model.md §2.3), with table, column, row and org bound in.
--
-- person_id NULL = a note on the campaign itself. A note on a person keeps
-- the campaign the person was in when it was written (NULL for a person in
-- no campaign); who may read it is decided by the person's campaign and
-- current unit at the time of reading, not by this column.
-- staff_only: only org admins and staff organizers see it; for everyone
-- else the row is absent, not redacted (security-model.md §3).
-- author_id: the user who wrote it; only they may edit it, with the
-- version they read (If-Match).
CREATE TABLE notes (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}},
  person_id {{uuid}},
  body_ct {{bytes}} NOT NULL,
  staff_only INTEGER NOT NULL DEFAULT 0 CHECK (staff_only IN (0, 1)),
  author_id {{uuid}} NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  CHECK (person_id IS NOT NULL OR campaign_id IS NOT NULL),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id)
);
CREATE INDEX notes_by_person ON notes (org_id, person_id, created_at_ms);
CREATE INDEX notes_by_campaign ON notes (org_id, campaign_id, created_at_ms);

INSERT INTO table_kinds (table_name, kind) VALUES ('notes', 'tenant');

-- The wall chart, meters and cards of one unit read its current workers in
-- person order: this index serves both (0008's (org_id, unit_id) one made
-- SQLite, without statistics, walk every current employment of the org to
-- get that order; bench/README.md "workplace").
DROP INDEX employment_by_unit;
CREATE INDEX employment_by_unit ON employment (org_id, unit_id, person_id) WHERE valid_to_ms IS NULL;
