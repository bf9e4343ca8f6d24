//! The change log's read and merge side: changes to export, applying a peer's changes (per
//! field, last writer wins by `(hlc, replica)`; existence by causal length), and the tables
//! of applied bundles, trusted peers and conflicts. See [`crate::sync`] for the design.

use super::changes::{self, EXISTS, causal_length, set_causal_length};
use super::materialize::materialize;
use super::records::{Record, table_of};
use super::snapshot::{self, At, RANGE, SNAPSHOT};
use super::{Result, Store, StoreError, Writer, now_timestamp};
use crate::model::{Community, Contact, Event, Kind, Organisation, Space};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// One logged change, as it travels in a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The record's stable id.
    pub id: String,
    pub kind: Kind,
    /// Field name (schema column name, `roles`), or `""` for the record's existence.
    pub field: String,
    /// The value as JSON text (for `""`: the causal length).
    pub value: String,
    pub hlc: String,
    pub replica: String,
    /// The record's causal length when the change was made (odd: alive, even: deleted).
    pub cl: i64,
    /// The stamp (`hlc replica`) of the value this change replaced, as its writer knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
}

impl Change {
    fn stamp(&self) -> String {
        format!("{} {}", self.hlc, self.replica)
    }
}

/// A field two replicas changed without seeing each other's change, and how it was settled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub id: i64,
    pub record_id: String,
    pub kind: String,
    pub field: String,
    pub winner_value: String,
    pub winner_stamp: String,
    pub loser_value: String,
    pub loser_stamp: String,
    pub flipped: bool,
}

/// What applying some changes did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Applied {
    /// Changes not seen before.
    pub new: usize,
    /// Records written (created, changed or deleted).
    pub records: usize,
    pub conflicts: usize,
}

impl Store {
    /// This database's replica id (made on first use).
    pub fn replica_id(&mut self) -> Result<String> {
        self.write(|w| changes::replica_id(w.conn))
    }

    /// This replica's changes after log position `after` that may leave the machine (no
    /// private field of a private contact), and the last position read.
    pub fn local_changes_after(&mut self, after: i64) -> Result<(Vec<Change>, i64)> {
        let replica = self.replica_id()?;
        let mut stmt = self.conn().prepare(
            "SELECT seq, record_id, kind, field, value, hlc, replica, cl, prev, private FROM change \
             WHERE seq > ?2 AND replica = ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query(params![replica, after])?;
        let (mut out, mut last) = (Vec::new(), after);
        while let Some(r) = rows.next()? {
            last = r.get(0)?;
            if r.get::<_, bool>(9)? {
                continue;
            }
            let kind: String = r.get(2)?;
            let change = Change {
                id: r.get(1)?,
                kind: kind.parse().unwrap_or(Kind::Community),
                field: r.get(3)?,
                value: r.get(4)?,
                hlc: r.get(5)?,
                replica: r.get(6)?,
                cl: r.get(7)?,
                prev: r.get(8)?,
            };
            if change.field == RANGE {
                range_changes(self.conn(), &change, &mut out)?;
            } else if change.field == SNAPSHOT {
                // A record created here travels as the per-field changes it stands for.
                let fields = snapshot::snapshot_fields(&change.value);
                out.push(Change {
                    field: EXISTS.to_string(),
                    value: change.cl.to_string(),
                    ..change.clone()
                });
                out.extend(fields.into_iter().map(|(field, value)| Change {
                    field,
                    value,
                    ..change.clone()
                }));
            } else {
                out.push(change);
            }
        }
        Ok((out, last))
    }

    /// A `meta` value.
    pub fn meta_value(&self, key: &str) -> Result<Option<String>> {
        changes::meta(self.conn(), key)
    }

    /// Sets a `meta` value.
    pub fn set_meta_value(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|w| changes::set_meta(w.conn, key, value))
    }

