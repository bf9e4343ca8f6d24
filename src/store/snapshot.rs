//! Snapshots and ranges: how a record created here is logged cheaply and expanded on demand.
//!
//! A record created alone (the app, a small write) is logged as one *snapshot* row: its set
//! fields in one JSON object (private ones in a second row). Records created by a bulk import
//! are logged as one *range* row per kind: their local rids and one stamp, ~nothing per record
//! (200k records: 4 log rows, where a per-field log wrote ~2M rows and as many winners).
//!
//! Either is *expanded* ([`expand`]) into per-field winners the first time anything touches
//! the record — a local edit or delete (the writer expands before it changes the row), or a
//! peer's change — and a range's record gets its snapshot row then, read from its row, which
//! is unchanged since the import because every local write expands first. Bundles carry both
//! as the per-field changes they stand for ([`super::sync`]), so peers see exactly what a
//! per-field log would have said.

use super::Result;
use super::changes::{Clock, insert_change, roles_json, set_causal_length};
use super::records::Record;
use crate::model::schema::Slot;
use crate::model::{Kind, Visibility};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

/// The field name of a snapshot row: the fields of a record created here, as a JSON object.
pub const SNAPSHOT: &str = "*";

/// The field name of a range row: the records of one kind that one bulk import created here,
/// as `FIRST-LAST` local rids, all with the row's stamp. Its `record_id` is [`range_key`].
pub const RANGE: &str = "*range";

/// The field name of a snapshot's private fields (a private contact's), kept apart so they
/// never leave the machine.
pub const SNAPSHOT_PRIVATE: &str = "*p";

/// A record's snapshot JSON: the shareable fields, and the private ones when there are any.
pub(super) type Snapshot = (String, Option<String>);

/// One range row: the records of one kind with rids `first..=last`, all stamped `hlc`.
pub(super) struct Range {
    pub seq: i64,
    pub first: i64,
    pub last: i64,
    pub hlc: String,
    pub replica: String,
}

/// A record's set fields as snapshot JSON objects: the shareable ones, and the private ones
/// when there are any. Written straight from the schema's accessors (no `Value` per field):
/// an import writes one per record. Values are formatted as [`field_values`] would.
pub(super) fn snapshot_json<R: Record>(rec: &R) -> Snapshot {
    let schema = R::schema();
    let private_rec = schema
        .visibility
        .is_some_and(|v| v(rec) == Visibility::Private);
    let (mut public, mut private) = (Vec::with_capacity(512), Vec::new());
    let mut roles_done = false;
    for f in schema.fields {
        let (name, out) = match &f.slot {
            Slot::Id => continue,
            Slot::Roles(..) if roles_done => continue,
            Slot::Roles(..) => ("roles", &mut public),
            _ if f.private && private_rec => (f.col.name(), &mut private),
            _ => (f.col.name(), &mut public),
        };
        let start = out.len();
        out.push(if start == 0 { b'{' } else { b',' });
        let mut wrote = json(out, name);
        out.push(b':');
        wrote &= match &f.slot {
            Slot::Id => false,
            Slot::Name => json(out, rec.name()),
            Slot::Text(get, _) => get(rec).as_deref().is_some_and(|s| json(out, s)),
            Slot::Int(get, _) => get(rec).is_some_and(|n| json(out, &n)),
            Slot::Float(get, _) => get(rec).is_some_and(|x| x.is_finite() && json(out, &x)),
            Slot::List(get, _) => !get(rec).is_empty() && json(out, get(rec)),
            Slot::Visibility(get, _) => json(out, get(rec).as_str()),
            Slot::Roles(get, _) => {
                roles_done = true;
                !get(rec).is_empty() && json(out, &roles_json(get(rec)))
            }
        };
        if !wrote {
            out.truncate(start);
        }
    }
    let close = |mut v: Vec<u8>| {
        if v.is_empty() {
            v.push(b'{');
        }
        v.push(b'}');
        String::from_utf8(v).unwrap_or_default()
    };
    let private = (!private.is_empty()).then(|| close(private));
    (close(public), private)
}

/// Appends `v` as JSON; false if it could not be written (never, for these types).
fn json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> bool {
    serde_json::to_writer(out, v).is_ok()
}

/// The snapshot rows of record `id`: (private, JSON object text, hlc, replica).
fn snapshots(conn: &Connection, id: &str) -> Result<Vec<(bool, String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT private, value, hlc, replica FROM change \
         WHERE record_id = ?1 AND field IN ('*', '*p')",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The fields of a snapshot object, each with its value as JSON text.
pub(super) fn snapshot_fields(json: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => map.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
        _ => Vec::new(),
    }
}

