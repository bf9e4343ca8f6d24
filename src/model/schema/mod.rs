//! One declaration per record kind: everything the rest of the program needs to know about a
//! kind's fields is read from its [`Schema`] here, never spelled out again.
//!
//! A schema is a table of [`FieldDef`]s (the column people write in files and the forms show,
//! the table column that stores it, how its text is checked ([`Ty`]) and where the value lives
//! in the struct ([`Slot`], a pair of accessor functions)), plus three orders: the file's
//! columns, the form's rows and the detail pane's lines. From that one table the store builds
//! its SQL and binds rows, import reads and checks cells, export writes cells, the edit form
//! fills and reads its inputs, the detail pane lists fields, and vCard picks its properties.
//! A table of descriptors was chosen over a derive macro: it is plain data, readable in one
//! screen per kind, and needs no proc-macro crate.
//!
//! Adding a field to a kind, say `capacity` to spaces:
//! 1. the struct field in [`crate::model`] and its [`FieldDef`] line in the kind's schema (`kinds.rs`)
//!    (plus a [`Col`] line with its aliases if no existing column fits), and the column in the
//!    orders where it should appear;
//! 2. a migration adding the table column (`assets/migrations/`);
//! 3. its label in the i18n catalogue ([`crate::i18n`], `column_label`).
//!
//! Nothing else: `schema_matches_tables` (store tests) fails when a schema and its table
//! disagree.

use super::{Kind, Meta, Role, Visibility};

macro_rules! columns {
    ($($(#[$m:meta])* $var:ident = $name:literal [$($alias:literal),*]),* $(,)?) => {
        /// A column of the import/export format, which is also a row of the edit form.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Col { $($(#[$m])* $var),* }

        impl Col {
            /// Every column, in declaration order (its index is [`Col::index`]).
            pub const ALL: &'static [Col] = &[$(Col::$var),*];

            /// The name export writes.
            pub fn name(self) -> &'static str {
                match self { $(Col::$var => $name),* }
            }

            /// Other names people give the column, already in the form [`Col::parse`]
            /// compares (lowercase words joined by `_`).
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $(Col::$var => &[$($alias),*]),* }
            }
        }
    };
}

columns! {
    Id = "id" ["uuid"],
    Name = "name" ["nama", "nama_komunitas", "nama_ruang", "nama_organisasi", "nama_lengkap",
        "nama_kontak"],
    Type = "type" ["jenis", "tipe", "space_type", "org_type", "kategori"],
    City = "city" ["city_code", "kota", "kabupaten", "kab_kota", "kabupaten_kota",
        "kota_kabupaten", "kode_kota", "kabkota", "regency"],
    Address = "address" ["alamat"],
    Lat = "lat" ["latitude", "lintang"],
    Lon = "lon" ["lng", "long", "longitude", "bujur"],
    CoordSource = "coord_source" ["coordinate_source", "sumber_koordinat"],
    Operator = "operator" ["operator_id", "pengelola", "operated_by"],
    Facilities = "facilities" ["fasilitas"],
    OpeningHours = "opening_hours" ["jam_buka", "jam_operasional", "hours"],
    Website = "website" ["situs", "situs_web", "web", "url", "laman"],
    Instagram = "instagram" ["ig"],
    Email = "email" ["e_mail", "surel", "mail"],
    Phone = "phone" ["telepon", "telp", "tel", "hp", "no_hp", "nomor_hp", "no_telp",
        "no_telepon", "nomor_telepon", "telephone", "mobile"],
    Whatsapp = "whatsapp" ["wa", "no_wa"],
    Description = "description" ["deskripsi", "keterangan"],
    Source = "source" ["sources", "sumber"],
    LastVerified = "last_verified" ["verified", "diverifikasi", "terakhir_diverifikasi"],
    Role = "role" ["roles", "peran", "jabatan"],
    Organisation = "organisation" ["organization", "organisasi", "lembaga", "instansi"],
    Visibility = "visibility" ["visibilitas"],
    RoleStart = "role_start" ["mulai", "mulai_menjabat"],
    RoleEnd = "role_end" ["selesai", "akhir", "akhir_menjabat"],
    Subsectors = "subsectors" ["subsector", "subsektor", "sektor"],
    Space = "space" ["space_id", "ruang", "based_at"],
    FoundedYear = "founded_year" ["founded", "tahun_berdiri", "didirikan"],
    EventType = "event_type" [],
    Year = "year" ["tahun"],
    StartDate = "start_date" [],
    EndDate = "end_date" [],
    Venue = "venue" ["venue_id"],
}

/// Number of columns (the size of a row's cell array).
pub const COL_COUNT: usize = Col::ALL.len();

