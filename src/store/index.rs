//! Streams the few columns the search index needs from every record, without building structs.

use super::records::Record;
use super::{Result, Store};
use crate::model::schema::Slot;
use crate::model::{Kind, rules};
use rusqlite::params;

/// One record as the search index sees it; borrowed from the current SQLite row.
#[derive(Debug, Clone, Copy)]
pub struct IndexRecord<'a> {
    pub kind: Kind,
    pub rowid: i64,
    pub name: &'a str,
    /// The record's kabupaten/kota code (a city's own code).
    pub city_code: Option<&'a str>,
    /// `;`-separated subsector slugs and tags (communities only).
    pub subsectors: &'a str,
    pub last_verified: Option<&'a str>,
    /// A province row's own code.
    pub province_code: Option<&'a str>,
}

/// An [`IndexRecord`] that owns its values: what a bulk import hands to the index refresh for
/// each record it created, so those rows need not be read back (see
/// [`Store::for_each_index_record_with`]).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRecordBuf {
    pub kind: Kind,
    pub rowid: i64,
    pub name: String,
    pub city_code: Option<String>,
    pub subsectors: String,
    pub last_verified: Option<String>,
}

impl IndexRecordBuf {
    /// The values `rec` was stored with (the same schema slots the insert binds), at `rowid`;
    /// taken out of `rec`, which the import drops right after (no copies, one list joined).
    pub fn take<R: Record>(rec: &mut R, rowid: i64) -> IndexRecordBuf {
        let mut city_code = None;
        let mut subsectors = String::new();
        for f in R::schema().stored() {
            match (f.db, &f.slot) {
                (Some("city_code"), Slot::Text(_, get)) => city_code = get(rec).take(),
                (Some("subsectors"), Slot::List(get, _)) => {
                    subsectors = rules::join_list(get(rec));
                }
                _ => {}
            }
        }
        IndexRecordBuf {
            kind: R::KIND,
            rowid,
            name: std::mem::take(rec.name_mut()),
            city_code,
            subsectors,
            last_verified: rec.meta_mut().last_verified.take(),
        }
    }

    fn as_record(&self) -> IndexRecord<'_> {
        IndexRecord {
            kind: self.kind,
            rowid: self.rowid,
            name: &self.name,
            city_code: self.city_code.as_deref(),
            subsectors: &self.subsectors,
            last_verified: self.last_verified.as_deref(),
            province_code: None,
        }
    }
}

/// The kinds whose created records an import can hand over: one table each, the city a
/// column of it (an event's cities are in a table of their own).
const HANDED_OVER: [Kind; 4] = [
    Kind::Community,
    Kind::Space,
    Kind::Organisation,
    Kind::Contact,
];

const KINDS: [(Kind, &str); 7] = [
    (
        Kind::Province,
        "SELECT rid, name, NULL, '', last_verified, code FROM province",
    ),
    (
        Kind::City,
        "SELECT rid, name, code, '', last_verified, NULL FROM city",
    ),
    (
        Kind::Community,
        "SELECT rid, name, city_code, subsectors, last_verified, NULL FROM community",
    ),
    (
        Kind::Space,
        "SELECT rid, name, city_code, '', last_verified, NULL FROM space",
    ),
    (
        Kind::Organisation,
        "SELECT rid, name, city_code, '', last_verified, NULL FROM organisation",
    ),
    (
        Kind::Contact,
        "SELECT rid, name, city_code, '', last_verified, NULL FROM contact",
    ),
    (
        Kind::Event,
        "SELECT e.rid, e.name, (SELECT city_code FROM event_city ec WHERE ec.event_id = e.id \
         ORDER BY position LIMIT 1), '', e.last_verified, NULL FROM event e",
    ),
];