/// The `record_id` of kind `kind`'s range rows. They are found by their field ([`RANGE`]), so
/// a record whose id has the same text is no trouble.
pub(super) fn range_key(kind: Kind) -> String {
    format!("*{kind}")
}

/// Logs the records of `kind` with rids `first..=last`, just inserted by a bulk import, as
/// one range row: the whole import costs one log row per kind instead of one per record.
pub(super) fn note_range(
    conn: &Connection,
    clock: &Clock,
    kind: Kind,
    (first, last): (i64, i64),
) -> Result<()> {
    let (replica, hlc) = clock.next(conn)?;
    insert_change(
        conn,
        (&replica, &hlc),
        (kind, &range_key(kind), 1),
        RANGE,
        &format!("{first}-{last}"),
        None,
        false,
    )
}

/// Range rows of `kind`, oldest first: (seq, first rid, last rid, hlc, replica).
pub(super) fn ranges(conn: &Connection, kind: Kind) -> Result<Vec<Range>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, value, hlc, replica FROM change WHERE record_id = ?1 AND field = ?2 \
         ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![range_key(kind), RANGE], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, span, hlc, replica) = row?;
        if let Some((a, b)) = span.split_once('-')
            && let (Ok(a), Ok(b)) = (a.parse(), b.parse())
        {
            out.push(Range {
                seq,
                first: a,
                last: b,
                hlc,
                replica,
            });
        }
    }
    Ok(out)
}

/// True when record `id` has a causal-length row (it was deleted, or expanded, or came from
/// a peer).
pub(super) fn causal_row(conn: &Connection, id: &str) -> Result<bool> {
    Ok(super::changes::logged_cl(conn, id)?.is_some())
}

/// The ids of deleted records: those whose causal length is even.
pub(super) fn deleted_ids(conn: &Connection) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare("SELECT record_id FROM sync_record WHERE cl % 2 = 0")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// True when record `id` has its own log: a causal-length row or a snapshot row. Such a
/// record is never one of a range's (a rid freed by a delete may be reused).
pub(super) fn has_own_log(conn: &Connection, id: &str) -> Result<bool> {
    Ok(causal_row(conn, id)?
        || conn
            .prepare_cached("SELECT 1 FROM change WHERE record_id = ?1 AND field = '*'")?
            .exists([id])?)
}

/// Turns record `id`'s creation here, if it is not expanded yet, into per-field winners and a
/// causal-length row (1, alive): what a per-field log would hold. A record created alone has
/// a snapshot row; one created by a bulk import is read from its row (unchanged since, as
/// every local write expands first) and gets its snapshot row now, with the range's stamp.
/// Must run before the record's row or winners change; a record with a causal-length row is
/// expanded (or never was created here), so the common case is one lookup.
pub(super) fn expand(conn: &Connection, kind: Kind, id: &str) -> Result<()> {
    expand_with(conn, kind, id, None)
}

/// [`expand`] when the record's row no longer holds the values it had when created here: a
/// restore, which writes the backup's rows before logging how they differ from `live`, the
/// record as it was in the database attached as schema `live_schema` (its rid is read there).
pub(super) fn expand_from<R: Record>(conn: &Connection, live: &R, live_schema: &str) -> Result<()> {
    let values = Some((snapshot_json(live), live_schema));
    expand_with(conn, R::KIND, &live.meta().id, values)
}

fn expand_with(
    conn: &Connection,
    kind: Kind,
    id: &str,
    values: Option<(Snapshot, &str)>,
) -> Result<()> {
    if causal_row(conn, id)? {
        return Ok(());
    }
    let mut rows = snapshots(conn, id)?;
    let schema = values.as_ref().map_or("main", |(_, s)| s);
    if rows.is_empty()
        && let Some((hlc, replica)) = range_of(conn, kind, id, schema)?
        && let Some((public, private)) = match values {
            Some((v, _)) => Some(v),
            None => snapshot_at(conn, kind, At::Id(id))?.map(|(_, v)| v),
        }
    {
        let stamp = (replica.as_str(), hlc.as_str());
        insert_change(conn, stamp, (kind, id, 1), SNAPSHOT, &public, None, false)?;
        if let Some(private) = &private {
            insert_change(
                conn,
                stamp,
                (kind, id, 1),
                SNAPSHOT_PRIVATE,
                private,
                None,
                true,
            )?;
        }
        rows.push((false, public, hlc.clone(), replica.clone()));
        rows.extend(private.map(|p| (true, p, hlc, replica)));
    }
    if rows.is_empty() {
        return Ok(());
    }
    for (_, json, hlc, replica) in &rows {
        for (field, value) in snapshot_fields(json) {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO sync_field (record_id, field, value, hlc, replica) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, field, value, hlc, replica])?;
        }
    }
    set_causal_length(conn, kind, id, 1)
}

