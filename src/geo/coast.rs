//! The coastlines the map draws: `assets/map/indonesia.txt` (Natural Earth 1:50m via world-atlas,
//! simplified by `scripts/map/prep.py`), embedded in the binary and parsed once on first use.

use std::sync::OnceLock;
use thiserror::Error;

/// Path of the embedded asset under `assets/`, for messages.
pub const ASSET_PATH: &str = "map/indonesia.txt";
const ASSET: &str = include_str!("../../assets/map/indonesia.txt");

/// Whose line a polyline is, so the map can draw Indonesia brighter than its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoastKind {
    /// Indonesia's coast (tag `I`).
    Indonesia,
    /// Indonesia's land border with Malaysia, Timor-Leste or Papua New Guinea (tag `B`).
    Border,
    /// A neighbour's coast inside the map box (tag `N`).
    Neighbour,
}

/// One polyline: points in order as `(lat, lon)` degrees; a closed ring repeats its first point.
#[derive(Debug, Clone, PartialEq)]
pub struct Polyline {
    /// Whose line it is.
    pub kind: CoastKind,
    /// The points, `(lat, lon)`.
    pub points: Vec<(f64, f64)>,
}

/// All polylines of the asset, Indonesia's first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coast {
    /// The polylines in file order.
    pub polylines: Vec<Polyline>,
}

impl Coast {
    /// The total number of points, for figures and tests.
    pub fn point_count(&self) -> usize {
        self.polylines.iter().map(|p| p.points.len()).sum()
    }
}

/// Why the coast file did not parse. Only a hand-edited asset can trigger this.
#[derive(Debug, Error, PartialEq)]
pub enum CoastError {
    /// A line's tag is not `I`, `B` or `N`.
    #[error("assets/{ASSET_PATH} line {line}: unknown tag {tag:?} (expected I, B or N)")]
    Tag { line: usize, tag: String },
    /// A point is not `lat,lon` with two decimal numbers.
    #[error("assets/{ASSET_PATH} line {line}: point {point:?} is not lat,lon in degrees")]
    Point { line: usize, point: String },
    /// A polyline has fewer than two points, so there is nothing to draw.
    #[error("assets/{ASSET_PATH} line {line}: a polyline needs at least two points")]
    Short { line: usize },
}

/// The embedded coastlines, parsed on the first call and shared afterwards.
pub fn coast() -> Result<&'static Coast, &'static CoastError> {
    static COAST: OnceLock<Result<Coast, CoastError>> = OnceLock::new();
    COAST.get_or_init(|| parse(ASSET)).as_ref()
}

/// Parses the coast format: `#` comments, then one polyline a line, `TAG lat,lon lat,lon …`.
pub fn parse(text: &str) -> Result<Coast, CoastError> {
    let mut polylines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let mut words = raw.split_ascii_whitespace();
        let kind = match words.next() {
            Some("I") => CoastKind::Indonesia,
            Some("B") => CoastKind::Border,
            Some("N") => CoastKind::Neighbour,
            other => {
                return Err(CoastError::Tag {
                    line,
                    tag: other.unwrap_or_default().to_string(),
                });
            }
        };
        let points = words
            .map(|w| {
                parse_point(w).ok_or_else(|| CoastError::Point {
                    line,
                    point: w.to_string(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if points.len() < 2 {
            return Err(CoastError::Short { line });
        }
        polylines.push(Polyline { kind, points });
    }
    Ok(Coast { polylines })
}

fn parse_point(word: &str) -> Option<(f64, f64)> {
    let (lat, lon) = word.split_once(',')?;
    let lat: f64 = lat.parse().ok()?;
    let lon: f64 = lon.parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::GeoBox;

    #[test]
    fn embedded_asset_parses_with_every_point_in_the_box() {
        let coast = coast().expect("embedded coast parses");
        let count = |k| coast.polylines.iter().filter(|p| p.kind == k).count();
        // The figures prep.py printed when the asset was built (world-atlas 2.0.2).
        assert_eq!(count(CoastKind::Indonesia), 134);
        assert_eq!(count(CoastKind::Border), 5);
        assert_eq!(count(CoastKind::Neighbour), 41);
        assert_eq!(coast.point_count(), 2782 + 111 + 626);
        for p in &coast.polylines {
            for &(lat, lon) in &p.points {
                assert!(
                    GeoBox::INDONESIA.contains(lat, lon),
                    "{lat},{lon} outside the box"
                );
            }
        }
    }

    #[test]
    fn the_big_islands_are_there() {
        // A ring around each of these seats' islands: some Indonesian coast point lies within
        // 150 km of the seat (Jakarta, Makassar, Jayapura, Medan, Pontianak).
        let coast = coast().expect("embedded coast parses");
        let seats = [
            (-6.2, 106.85),
            (-5.15, 119.43),
            (-2.53, 140.72),
            (3.59, 98.67),
            (-0.03, 109.33),
        ];
        for (lat, lon) in seats {
            let near = coast
                .polylines
                .iter()
                .filter(|p| p.kind == CoastKind::Indonesia)
                .any(|p| {
                    p.points
                        .iter()
                        .any(|&(a, b)| crate::geo::distance::haversine_km(lat, lon, a, b) < 150.0)
                });
            assert!(near, "no coast near {lat},{lon}");
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        assert_eq!(parse("# c\nI 1,2 3,4\n").map(|c| c.polylines.len()), Ok(1));
        assert_eq!(
            parse("X 1,2 3,4"),
            Err(CoastError::Tag {
                line: 1,
                tag: "X".into()
            })
        );
        assert_eq!(
            parse("\nN 1,2 3;4"),
            Err(CoastError::Point {
                line: 2,
                point: "3;4".into()
            })
        );
        assert_eq!(parse("B 1,2"), Err(CoastError::Short { line: 1 }));
        assert_eq!(
            parse("I 91,2 3,4"),
            Err(CoastError::Point {
                line: 1,
                point: "91,2".into()
            })
        );
    }
}
