//! The words of the map pane, the nearby list and `jejaring near` (Bahasa Indonesia and
//! English), beside the main catalogue so the map feature's strings live together.

use super::Lang;

/// Fixed strings of the map and nearby views. One static per language: [`GEO_EN`], [`GEO_ID`].
#[derive(Debug)]
pub struct GeoStrings {
    pub map_title: &'static str,
    pub nearby_title: &'static str,
    /// Basis of a distance: the record's own coordinate.
    pub basis_own: &'static str,
    /// Basis for a city: its own seat (the kabupaten/kota's government seat).
    pub basis_city_seat: &'static str,
    /// Basis for a record placed at its city's seat; followed by the city's name.
    pub basis_seat_of: &'static str,
    /// Basis for a province: the middle of its bounding box.
    pub basis_province: &'static str,
    /// The selected record has no position (no city, no coordinate).
    pub no_position: &'static str,
    /// Nothing lies within the radius.
    pub nearby_none: &'static str,
    /// The nearby list's key hints.
    pub nearby_keys: &'static str,
    /// Markers on the map, after the count.
    pub on_map: &'static str,
    /// `jejaring near`: the record has no coordinate to measure from.
    pub cli_no_position: &'static str,
    /// `jejaring near`: no record has this id or code.
    pub cli_not_found: &'static str,
}

/// English.
pub static GEO_EN: GeoStrings = GeoStrings {
    map_title: "Map",
    nearby_title: "Nearby",
    basis_own: "own coordinate",
    basis_city_seat: "seat",
    basis_seat_of: "seat of",
    basis_province: "middle of the province",
    no_position: "This record has no place on the map (no city, no coordinate).",
    nearby_none: "Nothing within this radius.",
    nearby_keys: "+/- radius  Enter open  Esc close",
    on_map: "on the map",
    cli_no_position: "has no coordinate and no city to measure from",
    cli_not_found: "no record with id or code",
};

/// Bahasa Indonesia.
pub static GEO_ID: GeoStrings = GeoStrings {
    map_title: "Peta",
    nearby_title: "Sekitar",
    basis_own: "koordinat sendiri",
    basis_city_seat: "pusat pemerintahan",
    basis_seat_of: "pusat",
    basis_province: "tengah provinsi",
    no_position: "Entri ini tidak punya tempat di peta (tanpa kota, tanpa koordinat).",
    nearby_none: "Tidak ada dalam radius ini.",
    nearby_keys: "+/- radius  Enter buka  Esc tutup",
    on_map: "di peta",
    cli_no_position: "tidak punya koordinat maupun kota untuk diukur",
    cli_not_found: "tidak ada entri dengan id atau kode",
};

impl Lang {
    /// The map and nearby strings for this language.
    pub fn geo(self) -> &'static GeoStrings {
        match self {
            Lang::En => &GEO_EN,
            Lang::Id => &GEO_ID,
        }
    }
}
