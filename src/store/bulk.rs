//! Bulk insertion for large imports: one prepared statement per kind for the whole run, values
//! bound by reference, and secondary indexes set aside while a table is filled.

use super::binding::{bind_insert, insert_sql};
use super::records::table_of;
use super::{Result, Writer};
use crate::model::Kind;
use crate::store::Record;
use rusqlite::{Connection, Statement, params};

/// Fewer incoming rows than this are inserted with the indexes in place: rebuilding costs more.
const SET_ASIDE_MIN_ROWS: usize = 10_000;

/// Inserts many records inside a [`Writer`]'s transaction. Call [`Bulk::finish`] before the
/// transaction commits; if it rolls back instead, SQLite restores any index set aside.
pub struct Bulk<'w> {
    /// Whether inserts go to the sync log (see [`Writer::as_common_base`]).
    recording: bool,
    clock: std::rc::Rc<super::changes::Clock>,
    conn: &'w Connection,
    inserts: Vec<(Kind, Statement<'w>)>,
    /// `CREATE INDEX` statements of the indexes dropped, to run again before the commit.
    set_aside: Vec<String>,
    considered: Vec<Kind>,
    /// Which kind holds each role target seen so far.
    kinds: std::cell::RefCell<std::collections::HashMap<String, Kind>>,
    /// Per kind, the rids of records created so far not logged yet: logged as ranges.
    ranges: Vec<(Kind, i64, i64)>,
    /// Inserts so far, and once past [`TOMBSTONES_AFTER`] the ids of deleted records (the
    /// only new records with a causal-length row): one read instead of a lookup per row.
    inserted: usize,
    tombstones: Option<std::collections::HashSet<String>>,
}

/// Inserts checked one lookup at a time before the deleted ids are read in one go: a small
/// import should not read a long sync log.
const TOMBSTONES_AFTER: usize = 2048;

impl<'w> Writer<'w> {
    /// A bulk inserter in this transaction.
    pub fn bulk(&self) -> Bulk<'w> {
        Bulk {
            recording: self.recording.get(),
            clock: std::rc::Rc::clone(&self.clock),
            conn: self.conn,
            inserts: Vec::new(),
            set_aside: Vec::new(),
            considered: Vec::new(),
            kinds: std::cell::RefCell::default(),
            ranges: Vec::new(),
            inserted: 0,
            tombstones: None,
        }
    }
}

