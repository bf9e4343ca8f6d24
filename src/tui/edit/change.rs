//! One change to the store as data: `update` decides it (with the undo it needs), the effect
//! runner writes it in one transaction ([`Change::apply`]), and the app takes the outcome back
//! (`App::written`: keep the undo, reload, say what happened).

use super::records::{AnyRecord, Undo};
use crate::model::Kind;
use crate::store::{self, Store};

/// A write asked for by the editing screens.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Stamp a record verified today; `prev` is the record before, for undo.
    Stamp {
        kind: Kind,
        id: String,
        prev: AnyRecord,
    },
    /// Delete a record and its links; `undo` puts them all back.
    Delete { kind: Kind, id: String, undo: Undo },
    /// Take back an earlier change.
    Undo(Undo),
    /// Save a form: insert `record`, or update it when `original` (the record as it was) is set.
    Save {
        record: Box<AnyRecord>,
        original: Option<Box<AnyRecord>>,
    },
    /// Merge record `other` into `keep` (fields in `take_right` from `other`, roles and links
    /// moved, `other` deleted); `undo` restores both.
    Merge {
        kind: Kind,
        keep: String,
        other: String,
        take_right: Vec<crate::model::schema::Col>,
        undo: Undo,
    },
}

impl Change {
    /// Writes the change in one transaction. An inserted record gets its new id here.
    pub(crate) fn apply(&mut self, store: &mut Store) -> store::Result<()> {
        match self {
            Change::Stamp { kind, id, .. } => {
                let today = store::today();
                store.write(|w| w.stamp_verified(*kind, id, &today))
            }
            Change::Delete { kind, id, .. } => store.write(|w| w.delete(*kind, id)).map(|_| ()),
            Change::Undo(undo) => store.write(|w| undo.apply(w)),
            Change::Save {
                record,
                original: Some(_),
            } => store.write(|w| record.update(w)),
            Change::Save {
                record,
                original: None,
            } => store.write(|w| record.insert(w)),
            Change::Merge {
                kind,
                keep,
                other,
                take_right,
                ..
            } => match crate::merge_plan::merge(store, *kind, keep, other, take_right)? {
                Some(_) => Ok(()),
                None => Err(store::StoreError::NotFound {
                    kind: *kind,
                    id: other.clone(),
                }),
            },
        }
    }
}
