//! A restore is a change to share: the backup replaces the records, but the replica stays.
//!
//! Before the backup is copied into the live database, its staged copy takes over the live
//! database's replica: the `meta` table (replica id, clock, exported position, sync folder,
//! file identity; not the data generation) and the whole change log with its merge state,
//! peers, applied bundles and conflicts. Then every difference between the live records and
//! the backup's is logged through the ordinary hooks as this replica's change: a record the
//! backup brings back is an insert, one it lacks a delete (a tombstone), one it holds
//! differently an edit of the fields that differ. Peers learn the restore at the next export,
//! and nothing of the log is lost. The staged copy is then copied into the live file in one
//! step (`restore_file`), so readers see the old state or the new one, never a mix.

use super::changes::{field_values, note, note_delete};
use super::records::{Record, table_of};
use super::{Result, Store, Writer};
use crate::model::{Community, Contact, Event, Organisation, Space};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The tables of the change log and its merge state (see migration 0003).
const SYNC_TABLES: [&str; 6] = [
    "change",
    "sync_field",
    "sync_record",
    "sync_bundle",
    "sync_peer",
    "sync_conflict",
];

/// Every live record of each shared kind, read before the restore.
struct Live {
    organisations: Vec<Organisation>,
    spaces: Vec<Space>,
    communities: Vec<Community>,
    contacts: Vec<Contact>,
    events: Vec<Event>,
}

/// Gives the staged backup at `staged` the replica of the live database at `live` and logs
/// the differences of their records as its changes (see the module doc). Returns how many
/// records differ. Both files are opened as stores (and so migrated): the live one is about
/// to be replaced, the staged one is the restore's private copy.
pub fn carry_replica(live: &Path, staged: &Path) -> Result<usize> {
    let before = {
        let store = Store::open(live)?;
        Live {
            organisations: store.all()?,
            spaces: store.all()?,
            communities: store.all()?,
            contacts: store.all()?,
            events: store.all()?,
        }
    };
    let mut store = Store::open(staged)?;
    store.conn().execute(
        "ATTACH DATABASE ?1 AS live",
        [live.to_string_lossy().as_ref()],
    )?;
    let result = store.write(|w| {
        for t in SYNC_TABLES {
            // `t` comes from the constant list above, never from input.
            w.conn.execute(&format!("DELETE FROM main.{t}"), [])?;
            w.conn
                .execute(&format!("INSERT INTO main.{t} SELECT * FROM live.{t}"), [])?;
        }
        w.conn
            .execute("DELETE FROM main.meta WHERE key <> 'generation'", [])?;
        w.conn.execute(
            "INSERT INTO main.meta SELECT * FROM live.meta WHERE key <> 'generation'",
            [],
        )?;
        // Referenced kinds first, as an import writes them; deletes after every upsert.
        let mut n = upserts(w, &before.organisations)?;
        n += upserts(w, &before.spaces)?;
        n += upserts(w, &before.communities)?;
        n += upserts(w, &before.contacts)?;
        n += upserts(w, &before.events)?;
        n += deletes(w, &before.events)?;
        n += deletes(w, &before.contacts)?;
        n += deletes(w, &before.communities)?;
        n += deletes(w, &before.spaces)?;
        n += deletes(w, &before.organisations)?;
        Ok(n)
    });
    let detached = store.conn().execute("DETACH DATABASE live", []);
    let n = result?;
    detached?;
    Ok(n)
}

/// The ids of every record of kind `R` in the (staged) database.
fn ids<R: Record>(w: &Writer<'_>) -> Result<Vec<String>> {
    let Some(table) = table_of(R::KIND) else {
        return Ok(Vec::new());
    };
    let mut stmt = w.conn.prepare(&format!("SELECT id FROM main.{table}"))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Logs each backup record that is new or different from the live one.
fn upserts<R: Record>(w: &Writer<'_>, live: &[R]) -> Result<usize> {
    let before: HashMap<&str, &R> = live.iter().map(|r| (r.meta().id.as_str(), r)).collect();
    let mut n = 0;
    for id in ids::<R>(w)? {
        let Some(after) = w.get::<R>(&id)? else {
            continue;
        };
        let old = before.get(id.as_str()).copied();
        if old.is_some_and(|old| field_values(old) == field_values(&after)) {
            continue;
        }
        if let Some(old) = old
            && w.recording.get()
        {
            // The row now holds the backup's values, not those the record was created with.
            super::snapshot::expand_from(w.conn, old, "live")?;
        }
        note(w.conn, &w.clock, w.recording.get(), old, &after)?;
        n += 1;
    }
    Ok(n)
}

/// Logs a tombstone for each live record the backup does not have.
fn deletes<R: Record>(w: &Writer<'_>, live: &[R]) -> Result<usize> {
    let now: HashSet<String> = ids::<R>(w)?.into_iter().collect();
    let mut n = 0;
    for r in live.iter().filter(|r| !now.contains(&r.meta().id)) {
        if w.recording.get() {
            super::snapshot::expand_from(w.conn, r, "live")?;
        }
        note_delete(w, R::KIND, &r.meta().id)?;
        n += 1;
    }
    Ok(n)
}
