-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Assessment rules (issue #4 "Assessments"; domain-rules.md R18;
-- core/assessment_rules.h): the values a scale gives to facts, as a JSON
-- object, e.g. {"card_signed": 2, "structure_test": 3}. '{}' = no rule,
-- the default: a scale only gets rule assessments when someone sets them.
ALTER TABLE assessment_scales ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';

-- The last contact of a worker (R19; store/unit_roster.h LastContact) is
-- their newest human assessment on any scale: one index seek per worker
-- instead of reading their whole history (the rollup asks it of 12,000).
CREATE INDEX assessments_last_human ON assessments (org_id, person_id, source, at_ms);