impl Store {
    /// Calls `f` for every record of every kind (regions first), at most `limit` records in all.
    /// Rows are read straight from SQLite so a million records need no intermediate vector.
    pub fn for_each_index_record(
        &self,
        limit: Option<usize>,
        f: impl FnMut(IndexRecord<'_>),
    ) -> Result<usize> {
        self.for_each_index_record_with(limit, &[], f)
    }

    /// [`Store::for_each_index_record`], taking the records in `created` from there instead of
    /// reading them: the records one bulk import just created, in the order it created them,
    /// so each kind's are the rows of one contiguous range of rowids (SQLite gives a new row
    /// the highest rowid plus one). Rows of that range are not read; rows before and after it
    /// are, so the order is the table's, as without `created`.
    pub fn for_each_index_record_with(
        &self,
        limit: Option<usize>,
        created: &[IndexRecordBuf],
        mut f: impl FnMut(IndexRecord<'_>),
    ) -> Result<usize> {
        let mut seen = 0usize;
        for (kind, sql) in KINDS {
            let left = limit.map_or(i64::MAX, |l| l.saturating_sub(seen) as i64);
            if left == 0 {
                break;
            }
            let mine: Vec<&IndexRecordBuf> = if HANDED_OVER.contains(&kind) {
                created.iter().filter(|r| r.kind == kind).collect()
            } else {
                Vec::new()
            };
            // Anything but one ascending range of rowids is read from the table instead.
            let range = match (mine.first(), mine.last()) {
                (Some(a), Some(b)) if mine.windows(2).all(|w| w[1].rowid == w[0].rowid + 1) => {
                    Some((a.rowid, b.rowid))
                }
                _ => None,
            };
            let Some((first, last)) = range else {
                let mut stmt = self.conn().prepare(&format!("{sql} LIMIT ?1"))?;
                seen += read_rows(&mut stmt, [left], kind, &mut f)?;
                continue;
            };
            let mut before = self
                .conn()
                .prepare(&format!("{sql} WHERE rid < ?1 LIMIT ?2"))?;
            seen += read_rows(&mut before, params![first, left], kind, &mut f)?;
            for r in mine
                .iter()
                .take(limit.map_or(usize::MAX, |l| l.saturating_sub(seen)))
            {
                f(r.as_record());
                seen += 1;
            }
            let left = limit.map_or(i64::MAX, |l| l.saturating_sub(seen) as i64);
            let mut after = self
                .conn()
                .prepare(&format!("{sql} WHERE rid > ?1 LIMIT ?2"))?;
            seen += read_rows(&mut after, params![last, left], kind, &mut f)?;
        }
        Ok(seen)
    }
}

/// Calls `f` with each row of `stmt` (the columns of [`KINDS`]); returns how many.
fn read_rows(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
    kind: Kind,
    f: &mut impl FnMut(IndexRecord<'_>),
) -> Result<usize> {
    let mut seen = 0;
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        let name = row.get_ref(1)?.as_str().unwrap_or_default();
        let city_code = row.get_ref(2)?.as_str_or_null().ok().flatten();
        let subsectors = row.get_ref(3)?.as_str().unwrap_or_default();
        let last_verified = row.get_ref(4)?.as_str_or_null().ok().flatten();
        let province_code = row.get_ref(5)?.as_str_or_null().ok().flatten();
        f(IndexRecord {
            kind,
            rowid: row.get(0)?,
            name,
            city_code,
            subsectors,
            last_verified,
            province_code,
        });
        seen += 1;
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Organisation;

    #[test]
    fn streams_every_kind_and_respects_the_limit() {
        let mut s = Store::open_empty_in_memory().expect("store");
        s.write(|w| {
            for n in ["A", "B", "C"] {
                w.insert(&mut Organisation {
                    name: n.into(),
                    ..Default::default()
                })?;
            }
            Ok(())
        })
        .expect("insert");
        let mut names = Vec::new();
        let n = s
            .for_each_index_record(None, |r| names.push((r.kind, r.name.to_string())))
            .expect("all");
        assert_eq!(n, 3);
        assert_eq!(names[0], (Kind::Organisation, "A".to_string()));
        let n = s.for_each_index_record(Some(2), |_| {}).expect("limited");
        assert_eq!(n, 2);
    }
}
