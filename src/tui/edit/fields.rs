//! The fields of each kind's form: their order, labels and which of them are pickers, all read
//! from the kind's schema. The fields are the import columns ([`Field`]), so a form and a
//! spreadsheet name the same things.

use crate::i18n::Lang;
pub use crate::io::columns::Field;
use crate::model::Kind;
use crate::model::schema::{self, RolePart, Ty};

/// What a picker field chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A kabupaten/kota.
    City,
    /// A record of one of these kinds.
    Records(&'static [Kind]),
}

/// The form's rows and labels come from the kind's schema; this adds only what a picker
/// chooses from, read from the field's type.
impl Field {
    /// The fields of a form for `kind`, in order.
    pub fn of_form(kind: Kind) -> &'static [Field] {
        schema::form_columns(kind)
    }

    /// The label shown before the input.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::column_label(lang, self)
    }

    /// What the field picks from, for picker fields.
    pub fn pick(self) -> Option<Pick> {
        let ty = Kind::EDITABLE
            .iter()
            .find_map(|k| schema::ty_of(*k, self))?;
        match ty {
            Ty::City => Some(Pick::City),
            Ty::Ref(kinds) => Some(Pick::Records(kinds)),
            Ty::Role(RolePart::Target) => Some(Pick::Records(schema::ROLE_TARGETS)),
            _ => None,
        }
    }
}
