//! The SQL of backup and restore: SQLite's online backup out of a store, the checks a candidate
//! file must pass before it may replace a database, and the copy into the live file.
//!
//! A candidate is read directly, read-only: it must not be opened as a [`Store`], which would
//! migrate it before it has been judged. Temporary file names and the order of the steps are
//! the caller's (`io::backup`); this module only talks to SQLite.

use super::{Result, Store, StoreError, migrations};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Tables every Jejaring database has.
const TABLES: [&str; 7] = [
    "province",
    "city",
    "community",
    "space",
    "organisation",
    "contact",
    "role",
];

/// The kinds a backup summary counts, as their table names.
const COUNTED: [&str; 4] = ["community", "space", "organisation", "contact"];

/// How long the restore waits for another instance's write to finish.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Why a file may not replace a database. The text completes "… was not restored: ".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("it is the database itself")]
    Itself,
    #[error("{0} is not a file")]
    NotAFile(String),
    #[error("cannot open it: {0}")]
    CannotOpen(String),
    #[error("it is not a readable SQLite database ({0})")]
    Unreadable(String),
    #[error("its integrity check failed: {}", .0.join("; "))]
    Damaged(Vec<String>),
    #[error(
        "it is not a Jejaring database (schema version {version}, missing tables: {})",
        .missing.join(", ")
    )]
    NotJejaring {
        version: i64,
        missing: Vec<&'static str>,
    },
    #[error(
        "it was written by a newer Jejaring (schema version {found}, this build knows up to {known})"
    )]
    TooNew { found: i64, known: i64 },
    #[error("it has {0} broken reference(s)")]
    BrokenReferences(i64),
}

/// What a checked candidate holds: its record counts per kind (table name, count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub counts: Vec<(&'static str, i64)>,
}

impl std::fmt::Display for Candidate {
    /// `12 community, 3 space, 4 organisation, 9 contact`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .counts
            .iter()
            .map(|(t, n)| format!("{n} {t}"))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl Store {
    /// Copies the whole database to `dest` with SQLite's online backup (safe while in use).
    /// `dest` is created 0600 when it does not exist; the copy is left in rollback-journal
    /// mode, a single self-contained file that opens read-only without a -wal or -shm.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_all(&self.conn, dest, &self.path)
    }
}

/// The online backup of `src` into the file `dest`, in one step (all pages under one read
/// lock, so a writer elsewhere cannot make it start over), waiting at most [`BUSY_TIMEOUT`]
/// for a lock instead of retrying for ever; then the copy's journal mode is set to DELETE.
fn copy_all(src: &Connection, dest: &Path, src_path: &Path) -> Result<()> {
    if !dest.exists() {
        crate::files::create_private(dest).map_err(|e| {
            StoreError::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!("{}: {e}", dest.display())),
            ))
        })?;
    }
    let mut out = Connection::open(dest)?;
    {
        let b = rusqlite::backup::Backup::new(src, &mut out)?;
        let started = std::time::Instant::now();
        loop {
            match b.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                _ if started.elapsed() > BUSY_TIMEOUT => {
                    return Err(StoreError::Busy {
                        path: src_path.to_path_buf(),
                    });
                }
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }
    let _: String = out.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))?;
    Ok(())
}

/// Checks that `path` is a whole Jejaring database of a schema version this build knows
/// (integrity, tables, version, references) without changing it; returns its record counts.
pub fn check_candidate(path: &Path) -> Result<Candidate, Refusal> {
    if !path.is_file() {
        return Err(Refusal::NotAFile(path.display().to_string()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Refusal::CannotOpen(e.to_string()))?;
    let sql = |e: rusqlite::Error| Refusal::Unreadable(e.to_string());
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .map_err(sql)?
        .query_map([], |r| r.get(0))
        .map_err(sql)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql)?;
    if integrity != ["ok"] {
        return Err(Refusal::Damaged(integrity));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sql)?;
    let mut missing = Vec::new();
    for t in TABLES {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if n == 0 {
            missing.push(t);
        }
    }
    if version < 1 || !missing.is_empty() {
        return Err(Refusal::NotJejaring { version, missing });
    }
    let known = migrations::LATEST;
    if version > known {
        return Err(Refusal::TooNew {
            found: version,
            known,
        });
    }
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(sql)?;
    if fk > 0 {
        return Err(Refusal::BrokenReferences(fk));
    }
    let mut counts = Vec::new();
    for t in COUNTED {
        // `t` comes from the constant list above, never from input.
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .map_err(sql)?;
        counts.push((t, n));
    }
    Ok(Candidate { counts })
}

/// Copies the database file `src` (opened read-only) to `dest` with the online backup, so a
/// candidate can be checked and restored from a private copy that cannot change in between.
pub fn stage_copy(src: &Path, dest: &Path) -> Result<()> {
    let conn =
        Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            StoreError::Open {
                path: src.to_path_buf(),
                source,
            }
        })?;
    copy_all(&conn, dest, src)
}

/// Replaces the database at `db` with the (checked) file `staged`, with SQLite's backup API
/// inside one write lock, so other readers never see a half-restored file. The result is not
/// migrated: open it with [`Store::open`] afterwards.
pub fn restore_file(db: &Path, staged: &Path) -> Result<()> {
    if !db.exists() {
        // 0600 before SQLite opens it: its -wal and -shm take the file's mode.
        let _ = crate::files::create_private(db);
    }
    let mut live = Connection::open(db).map_err(|source| StoreError::Open {
        path: db.to_path_buf(),
        source,
    })?;
    live.busy_timeout(BUSY_TIMEOUT)?;
    live.restore(
        rusqlite::MAIN_DB,
        staged,
        None::<fn(rusqlite::backup::Progress)>,
    )
    .map_err(|e| StoreError::from_sql(e, db))?;
    Ok(())
}
