//! The import/export columns of each kind and the names people give them (Indonesian aliases,
//! any case, spaces/underscores/hyphens alike).

use crate::model::Kind;

/// One column of the import/export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Type,
    City,
    Address,
    Lat,
    Lon,
    Operator,
    Facilities,
    OpeningHours,
    Website,
    Instagram,
    Email,
    Phone,
    Whatsapp,
    Description,
    Source,
    LastVerified,
    Role,
    Organisation,
    Visibility,
    RoleStart,
    RoleEnd,
    Subsectors,
    Space,
    FoundedYear,
}

/// Number of [`Field`] variants (the size of a row's cell array).
pub const FIELD_COUNT: usize = 26;

use Field as F;

const ORGANISATION: &[Field] = &[
    F::Id,
    F::Name,
    F::Type,
    F::City,
    F::Website,
    F::Email,
    F::Phone,
    F::Description,
    F::Source,
    F::LastVerified,
];
const SPACE: &[Field] = &[
    F::Id,
    F::Name,
    F::Type,
    F::City,
    F::Address,
    F::Lat,
    F::Lon,
    F::Operator,
    F::Facilities,
    F::OpeningHours,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::Whatsapp,
    F::Description,
    F::Source,
    F::LastVerified,
];
const CONTACT: &[Field] = &[
    F::Id,
    F::Name,
    F::Role,
    F::Organisation,
    F::City,
    F::Phone,
    F::Whatsapp,
    F::Email,
    F::Instagram,
    F::Visibility,
    F::RoleStart,
    F::RoleEnd,
    F::Source,
    F::LastVerified,
];
const COMMUNITY: &[Field] = &[
    F::Id,
    F::Name,
    F::Subsectors,
    F::City,
    F::Space,
    F::Description,
    F::FoundedYear,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::Whatsapp,
    F::Source,
    F::LastVerified,
];

/// The columns of `kind`, in the order export writes them. Empty for kinds not imported.
pub fn columns(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Organisation => ORGANISATION,
        Kind::Space => SPACE,
        Kind::Contact => CONTACT,
        Kind::Community => COMMUNITY,
        Kind::Province | Kind::City | Kind::Event => &[],
    }
}

impl Field {
    /// The column name export writes.
    pub fn name(self) -> &'static str {
        match self {
            F::Id => "id",
            F::Name => "name",
            F::Type => "type",
            F::City => "city",
            F::Address => "address",
            F::Lat => "lat",
            F::Lon => "lon",
            F::Operator => "operator",
            F::Facilities => "facilities",
            F::OpeningHours => "opening_hours",
            F::Website => "website",
            F::Instagram => "instagram",
            F::Email => "email",
            F::Phone => "phone",
            F::Whatsapp => "whatsapp",
            F::Description => "description",
            F::Source => "source",
            F::LastVerified => "last_verified",
            F::Role => "role",
            F::Organisation => "organisation",
            F::Visibility => "visibility",
            F::RoleStart => "role_start",
            F::RoleEnd => "role_end",
            F::Subsectors => "subsectors",
            F::Space => "space",
            F::FoundedYear => "founded_year",
        }
    }

    /// Index into a row's cell array.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Reads a column header: canonical names and aliases, any case, with spaces, hyphens or
    /// underscores. `None` when the name is not known at all.
    pub fn parse(header: &str) -> Option<Field> {
        let key: String = header
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || matches!(c, '_' | '-' | '.' | '/'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        Some(match key.as_str() {
            "id" | "uuid" => F::Id,
            "name" | "nama" | "nama_komunitas" | "nama_ruang" | "nama_organisasi"
            | "nama_lengkap" | "nama_kontak" => F::Name,
            "type" | "jenis" | "tipe" | "space_type" | "org_type" | "kategori" => F::Type,
            "city" | "city_code" | "kota" | "kabupaten" | "kab_kota" | "kabupaten_kota"
            | "kota_kabupaten" | "kode_kota" | "kabkota" | "regency" => F::City,
            "address" | "alamat" => F::Address,
            "lat" | "latitude" | "lintang" => F::Lat,
            "lon" | "lng" | "long" | "longitude" | "bujur" => F::Lon,
            "operator" | "operator_id" | "pengelola" | "operated_by" => F::Operator,
            "facilities" | "fasilitas" => F::Facilities,
            "opening_hours" | "jam_buka" | "jam_operasional" | "hours" => F::OpeningHours,
            "website" | "situs" | "situs_web" | "web" | "url" | "laman" => F::Website,
            "instagram" | "ig" => F::Instagram,
            "email" | "e_mail" | "surel" | "mail" => F::Email,
            "phone" | "telepon" | "telp" | "tel" | "hp" | "no_hp" | "nomor_hp" | "no_telp"
            | "no_telepon" | "nomor_telepon" | "telephone" | "mobile" => F::Phone,
            "whatsapp" | "wa" | "no_wa" => F::Whatsapp,
            "description" | "deskripsi" | "keterangan" => F::Description,
            "source" | "sources" | "sumber" => F::Source,
            "last_verified" | "verified" | "diverifikasi" | "terakhir_diverifikasi" => {
                F::LastVerified
            }
            "role" | "roles" | "peran" | "jabatan" => F::Role,
            "organisation" | "organization" | "organisasi" | "lembaga" | "instansi" => {
                F::Organisation
            }
            "visibility" | "visibilitas" => F::Visibility,
            "role_start" | "mulai" | "mulai_menjabat" => F::RoleStart,
            "role_end" | "selesai" | "akhir" | "akhir_menjabat" => F::RoleEnd,
            "subsectors" | "subsector" | "subsektor" | "sektor" => F::Subsectors,
            "space" | "space_id" | "ruang" | "based_at" => F::Space,
            "founded_year" | "founded" | "tahun_berdiri" | "didirikan" => F::FoundedYear,
            _ => return None,
        })
    }
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
