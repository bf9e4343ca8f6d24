-- Jejaring schema, version 2: the network as the sources state it.
-- ICCN membership becomes yes / no / unknown with its own source and date: a city no source
-- mentions is unknown, not "no" (version 1 stored 0 for both). KaTa Kreatif certification per
-- city. Spaces say where their coordinate comes from ("city seat" when they have none).

ALTER TABLE city ADD COLUMN iccn_status TEXT NOT NULL DEFAULT 'unknown'
    CHECK (iccn_status IN ('yes', 'no', 'unknown'));
-- Version 1 had no "no" from any source: its 0 meant "no source says so".
UPDATE city SET iccn_status = CASE WHEN iccn_member = 1 THEN 'yes' ELSE 'unknown' END;
ALTER TABLE city DROP COLUMN iccn_member;
ALTER TABLE city ADD COLUMN iccn_source TEXT;
ALTER TABLE city ADD COLUMN iccn_reported TEXT;
ALTER TABLE city ADD COLUMN kata_year INTEGER;
ALTER TABLE city ADD COLUMN kata_subsectors TEXT NOT NULL DEFAULT '';
ALTER TABLE city ADD COLUMN kata_source TEXT;
ALTER TABLE space ADD COLUMN coord_source TEXT;
