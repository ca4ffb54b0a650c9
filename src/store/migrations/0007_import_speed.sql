-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Import speed (issue #6; src/store/import_engine.h), SQLite only: the
-- blind-index indexes of people hold the 32-bit index value alone, not
-- (org_id, value).
--
-- Why: every lookup by phone, email or external id also says org_id = $1,
-- so the index only has to narrow the people to the few whose value matches;
-- a value made under another org's key matches by chance about (people of
-- all orgs) / 2^32 of the time and is dropped by that filter. Without the
-- 36-byte text org_id in front, an entry is a quarter of its size (a million
-- people: 14 MB per index instead of 54), a comparison is one integer
-- compare, and an import's random inserts stay in its page cache. Measured
-- (bench/import.sh, callgrind): 11% less work for the thread that writes an
-- import. Non-unique indexes need not lead with org_id (scale-out.md §3.1:
-- only primary keys and unique indexes must).
--
-- PostgreSQL keeps (org_id, value): there the uuid is 16 bytes, the gain did
-- not show in the benchmark, and in a table shared by many orgs (the
-- deployment PostgreSQL is for) keeping each org's entries together keeps an
-- import's inserts within its own org's part of the index.
-- @sqlite
DROP INDEX people_by_phone;
DROP INDEX people_by_email;
DROP INDEX people_by_external_id;
CREATE INDEX people_by_phone ON people (phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX people_by_email ON people (email_bidx) WHERE email_bidx IS NOT NULL;
CREATE INDEX people_by_external_id ON people (external_id_bidx) WHERE external_id_bidx IS NOT NULL;
-- @both