    /// True when bundle `id` was applied (or written) here.
    pub fn bundle_applied(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM sync_bundle WHERE id = ?1")?
            .exists([id])?)
    }

    /// Applied bundles: id, replica, changes, when; oldest first.
    pub fn bundles(&self) -> Result<Vec<(String, String, i64, String)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, replica, changes, applied_at FROM sync_bundle ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Trusts `replica`'s public key (base64), replacing an earlier key.
    pub fn trust_peer(&mut self, replica: &str, key: &str) -> Result<()> {
        self.write(|w| {
            w.conn.execute(
                "INSERT INTO sync_peer (replica, public_key, trusted_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(replica) DO UPDATE SET public_key = excluded.public_key",
                params![replica, key, now_timestamp()],
            )?;
            Ok(())
        })
    }

    /// The trusted public key (base64) of `replica`.
    pub fn peer_key(&self, replica: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT public_key FROM sync_peer WHERE replica = ?1")?
            .query_row([replica], |r| r.get(0))
            .optional()?)
    }

    /// Trusted peers: replica id and public key.
    pub fn peers(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT replica, public_key FROM sync_peer ORDER BY replica")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every conflict recorded, newest first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, record_id, kind, field, winner_value, winner_stamp, loser_value, \
             loser_stamp, flipped FROM sync_conflict ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Conflict {
                id: r.get(0)?,
                record_id: r.get(1)?,
                kind: r.get(2)?,
                field: r.get(3)?,
                winner_value: r.get(4)?,
                winner_stamp: r.get(5)?,
                loser_value: r.get(6)?,
                loser_stamp: r.get(7)?,
                flipped: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applies a peer's changes and records bundle `bundle` (by `replica`) as applied, in one
    /// transaction. Changes already in the log are skipped, so applying twice changes nothing.
    pub fn apply_changes(
        &mut self,
        bundle: &str,
        replica: &str,
        list: &[Change],
    ) -> Result<Applied> {
        self.write(|w| {
            w.as_common_base();
            let applied = apply_in(w, list)?;
            w.conn.execute(
                "INSERT OR IGNORE INTO sync_bundle (id, replica, changes, applied_at) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![bundle, replica, list.len() as i64, now_timestamp()],
            )?;
            Ok(applied)
        })
    }

    /// Flips conflict `id`: its losing value becomes a new local change (which wins everywhere
    /// once shared). Returns false when there is no such conflict.
    pub fn flip_conflict(&mut self, id: i64) -> Result<bool> {
        let Some(c) = self.conflicts()?.into_iter().find(|c| c.id == id) else {
            return Ok(false);
        };
        let kind: Kind = c.kind.parse().map_err(|_| StoreError::NotFound {
            kind: Kind::Community,
            id: c.record_id.clone(),
        })?;
        let value: serde_json::Value = serde_json::from_str(&c.loser_value).unwrap_or_default();
        self.write(|w| {
            // The flip is logged once, below, not again by the record's update.
            w.as_common_base();
            snapshot::expand(w.conn, kind, &c.record_id)?;
            let cl = causal_length(w.conn, kind, &c.record_id)?;
            let (replica, hlc) = w.clock.next(w.conn)?;
            let flip = Change {
                id: c.record_id.clone(),
                kind,
                field: c.field.clone(),
                value: value.to_string(),
                hlc,
                replica: replica.to_string(),
                cl,
                prev: Some(c.winner_stamp.clone()),
            };
            log_change(w.conn, &flip)?;
            merge_field(w.conn, &flip)?;
            materialize(w, kind, &c.record_id)?;
            w.conn
                .execute("UPDATE sync_conflict SET flipped = 1 WHERE id = ?1", [id])?;
            Ok(true)
        })
    }
}

/// The per-field changes of the records a range row stands for: those at its rids that have
/// no log of their own and are not a later range's (a rid freed by a delete may be reused).
fn range_changes(conn: &Connection, range: &Change, out: &mut Vec<Change>) -> Result<()> {
    let all = snapshot::ranges(conn, range.kind)?;
    let Some(this) = all
        .iter()
        .find(|r| r.hlc == range.hlc && r.replica == range.replica)
    else {
        return Ok(());
    };
    let (first, last) = (this.first, this.last);
    let later: Vec<(i64, i64)> = all
        .iter()
        .filter(|r| r.seq > this.seq)
        .map(|r| (r.first, r.last))
        .collect();
    for rid in first..=last {
        if later.iter().any(|(a, b)| (*a..=*b).contains(&rid)) {
            continue;
        }
        let Some((id, (json, _))) = snapshot::snapshot_at(conn, range.kind, At::Rid(rid))? else {
            continue;
        };
        if snapshot::has_own_log(conn, &id)? {
            continue;
        }
        let base = Change {
            id,
            field: EXISTS.to_string(),
            value: "1".to_string(),
            cl: 1,
            prev: None,
            ..range.clone()
        };
        let fields = snapshot::snapshot_fields(&json);
        out.push(base.clone());
        out.extend(fields.into_iter().map(|(field, value)| Change {
            field,
            value,
            ..base.clone()
        }));
    }
    Ok(())
}

/// Adds `c` to the log; false when it was there already.
fn log_change(conn: &Connection, c: &Change) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO change (record_id, kind, field, value, hlc, replica, cl, prev) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            c.id,
            c.kind.as_str(),
            c.field,
            c.value,
            c.hlc,
            c.replica,
            c.cl,
            c.prev
        ])?;
    Ok(n > 0)
}

