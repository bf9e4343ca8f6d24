-- Jejaring schema, version 4: references waiting for their record (see src/store/sync.rs).
-- A peer's change can name a record whose creation is in a bundle not applied yet (bundles
-- arrive in any order). The reference is left empty until that record arrives; this table
-- says which records to write again then.
CREATE TABLE sync_pending (
    target_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    PRIMARY KEY (target_id, record_id)
) STRICT, WITHOUT ROWID;
