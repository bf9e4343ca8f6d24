//! Sharing the directory between coordinators: offline change bundles, signed, carried by a
//! folder-sync engine (Syncthing) or a USB stick. No server of ours.
//!
//! ## Design
//! - **Replicas.** Every database is a replica with a UUID (`meta.replica_id`) and its own
//!   ed25519 key pair beside the file ([`keys`]). Two databases on one machine are two replicas.
//! - **Changes recorded in the store's write path.** `Writer::insert/update/delete`,
//!   `stamp_verified` and the bulk insert of imports call one hook (`store/changes.rs`) that
//!   logs, per changed field, `(record stable id, kind, field, JSON value, HLC stamp, replica,
//!   causal length, prev stamp)` in the `change` table. Field values are read through the
//!   schema's slots, so a new field is shared with no code here; a contact's roles travel as
//!   one field. Seeding (`assets::seed`) marks its transaction as the *common base*
//!   (`Writer::as_common_base`), so the bundled starter data, identical everywhere, is never
//!   logged. Never the local `rid`: it differs between replicas.
//! - **Creations logged compactly** (`store/snapshot.rs`). A record created here is one
//!   *snapshot* row (all its fields in one JSON object), and the records one bulk import
//!   creates are one *range* row per kind (their local rids and one stamp), not a row per field
//!   with a winner each: logging then costs an import of 194k rows 5–10 % instead of ~10×. A
//!   snapshot or range record is *expanded* into per-field winners before anything changes it
//!   (the writer expands before it writes the row; applying a peer's change expands first),
//!   and bundles carry both as the per-field changes they stand for, so the merge below and
//!   the bundle format are those of a plain per-field log. cr-sqlite pays a clock row per
//!   column at insert time; we pay it lazily, only for records that are ever touched again.
//! - **Merge, from cr-sqlite's CRRs.** cr-sqlite (vlcn-io) turns a table into a
//!   conflict-free replicated relation: a clock row per (primary key, column) holding the
//!   column's version and the writing site, last writer wins per column with the site id
//!   breaking ties, and row existence as a *causal length* (odd = alive, even = deleted; the
//!   larger wins, so a delete beats concurrent edits and a re-insert beats an older delete).
//!   We took those three ideas (per-field winners in `sync_field`, `(hlc, replica)` ordering,
//!   causal length in `sync_record`) because they make the merge commutative, associative and
//!   idempotent: bundles apply in any order, any number of times, and every replica ends with
//!   the same directory. We did not take its SQLite extension (a C library loaded at run time
//!   would break "`cargo run --release` is the only set-up step") nor its per-column version
//!   counters: a hybrid logical clock (wall ms + counter, text that sorts) orders edits the
//!   way people expect ("the later edit wins") while still respecting causality, since
//!   applying a bundle moves the local clock past every stamp it saw.
//! - **Conflicts.** Each change carries the stamp of the value it replaced (`prev`). When the
//!   losing value of a merge differs from the winner and no logged change replaced it
//!   knowingly, the pair is a conflict (`sync_conflict`): settled by the rule above, listed by
//!   `sync status`, and *flipped* by logging the loser's value again as a new local change,
//!   which then wins everywhere once shared.
//! - **Bundles** ([`bundle`]): one file per export, `DIR/<replica>/<bundle>.jjb`, one writer
//!   per folder; gzip JSON lines, signed; the peer's key must have been trusted
//!   (`sync trust`). Private fields of private contacts are never exported (flagged when
//!   logged). Network fields travel: the shared folder is meant for trusted peers only.
//!
//! - **Files.** The replica id is tied to the database file's identity (`Store::claim_file`):
//!   a copied file becomes a new replica with a new key ([`claim`]). A restore keeps the
//!   current replica and logs what it changed (`store::carry_replica`). The app watches the
//!   sync folder [`folder`] names.
//!
//! - **Order-free references.** A change may name a record whose creation is in a bundle not
//!   applied yet, or one deleted here. The record is written without that link and noted in
//!   `sync_pending`; when the named record arrives or comes back to life, every write
//!   transaction's end writes the waiting records again (`store::sync::resolve_arrived`). A
//!   local delete logs the links its cascade clears as edits of those records, so peers clear
//!   them too.
//!
//! Limits, said plainly: an event's cities and a city's ICCN/KaTa fields change only with the
//! bundled data (the common base: nothing edits them), so they are not logged.

pub mod bundle;
pub mod folder;
pub mod keys;

use crate::store::{Store, StoreError};
use keys::Keys;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Errors from sharing.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: not a Jejaring key file (expected the .pub file `jejaring sync key` names)")]
    BadKey(PathBuf),
    #[error("{0}: refused: {1}; nothing applied")]
    BadBundle(PathBuf, String),
    #[error(
        "{0}: refused: the signature does not match (the file was changed or damaged); nothing applied"
    )]
    BadSignature(PathBuf),
    #[error(
        "{path}: refused: replica {replica} is not trusted (ask its coordinator for the file \
         `jejaring sync key` names, then `jejaring sync trust FILE`); nothing applied"
    )]
    Untrusted { path: PathBuf, replica: String },
    #[error("the sync key needs a database file, not an in-memory one")]
    NoFile,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The replica's keys (made on first use).
