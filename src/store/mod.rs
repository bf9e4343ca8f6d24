//! The SQLite store: open, migrations and typed queries. The only module with SQL.
//!
//! Callers get plain [`crate::model`] structs back. Every write runs in a transaction.
//! The store knows only SQL and the model: filling a new database with the bundled directory
//! is done a layer above, by `service::open_seeded`, which the store never calls.

mod any;
mod backup;
mod bulk;
mod geo;
mod index;
mod migrations;
mod records;
mod regions;
mod related;
mod stats;

pub use backup::{Candidate, Refusal, check_candidate, restore_file, stage_copy};
pub use bulk::Bulk;
pub use index::IndexRecord;
pub use records::{Children, DeleteReport, Record};
pub use regions::{CityLookupError, normalise_city_code, resolve_in};
pub use related::{Related, Relation};
pub use stats::{ProvinceStats, Stats};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "database {path} was written by a newer Jejaring (schema version {found}, this build knows up to {known}); \
         upgrade Jejaring or use another --db"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "database is busy: another Jejaring (or another program) holds a write lock on {path}; try again when it is done"
    )]
    Busy { path: PathBuf },
    #[error("cannot create directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no {kind} with id '{id}'")]
    NotFound {
        kind: crate::model::Kind,
        id: String,
    },
    #[error(transparent)]
    City(#[from] CityLookupError),
    #[error("bundled data: {0}")]
    Assets(String),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// True when a write broke a constraint (unique id, foreign key, check): the data's fault,
    /// not the database's, so callers can report it as a problem with the input.
    pub fn is_constraint(&self) -> bool {
        matches!(
            self,
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation
        )
    }

    /// Turns SQLite's busy/locked codes into [`StoreError::Busy`] naming the file.
    fn from_sql(e: rusqlite::Error, path: &Path) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e
            && matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
        {
            return StoreError::Busy {
                path: path.to_path_buf(),
            };
        }
        StoreError::Sql(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a writer waits for another instance's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated directory database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it; a new database has the
    /// schema only (`service::open_seeded` opens one filled with the bundled data).
    /// Refuses a database written by a newer version.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure(true)?;
        migrations::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// An in-memory database with the schema only (no regions, no directory).
    pub fn open_empty_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.configure(false)?;
        migrations::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    fn configure(&mut self, file: bool) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if file {
            // WAL lets a reader (the TUI) and a writer (an import in another shell) run together.
            let mode: String = self
                .conn
                .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
                .map_err(|e| StoreError::from_sql(e, &self.path))?;
            if !mode.eq_ignore_ascii_case("wal") {
                // A read-only or network file system may refuse WAL; the default journal is still safe.
                self.conn.pragma_update(None, "journal_mode", "delete")?;
            }
            self.conn.pragma_update(None, "synchronous", "normal")?;
        }
        Ok(())
    }

    /// The file this store was opened from (`:memory:` for in-memory stores).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs SQLite's integrity and foreign-key checks; returns the problems found (empty = whole).
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "foreign key: {} row {} refers to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }

    /// Runs `f` in one write transaction: everything or nothing is written.
    /// The transaction takes the write lock at once so a second instance waits or reports busy.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.write_or(f)
    }

    /// [`Store::write`] for a caller with its own error type: any `Err` from `f` rolls the
    /// transaction back and comes back as it was (an import's "problems found, nothing written").
    pub fn write_or<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sql(e, &path))?;
        let out = f(&Writer { conn: &tx })?;
        // A fresh random generation marks every committed change, so caches derived from the
        // data (the search index file) can tell they are stale, even after a restore.
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', ?1) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [uuid::Uuid::new_v4().to_string()],
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(|e| StoreError::from_sql(e, &path))?;
        Ok(out)
    }

    /// The data generation: changes with every committed write (see [`Store::write`]).
    pub fn generation(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default())
    }

    /// SQLite's page cache size (`PRAGMA cache_size`: negative = KiB, positive = pages).
    pub fn cache_size(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?)
    }

    /// Sets the page cache size for this connection (see [`Store::cache_size`]); a big import
    /// raises it so index pages do not spill to the WAL before the commit.
    pub fn set_cache_size(&self, value: i64) -> Result<()> {
        Ok(self.conn.pragma_update(None, "cache_size", value)?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// True when the database holds no regions yet: new, or created without the bundled data.
    /// Every other record refers to a city, so no regions means nothing else either.
    pub fn is_unseeded(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM province", [], |r| r.get(0))?;
        Ok(n == 0)
    }
}

/// Write access inside a transaction opened by [`Store::write`].
pub struct Writer<'a> {
    conn: &'a Connection,
}

/// The current time as stored in `created_at` / `updated_at`.
pub fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Today's date as stored in `last_verified`.
pub fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}
