//! The bundled data, embedded in the binary: the official regions and the starter directory.
//! A new database is filled from here, so the first run needs no files and no network.

use crate::model::{Bounds, City, CityKind, Event, IccnStatus, Kind, Meta, Province, rules};
use crate::store::{Result, Store, StoreError, Writer};
use serde::Deserialize;

/// An embedded file: its path under `assets/` (for messages) and its text.
pub struct Asset {
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! asset {
    ($p:literal) => {
        Asset {
            path: $p,
            text: include_str!(concat!("../assets/", $p)),
        }
    };
}

pub const PROVINCES: Asset = asset!("regions/provinces.csv");
pub const CITIES: Asset = asset!("regions/cities.csv");
pub const PROVINCE_FACTS: Asset = asset!("directory/provinces.csv");
pub const CITY_FACTS: Asset = asset!("directory/cities.csv");
pub const EVENTS: Asset = asset!("directory/events.csv");
/// ICCN membership per kab/kota, each row with its source and the date the source shows it.
pub const MEMBERSHIP: Asset = asset!("directory/membership.csv");
/// KaTa Kreatif certifications per kab/kota.
pub const KATA: Asset = asset!("directory/kata_kreatif.csv");
/// The starter directory in the import format, in the order references need them
/// ([`Kind::IMPORT_ORDER`]; a test keeps the two the same).
pub const DIRECTORY: [(Kind, Asset); 4] = [
    (Kind::Organisation, asset!("directory/organisations.csv")),
    (Kind::Space, asset!("directory/spaces.csv")),
    (Kind::Community, asset!("directory/communities.csv")),
    (Kind::Contact, asset!("directory/contacts.csv")),
];
/// Attributions shown by `jejaring about` and the about view.
pub const ATTRIBUTIONS: &str = include_str!("../assets/ATTRIBUTIONS.txt");

#[derive(Deserialize)]
struct ProvinceRow {
    code: String,
    name: String,
    aliases: String,
    min_lat: Option<f64>,
    max_lat: Option<f64>,
    min_lon: Option<f64>,
    max_lon: Option<f64>,
}

#[derive(Deserialize)]
struct CityRow {
    code: String,
    name: String,
    kind: String,
    province_code: String,
    seat: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    coord_source: Option<String>,
    coord_quality: Option<String>,
}

/// A UNESCO designation overlay row (provinces and cities share the format).
#[derive(Deserialize)]
struct FactRow {
    code: String,
    unesco_field: Option<String>,
    unesco_year: Option<i32>,
    source: Option<String>,
    last_verified: Option<String>,
}

/// One row of `membership.csv`.
#[derive(Deserialize)]
pub struct MembershipRow {
    pub code: String,
    pub iccn_member: String,
    pub forum: Option<String>,
    pub joined: Option<i32>,
    pub source: Option<String>,
    pub reported: Option<String>,
}

/// One row of `kata_kreatif.csv`.
#[derive(Deserialize)]
pub struct KataRow {
    pub code: String,
    pub city_name: String,
    pub year: i32,
    pub subsectors: String,
    pub source: Option<String>,
}

#[derive(Deserialize)]
struct EventRow {
    id: String,
    name: String,
    #[serde(rename = "type")]
    event_type: Option<String>,
    year: Option<i32>,
    start_date: Option<String>,
    end_date: Option<String>,
    cities: String,
    venue: Option<String>,
    description: Option<String>,
    source: Option<String>,
    last_verified: Option<String>,
}

/// Parses one embedded CSV into typed rows; a bad row names the file and line.
pub fn rows<T: for<'de> Deserialize<'de>>(asset: &Asset) -> Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(asset.text.as_bytes());
    reader
        .deserialize()
        .map(|r| {
            r.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                StoreError::Assets(format!("{}:{line}: {e}", asset.path))
            })
        })
        .collect()
}

/// Fills an empty store with the regions and the starter directory, in one transaction.
pub fn seed(store: &mut Store) -> Result<()> {
    store.write(seed_in)
}

fn seed_in(w: &Writer<'_>) -> Result<()> {
    w.as_common_base();
    seed_regions(w)?;
    for (kind, asset) in &DIRECTORY {
        crate::io::import::load_bundled(w, *kind, asset.path, asset.text)?;
    }
    seed_events(w)
}

