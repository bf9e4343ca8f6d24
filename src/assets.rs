//! The bundled data, embedded in the binary: the official regions and the starter directory.
//! A new database is filled from here, so the first run needs no files and no network.

use crate::model::{Bounds, City, CityKind, Event, Kind, Meta, Province, rules};
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

#[derive(Deserialize)]
struct ProvinceFactRow {
    code: String,
    unesco_field: Option<String>,
    unesco_year: Option<i32>,
    source: Option<String>,
}

#[derive(Deserialize)]
struct CityFactRow {
    code: String,
    iccn_member: Option<String>,
    iccn_forum: Option<String>,
    iccn_joined: Option<i32>,
    unesco_field: Option<String>,
    unesco_year: Option<i32>,
    source: Option<String>,
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

fn yes(s: Option<&str>) -> bool {
    s.is_some_and(rules::is_yes)
}

/// Fills an empty store with the regions and the starter directory, in one transaction.
pub fn seed(store: &mut Store) -> Result<()> {
    store.write(seed_in)
}

fn seed_in(w: &Writer<'_>) -> Result<()> {
    seed_regions(w)?;
    for (kind, asset) in &DIRECTORY {
        crate::io::import::load_bundled(w, *kind, asset.path, asset.text)?;
    }
    seed_events(w)
}

fn seed_regions(w: &Writer<'_>) -> Result<()> {
    let facts: Vec<ProvinceFactRow> = rows(&PROVINCE_FACTS)?;
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
        })?;
    }
    let facts: Vec<CityFactRow> = rows(&CITY_FACTS)?;
    for c in rows::<CityRow>(&CITIES)? {
        let fact = facts.iter().find(|f| f.code == c.code);
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
            iccn_member: yes(fact.and_then(|f| f.iccn_member.as_deref())),
            iccn_forum: fact.and_then(|f| f.iccn_forum.clone()),
            iccn_joined: fact.and_then(|f| f.iccn_joined),
            unesco_field: fact.and_then(|f| f.unesco_field.clone()),
            unesco_year: fact.and_then(|f| f.unesco_year),
            source: fact.and_then(|f| f.source.clone()),
            last_verified: None,
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
                last_verified: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_is_loaded_in_import_order() {
        assert_eq!(DIRECTORY.map(|(k, _)| k), Kind::IMPORT_ORDER);
    }
}
