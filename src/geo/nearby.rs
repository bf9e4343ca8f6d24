//! "What is within N km of here": a uniform lat/lon grid of buckets over `(id, lat, lon)` points,
//! built once in O(N) and answering a radius query by scanning only the buckets its box touches.

use super::GeoBox;
use super::distance::{bbox_for_radius, haversine_km};

/// Bucket size in degrees (~28 km at the equator): a 50 km query touches about 5×5 buckets,
/// and the grid over Indonesia's box stays ~15k buckets, small next to 1M points.
const CELL_DEG: f64 = 0.25;

/// One indexed point.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    id: u32,
    lat: f64,
    lon: f64,
}

/// A read-only spatial index. Points outside the grid's box are kept in its edge buckets, so
/// every query stays exact; they are only slower to find.
#[derive(Debug, Clone)]
pub struct NearbyIndex {
    area: GeoBox,
    cols: usize,
    rows: usize,
    /// Entries grouped by bucket (row-major); bucket `b` is `entries[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    entries: Vec<Entry>,
}

impl NearbyIndex {
    /// Indexes `points` as `(id, lat, lon)` over Indonesia's map box. Points with a NaN
    /// coordinate are left out (they are at no distance from anything).
    pub fn new(points: impl IntoIterator<Item = (u32, f64, f64)>) -> Self {
        Self::with_area(GeoBox::INDONESIA, points)
    }