impl Bulk<'_> {
    /// Inserts a record keeping its id and timestamps as given, and its child rows; returns
    /// the rowid it got.
    pub fn insert<R: Record>(&mut self, rec: &R) -> Result<i64> {
        let at = if let Some(at) = self.inserts.iter().position(|(k, _)| *k == R::KIND) {
            at
        } else {
            let stmt = self.conn.prepare(&insert_sql::<R>())?;
            self.inserts.push((R::KIND, stmt));
            self.inserts.len() - 1
        };
        let stmt = &mut self.inserts[at].1;
        bind_insert(stmt, rec)?;
        stmt.raw_execute()?;
        let rid = self.conn.last_insert_rowid();
        // A new record has no child rows to delete; targets' kinds are looked up once per run.
        rec.save_children(&super::records::Children {
            conn: self.conn,
            fresh: true,
            kinds: Some(&self.kinds),
        })?;
        if !self.recording {
            return Ok(rid);
        }
        if self.was_deleted(&rec.meta().id)? {
            // A record deleted before and created again: logged on its own.
            super::changes::note(self.conn, &self.clock, true, None, rec)?;
        } else {
            self.extend_range(R::KIND, rid)?;
        }
        Ok(rid)
    }

    /// Whether a record about to be created has a causal-length row: it was deleted before
    /// (a record with an odd causal length is alive, so its id is taken).
    fn was_deleted(&mut self, id: &str) -> Result<bool> {
        self.inserted += 1;
        if self.tombstones.is_none() && self.inserted > TOMBSTONES_AFTER {
            self.tombstones = Some(super::snapshot::deleted_ids(self.conn)?);
        }
        match &self.tombstones {
            Some(ids) => Ok(ids.contains(id)),
            None => super::snapshot::causal_row(self.conn, id),
        }
    }

    /// Adds `rid` to the open range of `kind`, logging the open range first when `rid` does
    /// not follow it.
    fn extend_range(&mut self, kind: Kind, rid: i64) -> Result<()> {
        if let Some(at) = self.ranges.iter().position(|(k, _, _)| *k == kind) {
            let (_, first, last) = self.ranges[at];
            if rid == last + 1 {
                self.ranges[at].2 = rid;
                return Ok(());
            }
            super::snapshot::note_range(self.conn, &self.clock, kind, (first, last))?;
            self.ranges[at] = (kind, rid, rid);
        } else {
            self.ranges.push((kind, rid, rid));
        }
        Ok(())
    }

    /// Before about `incoming` rows of `kind` arrive: drops the kind's secondary indexes when
    /// the table holds no more rows than that, since one sort at the end is cheaper than
    /// growing them row by row. Unique indexes stay (they enforce ids). Returns whether any
    /// index was set aside; each kind is considered once per run.
    pub fn set_aside_indexes(&mut self, kind: Kind, incoming: usize) -> Result<bool> {
        let Some(table) = table_of(kind) else {
            return Ok(false);
        };
        if self.considered.contains(&kind) {
            return Ok(false);
        }
        self.considered.push(kind);
        if incoming < SET_ASIDE_MIN_ROWS {
            return Ok(false);
        }
        let existing: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if existing as usize > incoming {
            return Ok(false);
        }
        // Only indexes created by a statement; the automatic ones behind UNIQUE have no SQL.
        // A contact's roles grow with its table, so their indexes are set aside with it.
        let child = if kind == Kind::Contact { "role" } else { table };
        let indexes: Vec<(String, String)> = self
            .conn
            .prepare(
                "SELECT name, sql FROM sqlite_master \
                 WHERE type = 'index' AND tbl_name IN (?1, ?2) AND sql IS NOT NULL ORDER BY name",
            )?
            .query_map(params![table, child], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Statements prepared against the old schema are re-prepared by SQLite on next use.
        let before = self.set_aside.len();
        for (name, sql) in indexes {
            self.conn.execute(&format!("DROP INDEX \"{name}\""), [])?;
            self.set_aside.push(sql);
        }
        Ok(self.set_aside.len() > before)
    }

    /// Builds again every index set aside. Must run before the transaction commits.
    pub fn finish(mut self) -> Result<()> {
        self.inserts.clear();
        for (kind, first, last) in std::mem::take(&mut self.ranges) {
            super::snapshot::note_range(self.conn, &self.clock, kind, (first, last))?;
        }
        for sql in std::mem::take(&mut self.set_aside) {
            self.conn.execute(&sql, [])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn indexes(conn: &Connection) -> Vec<String> {
        conn.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'community' ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("indexes")
    }

    #[test]
    fn indexes_set_aside_come_back_on_finish_and_small_imports_keep_them() {
        let mut s = Store::open_empty_in_memory().expect("store");
        let all = indexes(s.conn());
        assert!(all.contains(&"community_city".to_string()));
        s.write(|w| {
            let mut bulk = w.bulk();
            assert!(!bulk.set_aside_indexes(Kind::Space, 10)?, "too few rows");
            assert!(bulk.set_aside_indexes(Kind::Community, 50_000)?);
            assert!(!bulk.set_aside_indexes(Kind::Community, 50_000)?, "once");
            let during = indexes(w.conn);
            assert!(!during.contains(&"community_city".to_string()));
            assert!(
                during.iter().any(|n| n.starts_with("sqlite_autoindex")),
                "the unique id index stays"
            );
            bulk.finish()
        })
        .expect("write");
        assert_eq!(indexes(s.conn()), all);
    }
}
