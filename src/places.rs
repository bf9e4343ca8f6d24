//! Where a record is on the map: cities at their seat; spaces at their own coordinate, else
//! their city's seat; communities, organisations, contacts and events at their city's seat;
//! provinces at the middle of their box. The bridge between the search index's rows (which
//! carry a city index, not a coordinate) and [`crate::geo`]: a per-city seat table and the
//! spaces' own coordinates, looked up per row, so a million results place without loading one
//! record. Used by the map pane, the nearby list and `jejaring near`.

use crate::geo::nearby::NearbyIndex;
use crate::i18n::Lang;
use crate::model::Kind;
use crate::search::{Index, Record, RecordId, Regions};
use crate::store::{Result, Store};
use std::collections::HashMap;

/// Why a record stands where it does: the basis of its distances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A coordinate of its own (a space with `lat`/`lon`).
    Own,
    /// The seat of the city with this index in [`Regions::cities`] (for a city: its own seat).
    Seat(u16),
    /// The middle of the box of the province with this index in [`Regions::provinces`].
    Province(u8),
}

/// A position and its basis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub lat: f64,
    pub lon: f64,
    pub basis: Basis,
}

/// One entry of a nearby list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub id: RecordId,
    pub km: f64,
    pub basis: Basis,
}

/// The lookup tables: seats by city index, province middles by province index, and the
/// spaces that have their own coordinate, by rowid.
#[derive(Debug, Clone, Default)]
pub struct Places {
    seats: Vec<Option<(f64, f64)>>,
    provinces: Vec<Option<(f64, f64)>>,
    own: HashMap<i64, (f64, f64)>,
}

impl Places {
    /// Reads the tables for an index built over `regions` (matched by code, so the order of
    /// the index's region tables is all that counts).
    pub fn load(store: &Store, regions: &Regions) -> Result<Places> {
        let seats: HashMap<String, (f64, f64)> = store
            .cities()?
            .into_iter()
            .filter_map(|c| Some((c.code, (c.lat?, c.lon?))))
            .collect();
        let middles: HashMap<String, (f64, f64)> = store
            .provinces()?
            .into_iter()
            .filter_map(|p| {
                let b = p.bounds?;
                Some((
                    p.code,
                    (
                        f64::midpoint(b.min_lat, b.max_lat),
                        f64::midpoint(b.min_lon, b.max_lon),
                    ),
                ))
            })
            .collect();
        Ok(Places {
            seats: regions
                .cities
                .iter()
                .map(|c| seats.get(&c.code).copied())
                .collect(),
            provinces: regions
                .provinces
                .iter()
                .map(|p| middles.get(&p.code).copied())
                .collect(),
            own: store
                .space_coords()?
                .into_iter()
                .map(|(rid, lat, lon)| (rid, (lat, lon)))
                .collect(),
        })
    }

    /// Tables given directly (benchmarks, tests): seats by city index, province middles by
    /// province index, own coordinates of spaces by rowid.
    pub fn from_tables(
        seats: Vec<Option<(f64, f64)>>,
        provinces: Vec<Option<(f64, f64)>>,
        own: HashMap<i64, (f64, f64)>,
    ) -> Places {
        Places {
            seats,
            provinces,
            own,
        }
    }

    /// Where `rec` stands, if anywhere.
    pub fn place(&self, rec: &Record<'_>) -> Option<Place> {
        let at = |(lat, lon): (f64, f64), basis| Place { lat, lon, basis };
        if rec.kind == Kind::Space
            && let Some(&p) = self.own.get(&rec.rowid)
        {
            return Some(at(p, Basis::Own));
        }
        if rec.kind == Kind::Province {
            let p = rec.province?;
            return Some(at(
                (*self.provinces.get(usize::from(p))?)?,
                Basis::Province(p),
            ));
        }
        let c = rec.city?;
        Some(at((*self.seats.get(usize::from(c))?)?, Basis::Seat(c)))
    }

    /// The positions of `ids` as `(lat, lon)` into `out` (cleared first): the map's markers.
    /// Records without a place are left out.
    pub fn markers_into(&self, index: &Index, ids: &[RecordId], out: &mut Vec<(f64, f64)>) {
        out.clear();
        out.reserve(ids.len());
        out.extend(
            ids.iter()
                .filter_map(|&id| self.place(&index.record(id)))
                .map(|p| (p.lat, p.lon)),
        );
    }

    /// A spatial index over every placed record of `index` but provinces (a province is an
    /// area, not a place near something), by record id.
    pub fn nearby_index(&self, index: &Index) -> NearbyIndex {
        NearbyIndex::new((0..index.len() as RecordId).filter_map(|id| {
            let rec = index.record(id);
            if rec.kind == Kind::Province {
                return None;
            }
            self.place(&rec).map(|p| (id, p.lat, p.lon))
        }))
    }

