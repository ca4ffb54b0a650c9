-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Matching, organizers' work and referrals between organizations (issue
-- #5; journeys J2.1-J2.3, J3.1; security-model.md §3 "Referral with
-- consent"; domain-rules.md R22).
--
-- Every table is a tenant table (scale-out.md §1). Rows that point at an
-- intake are deleted with it (ON DELETE CASCADE), so the intake retention
-- purge (R41) takes them along. A referral is referrals_out in A plus
-- referrals_in in B sharing the referral id; B's copy of the consented
-- fields lives in referral_copies under B's keys with a new id: no row is
-- shared across tenants. Instants are BIGINT ms UTC.

-- A volunteer organizer's profile; user_id is the organizer's account.
-- languages, industries, training: comma lists ("es,en"; "hotels";
-- "charting,conversation"). mentor_id: the mentor's account, or NULL.
-- available: the organizer's own switch; the rest is edited by admins and
-- dispatchers.
CREATE TABLE organizer_profiles (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  user_id {{uuid}} NOT NULL REFERENCES users(id),
  home_zip TEXT NOT NULL DEFAULT '',
  radius_km BIGINT NOT NULL DEFAULT 25 CHECK (radius_km BETWEEN 1 AND 1000),
  languages TEXT NOT NULL DEFAULT '',
  industries TEXT NOT NULL DEFAULT '',
  capacity BIGINT NOT NULL DEFAULT 2 CHECK (capacity BETWEEN 0 AND 50),
  training TEXT NOT NULL DEFAULT '',
  mentor_id {{uuid}} REFERENCES users(id),
  completed_campaigns BIGINT NOT NULL DEFAULT 0 CHECK (completed_campaigns >= 0),
  available INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, user_id)
);

-- Each time a request is assigned to an organizer, and how it ended:
-- declined (by the organizer), timed_out (no first contact within the
-- window, J2.2), contacted (first contact logged), or open (ended_at_ms
-- NULL). History is kept: a re-match adds a row.
CREATE TABLE intake_assignments (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  intake_id {{uuid}} NOT NULL,
  organizer_id {{uuid}} NOT NULL,
  assigned_by {{uuid}} NOT NULL,
  assigned_at_ms BIGINT NOT NULL,
  accepted_at_ms BIGINT,
  ended_at_ms BIGINT,
  end_kind TEXT NOT NULL DEFAULT '' CHECK (end_kind IN ('', 'declined', 'timed_out', 'contacted', 'reassigned')),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, intake_id) REFERENCES intakes (org_id, id) ON DELETE CASCADE
);
CREATE INDEX intake_assignments_by_intake ON intake_assignments (org_id, intake_id, assigned_at_ms);
CREATE INDEX intake_assignments_by_organizer ON intake_assignments (org_id, organizer_id, ended_at_ms);

-- What an organizer is told: assigned, reminder (the window is running
-- out), timed_out (the request went back to the queue). The "my" queue
-- reads these; e-mail is not sent.
CREATE TABLE organizer_notifications (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  user_id {{uuid}} NOT NULL,
  intake_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('assigned', 'reminder', 'timed_out')),
  created_at_ms BIGINT NOT NULL,
  read_at_ms BIGINT,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, intake_id) REFERENCES intakes (org_id, id) ON DELETE CASCADE
);
CREATE INDEX organizer_notifications_by_user ON organizer_notifications (org_id, user_id, created_at_ms);

-- The organizing conversation (J3.1): id is made by the organizer's device
-- once per record, so a retry writes nothing new (exactly one record).
-- contacted_at_ms: the device time of the contact (the SLA stops there).
-- steps: the steps covered, a comma list of intro, issues, agitation,
-- plan, inoculation, ask, follow_up. body_ct: the notes per step and the
-- free notes, sealed JSON.
CREATE TABLE conversation_logs (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  intake_id {{uuid}} NOT NULL,
  organizer_id {{uuid}} NOT NULL,
  contacted_at_ms BIGINT NOT NULL,
  steps TEXT NOT NULL DEFAULT '',
  body_ct {{bytes}},
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, intake_id) REFERENCES intakes (org_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_logs_by_intake ON conversation_logs (org_id, intake_id, contacted_at_ms);

-- Partner organizations: each org's admins keep their own list. A
-- partnership is active when both orgs list each other.
CREATE TABLE partnerships (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  partner_org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  added_by {{uuid}} NOT NULL,
  added_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, partner_org_id)
);

-- A's side of a referral: the intake, the partner, the worker's consent
-- (who recorded it, when, by what channel, which fields) and the card.
CREATE TABLE referrals_out (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  intake_id {{uuid}} NOT NULL,
  partner_org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  fields TEXT NOT NULL,
  consent_by {{uuid}} NOT NULL,
  consent_at_ms BIGINT NOT NULL,
  consent_channel TEXT NOT NULL CHECK (consent_channel IN ('in_person', 'phone', 'text', 'email', 'web_form')),
  state TEXT NOT NULL CHECK (state IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')),
  offered_at_ms BIGINT NOT NULL,
  answered_at_ms BIGINT,
  card_industry TEXT NOT NULL DEFAULT '',
  card_city TEXT NOT NULL DEFAULT '',
  card_size_band TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, intake_id) REFERENCES intakes (org_id, id) ON DELETE CASCADE
);
CREATE INDEX referrals_out_by_intake ON referrals_out (org_id, intake_id);

-- B's side: the anonymous card and the state; nothing personal.
CREATE TABLE referrals_in (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  from_org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  fields TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')),
  offered_at_ms BIGINT NOT NULL,
  answered_at_ms BIGINT,
  answered_by {{uuid}},
  card_industry TEXT NOT NULL DEFAULT '',
  card_city TEXT NOT NULL DEFAULT '',
  card_size_band TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX referrals_in_by_state ON referrals_in (org_id, state, offered_at_ms);

-- B's copy of the consented fields, under B's keys, with a new id and its
-- provenance (the referral, A, how consent was given). Only the consented
-- columns are filled; withdrawal deletes the row.
CREATE TABLE referral_copies (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  referral_id {{uuid}} NOT NULL,
  from_org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  fields TEXT NOT NULL,
  consent_at_ms BIGINT NOT NULL,
  consent_channel TEXT NOT NULL,
  name_ct {{bytes}},
  phone_ct {{bytes}},
  email_ct {{bytes}},
  employer_ct {{bytes}},
  best_time_ct {{bytes}},
  story_ct {{bytes}},
  language TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  zip TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  size_band TEXT NOT NULL DEFAULT '',
  copied_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, referral_id) REFERENCES referrals_in (org_id, id)
);
CREATE UNIQUE INDEX referral_copies_by_referral ON referral_copies (org_id, referral_id);

INSERT INTO table_kinds (table_name, kind) VALUES
  ('organizer_profiles', 'tenant'), ('intake_assignments', 'tenant'), ('organizer_notifications', 'tenant'),
  ('conversation_logs', 'tenant'), ('partnerships', 'tenant'), ('referrals_out', 'tenant'),
  ('referrals_in', 'tenant'), ('referral_copies', 'tenant');
