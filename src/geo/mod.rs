//! Geography without a network: Indonesia's coastlines, great-circle distances, a spatial index
//! for "what is near here", and the binning and viewport behind the terminal map.
//!
//! - [`coast`]    the embedded coastlines (`assets/map/indonesia.txt`), parsed once
//! - [`distance`] haversine on the WGS84 mean radius, and the box around a radius
//! - [`nearby`]   an in-memory grid index answering "within N km, nearest first"
//! - [`bins`]     a map viewport (zoom, pan, reset) and per-cell marker counts, O(N)
//! - [`canvas`]   the ratatui widget drawing coasts and binned markers
//!
//! Nothing here knows about records, SQL or the app: callers pass `(id, lat, lon)`.
pub mod bins;
pub mod canvas;
pub mod coast;
pub mod distance;
pub mod nearby;

/// A latitude/longitude rectangle in degrees (WGS84). Never wraps the antimeridian: Indonesia
/// lies well inside 94..142 E.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoBox {
    /// Southern edge.
    pub lat_min: f64,
    /// Northern edge.
    pub lat_max: f64,
    /// Western edge.
    pub lon_min: f64,
    /// Eastern edge.
    pub lon_max: f64,
}

impl GeoBox {
    /// The box the map covers and the coastline asset was clipped to: Indonesia and a margin for
    /// its neighbours (the same numbers as `scripts/map/prep.py`).
    pub const INDONESIA: Self = Self {
        lat_min: -12.0,
        lat_max: 7.5,
        lon_min: 94.0,
        lon_max: 142.0,
    };

    /// Whether the point lies inside or on the edge.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.lat_min..=self.lat_max).contains(&lat) && (self.lon_min..=self.lon_max).contains(&lon)
    }

    /// Width in degrees of longitude.
    pub fn lon_span(&self) -> f64 {
        self.lon_max - self.lon_min
    }

    /// Height in degrees of latitude.
    pub fn lat_span(&self) -> f64 {
        self.lat_max - self.lat_min
    }
}