impl Col {
    /// Index into a row's cell array.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Reads a column header: canonical names and aliases, any case, with spaces, hyphens,
    /// dots or slashes between words. `None` when the name is not known at all.
    pub fn parse(header: &str) -> Option<Col> {
        let key: String = header
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || matches!(c, '_' | '-' | '.' | '/'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        // Only the columns some import format has: an events-only name like `year` stays
        // unknown, so a spreadsheet's stray column is reported rather than silently taken.
        Col::ALL
            .iter()
            .copied()
            .filter(|c| Kind::EDITABLE.iter().any(|k| file_columns(*k).contains(c)))
            .find(|c| c.name() == key || c.aliases().contains(&key.as_str()))
    }
}

/// What a field's text means: how import and the form check it and how the detail pane shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// The stable id (kept, never typed).
    Id,
    /// The record's name: required.
    Name,
    /// One line of text.
    Text,
    /// Text that may span lines.
    Multiline,
    /// A year (1900 to this year).
    Year,
    Lat,
    Lon,
    /// A `;`-list of free entries.
    List,
    /// A `;`-list of subsectors: official spellings become slugs, others stay free tags.
    Subsectors,
    /// A kabupaten/kota, by code or name.
    City,
    /// A record of one of these kinds, by id or exact name.
    Ref(&'static [Kind]),
    Url,
    Instagram,
    Email,
    /// Stored E.164.
    Phone,
    /// Stored E.164; `yes` in a file means "the phone is on WhatsApp".
    Whatsapp,
    Visibility,
    /// `YYYY-MM-DD`.
    Date,
    /// One part of a contact's roles (a `;`-list, one entry per role).
    Role(RolePart),
}

/// The kinds a contact can hold a role in.
pub const ROLE_TARGETS: &[Kind] = &[Kind::Community, Kind::Space, Kind::Organisation];

/// The four columns a contact's roles are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolePart {
    Title,
    Target,
    Start,
    End,
}

/// Where a field's value lives in the record: accessor functions, so generic code reads and
/// writes any kind's field without a `match` on kinds.
pub enum Slot<R: 'static> {
    /// `meta.id`.
    Id,
    /// The record's name.
    Name,
    Text(fn(&R) -> &Option<String>, fn(&mut R) -> &mut Option<String>),
    Int(fn(&R) -> &Option<i32>, fn(&mut R) -> &mut Option<i32>),
    Float(fn(&R) -> &Option<f64>, fn(&mut R) -> &mut Option<f64>),
    List(fn(&R) -> &Vec<String>, fn(&mut R) -> &mut Vec<String>),
    Visibility(fn(&R) -> &Visibility, fn(&mut R) -> &mut Visibility),
    /// Part of a contact's roles (stored in the `role` table).
    Roles(fn(&R) -> &Vec<Role>, fn(&mut R) -> &mut Vec<Role>),
}

/// One field of a kind. The order of a schema's `fields` is the order import reads and checks
/// them (a phone before the WhatsApp number that may say "the phone").
pub struct FieldDef<R: 'static> {
    /// The file column and form row.
    pub col: Col,
    /// The table column, when the value is stored in the kind's own table.
    pub db: Option<&'static str>,
    pub ty: Ty,
    pub slot: Slot<R>,
    /// Left out of exports when the record's visibility is private.
    pub private: bool,
}

/// How a field is shown in a detail pane; also the key of its detail label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Show {
    Code,
    CityKind,
    Province,
    City,
    Seat,
    Aliases,
    Type,
    Address,
    Coordinates,
    /// Where a position comes from ("city seat" when the record has none of its own).
    CoordSource,
    OpeningHours,
    Phone,
    WhatsApp,
    Email,
    Website,
    Instagram,
    Subsectors,
    Tags,
    Facilities,
    Founded,
    Iccn,
    /// KaTa Kreatif certification.
    Kata,
    Unesco,
    Visibility,
    Year,
    Dates,
    Description,
    Sources,
    LastVerified,
    Synthetic,
}

impl Col {
    /// The detail line a column's value is shown on (`None`: not shown, or shown as part of
    /// another line, like `lon` with `lat` as the position).
    pub fn show(self) -> Option<Show> {
        Some(match self {
            Col::Type | Col::EventType => Show::Type,
            Col::City => Show::City,
            Col::Address => Show::Address,
            Col::Lat => Show::Coordinates,
            Col::CoordSource => Show::CoordSource,
            Col::OpeningHours => Show::OpeningHours,
            Col::Website => Show::Website,
            Col::Instagram => Show::Instagram,
            Col::Email => Show::Email,
            Col::Phone => Show::Phone,
            Col::Whatsapp => Show::WhatsApp,
            Col::Description => Show::Description,
            Col::Source => Show::Sources,
            Col::LastVerified => Show::LastVerified,
            Col::Visibility => Show::Visibility,
            Col::Subsectors => Show::Subsectors,
            Col::Facilities => Show::Facilities,
            Col::FoundedYear => Show::Founded,
            Col::Year => Show::Year,
            Col::StartDate => Show::Dates,
            _ => return None,
        })
    }
}

