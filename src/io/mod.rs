//! Import and export: CSV, JSON and vCard files in and out of the store, each import one transaction.
//!
//! - [`validate`] field validators shared with the app's edit form
//! - [`columns`]  the columns of each kind and their aliases
//! - [`source`]   reading CSV/JSON files into rows
//! - `contacts_in` address books (vCard via `vcard_in`, Google Contacts CSV) as contact rows
//! - `build`      a row's cells to a typed record
//! - [`import`]   the all-or-nothing importer and the bundled-data loader
//! - [`export`]   CSV/JSON in the import format, vCard for contacts
//! - [`geojson`] a GeoJSON `FeatureCollection` of the records with a place
//! - [`backup`]   backup and checked restore files (the SQL is the store's)

pub mod backup;
mod build;
pub mod columns;
mod contacts_in;
mod dups;
pub mod export;
pub mod geojson;
pub mod import;
pub mod json;
mod prepare;
pub mod source;
pub mod validate;
mod vcard;
mod vcard_in;

pub use source::{Input, Loc};
pub use vcard::qr_card;

use serde::Serialize;
use std::fmt;

/// One problem (or warning) with an input, located by file, line or record, and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    #[serde(serialize_with = "loc_text")]
    pub loc: Loc,
    pub column: Option<String>,
    pub message: String,
}

fn loc_text<S: serde::Serializer>(loc: &Loc, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(loc.to_string().trim_start_matches([':', ' ']))
}

impl Problem {
    /// A problem at `loc` in `file`, in `column` if it concerns one.
    pub fn at(file: &str, loc: Loc, column: Option<String>, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            loc,
            column,
            message,
        }
    }
}

impl fmt::Display for Problem {
    /// `FILE:LINE: column 'phone': "0812-xx" is not a valid Indonesian number`
    /// Every part (file name, column, message quoting the input) is shown through
    /// [`crate::text::visible`]: a hostile header or cell never reaches the terminal raw.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::visible;
        write!(f, "{}{}: ", visible(&self.file), self.loc)?;
        if let Some(c) = &self.column {
            write!(f, "column '{}': ", visible(c))?;
        }
        f.write_str(&visible(&self.message))
    }
}
