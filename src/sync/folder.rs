//! The sync folder the app watches: `JEJARING_SYNC_DIR` when set, else the folder last used
//! by `jejaring sync export --to DIR` or `jejaring sync apply DIR` on this database (kept in
//! its `meta` table). Counting what waits there only reads (the app's watcher runs it on its
//! own connection every few seconds).

use super::SyncError;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// The environment variable that names the sync folder, over the remembered one.
pub const ENV: &str = "JEJARING_SYNC_DIR";
/// The `meta` key of the folder last used.
const META_KEY: &str = "sync_dir";

/// Remembers `dir` (made absolute) as this database's sync folder.
/// A folder that does not exist (a mistyped path) is not remembered.
pub fn remember(store: &mut Store, dir: &Path) -> Result<(), SyncError> {
    if !dir.is_dir() {
        return Ok(());
    }
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let text = abs.to_string_lossy();
    if store.meta_value(META_KEY)?.as_deref() != Some(text.as_ref()) {
        store.set_meta_value(META_KEY, &text)?;
    }
    Ok(())
}

/// The sync folder: `env` (the value of [`ENV`], when set and not empty), else the one
/// remembered in the database.
pub fn folder(store: &Store, env: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    if let Some(v) = env.filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(v));
    }
    store.meta_value(META_KEY).ok().flatten().map(PathBuf::from)
}

/// How many bundles of other replicas in `dir` are not applied here yet, reading only (the
/// same bundles as [`super::waiting`], without making a replica id). A missing folder has
/// none.
pub fn pending(store: &Store, dir: &Path) -> Result<usize, SyncError> {
    let own = store.meta_value("replica_id")?.unwrap_or_default();
    Ok(super::bundles_not_applied(store, dir, &own)?.len())
}

/// What applying the waiting bundles did, summed for one status line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Changes new to this replica.
    pub changes: usize,
    /// Bundles applied.
    pub bundles: usize,
    /// Why each refused bundle was refused (each changed nothing).
    pub refused: Vec<String>,
}

/// Applies every bundle waiting in `dir` (see [`super::apply_dir`]).
pub fn apply(store: &mut Store, dir: &Path) -> Result<Outcome, SyncError> {
    let report = super::apply_dir(store, dir)?;
    Ok(Outcome {
        changes: report.applied.iter().map(|(_, a)| a.new).sum(),
        bundles: report.applied.len(),
        refused: report.refused,
    })
}
