//! The change log's write side: every local insert, edit and delete of a directory record is
//! logged with a hybrid logical clock stamp by [`note`] and [`note_delete`] — the one hook
//! [`Writer`] and [`super::Bulk`] call. Field values are read through the schema, so a new
//! field is logged with no code here. See [`crate::sync`] for the design.
//!
//! A record created here is logged as one *snapshot* row (all its set fields in one JSON
//! object, private ones in a second row), not a row per field with a winner each: an import of
//! 200k records then writes 200k log rows instead of ~2M, and no winners at all. A snapshot is
//! *expanded* into per-field winners ([`expand`]) the first time anything else touches the
//! record — a local edit or delete, or a peer's change — and into per-field changes when a
//! bundle is written, so peers see exactly what a per-field log would have said.

use super::records::Record;
use super::snapshot::{SNAPSHOT, SNAPSHOT_PRIVATE, snapshot_json};
use super::{Result, Writer};
use crate::model::schema::Slot;
use crate::model::{Kind, Role, Visibility};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// The field name of a record's existence in the log (its causal length).
pub const EXISTS: &str = "";

/// A record's synced fields and their values (`id`, timestamps and `synthetic` are local).
/// Each entry: field name, JSON value, and whether it is private for this record.
pub fn field_values<R: Record>(rec: &R) -> Vec<(&'static str, Value, bool)> {
    let schema = R::schema();
    let private_rec = schema
        .visibility
        .is_some_and(|v| v(rec) == Visibility::Private);
    let mut out = Vec::with_capacity(schema.fields.len());
    let mut roles_done = false;
    for f in schema.fields {
        let v = match &f.slot {
            Slot::Id => continue,
            Slot::Name => Value::from(rec.name()),
            Slot::Text(get, _) => get(rec).as_deref().map_or(Value::Null, Value::from),
            Slot::Int(get, _) => get(rec).map_or(Value::Null, Value::from),
            Slot::Float(get, _) => get(rec).map_or(Value::Null, Value::from),
            Slot::List(get, _) => Value::from(get(rec).clone()),
            Slot::Visibility(get, _) => Value::from(get(rec).as_str()),
            Slot::Roles(get, _) => {
                if roles_done {
                    continue;
                }
                roles_done = true;
                out.push(("roles", roles_json(get(rec)), false));
                continue;
            }
        };
        out.push((f.col.name(), v, f.private && private_rec));
    }
    out
}

pub(super) fn roles_json(roles: &[Role]) -> Value {
    Value::from(
        roles
            .iter()
            .map(|r| serde_json::json!([r.role, r.target_id, r.start, r.end]))
            .collect::<Vec<_>>(),
    )
}

