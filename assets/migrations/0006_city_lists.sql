-- Jejaring schema, version 6: a city's related lists read from its indexes alone.
-- A city's detail pane lists its communities, spaces, organisations and contacts by name.
-- With an index on the city code only, SQLite read every record of the city from the table
-- (one page each, scattered: 0.2 s with a cold page cache at a million records) and sorted
-- them. These indexes hold each list in display order with the columns it shows, so the
-- pane reads a few index pages. They replace the plain city indexes, which they cover.
DROP INDEX IF EXISTS community_city;
CREATE INDEX community_city ON community(city_code, name COLLATE NOCASE, id, subsectors);
DROP INDEX IF EXISTS space_city;
CREATE INDEX space_city ON space(city_code, name COLLATE NOCASE, id, space_type);
DROP INDEX IF EXISTS organisation_city;
CREATE INDEX organisation_city ON organisation(city_code, name COLLATE NOCASE, id, org_type);
DROP INDEX IF EXISTS contact_city;
CREATE INDEX contact_city ON contact(city_code, name COLLATE NOCASE, id);
