//! Merging two records of one kind into one: the survivor updated, every link to the other
//! (roles in it, spaces it operates, communities based there, events held there) moved to the
//! survivor, and the other deleted, in the caller's transaction.

use super::{Record, Result, StoreError, Writer};
use crate::model::Kind;
use rusqlite::params;

impl Writer<'_> {
    /// Saves `survivor` (already holding the chosen fields and, for contacts, both roles
    /// lists) and folds the record `other` into it. Call inside one [`super::Store::write`].
    pub fn merge_into<R: Record>(&self, survivor: &mut R, other: &str) -> Result<()> {
        let keep = survivor.meta().id.clone();
        if keep == other {
            return Err(StoreError::NotFound {
                kind: R::KIND,
                id: other.to_string(),
            });
        }
        self.update(survivor)?;
        let moves: &[(&str, &str)] = match R::KIND {
            Kind::Organisation => &[("role", "organisation_id"), ("space", "operator_id")],
            Kind::Space => &[
                ("role", "space_id"),
                ("community", "space_id"),
                ("event", "venue_id"),
            ],
            Kind::Community => &[("role", "community_id")],
            _ => &[],
        };
        for (table, col) in moves {
            self.conn.execute(
                &format!("UPDATE {table} SET {col} = ?1 WHERE {col} = ?2"),
                params![keep, other],
            )?;
        }
        self.delete(R::KIND, other)?;
        Ok(())
    }
}