fn apply_in(w: &Writer<'_>, list: &[Change]) -> Result<Applied> {
    let mut out = Applied::default();
    let mut touched: Vec<(Kind, String)> = Vec::new();
    let mut seen_ids = std::collections::HashSet::new();
    if let Some(latest) = list.iter().map(|c| c.hlc.as_str()).max() {
        w.clock.observe(w.conn, latest)?;
    }
    for c in list {
        if table_of(c.kind).is_none() {
            continue;
        }
        // A record created here and logged as a snapshot gets its winners before a peer's
        // change is weighed against them.
        snapshot::expand(w.conn, c.kind, &c.id)?;
        if !log_change(w.conn, c)? {
            continue;
        }
        out.new += 1;
        if c.cl > causal_length(w.conn, c.kind, &c.id)? {
            set_causal_length(w.conn, c.kind, &c.id, c.cl)?;
        }
        if c.field != EXISTS && merge_field(w.conn, c)? {
            out.conflicts += 1;
        }
        if seen_ids.insert(c.id.clone()) {
            touched.push((c.kind, c.id.clone()));
        }
    }
    // Referenced kinds first: an organisation before the space it operates, and so on.
    for kind in Kind::IMPORT_ORDER.into_iter().chain([Kind::Event]) {
        for (_, id) in touched.iter().filter(|(k, _)| *k == kind) {
            if materialize(w, kind, id)? {
                out.records += 1;
            }
        }
    }
    Ok(out)
}

/// Is the value with stamp `stamp` superseded by a change made by someone who saw it?
fn seen(conn: &Connection, c: &Change, stamp: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM change WHERE record_id = ?1 AND field = ?2 AND prev = ?3")?
        .exists(params![c.id, c.field, stamp])?)
}

/// Merges one field change into the winners; true when it was a conflict.
fn merge_field(conn: &Connection, c: &Change) -> Result<bool> {
    let stored: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT value, hlc, replica FROM sync_field WHERE record_id = ?1 AND field = ?2",
        )?
        .query_row(params![c.id, c.field], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let wins = stored
        .as_ref()
        .is_none_or(|(_, hlc, replica)| (c.hlc.as_str(), c.replica.as_str()) > (hlc, replica));
    let mut conflict = false;
    if let Some((value, hlc, replica)) = &stored {
        let stored_stamp = format!("{hlc} {replica}");
        let (loser_stamp, loser_value, winner_stamp, winner_value) = if wins {
            (stored_stamp, value.as_str(), c.stamp(), c.value.as_str())
        } else {
            (c.stamp(), c.value.as_str(), stored_stamp, value.as_str())
        };
        if loser_value != winner_value && !seen(conn, c, &loser_stamp)? {
            conflict = true;
            conn.prepare_cached(
                "INSERT OR IGNORE INTO sync_conflict (record_id, kind, field, winner_value, \
                 winner_stamp, loser_value, loser_stamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                c.id,
                c.kind.as_str(),
                c.field,
                winner_value,
                winner_stamp,
                loser_value,
                loser_stamp
            ])?;
        }
    }
    if wins {
        conn.prepare_cached(
            "INSERT INTO sync_field (record_id, field, value, hlc, replica) \
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(record_id, field) DO UPDATE SET \
             value = excluded.value, hlc = excluded.hlc, replica = excluded.replica",
        )?
        .execute(params![c.id, c.field, c.value, c.hlc, c.replica])?;
    }
    Ok(conflict)
}

impl Store {
    /// Every directory record of the kinds shared, as sorted text of `kind id field=value`
    /// lines (no local ids or timestamps): two replicas that agree have equal dumps.
    pub fn canonical_dump(&self) -> Result<String> {
        let mut lines = Vec::new();
        dump::<Organisation>(self, &mut lines)?;
        dump::<Space>(self, &mut lines)?;
        dump::<Community>(self, &mut lines)?;
        dump::<Contact>(self, &mut lines)?;
        dump::<Event>(self, &mut lines)?;
        lines.sort();
        Ok(lines.join("\n"))
    }
}

fn dump<R: Record>(store: &Store, lines: &mut Vec<String>) -> Result<()> {
    store.each::<R>(|r| {
        let fields: Vec<String> = changes::field_values(&r)
            .into_iter()
            .map(|(f, v, _)| format!("{f}={v}"))
            .collect();
        lines.push(format!("{} {} {}", R::KIND, r.meta().id, fields.join(" ")));
        Ok(())
    })
}