pub fn keys(store: &mut Store) -> Result<Keys, SyncError> {
    if store.path() == Path::new(":memory:") {
        return Err(SyncError::NoFile);
    }
    let replica = store.replica_id()?;
    let path = store.path().to_path_buf();
    Keys::load_or_create(&path, &replica)
}

/// Writes one bundle of everything this replica has not exported yet into `dir/<replica>/`.
/// Returns its path and number of changes; `None` when there was nothing to export.
pub fn export(store: &mut Store, dir: &Path) -> Result<Option<(PathBuf, usize)>, SyncError> {
    let keys = keys(store)?;
    let replica = store.replica_id()?;
    let after: i64 = store
        .meta_value("sync_exported_seq")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (changes, last) = store.local_changes_after(after)?;
    if changes.is_empty() {
        store.set_meta_value("sync_exported_seq", &last.to_string())?;
        return Ok(None);
    }
    let bundle = uuid::Uuid::now_v7().to_string();
    let bytes = bundle::encode(&keys, &replica, &bundle, &changes);
    let folder = dir.join(&replica);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SyncError::Io { path, source }
    };
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let path = folder.join(format!("{bundle}.{}", bundle::EXT));
    // Written beside under a dot name and renamed, so a sync engine never sends half a file.
    let temp = folder.join(format!(".{bundle}.tmp"));
    // Private (0600) like every file holding contacts: network fields travel in bundles.
    let mut f = crate::files::create_private(&temp).map_err(io(&temp))?;
    std::io::Write::write_all(&mut f, &bytes).map_err(io(&temp))?;
    f.sync_all().map_err(io(&temp))?;
    std::fs::rename(&temp, &path).map_err(io(&path))?;
    store.apply_changes(&bundle, &replica, &[])?;
    store.set_meta_value("sync_exported_seq", &last.to_string())?;
    Ok(Some((path, changes.len())))
}

/// The bundles in `dir` written by other replicas and not applied here yet, oldest first.
pub fn waiting(store: &mut Store, dir: &Path) -> Result<Vec<PathBuf>, SyncError> {
    let own = store.replica_id()?;
    bundles_not_applied(store, dir, &own)
}

/// The bundles in `dir` of replicas other than `own` not applied here yet, oldest first;
/// reads only. A missing folder has none.
pub(crate) fn bundles_not_applied(
    store: &Store,
    dir: &Path,
    own: &str,
) -> Result<Vec<PathBuf>, SyncError> {
    let mut out = Vec::new();
    let Ok(folders) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let suffix = format!(".{}", bundle::EXT);
    for folder in folders.flatten() {
        if folder.file_name().to_string_lossy() == own || !folder.path().is_dir() {
            continue;
        }
        let Ok(files) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(&suffix)
                && !name.starts_with('.')
                && !store.bundle_applied(id)?
            {
                out.push(f.path());
            }
        }
    }
    // Bundle ids are UUIDv7: their names sort by when they were written.
    out.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(out)
}

/// What `sync apply` did.
#[derive(Debug, Default, Serialize)]
pub struct ApplyReport {
    /// Bundles applied, with the changes new to this replica and the records written.
    pub applied: Vec<(PathBuf, crate::store::Applied)>,
    /// Bundles refused, with why (each changed nothing).
    pub refused: Vec<String>,
}

/// Applies one bundle file; refuses (changing nothing) one untrusted, damaged or tampered.
pub fn apply_file(store: &mut Store, path: &Path) -> Result<crate::store::Applied, SyncError> {
    let bytes = std::fs::read(path).map_err(|source| SyncError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let h = bundle::header(path, &bytes)?;
    let key = store
        .peer_key(h.replica)?
        .ok_or_else(|| SyncError::Untrusted {
            path: path.to_path_buf(),
            replica: h.replica.to_string(),
        })?;
    let changes = bundle::open(path, &h, &key)?;
    Ok(store.apply_changes(h.bundle, h.replica, &changes)?)
}

/// Applies every waiting bundle in `dir` (see [`waiting`]); a refused bundle is reported and
/// the others still apply.
pub fn apply_dir(store: &mut Store, dir: &Path) -> Result<ApplyReport, SyncError> {
    let mut report = ApplyReport::default();
    for path in waiting(store, dir)? {
        match apply_file(store, &path) {
            Ok(a) => report.applied.push((path, a)),
            Err(SyncError::Store(e)) => return Err(SyncError::Store(e)),
            Err(e) => report.refused.push(e.to_string()),
        }
    }
    Ok(report)
}

/// Trusts the peer whose public key file is `path`; returns its replica id.
pub fn trust(store: &mut Store, path: &Path) -> Result<String, SyncError> {
    let peer = keys::read_public(path)?;
    store.trust_peer(&peer.replica, &peer.key)?;
    Ok(peer.replica)
}

/// Ties the replica to its database file (see `Store::claim_file`): a copied database
/// becomes a new replica with a new key pair. Returns the old and new replica ids then.
pub fn claim(store: &mut Store) -> Result<Option<crate::store::Reidentified>, SyncError> {
    let Some(changed) = store.claim_file()? else {
        return Ok(None);
    };
    keys::discard(store.path())?;
    Ok(Some(changed))
}

#[cfg(test)]
mod tests;
