-- Jejaring schema, version 3: sharing the directory between replicas (see src/sync/mod.rs).
-- Every local insert, edit and delete of a directory record is logged per field with a hybrid
-- logical clock stamp; bundles carry the log to other replicas, which merge per field, last
-- writer wins by (hlc, replica). The bundled starter data is the common base and is not logged.

-- The log: local changes (replica = this one) and changes applied from other replicas' bundles.
-- field '' is the record's existence: cl odd = alive, even = deleted (causal length).
CREATE TABLE change (
    seq       INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    cl        INTEGER NOT NULL,
    -- The stamp ("hlc replica") of the value this change replaced, as its writer knew it.
    prev      TEXT,
    -- A private contact's private field: never leaves this machine.
    private   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (hlc, replica, record_id, field)
) STRICT;
CREATE INDEX change_prev ON change(record_id, field, prev);

-- The winning value of every field that has ever been logged.
CREATE TABLE sync_field (
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
) STRICT, WITHOUT ROWID;

-- Causal length of records that have one (a base record never logged counts as 1, alive).
CREATE TABLE sync_record (
    record_id TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    cl        INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Bundles applied from other replicas (and this replica's own, exported).
CREATE TABLE sync_bundle (
    id         TEXT PRIMARY KEY,
    replica    TEXT NOT NULL,
    changes    INTEGER NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

-- Peers whose bundles are applied: replica id and ed25519 public key (base64).
CREATE TABLE sync_peer (
    replica    TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    trusted_at TEXT NOT NULL
) STRICT;

-- Two replicas changed one field without seeing each other's change.
CREATE TABLE sync_conflict (
    id             INTEGER PRIMARY KEY,
    record_id      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    field          TEXT NOT NULL,
    winner_value   TEXT NOT NULL,
    winner_stamp   TEXT NOT NULL,
    loser_value    TEXT NOT NULL,
    loser_stamp    TEXT NOT NULL,
    flipped        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (record_id, field, winner_stamp, loser_stamp)
) STRICT;
