//! One type over the four editable kinds ([`AnyRecord`]) and the undo log ([`Undo`]): what a
//! change replaced, and how to put it back in one transaction.

use crate::model::{Community, Contact, Event, Kind, Organisation, Space};
use crate::store::{self, DeleteReport, Store, StoreError, Writer};

/// A community, space, organisation or contact.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyRecord {
    Community(Community),
    Space(Space),
    Organisation(Organisation),
    Contact(Contact),
}

impl AnyRecord {
    /// The record's kind.
    pub fn kind(&self) -> Kind {
        match self {
            AnyRecord::Community(_) => Kind::Community,
            AnyRecord::Space(_) => Kind::Space,
            AnyRecord::Organisation(_) => Kind::Organisation,
            AnyRecord::Contact(_) => Kind::Contact,
        }
    }

    /// The record's id.
    pub fn id(&self) -> &str {
        match self {
            AnyRecord::Community(r) => &r.meta.id,
            AnyRecord::Space(r) => &r.meta.id,
            AnyRecord::Organisation(r) => &r.meta.id,
            AnyRecord::Contact(r) => &r.meta.id,
        }
    }

    /// The record's name.
    pub fn name(&self) -> &str {
        match self {
            AnyRecord::Community(r) => &r.name,
            AnyRecord::Space(r) => &r.name,
            AnyRecord::Organisation(r) => &r.name,
            AnyRecord::Contact(r) => &r.name,
        }
    }

    /// Reads the record of `kind` with `id`; `None` for regions, events and missing ids.
    pub fn load(store: &Store, kind: Kind, id: &str) -> store::Result<Option<AnyRecord>> {
        Ok(match kind {
            Kind::Community => store.get::<Community>(id)?.map(AnyRecord::Community),
            Kind::Space => store.get::<Space>(id)?.map(AnyRecord::Space),
            Kind::Organisation => store.get::<Organisation>(id)?.map(AnyRecord::Organisation),
            Kind::Contact => store.get::<Contact>(id)?.map(AnyRecord::Contact),
            Kind::Province | Kind::City | Kind::Event => None,
        })
    }

    /// Inserts it as new (fresh id when empty, timestamps set).
    pub fn insert(&mut self, w: &Writer<'_>) -> store::Result<()> {
        match self {
            AnyRecord::Community(r) => w.insert(r),
            AnyRecord::Space(r) => w.insert(r),
            AnyRecord::Organisation(r) => w.insert(r),
            AnyRecord::Contact(r) => w.insert(r),
        }
    }

    /// Inserts it exactly as it was (re-inserting a deleted record).
    pub fn insert_exact(&self, w: &Writer<'_>) -> store::Result<()> {
        match self {
            AnyRecord::Community(r) => w.insert_exact(r),
            AnyRecord::Space(r) => w.insert_exact(r),
            AnyRecord::Organisation(r) => w.insert_exact(r),
            AnyRecord::Contact(r) => w.insert_exact(r),
        }
    }

    /// Replaces the stored version (bumps `updated_at`).
    pub fn update(&mut self, w: &Writer<'_>) -> store::Result<()> {
        match self {
            AnyRecord::Community(r) => w.update(r),
            AnyRecord::Space(r) => w.update(r),
            AnyRecord::Organisation(r) => w.update(r),
            AnyRecord::Contact(r) => w.update(r),
        }
    }
}

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
}

impl Undo {
    /// The name of the record the change was about (for the status message).
    pub fn name(&self) -> &str {
        match self {
            Undo::Inserted { name, .. } => name,
            Undo::Updated(r) | Undo::Deleted { record: r, .. } => r.name(),
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
        }
    }
}
