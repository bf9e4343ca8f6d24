//! Merging two records of one kind into one: the survivor updated, every link to the other
//! (roles in it, spaces it operates, communities based there, events held there) moved to the
//! survivor, and the other deleted, in the caller's transaction.
//!
//! Every record whose link moves is logged as an edit of that field (a contact's `roles`, a
//! space's `operator_id`, a community's `space_id`, an event's `venue_id`) through the change
//! log's hook, so a peer applying the merge re-points the same links and converges.

use super::{Record, Result, StoreError, Writer, changes};
use crate::model::{Community, Contact, Event, Kind, Space};
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
            match *table {
                "role" => self.move_link::<Contact>("contact_id", table, col, &keep, other)?,
                "space" => self.move_link::<Space>("id", table, col, &keep, other)?,
                "community" => self.move_link::<Community>("id", table, col, &keep, other)?,
                _ => self.move_link::<Event>("id", table, col, &keep, other)?,
            }
        }
        self.delete(R::KIND, other)?;
        Ok(())
    }

    /// Points `table.col` at `keep` where it pointed at `other`, logging each record of kind
    /// `L` (found by `owner` in `table`) whose fields changed by that.
    fn move_link<L: Record>(
        &self,
        owner: &str,
        table: &str,
        col: &str,
        keep: &str,
        other: &str,
    ) -> Result<()> {
        // Table and column names come from the constant list in `merge_into`, never input.
        let owners: Vec<String> = self
            .conn
            .prepare(&format!(
                "SELECT DISTINCT {owner} FROM {table} WHERE {col} = ?1"
            ))?
            .query_map([other], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut before = Vec::with_capacity(owners.len());
        for id in &owners {
            if self.recording.get() {
                // Before the row changes (see `snapshot::expand`).
                super::snapshot::expand(self.conn, L::KIND, id)?;
            }
            before.extend(self.get::<L>(id)?);
        }
        self.conn.execute(
            &format!("UPDATE {table} SET {col} = ?1 WHERE {col} = ?2"),
            params![keep, other],
        )?;
        for old in &before {
            if let Some(new) = self.get::<L>(&old.meta().id)? {
                changes::note(
                    self.conn,
                    &self.clock,
                    self.recording.get(),
                    Some(old),
                    &new,
                )?;
            }
        }
        Ok(())
    }
}