/// The stamp of the latest range covering record `id`'s rid, if any (the caller has checked
/// that the record has no log of its own).
fn range_of(
    conn: &Connection,
    kind: Kind,
    id: &str,
    schema: &str,
) -> Result<Option<(String, String)>> {
    let Some(table) = super::records::table_of(kind) else {
        return Ok(None);
    };
    let all = ranges(conn, kind)?;
    if all.is_empty() {
        return Ok(None);
    }
    let rid: Option<i64> = conn
        .prepare_cached(&format!("SELECT rid FROM {schema}.{table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(rid.and_then(|rid| {
        all.into_iter()
            .rev()
            .find(|r| (r.first..=r.last).contains(&rid))
            .map(|r| (r.hlc, r.replica))
    }))
}

/// Which record [`snapshot_at`] reads.
#[derive(Clone, Copy)]
pub(super) enum At<'a> {
    Id(&'a str),
    /// A local rid (a range's records).
    Rid(i64),
}

/// A record's id and its snapshot JSON (shareable, private) as it is stored now.
pub(super) fn snapshot_at(
    conn: &Connection,
    kind: Kind,
    at: At<'_>,
) -> Result<Option<(String, Snapshot)>> {
    fn of<R: Record>(conn: &Connection, at: At<'_>) -> Result<Option<(String, Snapshot)>> {
        let rec = match at {
            At::Id(id) => super::records::get::<R>(conn, id)?,
            At::Rid(rid) => super::records::get_by_rid::<R>(conn, rid)?,
        };
        Ok(rec.map(|r| (r.meta().id.clone(), snapshot_json(&r))))
    }
    use crate::model::{Community, Contact, Event, Organisation, Space};
    match kind {
        Kind::Community => of::<Community>(conn, at),
        Kind::Space => of::<Space>(conn, at),
        Kind::Organisation => of::<Organisation>(conn, at),
        Kind::Contact => of::<Contact>(conn, at),
        Kind::Event => of::<Event>(conn, at),
        Kind::Province | Kind::City => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channels, Contact, Role, Space};
    use crate::store::changes::field_values;

    /// The per-field values a snapshot stands for, as [`field_values`] gives them.
    fn expected<R: Record>(rec: &R, private: bool) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = field_values(rec)
            .into_iter()
            .filter(|(_, v, p)| {
                *p == private && !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty())
            })
            .map(|(f, v, _)| (f.to_string(), v.to_string()))
            .collect();
        v.sort();
        v
    }

    fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
        v.sort();
        v
    }

    #[test]
    fn a_snapshot_holds_exactly_the_set_fields_formatted_as_the_per_field_log() {
        let space = Space {
            name: "Ruang \"Kreatif\" \u{1b}[31m".into(),
            lat: Some(-6.966_667),
            lon: Some(110.416_664),
            facilities: vec!["studio".into(), "wifi".into()],
            ..Default::default()
        };
        let (public, private) = snapshot_json(&space);
        assert_eq!(sorted(snapshot_fields(&public)), expected(&space, false));
        assert!(private.is_none());

        let contact = Contact {
            name: "Synthetic Person".into(),
            visibility: Visibility::Private,
            channels: Channels {
                phone: Some("+62 812 0000 0000".into()),
                ..Default::default()
            },
            roles: vec![Role {
                role: "Ketua".into(),
                target_id: "c1".into(),
                start: Some("2024-01-01".into()),
                end: None,
            }],
            ..Default::default()
        };
        let (public, private) = snapshot_json(&contact);
        assert_eq!(sorted(snapshot_fields(&public)), expected(&contact, false));
        let private = private.expect("a private contact's phone is a private field");
        assert_eq!(sorted(snapshot_fields(&private)), expected(&contact, true));
        assert!(!public.contains("+62"), "{public}");
    }

    #[test]
    fn stamps_sort_as_text_even_past_a_million_in_one_millisecond() {
        let store = crate::store::Store::open_empty_in_memory().expect("store");
        let clock = Clock::default();
        // A peer's clock far ahead: every local stamp counts up from its millisecond.
        clock
            .observe(
                store.conn(),
                &crate::store::changes::format_hlc(4_000_000_000_000, 999_990),
            )
            .expect("observe");
        let mut last = String::new();
        for _ in 0..20 {
            let (_, hlc) = clock.next(store.conn()).expect("next");
            assert!(hlc > last, "{hlc} after {last}");
            last = hlc;
        }
    }
}
