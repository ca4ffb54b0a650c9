-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Assessment rules (issue #4 "Assessments"; domain-rules.md R18;
-- core/assessment_rules.h): the values a scale gives to facts, as a JSON
-- object, e.g. {"card_signed": 2, "structure_test": 3}. '{}' = no rule,
-- the default: a scale only gets rule assessments when someone sets them.
ALTER TABLE assessment_scales ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
