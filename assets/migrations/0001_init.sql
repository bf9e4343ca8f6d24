-- Jejaring schema, version 1.
-- Every table has an integer rowid (`rid`, used by the search index) and, for records that
-- coordinators edit, a stable text `id` (UUID) that survives export and re-import.
-- Regions are keyed by their Kemendagri code, which is their stable id.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE province (
    rid           INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    aliases       TEXT NOT NULL DEFAULT '',
    min_lat       REAL, max_lat REAL, min_lon REAL, max_lon REAL,
    unesco_field  TEXT,
    unesco_year   INTEGER,
    source        TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    last_verified TEXT
) STRICT;

CREATE TABLE city (
    rid           INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    province_code TEXT NOT NULL REFERENCES province(code),
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('kabupaten', 'kota')),
    seat          TEXT,
    lat           REAL,
    lon           REAL,
    coord_source  TEXT,
    coord_quality TEXT,
    iccn_member   INTEGER NOT NULL DEFAULT 0 CHECK (iccn_member IN (0, 1)),
    iccn_forum    TEXT,
    iccn_joined   INTEGER,
    unesco_field  TEXT,
    unesco_year   INTEGER,
    source        TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    last_verified TEXT
) STRICT;
CREATE INDEX city_province ON city(province_code);

CREATE TABLE organisation (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    org_type      TEXT,
    city_code     TEXT REFERENCES city(code),
    description   TEXT,
    website TEXT, instagram TEXT, email TEXT, phone TEXT, whatsapp TEXT,
    source        TEXT,
    last_verified TEXT,
    synthetic     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX organisation_city ON organisation(city_code);

CREATE TABLE space (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    space_type    TEXT,
    city_code     TEXT REFERENCES city(code),
    address       TEXT,
    lat           REAL,
    lon           REAL,
    operator_id   TEXT REFERENCES organisation(id) ON DELETE SET NULL,
    facilities    TEXT NOT NULL DEFAULT '',
    opening_hours TEXT,
    description   TEXT,
    website TEXT, instagram TEXT, email TEXT, phone TEXT, whatsapp TEXT,
    source        TEXT,
    last_verified TEXT,
    synthetic     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX space_city ON space(city_code);
CREATE INDEX space_operator ON space(operator_id);

CREATE TABLE community (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    city_code     TEXT REFERENCES city(code),
    subsectors    TEXT NOT NULL DEFAULT '',
    description   TEXT,
    founded_year  INTEGER,
    space_id      TEXT REFERENCES space(id) ON DELETE SET NULL,
    website TEXT, instagram TEXT, email TEXT, phone TEXT, whatsapp TEXT,
    source        TEXT,
    last_verified TEXT,
    synthetic     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX community_city ON community(city_code);
CREATE INDEX community_space ON community(space_id);

CREATE TABLE contact (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    city_code     TEXT REFERENCES city(code),
    visibility    TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'network', 'public')),
    website TEXT, instagram TEXT, email TEXT, phone TEXT, whatsapp TEXT,
    source        TEXT,
    last_verified TEXT,
    synthetic     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX contact_city ON contact(city_code);

-- A contact's role in exactly one community, space or organisation.
CREATE TABLE role (
    rid             INTEGER PRIMARY KEY,
    contact_id      TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    community_id    TEXT REFERENCES community(id) ON DELETE CASCADE,
    space_id        TEXT REFERENCES space(id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisation(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    start_date      TEXT,
    end_date        TEXT,
    position        INTEGER NOT NULL DEFAULT 0,
    CHECK ((community_id IS NOT NULL) + (space_id IS NOT NULL) + (organisation_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX role_contact ON role(contact_id);
CREATE INDEX role_community ON role(community_id);
CREATE INDEX role_space ON role(space_id);
CREATE INDEX role_organisation ON role(organisation_id);

CREATE TABLE event (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    event_type    TEXT,
    year          INTEGER,
    start_date    TEXT,
    end_date      TEXT,
    venue_id      TEXT REFERENCES space(id) ON DELETE SET NULL,
    description   TEXT,
    source        TEXT,
    last_verified TEXT,
    synthetic     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE event_city (
    event_id  TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    city_code TEXT NOT NULL REFERENCES city(code),
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, city_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_city_city ON event_city(city_code);
