//! Every user-visible string, one catalogue per language (Bahasa Indonesia and English).
//!
//! The terminal app and the CLI both read their words from here, so a translation touches
//! this file only. [`Lang::from_env`] follows `LC_ALL` / `LC_MESSAGES` / `LANG`.

use crate::model::Kind;
use crate::model::Relation;
use crate::model::schema::Show as Field;

mod book;
mod cli;
mod dash;
mod edit;
mod geo;
mod share;
pub use book::{BOOK_EN, BOOK_ID, BookStrings};
mod sync;
pub use cli::{CliMsg, ImportOutcome, Tally, stats_line};
pub use dash::{DASH_EN, DASH_ID, DashStrings};
pub use edit::{EDIT_EN, EDIT_ID, EditStrings, column_label};
pub use geo::{GEO_EN, GEO_ID, GeoStrings};
pub use share::ShareMsg;
pub use sync::SyncMsg;

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Lang {
    /// The language from the environment: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that starts with `id` selects Indonesian; anything else is English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        Self::from_locale(var.as_deref().unwrap_or(""))
    }

    /// The language of a locale string such as `id_ID.UTF-8` or `en_US`.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("id") {
            Lang::Id
        } else {
            Lang::En
        }
    }

    /// Parses `--lang id|en` (also `indonesian`, `english`, `in`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "in" | "ind" | "indonesian" | "bahasa" => Some(Lang::Id),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The catalogue of fixed strings for this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Id => &ID,
        }
    }
}

/// Fixed interface strings. One static per language: [`EN`], [`ID`].
#[derive(Debug)]
pub struct Strings {
    pub app_name: &'static str,
    pub search_placeholder: &'static str,
    pub loading_index: &'static str,
    pub results: &'static str,
    pub provinces: &'static str,
    pub cities_of: &'static str,
    pub detail: &'static str,
    pub facets: &'static str,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub nothing_selected: &'static str,
    /// Last line of a detail preview whose related records are below the fold.
    pub related_below: &'static str,
    pub related: &'static str,
    pub all: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub whatsapp_mark: &'static str,
    pub stale_mark: &'static str,
    pub never_verified: &'static str,
    pub iccn_member: &'static str,
    pub iccn_not_member: &'static str,
    pub iccn_unknown: &'static str,
    pub reported: &'static str,
    pub since: &'static str,
    pub help_title: &'static str,
    pub help_footer: &'static str,
    pub about_title: &'static str,
    pub copy_title: &'static str,
    pub copy_nothing: &'static str,
    pub copied: &'static str,
    pub open_title: &'static str,
    pub open_nothing: &'static str,
    /// Another program (an import in another shell) changed the directory; the app reloaded.
    pub changed_elsewhere: &'static str,
    pub opened: &'static str,
    pub exported: &'static str,
    pub export_wait: &'static str,
    pub export_empty: &'static str,
    pub open_no_opener: &'static str,
    pub back_empty: &'static str,
    pub kind_label: &'static str,
    pub province_label: &'static str,
    pub subsector_label: &'static str,
    pub no_province: &'static str,
    pub error: &'static str,
    pub scope_search: &'static str,
    pub scope_list: &'static str,
    pub scope_detail: &'static str,
    pub scope_facets: &'static str,
    pub scope_anywhere: &'static str,
    pub not_a_terminal: &'static str,
    pub records: &'static str,
    pub kabupaten: &'static str,
    pub kota: &'static str,
}

