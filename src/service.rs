//! Opening a directory ready to use: the store, filled with the bundled data when it is new.
//!
//! This is the layer above [`crate::store`] (which knows only SQL and the model) and
//! [`crate::assets`] (which reads the bundled files through the importer). The CLI, the TUI,
//! benches and tests open their databases here; only code that wants an empty schema (store
//! tests, fixtures) calls [`Store::open`] or [`Store::open_empty_in_memory`] directly.

use crate::store::{Result, Store};
use std::path::Path;

/// Opens (creating if needed) and migrates the database at `path` and, when it holds no
/// regions yet, fills it with the bundled regions and starter directory in one transaction.
/// Refuses a database written by a newer version ([`crate::store::StoreError::TooNew`]).
pub fn open_seeded(path: &Path) -> Result<Store> {
    let mut store = Store::open(path)?;
    seed_if_unseeded(&mut store)?;
    claim_replica(&mut store);
    Ok(store)
}

/// A copied database file becomes a new replica with its own sync key (see
/// [`crate::sync::claim`]); says so once on stderr. A failure here only means the key could
/// not be replaced yet: it is said, and the database still opens.
fn claim_replica(store: &mut Store) {
    let lang = crate::i18n::Lang::from_env();
    match crate::sync::claim(store) {
        Ok(None) => {}
        Ok(Some(r)) => {
            let msg = crate::i18n::ShareMsg::Reidentified {
                db: store.path(),
                old: &r.old,
                new: &r.new,
            };
            eprintln!("jejaring: {}", msg.text(lang));
        }
        Err(e) => eprintln!("jejaring: {}", crate::text::visible(&e.to_string())),
    }
}

/// An in-memory database with the bundled data, for tests and dry runs.
pub fn open_seeded_in_memory() -> Result<Store> {
    let mut store = Store::open_empty_in_memory()?;
    crate::assets::seed(&mut store)?;
    Ok(store)
}

/// Fills `store` with the bundled data if it has none yet; a no-op on a filled database.
pub fn seed_if_unseeded(store: &mut Store) -> Result<()> {
    if store.is_unseeded()? {
        crate::assets::seed(store)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_opens_empty_and_the_service_seeds_once() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.db");
        let bare = Store::open(&path).expect("open");
        assert!(
            bare.is_unseeded().expect("count"),
            "the store alone never seeds"
        );
        drop(bare);
        let seeded = open_seeded(&path).expect("seed");
        assert!(!seeded.is_unseeded().expect("count"));
        let stats = seeded.stats("2000-01-01").expect("stats");
        drop(seeded);
        let again = open_seeded(&path).expect("reopen");
        assert_eq!(
            again.stats("2000-01-01").expect("stats"),
            stats,
            "a filled database is not seeded twice"
        );
    }
}
