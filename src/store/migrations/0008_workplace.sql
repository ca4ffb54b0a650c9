-- SPDX-License-Identifier: AGPL-3.0-or-later
-- The workplace of a campaign and what organizers record about it (issue #4;
-- architecture.md "The data"; domain-rules.md §A, §C): employers and their
-- worksites, bargaining units, departments / shifts / job classes,
-- employment with history, connections between people, assessment scales
-- and dated assessments (R18), the organizing committee (R20), cards
-- (R1-R4) and structure tests with participation (R21).
--
-- Every table is a tenant table (scale-out.md §1): org_id leads the primary
-- key, tenant-to-tenant keys pair org_id with org_id. History is kept by
-- appending rows (assessments) or by closing the current row and adding a
-- new one (employment: valid_to_ms; committee: until_on). Civil dates
-- (signed_on, held_on, since_on) are ISO TEXT; instants are BIGINT ms UTC.
-- Free text that may name or describe a person (a worksite's street
-- address, an assessment's note, a card's note) is sealed (*_ct) under the
-- org's data key like the fields of people (security-model.md §2.3).

-- An employer belongs to the campaign that maps it; its campaign decides
-- who may see it (security-model.md §3). Names are not personal data.
CREATE TABLE employers (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}} NOT NULL,
  name TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id)
);
CREATE INDEX employers_by_campaign ON employers (org_id, campaign_id);

-- time_zone: an IANA name ("America/Chicago"), "" when not known.
-- region: the organizer's own grouping for the rollup ("Northwest", "TX").
CREATE TABLE worksites (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  employer_id {{uuid}} NOT NULL,
  name TEXT NOT NULL,
  address_ct {{bytes}},
  time_zone TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, employer_id) REFERENCES employers (org_id, id)
);
CREATE INDEX worksites_by_employer ON worksites (org_id, employer_id);

-- A bargaining unit: positions at one or more worksites (unit_worksites).
-- size_override: the size the organizer enters when the chart is not yet
-- complete; NULL = count the chart. The thresholds are the unit's own
-- settings for filing readiness (R5) and going public (R21).
CREATE TABLE units (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}} NOT NULL,
  employer_id {{uuid}} NOT NULL,
  name TEXT NOT NULL,
  eligibility TEXT NOT NULL DEFAULT '',
  size_override BIGINT CHECK (size_override IS NULL OR size_override > 0),
  card_percent BIGINT NOT NULL DEFAULT 65 CHECK (card_percent BETWEEN 0 AND 100),
  support_percent BIGINT NOT NULL DEFAULT 65 CHECK (support_percent BETWEEN 0 AND 100),
  committee_percent BIGINT NOT NULL DEFAULT 10 CHECK (committee_percent BETWEEN 0 AND 100),
  go_public_percent BIGINT NOT NULL DEFAULT 90 CHECK (go_public_percent BETWEEN 1 AND 100),
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
  FOREIGN KEY (org_id, employer_id) REFERENCES employers (org_id, id)
);
CREATE INDEX units_by_campaign ON units (org_id, campaign_id);
CREATE INDEX units_by_employer ON units (org_id, employer_id);

CREATE TABLE unit_worksites (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  unit_id {{uuid}} NOT NULL,
  worksite_id {{uuid}} NOT NULL,
  PRIMARY KEY (org_id, unit_id, worksite_id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id),
  FOREIGN KEY (org_id, worksite_id) REFERENCES worksites (org_id, id)
);
CREATE INDEX unit_worksites_by_worksite ON unit_worksites (org_id, worksite_id);

-- Departments, shifts and job classes of a unit, one table: the same shape
-- and the same edits. worksite_id narrows one to a worksite of the unit.
CREATE TABLE unit_areas (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('department', 'shift', 'job_class')),
  name TEXT NOT NULL,
  worksite_id {{uuid}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id),
  FOREIGN KEY (org_id, worksite_id) REFERENCES worksites (org_id, id)
);
CREATE UNIQUE INDEX unit_areas_by_name ON unit_areas (org_id, unit_id, kind, name);

-- Employment: one current row per person (valid_to_ms IS NULL); a change
-- closes it and adds a new one, so the history stays. started_on is the
-- civil date the job began (as the worker says), valid_* when hotshop
-- learnt it.
CREATE TABLE employment (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  person_id {{uuid}} NOT NULL,
  worksite_id {{uuid}} NOT NULL,
  unit_id {{uuid}},
  department_id {{uuid}},
  shift_id {{uuid}},
  job_class_id {{uuid}},
  employment_type TEXT NOT NULL DEFAULT 'unknown' CHECK (employment_type IN ('full_time', 'part_time', 'unknown')),
  supervisor INTEGER NOT NULL DEFAULT 0 CHECK (supervisor IN (0, 1)),
  started_on TEXT,
  valid_from_ms BIGINT NOT NULL,
  valid_to_ms BIGINT,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, worksite_id) REFERENCES worksites (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id),
  FOREIGN KEY (org_id, department_id) REFERENCES unit_areas (org_id, id),
  FOREIGN KEY (org_id, shift_id) REFERENCES unit_areas (org_id, id),
  FOREIGN KEY (org_id, job_class_id) REFERENCES unit_areas (org_id, id)
);
CREATE UNIQUE INDEX employment_current ON employment (org_id, person_id) WHERE valid_to_ms IS NULL;
CREATE INDEX employment_history ON employment (org_id, person_id, valid_from_ms);
CREATE INDEX employment_by_unit ON employment (org_id, unit_id) WHERE valid_to_ms IS NULL;
CREATE INDEX employment_by_worksite ON employment (org_id, worksite_id) WHERE valid_to_ms IS NULL;