/// English.
pub static EN: Strings = Strings {
    app_name: "Jejaring",
    search_placeholder: "type to search: name, kind:space prov:jateng sub:musik iccn:yes",
    loading_index: "loading index…",
    results: "Results",
    provinces: "Provinces",
    cities_of: "Cities of",
    detail: "Detail",
    facets: "Filters",
    no_results: "Nothing found.",
    no_results_hint: "Try fewer letters, or Esc to clear the query.",
    nothing_selected: "Select a record to see its details.",
    related_below: "related records below: Tab",
    related: "Related",
    all: "All",
    yes: "yes",
    no: "no",
    whatsapp_mark: "WhatsApp",
    stale_mark: "stale: check again",
    never_verified: "never verified",
    iccn_member: "ICCN member",
    iccn_not_member: "not an ICCN member (a source says so)",
    iccn_unknown: "membership unknown: no source checked says yes or no",
    reported: "as reported",
    since: "since",
    help_title: "Keys",
    help_footer: "Esc or ? closes this help",
    about_title: "About Jejaring: data sources and licences",
    copy_title: "Copy to clipboard",
    copy_nothing: "Nothing to copy in this record.",
    copied: "Copied",
    open_title: "Link",
    open_nothing: "No website or map position for this record.",
    changed_elsewhere: "The directory was changed elsewhere (an import?): reloaded.",
    opened: "Opened",
    exported: "Exported the results (JSON, import format) to",
    export_wait: "The results are still coming in; export again in a moment.",
    export_empty: "No communities, spaces, organisations or contacts in these results to export.",
    open_no_opener: "No system opener found; copy the link with y:",
    back_empty: "Nothing to go back to.",
    kind_label: "Kind",
    province_label: "Province",
    subsector_label: "Subsector",
    no_province: "(no province)",
    error: "Error",
    scope_search: "search line",
    scope_list: "list",
    scope_detail: "detail",
    scope_facets: "filters",
    scope_anywhere: "anywhere",
    not_a_terminal: "the terminal app needs a terminal; use `jejaring search` or `jejaring show` in scripts",
    records: "records",
    kabupaten: "Kabupaten",
    kota: "Kota",
};

/// Bahasa Indonesia.
pub static ID: Strings = Strings {
    app_name: "Jejaring",
    search_placeholder: "ketik untuk mencari: nama, kind:space prov:jateng sub:musik iccn:yes",
    loading_index: "memuat indeks…",
    results: "Hasil",
    provinces: "Provinsi",
    cities_of: "Kabupaten/kota di",
    detail: "Rincian",
    facets: "Saring",
    no_results: "Tidak ditemukan.",
    no_results_hint: "Coba huruf yang lebih sedikit, atau Esc untuk mengosongkan.",
    nothing_selected: "Pilih satu entri untuk melihat rinciannya.",
    related_below: "entri terkait di bawah: Tab",
    related: "Terkait",
    all: "Semua",
    yes: "ya",
    no: "tidak",
    whatsapp_mark: "WhatsApp",
    stale_mark: "usang: perlu dicek ulang",
    never_verified: "belum pernah diverifikasi",
    iccn_member: "anggota ICCN",
    iccn_not_member: "bukan anggota ICCN (menurut sumber)",
    iccn_unknown: "keanggotaan tidak diketahui: tidak ada sumber yang menyebut ya atau tidak",
    reported: "menurut sumber",
    since: "sejak",
    help_title: "Tombol",
    help_footer: "Esc atau ? menutup bantuan ini",
    about_title: "Tentang Jejaring: sumber data dan lisensi",
    copy_title: "Salin ke papan klip",
    copy_nothing: "Tidak ada yang bisa disalin dari entri ini.",
    copied: "Tersalin",
    open_title: "Tautan",
    open_nothing: "Entri ini tidak punya situs web atau posisi peta.",
    changed_elsewhere: "Direktori diubah di tempat lain (impor?): dimuat ulang.",
    opened: "Dibuka",
    exported: "Hasil diekspor (JSON, format impor) ke",
    export_wait: "Hasil masih dimuat; ekspor lagi sebentar lagi.",
    export_empty: "Tidak ada komunitas, ruang, organisasi atau kontak untuk diekspor dari hasil ini.",
    open_no_opener: "Tidak ada pembuka sistem; salin tautan dengan y:",
    back_empty: "Tidak ada halaman sebelumnya.",
    kind_label: "Jenis",
    province_label: "Provinsi",
    subsector_label: "Subsektor",
    no_province: "(tanpa provinsi)",
    error: "Galat",
    scope_search: "baris cari",
    scope_list: "daftar",
    scope_detail: "rincian",
    scope_facets: "saringan",
    scope_anywhere: "di mana saja",
    not_a_terminal: "aplikasi terminal memerlukan terminal; gunakan `jejaring search` atau `jejaring show` dalam skrip",
    records: "entri",
    kabupaten: "Kabupaten",
    kota: "Kota",
};