    /// The records within `km` of `origin`, nearest first, without `origin` itself; only `kind`
    /// when given, at most `limit`. `None` when `origin` has no place.
    pub fn near(
        &self,
        index: &Index,
        nearby: &NearbyIndex,
        origin: RecordId,
        km: f64,
        kind: Option<Kind>,
        limit: usize,
    ) -> Option<Vec<Near>> {
        let from = self.place(&index.record(origin))?;
        let mut out = Vec::new();
        nearby.within_into(from.lat, from.lon, km, &mut out);
        Some(
            out.into_iter()
                .filter(|&(id, _)| id != origin)
                .filter_map(|(id, d)| {
                    let rec = index.record(id);
                    if kind.is_some_and(|k| k != rec.kind) {
                        return None;
                    }
                    Some(Near {
                        id,
                        km: d,
                        basis: self.place(&rec)?.basis,
                    })
                })
                .take(limit)
                .collect(),
        )
    }
}

/// The basis of a distance in words: "own coordinate", "seat", "seat of Kota Semarang".
/// `kind` is the record's kind (a city's seat is its own).
pub fn basis_text(lang: Lang, regions: &Regions, kind: Kind, basis: Basis) -> String {
    let g = lang.geo();
    match basis {
        Basis::Own => g.basis_own.to_string(),
        Basis::Seat(_) if kind == Kind::City => g.basis_city_seat.to_string(),
        Basis::Seat(c) => match regions.cities.get(usize::from(c)) {
            Some(city) => format!("{} {}", g.basis_seat_of, city.name),
            None => g.basis_seat_of.to_string(),
        },
        Basis::Province(_) => g.basis_province.to_string(),
    }
}

/// The index record with `kind` and `rowid`, by a scan (once per `jejaring near`).
pub fn find(index: &Index, kind: Kind, rowid: i64) -> Option<RecordId> {
    (0..index.len() as RecordId).find(|&id| {
        let r = index.record(id);
        r.kind == kind && r.rowid == rowid
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded() -> (Store, Index, Places) {
        let store = crate::service::open_seeded_in_memory().expect("store");
        let index = crate::index_load::load_index(&store, None).expect("index");
        let places = Places::load(&store, index.regions()).expect("places");
        (store, index, places)
    }

    fn name_of(index: &Index, id: RecordId) -> &str {
        index.name(id)
    }

    #[test]
    fn semarang_neighbours_with_plausible_distances() {
        let (store, index, places) = seeded();
        let rid = store
            .rowid_of(Kind::City, "33.74")
            .expect("query")
            .expect("Kota Semarang");
        let origin = find(&index, Kind::City, rid).expect("in the index");
        let nearby = places.nearby_index(&index);
        let near = places
            .near(&index, &nearby, origin, 60.0, Some(Kind::City), 50)
            .expect("Semarang has a seat");
        let dist = |name: &str| {
            near.iter()
                .find(|n| name_of(&index, n.id) == name)
                .map(|n| n.km)
        };
        for name in ["Kabupaten Semarang", "Kabupaten Demak", "Kabupaten Kendal"] {
            assert!(dist(name).is_some_and(|d| d < 60.0), "{name}: {near:?}");
        }
        let salatiga = dist("Kota Salatiga").expect("Salatiga within 60 km");
        assert!((salatiga - 38.0).abs() < 2.0, "{salatiga}");
        assert!(near.windows(2).all(|w| w[0].km <= w[1].km));
        assert!(near.iter().all(|n| n.id != origin));
        let text = basis_text(Lang::En, index.regions(), Kind::City, near[0].basis);
        assert_eq!(text, "seat");
    }

    #[test]
    fn records_without_own_coordinates_stand_at_their_city_seat() {
        let (_store, index, places) = seeded();
        let mut seen_seat = false;
        for id in 0..index.len() as RecordId {
            let rec = index.record(id);
            if rec.kind == Kind::Community
                && let Some(p) = places.place(&rec)
            {
                assert_eq!(p.basis, Basis::Seat(rec.city.unwrap_or(u16::MAX)));
                let text = basis_text(Lang::En, index.regions(), rec.kind, p.basis);
                assert!(text.starts_with("seat of K"), "{text}");
                seen_seat = true;
            }
        }
        assert!(seen_seat);
        let mut markers = Vec::new();
        let ids: Vec<RecordId> = (0..index.len() as RecordId).collect();
        places.markers_into(&index, &ids, &mut markers);
        assert!(markers.len() > 514, "{}", markers.len());
        assert!(
            markers
                .iter()
                .all(|&(lat, lon)| crate::geo::GeoBox::INDONESIA.contains(lat, lon))
        );
    }
}
