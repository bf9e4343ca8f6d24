//! One type over the four editable kinds, for code that holds "the record being edited" or
//! "the record to merge" whatever its kind (the edit form, undo, the CLI).

use super::{Community, Contact, Kind, Organisation, Space};

/// Runs `$body` with `$r` bound to the record inside an [`AnyRecord`] (by reference or
/// mutable reference, as `$rec` is), so generic code over [`crate::store::Record`] serves all four.
#[macro_export]
macro_rules! any_record {
    ($rec:expr, $r:ident => $body:expr) => {
        match $rec {
            $crate::model::AnyRecord::Community($r) => $body,
            $crate::model::AnyRecord::Space($r) => $body,
            $crate::model::AnyRecord::Organisation($r) => $body,
            $crate::model::AnyRecord::Contact($r) => $body,
        }
    };
}

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
}
