//! Backup (`SQLite`'s online backup to a new file) and restore (check the file, then copy it into
//! the live database with the backup API, so readers never see a half-restored file).
//!
//! The checks read the candidate file directly with rusqlite: it must not be opened as a
//! [`Store`], which would migrate or seed it before it has been judged.

use crate::store::Store;
use anyhow::Context;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

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

/// Why a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The file is not a whole Jejaring database this build can use.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// A path beside `path` for a temporary file, unique to this process.
fn beside(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "jejaring".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Copies the database to `dest` (which must not exist) with the online backup, writing to a
/// temporary file first so a partial copy never carries the name; returns the size in bytes.
pub fn backup(store: &Store, dest: &Path) -> anyhow::Result<u64> {
    anyhow::ensure!(
        !dest.exists(),
        "{} exists already; choose a new file name",
        dest.display()
    );
    let tmp = beside(dest, "backup");
    let result = (|| {
        store
            .backup_to(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        check(&tmp).map_err(|e| anyhow::anyhow!("the copy failed its check: {e}"))?;
        std::fs::rename(&tmp, dest).with_context(|| format!("cannot create {}", dest.display()))?;
        Ok(std::fs::metadata(dest)?.len())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Checks that `path` is a whole Jejaring database of a schema version this build knows;
/// returns a short description (record counts).
pub fn check(path: &Path) -> Result<String, String> {
    if !path.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("cannot open it: {e}"))?;
    let sql = |e: rusqlite::Error| format!("it is not a readable SQLite database ({e})");
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .map_err(sql)?
        .query_map([], |r| r.get(0))
        .map_err(sql)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql)?;
    if integrity != ["ok"] {
        return Err(format!(
            "its integrity check failed: {}",
            integrity.join("; ")
        ));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sql)?;
    let known = Store::open_empty_in_memory()
        .and_then(|s| s.schema_version())
        .map_err(|e| e.to_string())?;
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
        return Err(format!(
            "it is not a Jejaring database (schema version {version}, missing tables: {})",
            missing.join(", ")
        ));
    }
    if version > known {
        return Err(format!(
            "it was written by a newer Jejaring (schema version {version}, this build knows up \
             to {known})"
        ));
    }
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(sql)?;
    if fk > 0 {
        return Err(format!("it has {fk} broken reference(s)"));
    }
    let mut counts = Vec::new();
    for t in ["community", "space", "organisation", "contact"] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .map_err(sql)?;
        counts.push(format!("{n} {t}"));
    }
    Ok(counts.join(", "))
}

/// Restores the backup at `file` into the database at `db`: the file is first copied to a
/// private temporary file (so it cannot change between check and copy), checked, then copied
/// into `db` with `SQLite`'s backup API inside one write lock, and finally migrated if older.
pub fn restore(db: &Path, file: &Path) -> Result<String, RestoreError> {
    if let (Ok(a), Ok(b)) = (db.canonicalize(), file.canonicalize())
        && a == b
    {
        return Err(RestoreError::Refused(
            "it is the database itself".to_string(),
        ));
    }
    check(file).map_err(RestoreError::Refused)?;
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let staged = beside(db, "restore");
    let result = (|| -> Result<String, RestoreError> {
        {
            let src = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .context("cannot open the backup")?;
            src.backup(
                rusqlite::MAIN_DB,
                &staged,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .context("cannot stage the backup")?;
        }
        let counts = check(&staged).map_err(RestoreError::Refused)?;
        let mut live =
            Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        live.busy_timeout(std::time::Duration::from_secs(5))
            .context("busy timeout")?;
        live.restore(
            rusqlite::MAIN_DB,
            &staged,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .with_context(|| format!("cannot restore into {}", db.display()))?;
        drop(live);
        // Brings an older backup up to this build's schema and checks the result.
        let store = Store::open(db).context("cannot open the restored database")?;
        let problems = store
            .check()
            .context("cannot check the restored database")?;
        if !problems.is_empty() {
            return Err(RestoreError::Other(anyhow::anyhow!(
                "the restored database failed its check: {}",
                problems.join("; ")
            )));
        }
        Ok(counts)
    })();
    let _ = std::fs::remove_file(&staged);
    // The file under the database changed (or may have, on failure): its index cache goes.
    // The generation stamp would catch it too, unless the backup is of this very state.
    let _ = crate::search::cache::remove(db);
    result
}
