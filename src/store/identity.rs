//! Which file a replica lives in. A database copied with `cp a.db b.db` carries `a`'s replica
//! id, and two replicas with one id break the merge (each would take the other's changes for
//! its own). So the replica id is kept together with the file's identity (device and inode on
//! Unix, the full path elsewhere): opened for writing at another identity, the database is a
//! copy and becomes a new replica. `mv` and `jejaring restore` keep the inode, so they keep
//! the replica; a copy, or a move to another disk, makes a new one (never wrong, only one
//! more replica for peers to trust).

use super::{Result, Store, changes};

/// The `meta` key of the file identity the replica id belongs to.
const FILE_KEY: &str = "replica_file";

/// A database found at a new file identity: the replica id it had and the one it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reidentified {
    pub old: String,
    pub new: String,
}

/// The identity of the file at `path`: `dev:inode` on Unix, the canonical path elsewhere.
fn file_identity(path: &std::path::Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(format!("{}:{}", m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        Some(path.canonicalize().ok()?.display().to_string())
    }
}

impl Store {
    /// Ties the replica id to this file. A database opened at a file identity other than
    /// the one its replica id was made at (a copy) gets a new replica id, returned with the
    /// old one; the caller replaces the sync key too. In-memory and read-only stores, and a
    /// database that has no replica id yet, only remember where they are.
    pub fn claim_file(&mut self) -> Result<Option<Reidentified>> {
        if self.is_read_only() || self.path() == std::path::Path::new(":memory:") {
            return Ok(None);
        }
        let Some(here) = file_identity(self.path()) else {
            return Ok(None);
        };
        let stored = changes::meta(self.conn(), FILE_KEY)?;
        if stored.as_deref() == Some(here.as_str()) {
            return Ok(None);
        }
        let old = changes::meta(self.conn(), "replica_id")?;
        self.write(|w| {
            // Only the meta table changes: nothing here is a change to share.
            w.as_common_base();
            changes::set_meta(w.conn, FILE_KEY, &here)?;
            match (stored, old) {
                (Some(_), Some(old)) => {
                    let new = uuid::Uuid::new_v4().to_string();
                    changes::set_meta(w.conn, "replica_id", &new)?;
                    Ok(Some(Reidentified { old, new }))
                }
                _ => Ok(None),
            }
        })
    }
}
