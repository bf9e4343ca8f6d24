//! Writing records as the change log says they are, after a peer's changes were merged: the
//! winning values laid over the local row, deletes by causal length, and references settled
//! so that every replica shows the same links whatever order bundles arrive in.

use super::changes::{self, causal_length};
use super::records::Record;
use super::snapshot;
use super::{Result, Writer};
use crate::model::{Community, Contact, Event, Kind, Organisation, Space};
use rusqlite::{Connection, params};

/// Writes record `id` as the log says it is: deleted when its causal length is even, else
/// the local row (or a new one) with every winning field value laid over it.
pub(super) fn materialize(w: &Writer<'_>, kind: Kind, id: &str) -> Result<bool> {
    match kind {
        Kind::Community => materialize_as::<Community>(w, id),
        Kind::Space => materialize_as::<Space>(w, id),
        Kind::Organisation => materialize_as::<Organisation>(w, id),
        Kind::Contact => materialize_as::<Contact>(w, id),
        Kind::Event => materialize_as::<Event>(w, id),
        Kind::Province | Kind::City => Ok(false),
    }
}

fn materialize_as<R: Record>(w: &Writer<'_>, id: &str) -> Result<bool> {
    let existing = w.get::<R>(id)?;
    if causal_length(w.conn, R::KIND, id)? % 2 == 0 {
        if existing.is_some() {
            note_cascade_pending(w, R::KIND, id)?;
            w.delete(R::KIND, id)?;
            return Ok(true);
        }
        return Ok(false);
    }
    let mut rec = existing.clone().unwrap_or_default();
    rec.meta_mut().id = id.to_string();
    let mut stmt = w
        .conn
        .prepare_cached("SELECT field, value FROM sync_field WHERE record_id = ?1")?;
    let fields: Vec<(String, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (field, value) in &fields {
        if let Ok(v) = serde_json::from_str(value) {
            changes::set_field(&mut rec, field, &v);
        }
    }
    settle_references(w.conn, &mut rec)?;
    match existing {
        Some(old) if changes::field_values(&old) == changes::field_values(&rec) => Ok(false),
        Some(_) => w.update(&mut rec).map(|()| true),
        // A record whose creation has not arrived yet (only later edits did) waits for it.
        None if rec.name().is_empty() => Ok(false),
        None => w.insert(&mut rec).map(|()| true),
    }
}

/// Settles the references of a record about to be written from the log. A record is written
/// as its winning values with every reference to a record that is not here left out: one
/// deleted (as deleting it cleared it, `ON DELETE SET NULL`, roles removed), or not arrived
/// yet (its bundle has not been applied: bundles arrive in any order). Each is noted in
/// `sync_pending`, so the record is written again if that one arrives or comes back to life
/// ([`resolve_arrived`]); every replica then shows the same links whatever the order.
fn settle_references<R: Record>(conn: &Connection, rec: &mut R) -> Result<()> {
    use crate::model::schema::{Slot, Ty};
    let id = rec.meta().id.clone();
    // Whether a reference to `target` can stay.
    let keep = |target: &str| -> Result<bool> {
        if super::records::kind_of_id(conn, target)?.is_some() {
            return Ok(true);
        }
        conn.prepare_cached(
            "INSERT OR IGNORE INTO sync_pending (target_id, record_id, kind) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![target, id, R::KIND.as_str()])?;
        Ok(false)
    };
    for f in R::schema().fields {
        match (&f.slot, f.ty) {
            (Slot::Text(get, set), Ty::Ref(_)) => {
                if let Some(target) = get(rec).clone()
                    && !keep(&target)?
                {
                    *set(rec) = None;
                }
            }
            (Slot::Roles(get, set), _) => {
                let mut kept = Vec::with_capacity(get(rec).len());
                for role in get(rec) {
                    if keep(&role.target_id)? {
                        kept.push(role.clone());
                    }
                }
                *set(rec) = kept;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes again the records whose references waited for a record that is here now (see
/// [`settle_references`]), whatever wrote it: a bundle, an import, an undo. Runs at the end of
/// every write transaction while anything waits; the rewrite is not a change of this replica.
pub(crate) fn resolve_arrived(w: &Writer<'_>) -> Result<()> {
    let waiting = w
        .conn
        .prepare_cached("SELECT 1 FROM sync_pending LIMIT 1")?
        .exists([])?;
    if !waiting {
        return Ok(());
    }
    let arrived: Vec<(String, String, String)> = w
        .conn
        .prepare_cached(
            "SELECT target_id, record_id, kind FROM sync_pending p WHERE \
             EXISTS (SELECT 1 FROM organisation WHERE id = p.target_id) OR \
             EXISTS (SELECT 1 FROM space WHERE id = p.target_id) OR \
             EXISTS (SELECT 1 FROM community WHERE id = p.target_id) OR \
             EXISTS (SELECT 1 FROM contact WHERE id = p.target_id)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let recording = w.recording.replace(false);
    let mut done: Vec<&str> = Vec::new();
    for (target, id, kind) in &arrived {
        w.conn
            .prepare_cached("DELETE FROM sync_pending WHERE target_id = ?1 AND record_id = ?2")?
            .execute([target, id])?;
        if done.contains(&id.as_str()) {
            continue;
        }
        done.push(id);
        if let Ok(kind) = kind.parse::<Kind>() {
            materialize(w, kind, id)?;
        }
    }
    w.recording.set(recording);
    Ok(())
}

/// Before a record is deleted by a peer's tombstone: the records whose links the delete's
/// cascade clears wait for it, in case it comes back to life (see [`settle_references`]).
fn note_cascade_pending(w: &Writer<'_>, kind: Kind, id: &str) -> Result<()> {
    let report = super::delete::delete_report(w.conn, kind, id)?;
    for r in report.roles.iter().chain(&report.unlinked) {
        // Their winners must hold the link the cascade is about to clear from their rows.
        snapshot::expand(w.conn, r.kind, &r.id)?;
        w.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_pending (target_id, record_id, kind) \
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, r.id, r.kind.as_str()])?;
    }
    Ok(())
}
