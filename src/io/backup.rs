//! Backup (the store's online backup to a new file) and restore (check the file, then copy it
//! into the live database with the backup API, so readers never see a half-restored file).
//!
//! This module owns the file handling (temporary names, the final rename, the index cache);
//! every SQL step is a [`crate::store`] function.

use crate::store::{self, Refusal, Store};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Why a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The file is not a whole Jejaring database this build can use.
    #[error(transparent)]
    Refused(#[from] Refusal),
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
        // Best effort: the error above is what the user needs to see.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Checks that `path` is a whole Jejaring database of a schema version this build knows;
/// returns a short description (record counts).
pub fn check(path: &Path) -> Result<String, Refusal> {
    store::check_candidate(path).map(|c| c.to_string())
}

/// Restores the backup at `file` into the database at `db`: the file is first copied to a
/// private temporary file (so it cannot change between check and copy), checked, then copied
/// into `db` with `SQLite`'s backup API inside one write lock, and finally migrated if older.
pub fn restore(db: &Path, file: &Path) -> Result<String, RestoreError> {
    if let (Ok(a), Ok(b)) = (db.canonicalize(), file.canonicalize())
        && a == b
    {
        return Err(Refusal::Itself.into());
    }
    check(file)?;
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let staged = beside(db, "restore");
    let result = (|| -> Result<String, RestoreError> {
        store::stage_copy(file, &staged).context("cannot stage the backup")?;
        let counts = check(&staged)?;
        store::restore_file(db, &staged)
            .with_context(|| format!("cannot restore into {}", db.display()))?;
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
    // Best effort: a leftover staged file is harmless and named as ours.
    let _ = std::fs::remove_file(&staged);
    // The file under the database changed (or may have, on failure): its index cache goes.
    // The generation stamp would catch it too, unless the backup is of this very state.
    let _ = crate::search::cache::remove(db);
    result
}