/// The name of one record kind, singular.
pub fn kind_name(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::En, Kind::Province) => "Province",
        (Lang::En, Kind::City) => "City",
        (Lang::En, Kind::Community) => "Community",
        (Lang::En, Kind::Space) => "Space",
        (Lang::En, Kind::Organisation) => "Organisation",
        (Lang::En, Kind::Contact) => "Contact",
        (Lang::En, Kind::Event) => "Event",
        (Lang::Id, Kind::Province) => "Provinsi",
        (Lang::Id, Kind::City) => "Kab/Kota",
        (Lang::Id, Kind::Community) => "Komunitas",
        (Lang::Id, Kind::Space) => "Ruang",
        (Lang::Id, Kind::Organisation) => "Organisasi",
        (Lang::Id, Kind::Contact) => "Kontak",
        (Lang::Id, Kind::Event) => "Acara",
    }
}

/// The name of a group of records of one kind (tab titles).
pub fn kind_plural(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::En, Kind::Province) => "Provinces",
        (Lang::En, Kind::City) => "Cities",
        (Lang::En, Kind::Community) => "Communities",
        (Lang::En, Kind::Space) => "Spaces",
        (Lang::En, Kind::Organisation) => "Organisations",
        (Lang::En, Kind::Contact) => "Contacts",
        (Lang::En, Kind::Event) => "Events",
        (Lang::Id, Kind::Province) => "Provinsi",
        (Lang::Id, Kind::City) => "Kab/Kota",
        (Lang::Id, Kind::Community) => "Komunitas",
        (Lang::Id, Kind::Space) => "Ruang",
        (Lang::Id, Kind::Organisation) => "Organisasi",
        (Lang::Id, Kind::Contact) => "Kontak",
        (Lang::Id, Kind::Event) => "Acara",
    }
}

/// The list tag of a kabupaten/kota by its own kind: `KAB`/`KOT` (the Indonesian words'
/// abbreviations, the same in both languages).
pub fn city_tag(kota: bool) -> &'static str {
    if kota { "KOT" } else { "KAB" }
}

/// A short tag for a kind in result lists (3 letters).
pub fn kind_tag(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (_, Kind::Province) => "PRV",
        (_, Kind::City) => "KAB",
        (_, Kind::Community) => "KOM",
        (Lang::En, Kind::Space) => "SPC",
        (Lang::Id, Kind::Space) => "RNG",
        (_, Kind::Organisation) => "ORG",
        (_, Kind::Contact) => "KTK",
        (Lang::En, Kind::Event) => "EVT",
        (Lang::Id, Kind::Event) => "ACR",
    }
}