/// Sets field `name` of `rec` from its logged JSON value; an unknown field or a value of the
/// wrong shape is ignored (a newer replica's field this build does not know).
pub fn set_field<R: Record>(rec: &mut R, name: &str, v: &Value) {
    let text = |v: &Value| v.as_str().map(str::to_string);
    for f in R::schema().fields {
        let matches = match &f.slot {
            Slot::Roles(..) => name == "roles",
            _ => f.col.name() == name,
        };
        if !matches {
            continue;
        }
        match &f.slot {
            Slot::Id => {}
            Slot::Name => *rec.name_mut() = text(v).unwrap_or_default(),
            Slot::Text(_, set) => *set(rec) = text(v),
            Slot::Int(_, set) => *set(rec) = v.as_i64().and_then(|n| i32::try_from(n).ok()),
            Slot::Float(_, set) => *set(rec) = v.as_f64(),
            Slot::List(_, set) => {
                *set(rec) = v
                    .as_array()
                    .map(|a| a.iter().filter_map(text).collect())
                    .unwrap_or_default();
            }
            Slot::Visibility(_, set) => {
                *set(rec) = v.as_str().and_then(|s| s.parse().ok()).unwrap_or_default();
            }
            Slot::Roles(_, set) => {
                *set(rec) = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|r| {
                                Some(Role {
                                    role: r.get(0)?.as_str()?.to_string(),
                                    target_id: r.get(1)?.as_str()?.to_string(),
                                    start: r.get(2).and_then(text),
                                    end: r.get(3).and_then(text),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
            }
        }
        return;
    }
}

/// This database's replica id, made (a UUID) the first time it is asked for.
pub fn replica_id(conn: &Connection) -> Result<String> {
    if let Some(id) = meta(conn, "replica_id")? {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    set_meta(conn, "replica_id", &id)?;
    Ok(id)
}

pub(super) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// A hybrid logical clock stamp as text that sorts: 13-digit wall milliseconds, a dash, and a
/// 6-digit counter for stamps within one millisecond (or after a peer's clock ran ahead).
pub fn format_hlc(ms: u64, counter: u32) -> String {
    format!("{ms:013}-{counter:06}")
}

fn parse_hlc(s: &str) -> (u64, u32) {
    let (a, b) = s.split_once('-').unwrap_or((s, "0"));
    (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
}

/// The largest counter of a stamp ([`format_hlc`] writes six digits).
const HLC_COUNTER_MAX: u32 = 999_999;

/// This replica's id and hybrid logical clock for one write transaction, read from `meta` on
/// first use and written back once by [`Clock::flush`] before the commit: a bulk import then
/// stamps each record in memory instead of reading and writing `meta` twice per record.
#[derive(Default)]
pub struct Clock(RefCell<ClockState>);

#[derive(Default)]
struct ClockState {
    /// Empty until first read from `meta`.
    replica: Rc<str>,
    ms: u64,
    counter: u32,
    dirty: bool,
}

impl Clock {
    fn state<'a>(&'a self, conn: &Connection) -> Result<std::cell::RefMut<'a, ClockState>> {
        let mut st = self.0.borrow_mut();
        if st.replica.is_empty() {
            st.replica = replica_id(conn)?.into();
            (st.ms, st.counter) = meta(conn, "hlc")?.as_deref().map_or((0, 0), parse_hlc);
        }
        Ok(st)
    }

    /// The next local stamp: after both the wall clock and every stamp seen so far.
    pub fn next(&self, conn: &Connection) -> Result<(Rc<str>, String)> {
        let now = chrono::Utc::now().timestamp_millis().max(0) as u64;
        let mut st = self.state(conn)?;
        if now > st.ms {
            st.ms = now;
            st.counter = 0;
        } else if st.counter >= HLC_COUNTER_MAX {
            // The counter has six digits, so stamps keep sorting as text: move on a millisecond.
            st.ms += 1;
            st.counter = 0;
        } else {
            st.counter += 1;
        }
        st.dirty = true;
        Ok((Rc::clone(&st.replica), format_hlc(st.ms, st.counter)))
    }

    /// Moves the clock past a stamp seen in a peer's bundle.
    pub fn observe(&self, conn: &Connection, seen: &str) -> Result<()> {
        let mut st = self.state(conn)?;
        let (ms, counter) = parse_hlc(seen);
        if (ms, counter) > (st.ms, st.counter) {
            st.ms = ms;
            st.counter = counter;
            st.dirty = true;
        }
        Ok(())
    }

    /// Writes the clock back to `meta` when it moved; run before the transaction commits.
    pub fn flush(&self, conn: &Connection) -> Result<()> {
        let mut st = self.0.borrow_mut();
        if st.dirty {
            set_meta(conn, "hlc", &format_hlc(st.ms, st.counter))?;
            st.dirty = false;
        }
        Ok(())
    }
}

/// The causal length in record `id`'s causal-length row, if it has one (it was deleted,
/// expanded, or came from a peer).
pub(super) fn logged_cl(conn: &Connection, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT cl FROM sync_record WHERE record_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The causal length of a record: logged, else 1 when the row exists (base data), else 0.
pub(super) fn causal_length(conn: &Connection, kind: Kind, id: &str) -> Result<i64> {
    if let Some(cl) = logged_cl(conn, id)? {
        return Ok(cl);
    }
    let Some(table) = super::records::table_of(kind) else {
        return Ok(0);
    };
    let exists = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id])?;
    Ok(i64::from(exists))
}

pub(super) fn set_causal_length(conn: &Connection, kind: Kind, id: &str, cl: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_record (record_id, kind, cl) VALUES (?1, ?2, ?3) \
         ON CONFLICT(record_id) DO UPDATE SET cl = excluded.cl",
    )?
    .execute(params![id, kind.as_str(), cl])?;
    Ok(())
}

/// Logs one local change and makes it the field's winning value.
fn log(
    conn: &Connection,
    (replica, hlc): (&str, &str),
    (kind, id, cl): (Kind, &str, i64),
    field: &str,
    value: &Value,
    private: bool,
) -> Result<()> {
    let prev: Option<String> = conn
        .prepare_cached(
            "SELECT hlc || ' ' || replica FROM sync_field WHERE record_id = ?1 AND field = ?2",
        )?
        .query_row([id, field], |r| r.get(0))
        .optional()?;
    let value = value.to_string();
    insert_change(
        conn,
        (replica, hlc),
        (kind, id, cl),
        field,
        &value,
        prev.as_deref(),
        private,
    )?;
    conn.prepare_cached(
        "INSERT INTO sync_field (record_id, field, value, hlc, replica) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT(record_id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, \
         replica = excluded.replica",
    )?
    .execute(params![id, field, value, hlc, replica])?;
    Ok(())
}

pub(super) fn insert_change(
    conn: &Connection,
    (replica, hlc): (&str, &str),
    (kind, id, cl): (Kind, &str, i64),
    field: &str,
    value: &str,
    prev: Option<&str>,
    private: bool,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO change (record_id, kind, field, value, hlc, replica, cl, prev, private) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        kind.as_str(),
        field,
        value,
        hlc,
        replica,
        cl,
        prev,
        private
    ])?;
    Ok(())
}

