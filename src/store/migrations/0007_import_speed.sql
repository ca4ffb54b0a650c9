-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Import speed (issue #6; src/store/import_engine.h): the blind-index
-- indexes of people hold the 32-bit index value alone, not (org_id, value).
--
-- Why: every lookup by phone, email or external id also says org_id = $1
-- (and PostgreSQL's row-level security adds it again), so the index only has
-- to narrow the people to the few whose value matches; a value from another
-- org's key matches by chance about (people of all orgs) / 2^32 of the time
-- and is dropped by that filter. Without the 36-byte text org_id (SQLite) or
-- the 16-byte uuid (PostgreSQL) in front, an entry is about a quarter of its
-- size on SQLite, comparisons are one integer compare, and the indexes of a
-- million imported people fit in the importer's page cache; measured with
-- bench/import.sh, these indexes were the largest part of the cost of
-- writing a person. Non-unique indexes need not lead with org_id
-- (scale-out.md §3.1: only PKs and unique indexes must).
DROP INDEX people_by_phone;
DROP INDEX people_by_email;
DROP INDEX people_by_external_id;
CREATE INDEX people_by_phone ON people (phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX people_by_email ON people (email_bidx) WHERE email_bidx IS NOT NULL;
CREATE INDEX people_by_external_id ON people (external_id_bidx) WHERE external_id_bidx IS NOT NULL;