/// The heading of a group of related records.
pub fn relation_name(lang: Lang, rel: Relation) -> &'static str {
    match (lang, rel) {
        (Lang::En, Relation::Province) => "Province",
        (Lang::En, Relation::City) => "City",
        (Lang::En, Relation::Cities) => "Cities",
        (Lang::En, Relation::Communities) => "Communities",
        (Lang::En, Relation::Spaces) => "Spaces",
        (Lang::En, Relation::Organisations) => "Organisations",
        (Lang::En, Relation::Contacts) => "Contacts",
        (Lang::En, Relation::Events) => "Events",
        (Lang::En, Relation::BasedAt) => "Based at",
        (Lang::En, Relation::Operator) => "Operated by",
        (Lang::En, Relation::Operates) => "Operates",
        (Lang::En, Relation::BasedHere) => "Communities based here",
        (Lang::En, Relation::People) => "People",
        (Lang::En, Relation::PastPeople) => "Past holders",
        (Lang::En, Relation::Roles) => "Roles",
        (Lang::En, Relation::Venue) => "Venue",
        (Lang::Id, Relation::Province) => "Provinsi",
        (Lang::Id, Relation::City) => "Kab/Kota",
        (Lang::Id, Relation::Cities) => "Kabupaten/kota",
        (Lang::Id, Relation::Communities) => "Komunitas",
        (Lang::Id, Relation::Spaces) => "Ruang kreatif",
        (Lang::Id, Relation::Organisations) => "Organisasi",
        (Lang::Id, Relation::Contacts) => "Kontak",
        (Lang::Id, Relation::Events) => "Acara",
        (Lang::Id, Relation::BasedAt) => "Bermarkas di",
        (Lang::Id, Relation::Operator) => "Dikelola oleh",
        (Lang::Id, Relation::Operates) => "Mengelola",
        (Lang::Id, Relation::BasedHere) => "Komunitas yang bermarkas di sini",
        (Lang::Id, Relation::People) => "Orang",
        (Lang::Id, Relation::PastPeople) => "Pemegang jabatan sebelumnya",
        (Lang::Id, Relation::Roles) => "Peran",
        (Lang::Id, Relation::Venue) => "Tempat",
    }
}

/// The label of a field in detail panes and `jejaring show`.
pub fn field_label(lang: Lang, field: Field) -> &'static str {
    let en = lang == Lang::En;
    let pick = |e: &'static str, i: &'static str| if en { e } else { i };
    match field {
        Field::Code => pick("Code", "Kode"),
        Field::CityKind => pick("Kind", "Jenis"),
        Field::Province => pick("Province", "Provinsi"),
        Field::City => pick("City", "Kab/Kota"),
        Field::Seat => pick("Seat", "Ibu kota"),
        Field::Aliases => pick("Also called", "Disebut juga"),
        Field::Type => pick("Type", "Jenis"),
        Field::Address => pick("Address", "Alamat"),
        Field::Coordinates => pick("Position", "Koordinat"),
        Field::CoordSource => pick("Position from", "Sumber koordinat"),
        Field::OpeningHours => pick("Opening hours", "Jam buka"),
        Field::Phone => pick("Phone", "Telepon"),
        Field::WhatsApp => "WhatsApp",
        Field::Email => pick("E-mail", "Surel"),
        Field::Website => pick("Website", "Situs web"),
        Field::Instagram => "Instagram",
        Field::Subsectors => pick("Subsectors", "Subsektor"),
        Field::Tags => pick("Tags", "Label"),
        Field::Facilities => pick("Facilities", "Fasilitas"),
        Field::Founded => pick("Founded", "Berdiri"),
        Field::Iccn => "ICCN",
        Field::Kata => pick("KaTa Kreatif", "KaTa Kreatif"),
        Field::Unesco => pick("UNESCO Creative City", "Kota Kreatif UNESCO"),
        Field::Visibility => pick("Visibility", "Visibilitas"),
        Field::Year => pick("Year", "Tahun"),
        Field::Dates => pick("Dates", "Tanggal"),
        Field::Description => pick("About", "Keterangan"),
        Field::Sources => pick("Sources", "Sumber"),
        Field::LastVerified => pick("Last verified", "Terakhir dicek"),
        Field::Synthetic => pick("Synthetic", "Sintetis"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_selects_language() {
        assert_eq!(Lang::from_locale("id_ID.UTF-8"), Lang::Id);
        assert_eq!(Lang::from_locale("ID"), Lang::Id);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
        assert_eq!(Lang::from_code("id"), Some(Lang::Id));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn catalogues_differ_where_they_should() {
        assert_ne!(EN.search_placeholder, ID.search_placeholder);
        assert_eq!(kind_name(Lang::Id, Kind::Community), "Komunitas");
        assert_eq!(relation_name(Lang::En, Relation::BasedAt), "Based at");
        assert_eq!(field_label(Lang::Id, Field::Phone), "Telepon");
    }
}
