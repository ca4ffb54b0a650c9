-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Petitions, elections, bars, the Cemex clock, ULP charges and the
-- per-user calendar feed (issue #4 "Cards, petitions, elections, charges";
-- domain-rules.md R6-R17). Every calculation (timeline, outcome, bars,
-- clock, 10(b)) is made by src/core from these rows; nothing computed is
-- stored except what a person decides (a petition's status, a charge's
-- stage). Civil dates are ISO TEXT; instants BIGINT ms UTC. Free text that
-- may describe a person (notes, a charge's description) is sealed (*_ct).

-- Per-org switches for this part. cemex_enabled: the Cemex clock (R14) is
-- contested law, so it is off until an org admin turns it on.
CREATE TABLE org_election_settings (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  cemex_enabled INTEGER NOT NULL DEFAULT 0 CHECK (cemex_enabled IN (0, 1)),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id)
);

-- A petition to the NLRB for one unit. kind: RC (union, certification),
-- RD (decertification), RM (employer), UD (deauthorization), UC (unit
-- clarification), AC (amendment of certification).
CREATE TABLE petitions (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('RC', 'RD', 'RM', 'UD', 'UC', 'AC')),
  case_number TEXT NOT NULL DEFAULT '',
  filed_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn', 'dismissed', 'blocked', 'closed')),
  note_ct {{bytes}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id)
);
CREATE INDEX petitions_by_unit ON petitions (org_id, unit_id, filed_on);

-- One election attempt in a unit: every attempt (first try, runoff, rerun,
-- a new petition a year after a loss) is a row, so the unit's history is
-- one list. The tally columns stay NULL until ballots are counted;
-- tally_choices is a JSON array [{"name","votes","no_union"}] in ballot
-- order (two choices for the usual yes/no). set_aside_on: objections were
-- sustained and the election is not valid (it makes no election bar, R10).
CREATE TABLE elections (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  petition_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial', 'runoff', 'rerun')),
  notice_served_on TEXT,
  hearing_on TEXT,
  direction_on TEXT,
  election_on TEXT,
  tally_on TEXT,
  tally_choices TEXT,
  void_ballots BIGINT CHECK (void_ballots IS NULL OR void_ballots >= 0),
  challenged BIGINT CHECK (challenged IS NULL OR challenged >= 0),
  certified_on TEXT,
  set_aside_on TEXT,
  note_ct {{bytes}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id),
  FOREIGN KEY (org_id, petition_id) REFERENCES petitions (org_id, id)
);
CREATE INDEX elections_by_unit ON elections (org_id, unit_id, created_at_ms);

-- Contracts (R12) and voluntary recognitions (R13) of a unit: what bars a
-- petition besides elections and certifications. health_care: the
-- employer is a health-care institution (R12's 120-91 day window).
CREATE TABLE unit_agreements (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('contract', 'voluntary_recognition')),
  effective_on TEXT,
  expires_on TEXT,
  written_and_signed INTEGER NOT NULL DEFAULT 1 CHECK (written_and_signed IN (0, 1)),
  health_care INTEGER NOT NULL DEFAULT 0 CHECK (health_care IN (0, 1)),
  recognized_on TEXT,
  first_session_on TEXT,
  note_ct {{bytes}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  CHECK (kind <> 'contract' OR (effective_on IS NOT NULL AND expires_on IS NOT NULL)),
  CHECK (kind <> 'voluntary_recognition' OR recognized_on IS NOT NULL),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id)
);
CREATE INDEX unit_agreements_by_unit ON unit_agreements (org_id, unit_id);

-- A demand for recognition on majority support (R14, Cemex). supporters
-- and unit_size are counts; the evidence itself (cards) stays in cards.
CREATE TABLE cemex_demands (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  unit_id {{uuid}} NOT NULL,
  demanded_on TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('in_person', 'letter', 'email', 'other')),
  evidence TEXT NOT NULL CHECK (evidence IN ('authorization_cards', 'signed_petition', 'other')),
  supporters BIGINT NOT NULL CHECK (supporters >= 0),
  unit_size BIGINT NOT NULL CHECK (unit_size > 0),
  state_code TEXT NOT NULL DEFAULT '',
  response TEXT NOT NULL DEFAULT 'none' CHECK (response IN ('none', 'recognized', 'filed_rm_petition')),
  responded_on TEXT,
  note_ct {{bytes}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id)
);
CREATE INDEX cemex_demands_by_unit ON cemex_demands (org_id, unit_id);

-- Unfair labor practice charges (R15-R17) of a campaign; unit_id and
-- person_id narrow one to a unit or the worker it concerns. stage moves
-- only along core::NextStages (R17); each move is kept in
-- ulp_charge_stages. blocking: the charging party asked that it block the
-- election (R13).
CREATE TABLE ulp_charges (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  campaign_id {{uuid}} NOT NULL,
  unit_id {{uuid}},
  person_id {{uuid}},
  kind TEXT NOT NULL CHECK (kind IN ('threat', 'interrogation', 'promise', 'surveillance',
                                     'impression_of_surveillance', 'retaliatory_discharge',
                                     'retaliatory_discipline', 'refusal_to_bargain')),
  conduct_on TEXT NOT NULL,
  filed_on TEXT,
  served_on TEXT,
  case_number TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'investigation',
  blocking INTEGER NOT NULL DEFAULT 0 CHECK (blocking IN (0, 1)),
  description_ct {{bytes}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
  FOREIGN KEY (org_id, unit_id) REFERENCES units (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id)
);
CREATE INDEX ulp_charges_by_campaign ON ulp_charges (org_id, campaign_id, conduct_on);

CREATE TABLE ulp_charge_stages (
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  id {{uuid}} NOT NULL,
  charge_id {{uuid}} NOT NULL,
  stage TEXT NOT NULL,
  on_date TEXT NOT NULL,
  by_actor TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, charge_id) REFERENCES ulp_charges (org_id, id)
);
CREATE INDEX ulp_charge_stages_by_charge ON ulp_charge_stages (org_id, charge_id, created_at_ms);

-- Calendar feeds: a calendar app cannot send a cookie, so each user may
-- hold one secret feed URL per org. Looked up by the BLAKE2b hash of its
-- token, like sessions (a local table); only the hash is stored.
CREATE TABLE calendar_feeds (
  token_hash TEXT NOT NULL PRIMARY KEY,
  id {{uuid}} NOT NULL UNIQUE,
  user_id {{uuid}} NOT NULL REFERENCES users(id),
  org_id {{uuid}} NOT NULL REFERENCES orgs(id),
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT
);
CREATE INDEX calendar_feeds_by_user ON calendar_feeds (user_id, org_id);

INSERT INTO table_kinds (table_name, kind) VALUES
  ('org_election_settings', 'tenant'), ('petitions', 'tenant'), ('elections', 'tenant'),
  ('unit_agreements', 'tenant'), ('cemex_demands', 'tenant'), ('ulp_charges', 'tenant'),
  ('ulp_charge_stages', 'tenant'), ('calendar_feeds', 'local');
