//! Streams the few columns the search index needs from every record, without building structs.

use super::{Result, Store};
use crate::model::Kind;

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
        mut f: impl FnMut(IndexRecord<'_>),
    ) -> Result<usize> {
        let mut seen = 0usize;
        for (kind, sql) in KINDS {
            let left = limit.map_or(i64::MAX, |l| l.saturating_sub(seen) as i64);
            if left == 0 {
                break;
            }
            let mut stmt = self.conn().prepare(&format!("{sql} LIMIT ?1"))?;
            let mut rows = stmt.query([left])?;
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
        }
        Ok(seen)
    }
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