/// Everything about one record kind.
pub struct Schema<R: 'static> {
    pub kind: Kind,
    /// The table that stores it.
    pub table: &'static str,
    pub fields: &'static [FieldDef<R>],
    /// The columns of its file format, in the order export writes them.
    pub file: &'static [Col],
    /// The rows of its edit form, in order.
    pub form: &'static [Col],
    /// The lines of its detail pane, in order.
    pub detail: &'static [Col],
    /// The fields its vCard holds, in property order (empty: no vCard).
    pub vcard: &'static [Col],
    /// Who may see the private fields (`None`: every field is public).
    pub visibility: Option<fn(&R) -> Visibility>,
    /// A rule across fields, checked after every field is read: the column to blame and why.
    pub cross_check: fn(&R) -> Option<(Col, &'static str)>,
}

impl<R> Schema<R> {
    /// The declaration of column `col`, when the kind has it.
    pub fn field(&self, col: Col) -> Option<&FieldDef<R>> {
        self.fields.iter().find(|f| f.col == col)
    }

    /// The fields stored in the kind's own table, in table-binding order.
    pub fn stored(&self) -> impl Iterator<Item = &FieldDef<R>> {
        self.fields.iter().filter(|f| f.db.is_some())
    }

    /// The table columns of [`Schema::stored`].
    pub fn db_columns(&self) -> Vec<&'static str> {
        self.stored().filter_map(|f| f.db).collect()
    }
}

/// A record kind with a schema and the fields every record carries.
pub trait Described: Default + Clone + 'static {
    fn schema() -> &'static Schema<Self>;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn name(&self) -> &str;
    fn name_mut(&mut self) -> &mut String;
    /// The city code, when the kind has one.
    fn city(&self) -> Option<&str>;
}

/// The value of text field `col` of `r` (`None` when unset or when the kind has no such field).
pub fn text_of<R: Described>(r: &R, col: Col) -> Option<&String> {
    match R::schema().field(col).map(|f| &f.slot) {
        Some(Slot::Text(get, _)) => get(r).as_ref(),
        _ => None,
    }
}

/// The columns of `kind`'s file format, in the order export writes them. Empty for kinds not
/// imported.
pub fn file_columns(kind: Kind) -> &'static [Col] {
    match kind {
        Kind::Community => COMMUNITY.file,
        Kind::Space => SPACE.file,
        Kind::Organisation => ORGANISATION.file,
        Kind::Contact => CONTACT.file,
        Kind::Province | Kind::City | Kind::Event => &[],
    }
}

/// The rows of `kind`'s edit form (the community form for kinds that have none).
pub fn form_columns(kind: Kind) -> &'static [Col] {
    match kind {
        Kind::Space => SPACE.form,
        Kind::Organisation => ORGANISATION.form,
        Kind::Contact => CONTACT.form,
        _ => COMMUNITY.form,
    }
}

/// The declaration of `col` in `kind`'s schema.
pub fn ty_of(kind: Kind, col: Col) -> Option<Ty> {
    match kind {
        Kind::Community => COMMUNITY.field(col).map(|f| f.ty),
        Kind::Space => SPACE.field(col).map(|f| f.ty),
        Kind::Organisation => ORGANISATION.field(col).map(|f| f.ty),
        Kind::Contact => CONTACT.field(col).map(|f| f.ty),
        Kind::Event => EVENT.field(col).map(|f| f.ty),
        Kind::Province | Kind::City => None,
    }
}

mod kinds;

pub use kinds::{COMMUNITY, CONTACT, EVENT, ORGANISATION, SPACE};

#[cfg(test)]
mod tests {
    use super::*;

    fn check<R>(s: &Schema<R>) {
        for list in [s.file, s.form, s.detail, s.vcard] {
            for col in list {
                assert!(
                    s.field(*col).is_some(),
                    "{}: {col:?} is not declared",
                    s.table
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for f in s.fields {
            assert!(
                seen.insert(f.col),
                "{}: {:?} declared twice",
                s.table,
                f.col
            );
        }
    }

    #[test]
    fn every_ordered_column_is_declared_once() {
        check(&COMMUNITY);
        check(&SPACE);
        check(&ORGANISATION);
        check(&CONTACT);
        check(&EVENT);
    }

    #[test]
    fn every_canonical_name_and_alias_parses_back() {
        for col in Col::ALL {
            if Col::parse(col.name()).is_none() {
                // Event columns are not part of any import format.
                assert!(EVENT.field(*col).is_some() && COMMUNITY.field(*col).is_none());
                continue;
            }
            assert_eq!(Col::parse(col.name()), Some(*col));
            for a in col.aliases() {
                assert_eq!(Col::parse(a), Some(*col), "{a}");
            }
        }
    }
}
