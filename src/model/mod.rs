//! Plain record structs per kind, shared by the store, search, import/export and the UI.
//! No SQL and no terminal types live here.
//!
//! - [`rules`]  domain rules shared by every layer (yes/no words, lists, staleness, subsectors)
//! - [`schema`] one declaration per record kind: its fields, columns, form and detail order

mod any;
pub mod rules;
pub mod schema;

pub use any::AnyRecord;

pub use rules::{SUBSECTORS, normalise_subsector, subsector_name};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of record the directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Province,
    City,
    Community,
    Space,
    Organisation,
    Contact,
    Event,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 7] = [
        Kind::Province,
        Kind::City,
        Kind::Community,
        Kind::Space,
        Kind::Organisation,
        Kind::Contact,
        Kind::Event,
    ];

    /// The kinds a coordinator edits and imports (regions are official data), in display
    /// order (tabs, menus).
    pub const EDITABLE: [Kind; 4] = [
        Kind::Community,
        Kind::Space,
        Kind::Organisation,
        Kind::Contact,
    ];

    /// The editable kinds in the order references need them (an organisation before the space
    /// it operates, a space before the community based there, all before contacts' roles): the
    /// order of import, of the bundled directory and of a multi-kind export.
    pub const IMPORT_ORDER: [Kind; 4] = [
        Kind::Organisation,
        Kind::Space,
        Kind::Community,
        Kind::Contact,
    ];

    /// Singular lowercase name used in the CLI, files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::City => "city",
            Kind::Community => "community",
            Kind::Space => "space",
            Kind::Organisation => "organisation",
            Kind::Contact => "contact",
            Kind::Event => "event",
        }
    }

    /// Plural name, used for default file names (`communities.csv`).
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Province => "provinces",
            Kind::City => "cities",
            Kind::Community => "communities",
            Kind::Space => "spaces",
            Kind::Organisation => "organisations",
            Kind::Contact => "contacts",
            Kind::Event => "events",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a kind name that is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown kind '{0}' (expected province, city, community, space, organisation, contact or event)"
)]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    /// Accepts singular and plural, English and Indonesian, any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase();
        Ok(match k.as_str() {
            "province" | "provinces" | "prov" | "provinsi" => Kind::Province,
            "city" | "cities" | "kota" | "kabupaten" | "kab" | "regency" | "kabkota" => Kind::City,
            "community" | "communities" | "komunitas" | "comm" => Kind::Community,
            "space" | "spaces" | "ruang" | "hub" | "hubs" => Kind::Space,
            "organisation" | "organisations" | "organization" | "organizations" | "org"
            | "orgs" | "organisasi" | "lembaga" => Kind::Organisation,
            "contact" | "contacts" | "kontak" | "person" | "people" | "orang" => Kind::Contact,
            "event" | "events" | "acara" | "kegiatan" => Kind::Event,
            _ => return Err(UnknownKind(s.to_string())),
        })
    }
}

/// A province (provinsi).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Province {
    /// Kemendagri code, two digits (`33`).
    pub code: String,
    pub name: String,
    /// Common abbreviations (`jateng`, `dki`), lowercase.
    pub aliases: Vec<String>,
    /// A box that contains the whole province (for checks and the map).
    pub bounds: Option<Bounds>,
    pub unesco_field: Option<String>,
    pub unesco_year: Option<i32>,
    pub source: Option<String>,
    /// `YYYY-MM-DD` of the newest source checked for the province's facts.
    pub last_verified: Option<String>,
}

/// A latitude/longitude box.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

impl Bounds {
    /// Indonesia's extent, with a small margin: Sabang to Merauke, Miangas to Rote.
    pub const INDONESIA: Bounds = Bounds {
        min_lat: -11.5,
        max_lat: 6.5,
        min_lon: 94.5,
        max_lon: 141.5,
    };

    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.min_lat..=self.max_lat).contains(&lat) && (self.min_lon..=self.max_lon).contains(&lon)
    }
}

/// Kabupaten or kota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CityKind {
    Kabupaten,
    Kota,
}

impl CityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CityKind::Kabupaten => "kabupaten",
            CityKind::Kota => "kota",
        }
    }
}

/// Whether a kabupaten/kota is an ICCN member, as far as the sources say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IccnStatus {
    Yes,
    No,
    /// No source checked says either way (not the same as "no").
    #[default]
    Unknown,
}

impl IccnStatus {
    /// The stored and exported word.
    pub fn as_str(self) -> &'static str {
        match self {
            IccnStatus::Yes => "yes",
            IccnStatus::No => "no",
            IccnStatus::Unknown => "unknown",
        }
    }

    /// Reads a stored word or a file cell (`yes`/`ya`, `no`/`tidak`, blank or `unknown`).
    pub fn parse(s: &str) -> Option<IccnStatus> {
        let t = s.trim().to_lowercase();
        match t.as_str() {
            "" | "unknown" | "tidak diketahui" | "?" => Some(IccnStatus::Unknown),
            _ => rules::yes_no(&t).map(|y| if y { IccnStatus::Yes } else { IccnStatus::No }),
        }
    }
}