-- Who moves whom. 'influences' is directed (person influences other);
-- friend, family and carpool are mutual and stored with the smaller id
-- first, so each pair is one row.
CREATE TABLE connections (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  person_id {{uuid}} NOT NULL,
  other_person_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('influences', 'friend', 'family', 'carpool')),
  created_by TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  CHECK (person_id <> other_person_id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, other_person_id) REFERENCES people (org_id, id)
);
CREATE UNIQUE INDEX connections_pair ON connections (org_id, person_id, other_person_id, kind);
CREATE INDEX connections_by_other ON connections (org_id, other_person_id);

-- Assessment scales (R18): levels 0..max_level, 0 = not assessed and never
-- support. labels and support_levels are JSON arrays. campaign_id NULL =
-- usable in every campaign of the org. One default per org (is_default),
-- made the first time the org needs one.
CREATE TABLE assessment_scales (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}},
  name TEXT NOT NULL,
  max_level BIGINT NOT NULL CHECK (max_level BETWEEN 1 AND 20),
  labels TEXT NOT NULL,
  support_levels TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id)
);
CREATE UNIQUE INDEX assessment_scales_default ON assessment_scales (org_id) WHERE is_default = 1;

-- One dated snapshot per row, never updated (R18: history is kept). at_ms:
-- when the judgment was made; for source 'rule', when the fact that fired
-- the rule happened (core/assessment.h). by_actor: the user id, or the
-- rule's id for source 'rule'.
CREATE TABLE assessments (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  person_id {{uuid}} NOT NULL,
  scale_id {{uuid}} NOT NULL,
  value BIGINT NOT NULL CHECK (value BETWEEN 0 AND 20),
  at_ms BIGINT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('human', 'rule')),
  by_actor TEXT NOT NULL,
  note_ct {{bytes}},
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, scale_id) REFERENCES assessment_scales (org_id, id)
);
CREATE INDEX assessments_by_person ON assessments (org_id, person_id, scale_id, at_ms);

-- The organizing committee of a campaign (R20); until_on NULL = current.
CREATE TABLE committee_members (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}} NOT NULL,
  person_id {{uuid}} NOT NULL,
  role TEXT NOT NULL DEFAULT 'committee' CHECK (role IN ('committee', 'helper')),
  since_on TEXT NOT NULL,
  until_on TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id)
);
CREATE UNIQUE INDEX committee_current ON committee_members (org_id, campaign_id, person_id) WHERE until_on IS NULL;

-- Cards (R1-R4). signed_on is required: an undated card never counts (R2),
-- so hotshop does not store one. An e-signature keeps its timestamp and the
-- hash of its evidence; a paper card the hash of its photo (the image is
-- not stored here: R43, card images are staff-only).
CREATE TABLE cards (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  person_id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  signed_on TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('paper_photo', 'e_signature')),
  signed_at_ms BIGINT,
  evidence_hash TEXT NOT NULL DEFAULT '',
  has_signature INTEGER NOT NULL DEFAULT 1 CHECK (has_signature IN (0, 1)),
  revoked_on TEXT,
  note_ct {{bytes}},
  recorded_by TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  CHECK (method <> 'e_signature' OR (signed_at_ms IS NOT NULL AND evidence_hash <> '')),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id)
);
CREATE INDEX cards_by_unit ON cards (org_id, unit_id);
CREATE INDEX cards_by_person ON cards (org_id, person_id);

-- Structure tests (R21): a unit's planned action, its target (percent of
-- the unit, overridable per group) and who took part.
CREATE TABLE structure_tests (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('majority_petition', 'sticker_day', 'photo', 'delegation', 'march_on_the_boss',
                                     'strike_vote', 'custom')),
  name TEXT NOT NULL DEFAULT '',
  held_on TEXT NOT NULL,
  target_percent BIGINT NOT NULL CHECK (target_percent BETWEEN 1 AND 100),
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id)
);
CREATE INDEX structure_tests_by_unit ON structure_tests (org_id, unit_id, held_on);

CREATE TABLE structure_test_targets (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  test_id {{uuid}} NOT NULL,
  group_kind TEXT NOT NULL CHECK (group_kind IN ('department', 'shift', 'language', 'entrance')),
  group_name TEXT NOT NULL,
  percent BIGINT NOT NULL CHECK (percent BETWEEN 1 AND 100),
  PRIMARY KEY (org_id, test_id, group_kind, group_name),
  FOREIGN KEY (org_id, test_id) REFERENCES structure_tests (org_id, id)
);

CREATE TABLE structure_test_participation (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  test_id {{uuid}} NOT NULL,
  person_id {{uuid}} NOT NULL,
  participated INTEGER NOT NULL CHECK (participated IN (0, 1)),
  entrance TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, test_id, person_id),
  FOREIGN KEY (org_id, test_id) REFERENCES structure_tests (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id)
);

INSERT INTO table_kinds (table_name, kind) VALUES
  ('employers', 'tenant'), ('worksites', 'tenant'), ('units', 'tenant'), ('unit_worksites', 'tenant'),
  ('unit_areas', 'tenant'), ('employment', 'tenant'), ('connections', 'tenant'), ('assessment_scales', 'tenant'),
  ('assessments', 'tenant'), ('committee_members', 'tenant'), ('cards', 'tenant'), ('structure_tests', 'tenant'),
  ('structure_test_targets', 'tenant'), ('structure_test_participation', 'tenant');
