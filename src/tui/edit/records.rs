//! The undo log ([`Undo`]): what a change replaced, and how to put it back in one transaction.
//! [`AnyRecord`], the one type over the four editable kinds, lives in [`crate::model`].

pub use crate::model::AnyRecord;
use crate::model::{Event, Kind};
use crate::store::{self, DeleteReport, Store, StoreError, Writer};

/// A record that lost a link when another was deleted, as it was before.
#[derive(Debug, Clone, PartialEq)]
pub enum Dependent {
    Record(AnyRecord),
    Event(Event),
}

/// How to take back one change.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// A record was added: delete it.
    Inserted {
        kind: Kind,
        id: String,
        name: String,
    },
    /// A record was changed (or stamped): restore this version.
    Updated(AnyRecord),
    /// A record was deleted: re-insert it, then restore the records that pointed at it
    /// (their roles and links) as they were.
    Deleted {
        record: AnyRecord,
        dependents: Vec<Dependent>,
    },
    /// Two records were merged: put the removed one back with its links (`removed`, a
    /// [`Undo::Deleted`] read before the merge), then the survivor as it was.
    Merged {
        survivor: AnyRecord,
        removed: Box<Undo>,
    },
}

impl Undo {
    /// The name of the record the change was about (for the status message).
    pub fn name(&self) -> &str {
        match self {
            Undo::Inserted { name, .. } => name,
            Undo::Updated(r) | Undo::Deleted { record: r, .. } => r.name(),
            Undo::Merged { survivor, .. } => survivor.name(),
        }
    }

    /// The undo for deleting `record`: it and every record `report` lists, read before the
    /// delete so their roles and links can be restored.
    pub fn for_delete(
        store: &Store,
        record: AnyRecord,
        report: &DeleteReport,
    ) -> store::Result<Undo> {
        let mut dependents = Vec::new();
        let mut seen: Vec<&str> = vec![record.id()];
        for r in report.roles.iter().chain(&report.unlinked) {
            if seen.contains(&r.id.as_str()) {
                continue;
            }
            seen.push(&r.id);
            if r.kind == Kind::Event {
                if let Some(e) = store.get::<Event>(&r.id)? {
                    dependents.push(Dependent::Event(e));
                }
            } else if let Some(d) = AnyRecord::load(store, r.kind, &r.id)? {
                dependents.push(Dependent::Record(d));
            }
        }
        Ok(Undo::Deleted { record, dependents })
    }

    /// The undo for merging `other` into `keep` (both of `kind`): read before the merge.
    pub fn for_merge(store: &Store, kind: Kind, keep: &str, other: &str) -> store::Result<Undo> {
        let missing = |id: &str| StoreError::NotFound {
            kind,
            id: id.to_string(),
        };
        let survivor = AnyRecord::load(store, kind, keep)?.ok_or_else(|| missing(keep))?;
        let gone = AnyRecord::load(store, kind, other)?.ok_or_else(|| missing(other))?;
        let report = store.delete_report(kind, other)?;
        Ok(Undo::Merged {
            survivor,
            removed: Box::new(Undo::for_delete(store, gone, &report)?),
        })
    }

    /// Applies the undo inside one transaction.
    pub fn apply(&self, w: &Writer<'_>) -> store::Result<()> {
        match self {
            Undo::Inserted { kind, id, .. } => match w.delete(*kind, id) {
                Ok(_) | Err(StoreError::NotFound { .. }) => Ok(()),
                Err(e) => Err(e),
            },
            Undo::Updated(prev) => prev.clone().update(w),
            Undo::Deleted { record, dependents } => {
                record.insert_exact(w)?;
                for d in dependents {
                    match d {
                        Dependent::Record(r) => r.clone().update(w)?,
                        Dependent::Event(e) => w.update(&mut e.clone())?,
                    }
                }
                Ok(())
            }
            Undo::Merged { survivor, removed } => {
                removed.apply(w)?;
                survivor.clone().update(w)
            }
        }
    }
}