/// A kabupaten or kota with its seat coordinate and network facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct City {
    /// Kemendagri code in dotted form (`33.74`).
    pub code: String,
    pub name: String,
    pub kind: CityKind,
    pub province_code: String,
    pub seat: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub coord_source: Option<String>,
    pub coord_quality: Option<String>,
    /// ICCN membership as the sources state it; unknown unless a source says yes or no.
    pub iccn_status: IccnStatus,
    pub iccn_forum: Option<String>,
    pub iccn_joined: Option<i32>,
    /// The source of the membership statement, and the date it shows it (`YYYY-MM-DD`).
    pub iccn_source: Option<String>,
    pub iccn_reported: Option<String>,
    /// Year first certified KaTa Kreatif (Kabupaten/Kota Kreatif Indonesia).
    pub kata_year: Option<i32>,
    /// Subsector slugs the certification names (empty when the source gives none).
    pub kata_subsectors: Vec<String>,
    pub kata_source: Option<String>,
    pub unesco_field: Option<String>,
    pub unesco_year: Option<i32>,
    pub source: Option<String>,
    pub last_verified: Option<String>,
}

/// Fields every editable record carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Stable id (UUID) that survives export and re-import.
    pub id: String,
    /// RFC 3339 timestamps, set by the store.
    pub created_at: String,
    pub updated_at: String,
    /// `YYYY-MM-DD` of the last check against a source.
    pub last_verified: Option<String>,
    pub source: Option<String>,
    /// Generated for scale tests, never real.
    pub synthetic: bool,
}

/// Public channels shared by communities, spaces and organisations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Channels {
    pub website: Option<String>,
    pub instagram: Option<String>,
    pub email: Option<String>,
    /// E.164 (`+62…`).
    pub phone: Option<String>,
    /// E.164 WhatsApp number; equal to `phone` when the phone is on WhatsApp.
    pub whatsapp: Option<String>,
}

/// A creative community (komunitas).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Community {
    pub meta: Meta,
    pub name: String,
    pub city_code: Option<String>,
    /// Official subsector slugs and free tags.
    pub subsectors: Vec<String>,
    pub description: Option<String>,
    pub founded_year: Option<i32>,
    /// Id of the space the community is based at.
    pub space_id: Option<String>,
    pub channels: Channels,
}

/// A creative space: hub, co-working, makerspace, technopark, gallery, …
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Space {
    pub meta: Meta,
    pub name: String,
    /// Free text type (`creative hub`, `technopark`, `co-working`, …).
    pub space_type: Option<String>,
    pub city_code: Option<String>,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Where `lat`/`lon` come from (an official page, an OpenStreetMap node), or "city seat"
    /// when the space has no position of its own.
    pub coord_source: Option<String>,
    /// Id of the organisation operating the space.
    pub operator_id: Option<String>,
    pub facilities: Vec<String>,
    pub opening_hours: Option<String>,
    pub description: Option<String>,
    pub channels: Channels,
}

/// A ministry, agency, company, university, network or forum.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub meta: Meta,
    pub name: String,
    pub org_type: Option<String>,
    pub city_code: Option<String>,
    pub description: Option<String>,
    pub channels: Channels,
}

/// Who may see a contact's personal fields in exports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    #[default]
    Private,
    Network,
    Public,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Network => "network",
            Visibility::Public => "public",
        }
    }
}

impl FromStr for Visibility {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "private" | "pribadi" | "privat" => Ok(Visibility::Private),
            "network" | "jaringan" => Ok(Visibility::Network),
            "public" | "publik" | "umum" => Ok(Visibility::Public),
            other => Err(format!(
                "'{other}' is not a visibility (private, network or public)"
            )),
        }
    }
}

/// A person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub meta: Meta,
    pub name: String,
    pub city_code: Option<String>,
    pub visibility: Visibility,
    pub channels: Channels,
    pub roles: Vec<Role>,
}

/// A contact's role in a community, space or organisation, with its term.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub role: String,
    /// Id of the community, space or organisation.
    pub target_id: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// A network event (Rakornas, ICCC/ICCF).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub meta: Meta,
    pub name: String,
    pub event_type: Option<String>,
    pub year: Option<i32>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub city_codes: Vec<String>,
    pub venue_id: Option<String>,
    pub description: Option<String>,
}

/// How a group of related records relates to the record shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Province,
    City,
    Cities,
    Communities,
    Spaces,
    Organisations,
    Contacts,
    Events,
    /// The space a community is based at.
    BasedAt,
    /// The organisation operating a space.
    Operator,
    /// Spaces an organisation operates.
    Operates,
    /// Communities based at a space.
    BasedHere,
    /// People with a role in the record.
    People,
    /// People who held a role in the record before its current holder.
    PastPeople,
    /// A contact's roles.
    Roles,
    Venue,
}

/// A short reference to any record, for lists of related records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    pub kind: Kind,
    /// UUID for editable records, Kemendagri code for regions.
    pub id: String,
    pub name: String,
    /// A short note: a role, a city name, a space type.
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_in_both_languages_and_plurals() {
        assert_eq!("spaces".parse::<Kind>(), Ok(Kind::Space));
        assert_eq!("Komunitas".parse::<Kind>(), Ok(Kind::Community));
        assert_eq!("organizations".parse::<Kind>(), Ok(Kind::Organisation));
        assert!("widget".parse::<Kind>().is_err());
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
            assert_eq!(k.plural().parse::<Kind>(), Ok(k));
        }
    }
}
