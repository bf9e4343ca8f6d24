//! The import/export columns of each kind, read from the kinds' schemas
//! ([`crate::model::schema`], which also holds the names people give them), and guessing a
//! file's kind from its name or columns.

use crate::model::Kind;

pub use crate::model::schema::Col as Field;

/// Number of [`Field`] variants (the size of a row's cell array).
pub const FIELD_COUNT: usize = crate::model::schema::COL_COUNT;

/// The columns of `kind`, in the order export writes them. Empty for kinds not imported.
pub fn columns(kind: Kind) -> &'static [Field] {
    crate::model::schema::file_columns(kind)
}

/// Guesses a kind from a file name (`communities.csv`, `komunitas-2025.json`).
pub fn kind_from_file_name(path: &std::path::Path) -> Option<Kind> {
    let stem = path.file_stem()?.to_str()?.to_lowercase();
    let editable = |k: &Kind| Kind::EDITABLE.contains(k);
    stem.parse::<Kind>().ok().filter(editable).or_else(|| {
        stem.split(|c: char| !c.is_alphanumeric())
            .find_map(|w| w.parse::<Kind>().ok().filter(editable))
    })
}

/// Guesses a kind from the columns present: the one kind whose columns include them all and
/// that has a column only it has. `None` when the columns do not tell.
pub fn kind_from_fields(fields: &[Field]) -> Option<Kind> {
    let fits: Vec<Kind> = Kind::EDITABLE
        .into_iter()
        .filter(|k| fields.iter().all(|f| columns(*k).contains(f)))
        .collect();
    match fits.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Field as F;

    #[test]
    fn aliases_any_case_and_separator() {
        for (alias, field) in [
            ("Nama", F::Name),
            ("KOTA", F::City),
            ("kabupaten", F::City),
            ("Kab/Kota", F::City),
            ("telepon", F::Phone),
            ("Telp", F::Phone),
            ("No HP", F::Phone),
            ("no-hp", F::Phone),
            ("hp", F::Phone),
            ("alamat", F::Address),
            ("jenis", F::Type),
            ("Tipe", F::Type),
            ("deskripsi", F::Description),
            ("sumber", F::Source),
            ("peran", F::Role),
            ("jabatan", F::Role),
            ("organisasi", F::Organisation),
            ("surel", F::Email),
            ("situs", F::Website),
            ("jam buka", F::OpeningHours),
            ("fasilitas", F::Facilities),
            ("Tahun Berdiri", F::FoundedYear),
            ("subsektor", F::Subsectors),
            ("\u{feff}id", F::Id),
            ("Last Verified", F::LastVerified),
            ("opening-hours", F::OpeningHours),
        ] {
            assert_eq!(Field::parse(alias), Some(field), "{alias}");
        }
        assert_eq!(Field::parse("colour"), None);
    }

    #[test]
    fn every_canonical_name_parses_back() {
        for kind in Kind::EDITABLE {
            for f in columns(kind) {
                assert_eq!(Field::parse(f.name()), Some(*f));
                assert!(f.index() < FIELD_COUNT);
            }
        }
    }

    #[test]
    fn kinds_from_file_names_and_headers() {
        use std::path::Path;
        assert_eq!(
            kind_from_file_name(Path::new("x/communities.csv")),
            Some(Kind::Community)
        );
        assert_eq!(
            kind_from_file_name(Path::new("komunitas-2025.json")),
            Some(Kind::Community)
        );
        assert_eq!(kind_from_file_name(Path::new("data.csv")), None);
        assert_eq!(kind_from_file_name(Path::new("cities.csv")), None);
        assert_eq!(
            kind_from_fields(&[F::Name, F::Subsectors]),
            Some(Kind::Community)
        );
        assert_eq!(kind_from_fields(&[F::Name, F::Lat]), Some(Kind::Space));
        assert_eq!(kind_from_fields(&[F::Name, F::Role]), Some(Kind::Contact));
        assert_eq!(kind_from_fields(&[F::Name, F::City]), None);
    }
}
