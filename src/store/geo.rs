//! Coordinates for the map and the nearby list: the spaces that have a position of their own
//! (everything else is placed at its city's seat, which `cities()` already carries), and the
//! rowid behind an id or code, to find a record in the search index.

use super::records::table_of;
use super::{Result, Store};
use crate::model::Kind;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Every space with its own coordinate, as `(rowid, lat, lon)`: one narrow query, no records
    /// loaded (a million spaces cost a few megabytes here).
    pub fn space_coords(&self) -> Result<Vec<(i64, f64, f64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rid, lat, lon FROM space WHERE lat IS NOT NULL AND lon IS NOT NULL",
        )?;
        Ok(stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The rowid of the record with this id (a UUID, or the code of a province or city).
    pub fn rowid_of(&self, kind: Kind, id: &str) -> Result<Option<i64>> {
        let sql = match (kind, table_of(kind)) {
            (Kind::Province, _) => "SELECT rid FROM province WHERE code = ?1".to_string(),
            (Kind::City, _) => "SELECT rid FROM city WHERE code = ?1".to_string(),
            (_, Some(table)) => format!("SELECT rid FROM {table} WHERE id = ?1"),
            (_, None) => return Ok(None),
        };
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![id], |r| r.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;

    #[test]
    fn seeded_spaces_and_rowids() {
        let store = crate::service::open_seeded_in_memory().expect("seeded store");
        let coords = store.space_coords().expect("coords");
        assert!(coords.iter().all(|c| c.1.is_finite() && c.2.is_finite()));
        let rid = store.rowid_of(Kind::City, "33.74").expect("rowid");
        assert!(rid.is_some());
        assert_eq!(
            store
                .id_by_rowid(Kind::City, rid.unwrap_or(-1))
                .ok()
                .flatten()
                .as_deref(),
            Some("33.74")
        );
        assert_eq!(
            store.rowid_of(Kind::Space, "no-such-id").expect("query"),
            None
        );
    }
}