    /// Indexes `points` over a grid covering `area` (for data elsewhere; results stay exact).
    pub fn with_area(area: GeoBox, points: impl IntoIterator<Item = (u32, f64, f64)>) -> Self {
        let cols = ((area.lon_span() / CELL_DEG).ceil() as usize).max(1);
        let rows = ((area.lat_span() / CELL_DEG).ceil() as usize).max(1);
        let mut index = Self {
            area,
            cols,
            rows,
            starts: Vec::new(),
            entries: Vec::new(),
        };
        let points: Vec<Entry> = points
            .into_iter()
            .filter(|(_, lat, lon)| !lat.is_nan() && !lon.is_nan())
            .map(|(id, lat, lon)| Entry { id, lat, lon })
            .collect();
        // Counting sort by bucket: two passes, no per-bucket vectors.
        let mut starts = vec![0u32; cols * rows + 1];
        for e in &points {
            starts[index.bucket(e.lat, e.lon) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let mut entries = vec![
            Entry {
                id: 0,
                lat: 0.0,
                lon: 0.0
            };
            points.len()
        ];
        for e in points {
            let slot = &mut next[index.bucket(e.lat, e.lon)];
            entries[*slot as usize] = e;
            *slot += 1;
        }
        index.starts = starts;
        index.entries = entries;
        index
    }

    /// How many points are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no point is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every point within `km` (inclusive) of `(lat, lon)` as `(id, km)`, nearest first; equal
    /// distances in id order. A radius of 0 finds points at exactly that spot.
    pub fn within(&self, lat: f64, lon: f64, km: f64) -> Vec<(u32, f64)> {
        let mut out = Vec::new();
        self.within_into(lat, lon, km, &mut out);
        out
    }

    /// [`within`](Self::within) into a caller's vector (cleared first), to reuse its allocation
    /// when the radius is adjusted key by key.
    pub fn within_into(&self, lat: f64, lon: f64, km: f64, out: &mut Vec<(u32, f64)>) {
        out.clear();
        if lat.is_nan() || lon.is_nan() || km.is_nan() || km < 0.0 {
            return;
        }
        let b = bbox_for_radius(lat, lon, km);
        let (c0, c1) = (self.col(b.lon_min), self.col(b.lon_max));
        let (r0, r1) = (self.row(b.lat_min), self.row(b.lat_max));
        for r in r0..=r1 {
            // Buckets of one row are contiguous, so a row's span is one slice.
            let lo = self.starts[r * self.cols + c0] as usize;
            let hi = self.starts[r * self.cols + c1 + 1] as usize;
            for e in &self.entries[lo..hi] {
                // The box test first: it is cheap and rejects the corners of the scanned buckets.
                if !b.contains(e.lat, e.lon) {
                    continue;
                }
                let d = haversine_km(lat, lon, e.lat, e.lon);
                if d <= km {
                    out.push((e.id, d));
                }
            }
        }
        out.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    }

    // Clamping keeps out-of-box points (and query boxes) in the edge buckets; clamping is
    // monotonic, so a point inside a query box always lands in a scanned bucket.
    fn col(&self, lon: f64) -> usize {
        let c = ((lon - self.area.lon_min) / CELL_DEG).floor();
        c.clamp(0.0, (self.cols - 1) as f64) as usize
    }

    fn row(&self, lat: f64) -> usize {
        let r = ((lat - self.area.lat_min) / CELL_DEG).floor();
        r.clamp(0.0, (self.rows - 1) as f64) as usize
    }

    fn bucket(&self, lat: f64, lon: f64) -> usize {
        self.row(lat) * self.cols + self.col(lon)
    }
}

/// The same answer as [`NearbyIndex::within`] by computing every distance: the peer the index is
/// tested and benchmarked against.
pub fn within_by_scan(points: &[(u32, f64, f64)], lat: f64, lon: f64, km: f64) -> Vec<(u32, f64)> {
    let mut out: Vec<(u32, f64)> = points
        .iter()
        .map(|&(id, plat, plon)| (id, haversine_km(lat, lon, plat, plon)))
        .filter(|&(_, d)| d <= km)
        .collect();
    out.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points spread over the box and a little beyond it, with clusters and exact duplicates.
    fn generated(n: usize, seed: u64) -> Vec<(u32, f64, f64)> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let g = GeoBox::INDONESIA;
        let mut pts = Vec::with_capacity(n);
        for i in 0..n as u32 {
            let (lat, lon) = match i % 5 {
                // Beyond the box by up to 2 degrees (edge buckets must still answer exactly).
                0 => (
                    g.lat_min - 2.0 + rng.f64() * (g.lat_span() + 4.0),
                    g.lon_min - 2.0 + rng.f64() * (g.lon_span() + 4.0),
                ),
                // A cluster around Semarang.
                1 => (
                    -6.99 + (rng.f64() - 0.5) * 0.6,
                    110.42 + (rng.f64() - 0.5) * 0.6,
                ),
                // A duplicate of the previous point.
                2 if !pts.is_empty() => {
                    let (_, a, b) = pts[pts.len() - 1];
                    (a, b)
                }
                _ => (
                    g.lat_min + rng.f64() * g.lat_span(),
                    g.lon_min + rng.f64() * g.lon_span(),
                ),
            };
            pts.push((i, lat, lon));
        }
        pts
    }

    #[test]
    fn matches_a_full_scan() {
        let pts = generated(20_000, 12);
        let index = NearbyIndex::new(pts.iter().copied());
        assert_eq!(index.len(), pts.len());
        let mut rng = fastrand::Rng::with_seed(7);
        let g = GeoBox::INDONESIA;
        let mut queries: Vec<(f64, f64)> = (0..60)
            .map(|_| {
                (
                    g.lat_min + rng.f64() * g.lat_span(),
                    g.lon_min + rng.f64() * g.lon_span(),
                )
            })
            .collect();
        // The box's corners and edges, and a point outside it.
        queries.extend([
            (g.lat_min, g.lon_min),
            (g.lat_max, g.lon_max),
            (g.lat_min, g.lon_max),
            (g.lat_max, f64::midpoint(g.lon_min, g.lon_max)),
            (g.lat_min - 1.0, g.lon_min - 1.0),
            (-6.99, 110.42),
        ]);
        for (qlat, qlon) in queries {
            for km in [0.5, 10.0, 50.0, 130.0, 400.0] {
                assert_eq!(
                    index.within(qlat, qlon, km),
                    within_by_scan(&pts, qlat, qlon, km),
                    "query {qlat},{qlon} r={km}"
                );
            }
        }
    }

    #[test]
    fn radius_zero_finds_the_spot_only() {
        let pts = [
            (1, -6.99306, 110.42083),
            (2, -6.99306, 110.42083),
            (3, -6.99307, 110.42083),
        ];
        let index = NearbyIndex::new(pts.iter().copied());
        assert_eq!(
            index.within(-6.99306, 110.42083, 0.0),
            vec![(1, 0.0), (2, 0.0)]
        );
        assert!(index.within(0.0, 100.0, 0.0).is_empty());
    }

    #[test]
    fn nearest_first_with_distances() {
        // Semarang's seat; Salatiga and Bandung seats (assets/regions/cities.csv).
        let pts = [
            (10, -6.92222, 107.60694),
            (20, -7.33194, 110.49278),
            (30, -6.99306, 110.42083),
        ];
        let index = NearbyIndex::new(pts.iter().copied());
        let near = index.within(-6.99306, 110.42083, 60.0);
        assert_eq!(near.iter().map(|p| p.0).collect::<Vec<_>>(), vec![30, 20]);
        assert!((near[1].1 - 38.5).abs() < 0.1, "{near:?}");
        assert_eq!(index.within(-6.99306, 110.42083, 400.0).len(), 3);
    }

    #[test]
    fn bad_input_finds_nothing() {
        let index = NearbyIndex::new([(1, f64::NAN, 110.0), (2, -7.0, 110.0)]);
        assert_eq!(index.len(), 1);
        assert!(index.within(-7.0, 110.0, -1.0).is_empty());
        assert!(index.within(f64::NAN, 110.0, 10.0).is_empty());
        assert!(NearbyIndex::new([]).within(-7.0, 110.0, 10.0).is_empty());
    }
}
