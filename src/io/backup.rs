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

use crate::files::{remove_with_sidecars, sweep, temp_beside as beside};

/// SQLite's sidecar files of `path` that exist now, so a restore removes only those it made.
fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .filter(|p| !p.exists())
        .collect()
}

/// Copies the database to `dest` (which must not exist unless `force`) with the online
/// backup, writing to a temporary file (0600) first so a partial copy never carries the name;
/// returns the size in bytes. No temporary or -wal/-shm is left beside it.
pub fn backup(store: &Store, dest: &Path, force: bool) -> anyhow::Result<u64> {
    anyhow::ensure!(
        force || !dest.exists(),
        "{} exists already; choose a new file name or pass --force to replace it",
        dest.display()
    );
    sweep(dest);
    let tmp = beside(dest, "backup");
    remove_with_sidecars(&tmp);
    let result = (|| {
        store
            .backup_to(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        check(&tmp).map_err(|e| anyhow::anyhow!("the copy failed its check: {e}"))?;
        std::fs::rename(&tmp, dest).with_context(|| format!("cannot create {}", dest.display()))?;
        Ok(std::fs::metadata(dest)?.len())
    })();
    // Best effort: the error above, if any, is what the user needs to see.
    remove_with_sidecars(&tmp);
    result
}

/// Checks that `path` is a whole Jejaring database of a schema version this build knows;
/// returns a short description (record counts).
pub fn check(path: &Path) -> Result<String, Refusal> {
    store::check_candidate(path).map(|c| c.to_string())
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup's record counts (`12 community, 3 space, …`).
    pub counts: String,
    /// How many records the restore changed, logged as this replica's changes (see
    /// [`store::carry_replica`]); or why they could not be (the current database was missing
    /// or unreadable, so the backup's own replica and log were kept).
    pub recorded: Result<usize, String>,
}

/// Restores the backup at `file` into the database at `db`: the file is first copied to a
/// private temporary file (so it cannot change between check and copy), checked, given the
/// current database's replica and log with the differences logged as changes, then copied
/// into `db` with `SQLite`'s backup API inside one write lock, and finally migrated if older.
pub fn restore(db: &Path, file: &Path) -> Result<Restored, RestoreError> {
    if let (Ok(a), Ok(b)) = (db.canonicalize(), file.canonicalize())
        && a == b
    {
        return Err(Refusal::Itself.into());
    }
    // Reading a WAL-mode backup read-only may leave a -wal/-shm beside it: remove those after.
    let made_beside_file = sidecars(file);
    let checked = check(file);
    let tidy = || {
        for p in &made_beside_file {
            let _ = std::fs::remove_file(p);
        }
    };
    if let Err(e) = checked {
        tidy();
        return Err(e.into());
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::create_dir_private(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let staged = beside(db, "restore");
    remove_with_sidecars(&staged);
    let result = (|| -> Result<Restored, RestoreError> {
        store::stage_copy(file, &staged).context("cannot stage the backup")?;
        tidy();
        let counts = check(&staged)?;
        // Only a whole current database has a replica worth keeping.
        let recorded = match check(db) {
            Ok(_) => store::carry_replica(db, &staged).map_err(|e| e.to_string()),
            // Nothing was there: the backup's replica moves here as it is.
            Err(_) if !db.exists() => Ok(0),
            Err(why) => Err(why.to_string()),
        };
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
        Ok(Restored { counts, recorded })
    })();
    // Best effort: a leftover staged file is named as ours and swept by the next run.
    remove_with_sidecars(&staged);
    tidy();
    // The file under the database changed (or may have, on failure): its index cache goes.
    // The generation stamp would catch it too, unless the backup is of this very state.
    let _ = crate::search::cache::remove(db);
    result
}