fn seed_regions(w: &Writer<'_>) -> Result<()> {
    let facts: Vec<FactRow> = rows(&PROVINCE_FACTS)?;
    for p in rows::<ProvinceRow>(&PROVINCES)? {
        let fact = facts.iter().find(|f| f.code == p.code);
        let bounds = match (p.min_lat, p.max_lat, p.min_lon, p.max_lon) {
            (Some(min_lat), Some(max_lat), Some(min_lon), Some(max_lon)) => Some(Bounds {
                min_lat,
                max_lat,
                min_lon,
                max_lon,
            }),
            _ => None,
        };
        w.put_province(&Province {
            code: p.code,
            name: p.name,
            aliases: rules::list(&p.aliases),
            bounds,
            unesco_field: fact.and_then(|f| f.unesco_field.clone()),
            unesco_year: fact.and_then(|f| f.unesco_year),
            source: fact.and_then(|f| f.source.clone()),
            last_verified: fact.and_then(|f| f.last_verified.clone()),
        })?;
    }
    let facts: Vec<FactRow> = rows(&CITY_FACTS)?;
    let members: Vec<MembershipRow> = rows(&MEMBERSHIP)?;
    let kata: Vec<KataRow> = rows(&KATA)?;
    for c in rows::<CityRow>(&CITIES)? {
        let fact = facts.iter().find(|f| f.code == c.code);
        let member = members.iter().find(|m| m.code == c.code);
        let certified = kata.iter().find(|k| k.code == c.code);
        let iccn_status = match member {
            None => IccnStatus::Unknown,
            Some(m) => IccnStatus::parse(&m.iccn_member).ok_or_else(|| {
                StoreError::Assets(format!(
                    "{}: city {} has iccn_member '{}' (expected yes, no or unknown)",
                    MEMBERSHIP.path, c.code, m.iccn_member
                ))
            })?,
        };
        let kind = match c.kind.as_str() {
            "kota" => CityKind::Kota,
            "kabupaten" => CityKind::Kabupaten,
            other => {
                return Err(StoreError::Assets(format!(
                    "{}: city {} has kind '{other}' (expected kabupaten or kota)",
                    CITIES.path, c.code
                )));
            }
        };
        w.put_city(&City {
            code: c.code,
            name: c.name,
            kind,
            province_code: c.province_code,
            seat: c.seat,
            lat: c.lat,
            lon: c.lon,
            coord_source: c.coord_source,
            coord_quality: c.coord_quality,
            iccn_status,
            iccn_forum: member.and_then(|m| m.forum.clone()),
            iccn_joined: member.and_then(|m| m.joined),
            iccn_source: member.and_then(|m| m.source.clone()),
            iccn_reported: member.and_then(|m| m.reported.clone()),
            kata_year: certified.map(|k| k.year),
            kata_subsectors: certified
                .map(|k| rules::list(&k.subsectors))
                .unwrap_or_default(),
            kata_source: certified.and_then(|k| k.source.clone()),
            unesco_field: fact.and_then(|f| f.unesco_field.clone()),
            unesco_year: fact.and_then(|f| f.unesco_year),
            source: fact.and_then(|f| f.source.clone()),
            last_verified: newest([
                fact.and_then(|f| f.last_verified.as_deref()),
                member.and_then(|m| m.reported.as_deref()),
                certified.and_then(|k| newest_date(k.source.as_deref())),
            ]),
        })?;
    }
    Ok(())
}

fn seed_events(w: &Writer<'_>) -> Result<()> {
    for e in rows::<EventRow>(&EVENTS)? {
        let venue_id = match e.venue.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => Some(
                w.ids_named::<crate::model::Space>(v, None)?
                    .into_iter()
                    .next()
                    .ok_or_else(|| {
                        StoreError::Assets(format!(
                            "{}: event '{}' names venue '{v}', which is not in spaces.csv",
                            EVENTS.path, e.name
                        ))
                    })?,
            ),
        };
        let mut ev = Event {
            meta: Meta {
                id: e.id,
                source: e.source,
                last_verified: e.last_verified,
                ..Meta::default()
            },
            name: e.name,
            event_type: e.event_type,
            year: e.year,
            start_date: e.start_date,
            end_date: e.end_date,
            city_codes: rules::list(&e.cities),
            venue_id,
            description: e.description,
        };
        w.insert(&mut ev)?;
    }
    Ok(())
}

/// The newest of some `YYYY-MM-DD` dates (they sort as text).
fn newest<'a>(dates: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    dates.into_iter().flatten().max().map(str::to_string)
}

/// The newest full date (`(YYYY-MM-DD)`) a source list names, if any.
fn newest_date(source: Option<&str>) -> Option<&str> {
    let s = source?;
    s.match_indices('(')
        .filter_map(|(i, _)| s.get(i + 1..i + 11))
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_is_loaded_in_import_order() {
        assert_eq!(DIRECTORY.map(|(k, _)| k), Kind::IMPORT_ORDER);
    }
}