/// The hook: logs a record created here as one snapshot, and an edit (or a record coming
/// back to life) as the fields of `after` that differ from `before`. Does nothing while the
/// writer is not recording (seeding, applying bundles).
pub(super) fn note<R: Record>(
    conn: &Connection,
    clock: &Clock,
    recording: bool,
    before: Option<&R>,
    after: &R,
) -> Result<()> {
    if !recording {
        return Ok(());
    }
    let id = after.meta().id.as_str();
    // The writer expanded the record before changing its row (see `snapshot::expand`), so
    // this is read after any expansion.
    let logged = logged_cl(conn, id)?;
    // One stamp for all fields of one write of one record: (hlc, replica, record, field)
    // stays unique.
    let (replica, hlc) = clock.next(conn)?;
    let stamp = (&*replica, hlc.as_str());
    if logged.is_none() && before.is_none() {
        // Created here: one snapshot row, no winners (see the module doc).
        let (public, private) = snapshot_json(after);
        insert_change(
            conn,
            stamp,
            (R::KIND, id, 1),
            SNAPSHOT,
            &public,
            None,
            false,
        )?;
        if let Some(private) = private {
            insert_change(
                conn,
                stamp,
                (R::KIND, id, 1),
                SNAPSHOT_PRIVATE,
                &private,
                None,
                true,
            )?;
        }
        return Ok(());
    }
    let mut cl = logged.unwrap_or(i64::from(before.is_some()));
    if before.is_none() {
        // A record coming back to life: the next odd causal length.
        cl = if cl % 2 == 1 { cl } else { cl + 1 };
        set_causal_length(conn, R::KIND, id, cl)?;
        log(
            conn,
            stamp,
            (R::KIND, id, cl),
            EXISTS,
            &Value::from(cl),
            false,
        )?;
    }
    let old = before.map(field_values);
    for (i, (field, value, private)) in field_values(after).into_iter().enumerate() {
        let unchanged = match &old {
            Some(old) => old.get(i).is_some_and(|(_, v, _)| *v == value),
            // Coming back to life: every field, empty ones too, since the winners of the
            // record's earlier life would otherwise show through on peers.
            None => false,
        };
        if !unchanged {
            log(conn, stamp, (R::KIND, id, cl), field, &value, private)?;
        }
    }
    Ok(())
}

/// The hook for deletes: a tombstone (the next even causal length).
pub(super) fn note_delete(w: &Writer<'_>, kind: Kind, id: &str) -> Result<()> {
    if !w.recording.get() {
        return Ok(());
    }
    let conn = w.conn;
    let cl = causal_length(conn, kind, id)?;
    let cl = if cl % 2 == 1 { cl + 1 } else { cl.max(2) };
    set_causal_length(conn, kind, id, cl)?;
    let (replica, hlc) = w.clock.next(conn)?;
    log(
        conn,
        (&replica, &hlc),
        (kind, id, cl),
        EXISTS,
        &Value::from(cl),
        false,
    )
}

/// The hook for a one-field edit made without the whole record (`stamp_verified`).
pub(super) fn note_field(
    w: &Writer<'_>,
    kind: Kind,
    id: &str,
    field: &str,
    v: &Value,
) -> Result<()> {
    if !w.recording.get() {
        return Ok(());
    }
    let cl = causal_length(w.conn, kind, id)?;
    let (replica, hlc) = w.clock.next(w.conn)?;
    log(w.conn, (&replica, &hlc), (kind, id, cl), field, v, false)
}
