//! Which file a replica lives in. A database copied with `cp a.db b.db` carries `a`'s replica
//! id, and two replicas with one id break the merge (each would take the other's changes for
//! its own). So the replica id is kept together with the file's identity: its device and
//! inode (on Unix) and its full path. Opened for writing where both differ, the database is a
//! copy and becomes a new replica. `mv` and `jejaring restore` keep the inode, and a file
//! system that renumbers inodes keeps the path, so those keep the replica; a copy elsewhere
//! makes a new one (never wrong, only one more replica for peers to trust).

use super::{Result, Store, changes};

/// The `meta` keys of the file identity the replica id belongs to: `dev:inode`, and the path.
const FILE_KEY: &str = "replica_file";
const PATH_KEY: &str = "replica_path";

/// A database found at a new file identity: the replica id it had and the one it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reidentified {
    pub old: String,
    pub new: String,
}

/// The identity of the file at `path`: `dev:inode` on Unix (the path again elsewhere), and
/// the canonical path.
fn file_identity(path: &std::path::Path) -> Option<(String, String)> {
    let full = path.canonicalize().ok()?.to_string_lossy().into_owned();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some((format!("{}:{}", m.dev(), m.ino()), full))
    }
    #[cfg(not(unix))]
    {
        Some((full.clone(), full))
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
        let Some((file, path)) = file_identity(self.path()) else {
            return Ok(None);
        };
        let stored_file = changes::meta(self.conn(), FILE_KEY)?;
        let stored_path = changes::meta(self.conn(), PATH_KEY)?;
        let same_file = stored_file.as_deref() == Some(file.as_str());
        let same_path = stored_path.as_deref() == Some(path.as_str());
        if same_file && same_path {
            return Ok(None);
        }
        // A copy: another file at another place (a database from before identities were
        // kept has neither, and is not one).
        let copied = stored_file.is_some() && !same_file && !same_path;
        let old = changes::meta(self.conn(), "replica_id")?;
        self.write(|w| {
            // Only the meta table changes: nothing here is a change to share.
            w.as_common_base();
            changes::set_meta(w.conn, FILE_KEY, &file)?;
            changes::set_meta(w.conn, PATH_KEY, &path)?;
            match old {
                Some(old) if copied => {
                    let new = uuid::Uuid::new_v4().to_string();
                    changes::set_meta(w.conn, "replica_id", &new)?;
                    Ok(Some(Reidentified { old, new }))
                }
                _ => Ok(None),
            }
        })
    }
}
