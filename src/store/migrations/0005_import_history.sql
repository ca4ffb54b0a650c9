-- SPDX-License-Identifier: AGPL-3.0-or-later
-- What an import started from the web keeps after it ends (src/store/import_history.h):
-- the file's name as the organizer uploaded it and the row-level report
-- (issue #6: "a row-level report ... downloadable as CSV"). Both can hold
-- personal data (a file called after a worker, a report line quoting a bad
-- phone number), so both are sealed under the org's data key like any field
-- of people (security-model.md §2.3). The uploaded file itself is never
-- stored: it lives in memory until it is imported or expires.
ALTER TABLE imports ADD COLUMN filename_ct {{bytes}};
ALTER TABLE imports ADD COLUMN report_ct {{bytes}};
ALTER TABLE imports ADD COLUMN report_lines BIGINT NOT NULL DEFAULT 0;
CREATE INDEX imports_by_start ON imports (org_id, started_at_ms);
