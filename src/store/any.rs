//! Store operations on [`AnyRecord`], each dispatched to the typed ones.

use super::{Result, Store, Writer};
use crate::any_record;
use crate::model::{AnyRecord, Community, Contact, Kind, Organisation, Space};

impl AnyRecord {
    /// Reads the record of `kind` with `id`; `None` for regions, events and missing ids.
    pub fn load(store: &Store, kind: Kind, id: &str) -> Result<Option<AnyRecord>> {
        Ok(match kind {
            Kind::Community => store.get::<Community>(id)?.map(AnyRecord::Community),
            Kind::Space => store.get::<Space>(id)?.map(AnyRecord::Space),
            Kind::Organisation => store.get::<Organisation>(id)?.map(AnyRecord::Organisation),
            Kind::Contact => store.get::<Contact>(id)?.map(AnyRecord::Contact),
            Kind::Province | Kind::City | Kind::Event => None,
        })
    }

    /// Inserts it as new (fresh id when empty, timestamps set).
    pub fn insert(&mut self, w: &Writer<'_>) -> Result<()> {
        any_record!(self, r => w.insert(r))
    }

    /// Inserts it exactly as it was (re-inserting a deleted record).
    pub fn insert_exact(&self, w: &Writer<'_>) -> Result<()> {
        any_record!(self, r => w.insert_exact(r))
    }

    /// Replaces the stored version (bumps `updated_at`).
    pub fn update(&mut self, w: &Writer<'_>) -> Result<()> {
        any_record!(self, r => w.update(r))
    }
}
