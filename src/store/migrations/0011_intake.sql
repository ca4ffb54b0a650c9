-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Intake (issue #5, worker side and triage): a worker's request for help
-- from the public "Talk with an organizer" page lands here, in quarantine,
-- and moves through the pipeline new -> triaged -> matched -> first contact
-- -> assessed -> campaign opened | referred | closed (domain-rules.md R22;
-- src/core/intake_pipeline.h). Never a field for immigration status,
-- country of birth or SSN (R41).
--
-- Everything the worker typed that names or describes them (name, phone,
-- email, employer, best time, what is going on) is sealed (*_ct) under the
-- org's data key with table, column, row and org bound in, like the fields
-- of people (security-model.md §2.3). Phones and emails carry 32-bit blind
-- indexes (*_bidx, §2.4) under the same per-org keys as people, so a
-- dispatcher's duplicate suggestions reach both intakes and people. City,
-- ZIP, region, industry, size band and language stay clear: they are what
-- triage filters on and what an anonymous referral card shows.
--
-- Instants are BIGINT ms UTC. Unresolved intakes are purged after the
-- org's retention (default 90 days, R41) unless legal_hold is set (R40).

-- Per-org settings. No row = the defaults below.
--   sla_hours: first human contact within this many hours of received_at.
--   retention_days: unresolved intakes are deleted this long after their
--     last request.
--   repeat_days: a new request with the same phone or email within this
--     many days of an open intake's last request attaches to it (J1.2).
CREATE TABLE intake_settings (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  sla_hours BIGINT NOT NULL DEFAULT 48 CHECK (sla_hours BETWEEN 1 AND 720),
  retention_days BIGINT NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 1 AND 3650),
  repeat_days BIGINT NOT NULL DEFAULT 30 CHECK (repeat_days BETWEEN 0 AND 365),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id)
);

-- One request for help. received_at_ms is the FIRST request's time: a
-- repeat request never resets it, so the SLA stays overdue (J1.2).
-- stage: the pipeline (core/intake_pipeline.h). spam: a dispatcher's mark
-- (reversible, with a reason), kept apart from the stage so unmarking
-- restores it. assigned_to: the organizer who may read the free text (J2.1
-- never-line; set by matching). person_id: an existing person a dispatcher
-- linked by a merge. merged_into_id: the intake this one was merged into.
-- campaign_id: the campaign opened from it. work_email: the email looked
-- like the employer's (R38), shown as a warning to whoever reaches out.
CREATE TABLE intakes (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  stage TEXT NOT NULL DEFAULT 'new' CHECK (stage IN ('new', 'triaged', 'matched', 'first_contact', 'assessed',
                                                     'campaign_opened', 'referred', 'closed')),
  received_at_ms BIGINT NOT NULL,
  last_request_at_ms BIGINT NOT NULL,
  repeat_count BIGINT NOT NULL DEFAULT 0,
  name_ct {{bytes}} NOT NULL,
  phone_ct {{bytes}},
  phone_bidx BIGINT,
  email_ct {{bytes}},
  email_bidx BIGINT,
  work_email INTEGER NOT NULL DEFAULT 0 CHECK (work_email IN (0, 1)),
  employer_ct {{bytes}},
  best_time_ct {{bytes}},
  story_ct {{bytes}},
  city TEXT NOT NULL DEFAULT '',
  zip TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  size_band TEXT NOT NULL DEFAULT '' CHECK (size_band IN ('', '1-10', '11-50', '51-200', '201-500', '500+')),
  language TEXT NOT NULL DEFAULT '',
  consent_version TEXT NOT NULL,
  spam INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1)),
  spam_reason TEXT NOT NULL DEFAULT '',
  legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
  legal_hold_reason TEXT NOT NULL DEFAULT '',
  assigned_to {{uuid}},
  person_id {{uuid}},
  merged_into_id {{uuid}},
  campaign_id {{uuid}},
  close_reason TEXT NOT NULL DEFAULT '',
  first_contact_at_ms BIGINT,
  stage_changed_at_ms BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id)
);
CREATE INDEX intakes_queue ON intakes (org_id, stage, received_at_ms);
CREATE INDEX intakes_by_phone ON intakes (org_id, phone_bidx);
CREATE INDEX intakes_by_email ON intakes (org_id, email_bidx);
CREATE INDEX intakes_by_assignee ON intakes (org_id, assigned_to);

-- Idempotency: every submission id a client sent (a random id the page
-- makes once per message), and the intake it landed in. A retry or a double
-- tap with the same id finds its row and writes nothing new; a repeat
-- request (a new id, J1.2) adds a row pointing at the existing intake.
CREATE TABLE intake_submissions (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  submission_id TEXT NOT NULL,
  intake_id {{uuid}} NOT NULL,
  received_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, submission_id),
  FOREIGN KEY (org_id, intake_id) REFERENCES intakes (org_id, id)
);
CREATE INDEX intake_submissions_by_intake ON intake_submissions (org_id, intake_id);

-- The history of an intake, appended, never edited: received, repeat,
-- stage changes, spam marks, merges, assignment, decline, holds. kind is
-- what happened; from_stage/to_stage for stage changes; actor a user id or
-- "public" / "system". note_ct: a reason or a repeat request's new text,
-- sealed (it may describe a person). Each row is also an audit event.
CREATE TABLE intake_events (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  intake_id {{uuid}} NOT NULL,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('received', 'repeat', 'stage', 'spam', 'unspam', 'merge', 'assign', 'decline',
                                     'hold', 'release', 'reminder')),
  from_stage TEXT NOT NULL DEFAULT '',
  to_stage TEXT NOT NULL DEFAULT '',
  note_ct {{bytes}},
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, intake_id) REFERENCES intakes (org_id, id)
);
CREATE INDEX intake_events_by_intake ON intake_events (org_id, intake_id, at_ms);

-- Spent proof-of-work challenges (security-model.md §2.9): a challenge is
-- single use; its signature is remembered until it expires, then swept.
-- Not a tenant's data: challenges are handed out before any org is known
-- to the client, and hold nothing personal.
CREATE TABLE intake_pow_spent (
  signature TEXT NOT NULL PRIMARY KEY,
  expires_at_ms BIGINT NOT NULL
);
CREATE INDEX intake_pow_spent_by_expiry ON intake_pow_spent (expires_at_ms);

INSERT INTO table_kinds (table_name, kind) VALUES
  ('intake_settings', 'tenant'), ('intakes', 'tenant'), ('intake_submissions', 'tenant'),
  ('intake_events', 'tenant'), ('intake_pow_spent', 'local');
