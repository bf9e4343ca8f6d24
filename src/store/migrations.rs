//! Versioned schema migrations, embedded SQL applied in order and tracked in `PRAGMA user_version`.

use super::{Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// Migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_init.sql"),
    include_str!("../../assets/migrations/0002_network.sql"),
    include_str!("../../assets/migrations/0003_sync.sql"),
    include_str!("../../assets/migrations/0004_sync_pending.sql"),
    include_str!("../../assets/migrations/0005_visibility_check.sql"),
    include_str!("../../assets/migrations/0006_city_lists.sql"),
    include_str!("../../assets/migrations/0007_event_venue.sql"),
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The database's schema version; refused when newer than this build knows.
fn known_version(conn: &Connection, path: &Path) -> Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > LATEST {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: LATEST,
        });
    }
    Ok(found)
}

/// The oldest schema version this build reads without upgrading it: the later migrations
/// change only indexes and the text of a CHECK (0005-0007), never a table or column a read
/// uses. A database that cannot be written is read as it is from this version on.
pub const READS_FROM: i64 = 4;

/// For a database that cannot be written (so cannot be upgraded): Ok when this build reads
/// its schema version as it is.
pub fn check_readable(conn: &Connection, path: &Path) -> Result<()> {
    let found = known_version(conn, path)?;
    if found < READS_FROM {
        return Err(StoreError::ReadOnlyTooOld {
            path: path.to_path_buf(),
            found,
            reads_from: READS_FROM,
        });
    }
    Ok(())
}

/// Applies the missing migrations in one transaction. Returns true when the database was empty.
/// Refuses a database whose version is newer than this build knows.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<bool> {
    let found = known_version(conn, path)?;
    if found == LATEST {
        return Ok(false);
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| StoreError::from_sql(e, path))?;
    // Another instance may have migrated while we waited for the lock.
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    // A migration may rewrite schema text in place (0005): a new schema version makes every
    // connection, this one included, parse the schema again.
    let schema: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "schema_version", schema + 1)?;
    tx.pragma_update(None, "user_version", LATEST)?;
    tx.commit()?;
    Ok(found == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_from_empty_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().expect("open");
        assert!(migrate(&mut conn, Path::new(":memory:")).expect("first"));
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, LATEST);
        assert!(!migrate(&mut conn, Path::new(":memory:")).expect("second"));
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert!(tables >= 10, "schema tables created: {tables}");
    }

    #[test]
    fn refuses_a_newer_database() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", LATEST + 1)
            .expect("set");
        let err = migrate(&mut conn, Path::new("x.db")).expect_err("must refuse");
        let msg = err.to_string();
        assert!(msg.contains("newer Jejaring"), "{msg}");
        assert!(msg.contains("x.db"), "{msg}");
    }

    /// Opcodes of a contact insert as this connection would run it.
    fn insert_plan(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "EXPLAIN INSERT INTO contact (id, name, visibility, created_at, updated_at) \
                 VALUES ('x', 'x', 'public', '', '')",
            )
            .expect("explain");
        stmt.query_map([], |r| r.get::<_, String>(1))
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("opcodes")
    }

    #[test]
    fn version_5_rewrites_the_visibility_rule_keeping_rows_and_the_rule() {
        let mut conn = Connection::open_in_memory().expect("open");
        let tx = conn.transaction().expect("tx");
        for sql in &MIGRATIONS[..4] {
            tx.execute_batch(sql).expect("old migrations");
        }
        tx.pragma_update(None, "user_version", 4)
            .expect("version 4");
        tx.execute(
            "INSERT INTO contact (id, name, visibility, created_at, updated_at) \
             VALUES ('c1', 'Sri', 'network', 't', 't')",
            [],
        )
        .expect("a contact of version 4");
        tx.commit().expect("commit");
        assert!(insert_plan(&conn).iter().any(|op| op == "OpenEphemeral"));
        assert!(!migrate(&mut conn, Path::new(":memory:")).expect("to 5"));
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'contact'",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert!(
            sql.contains("visibility = 'private' OR visibility = 'network'"),
            "{sql}"
        );
        // This very connection reads the new text: no small table built per insert.
        assert!(!insert_plan(&conn).iter().any(|op| op == "OpenEphemeral"));
        let kept: String = conn
            .query_row("SELECT visibility FROM contact WHERE id = 'c1'", [], |r| {
                r.get(0)
            })
            .expect("row kept");
        assert_eq!(kept, "network");
        let bad = conn.execute(
            "INSERT INTO contact (id, name, visibility, created_at, updated_at) \
             VALUES ('c2', 'X', 'everyone', 't', 't')",
            [],
        );
        assert!(bad.is_err(), "an unknown visibility is still refused");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(check, "ok");
    }

    /// Every foreign key column leads some index: a detail pane, a delete's cascade and its
    /// report look records up by them (an event's venue was missed until version 7, and every
    /// space's detail read the whole event table).
    #[test]
    fn every_foreign_key_leads_an_index() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn, Path::new(":memory:")).expect("migrate");
        let names = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).expect("prepare");
            stmt.query_map([], |r| r.get(0))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        let mut missing = Vec::new();
        for table in names("SELECT name FROM sqlite_master WHERE type = 'table'") {
            let leading = names(&format!(
                "SELECT (SELECT name FROM pragma_index_info(il.name) WHERE seqno = 0) \
                 FROM pragma_index_list('{table}') il"
            ));
            for col in names(&format!(
                "SELECT \"from\" FROM pragma_foreign_key_list('{table}')"
            )) {
                if !leading.contains(&col) {
                    missing.push(format!("{table}.{col}"));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }
}
