//! The SQLite store: open, migrations and typed queries. The only module with SQL.
//!
//! Callers get plain [`crate::model`] structs back. Every write runs in a transaction.
//! The store knows only SQL and the model: filling a new database with the bundled directory
//! is done a layer above, by `service::open_seeded`, which the store never calls.

mod any;
mod backup;
mod binding;
mod bulk;
mod changes;
mod delete;
mod geo;
mod identity;
mod index;
mod materialize;
mod merge;
mod migrations;
mod records;
mod regions;
mod related;
mod restore_log;
mod role_note;
mod snapshot;
mod stats;
mod sync;

pub use backup::{Candidate, Refusal, check_candidate, restore_file, stage_copy};
pub use bulk::Bulk;
pub use delete::DeleteReport;
pub use identity::Reidentified;
pub use index::{IndexRecord, IndexRecordBuf};
pub use records::{Children, Record};
pub use regions::{CityLookupError, normalise_city_code, resolve_in};
pub use related::{Related, Relation};
pub use restore_log::carry_replica;
pub use role_note::RoleNote;
pub use stats::{ProvinceStats, Stats};
pub use sync::{Applied, Change, Conflict};

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
    #[error(
        "database {path} is read-only (the file or its directory cannot be written): \
         searching and reading work, changes cannot be saved; copy it somewhere writable \
         or fix its permissions"
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "database {path} is read-only and from an older Jejaring (schema version {found}): this \
         build reads version {reads_from} or later without upgrading it, and cannot upgrade a \
         file it cannot write; copy it somewhere writable and open the copy"
    )]
    ReadOnlyTooOld {
        path: PathBuf,
        found: i64,
        reads_from: i64,
    },
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
        if let rusqlite::Error::SqliteFailure(f, _) = &e
            && f.code == rusqlite::ErrorCode::ReadOnly
        {
            return StoreError::ReadOnly {
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
    /// Opened read-only because the file or its directory cannot be written.
    read_only: bool,
    /// The generation this connection's last write committed (see [`Store::wrote_last`]).
    written: Option<String>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it; a new database has the
    /// schema only (`service::open_seeded` opens one filled with the bundled data).
    /// Refuses a database written by a newer version.
    ///
    /// A new database file is created 0600 (SQLite gives its -wal and -shm the same mode) in a
    /// directory created 0700. A file or directory that cannot be written opens read-only:
    /// reads work and [`Store::write`] says why not ([`StoreError::ReadOnly`]). Temporaries
    /// of dead processes beside the file are removed ([`crate::files::sweep`]).
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::files::create_dir_private(dir).map_err(|source| StoreError::CreateDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            match crate::files::create_private(path) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(StoreError::Open {
                        path: path.to_path_buf(),
                        source: rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                            Some(e.to_string()),
                        ),
                    });
                }
                _ => {}
            }
        }
        crate::files::sweep(path);
        let mut store = match Self::open_writable(path)? {
            Some(store) => store,
            None => Self::open_read_only(path)?,
        };
        if store.read_only {
            // Nothing can be written, the upgrade included: read it as it is, if this build can.
            migrations::check_readable(&store.conn, &store.path)?;
        } else {
            migrations::migrate(&mut store.conn, &store.path)?;
        }
        Ok(store)
    }

    /// Opens `path` for writing; `None` when the file or its directory is read-only (SQLite
    /// then opens the file read-only, or cannot create the -wal/-shm beside it).
    fn open_writable(path: &Path) -> Result<Option<Store>> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Ok(None);
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            written: None,
        };
        match store.configure(true) {
            Ok(()) => {}
            Err(StoreError::ReadOnly { .. }) => return Ok(None),
            Err(StoreError::Sql(rusqlite::Error::SqliteFailure(f, _)))
                if f.code == rusqlite::ErrorCode::CannotOpen =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
        // A read-only directory lets the file open, then refuses the -shm at the first read.
        match store
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            }) {
            Ok(_) => Ok(Some(store)),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(StoreError::from_sql(e, path)),
        }
    }

    /// Opens `path` read-only. Without a -wal beside it (nothing uncommitted) it is opened as
    /// immutable, which needs no -shm, so a read-only directory still reads.
    fn open_read_only(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let conn = if Path::new(&wal).exists() {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        } else {
            let mut uri = String::from("file:");
            for b in path.as_os_str().as_encoded_bytes() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' => {
                        uri.push(char::from(*b));
                    }
                    b => {
                        const HEX: &[u8; 16] = b"0123456789ABCDEF";
                        uri.push('%');
                        uri.push(char::from(HEX[usize::from(b >> 4)]));
                        uri.push(char::from(HEX[usize::from(b & 15)]));
                    }
                }
            }
            uri.push_str("?immutable=1");
            Connection::open_with_flags(
                uri,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        }
        .map_err(open_err)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
            written: None,
        };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(store)
    }

    /// True when the database was opened read-only (see [`Store::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// An in-memory database with the schema only (no regions, no directory).
    pub fn open_empty_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
            written: None,
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
        if self.read_only {
            return Err(StoreError::ReadOnly { path }.into());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sql(e, &path))?;
        let w = Writer {
            conn: &tx,
            recording: std::cell::Cell::new(true),
            clock: std::rc::Rc::default(),
        };
        let out = f(&w)?;
        materialize::resolve_arrived(&w)?;
        w.clock.flush(&tx)?;
        // A fresh random generation marks every committed change, so caches derived from the
        // data (the search index file) can tell they are stale, even after a restore.
        let generation = uuid::Uuid::new_v4().to_string();
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', ?1) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&generation],
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(|e| StoreError::from_sql(e, &path))?;
        self.written = Some(generation);
        Ok(out)
    }

    /// True when the data is still as this connection's last write left it: no other
    /// connection or program has written since.
    pub fn wrote_last(&self) -> Result<bool> {
        Ok(self.written.is_some() && self.written == Some(self.generation()?))
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

    /// The WAL size in pages after which a commit copies the log into the database file
    /// (`PRAGMA wal_autocheckpoint`; 0: never).
    pub fn autocheckpoint(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?)
    }

    /// Sets [`Store::autocheckpoint`] for this connection: a big import turns it off and
    /// copies the log on a second connection ([`Store::checkpoint_file`]) while it does
    /// other work.
    pub fn set_autocheckpoint(&self, pages: i64) -> Result<()> {
        Ok(self.conn.pragma_update(None, "wal_autocheckpoint", pages)?)
    }

    /// Copies the committed write-ahead log of the database at `path` into the database file,
    /// on a connection of its own, without waiting for readers (a passive checkpoint: what
    /// is not copied now is copied by a later commit or when the last connection closes).
    pub fn checkpoint_file(path: &Path) -> Result<()> {
        // Never creates the file: a database removed meanwhile is not made again, empty.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
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
    /// Whether changes go to the sync log (off while seeding the common base and applying
    /// bundles, see [`crate::sync`]).
    recording: std::cell::Cell<bool>,
    /// The replica's clock for this transaction (shared with [`Bulk`]).
    clock: std::rc::Rc<changes::Clock>,
}

impl Writer<'_> {
    /// Stops logging changes for the rest of this transaction: the bundled starter data is
    /// the common base every replica starts from, not a change to share.
    pub fn as_common_base(&self) {
        self.recording.set(false);
    }
}

/// The current time as stored in `created_at` / `updated_at`.
pub fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Today's date as stored in `last_verified`.
pub fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}
