//! The map's viewport (what part of Indonesia is on screen; zoom, pan, reset, centre) and the
//! binning of markers into terminal cells and their braille dots: O(N) over the points, no
//! allocation per point, so a million markers cost one pass and a few kilobytes of counts.

use super::GeoBox;

/// Braille dots per terminal cell, across and down (ratatui's `Marker::Braille`).
pub const DOTS_X: usize = 2;
/// See [`DOTS_X`].
pub const DOTS_Y: usize = 4;
/// The deepest zoom: 1/64 of the box across, ~0.75 degrees or ~80 km; the 1:50m coast is no finer.
pub const MAX_ZOOM: f64 = 64.0;
/// Each zoom step doubles or halves the scale.
pub const ZOOM_STEP: f64 = 2.0;
/// A pan step moves the centre by this share of the visible span.
pub const PAN_SHARE: f64 = 0.25;

/// What part of the map is on screen: a centre and a zoom (1 = all of Indonesia's box fits).
///
/// The screen size is not stored: [`bounds`](Self::bounds) fits the view to any area, keeping
/// braille dots square in degrees (near the equator a degree of latitude and of longitude are
/// about the same length, and a braille dot is about as wide as it is tall).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    centre_lat: f64,
    centre_lon: f64,
    zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Self::indonesia()
    }
}

impl Viewport {
    /// All of Indonesia's box, centred.
    pub fn indonesia() -> Self {
        let g = GeoBox::INDONESIA;
        Self {
            centre_lat: f64::midpoint(g.lat_min, g.lat_max),
            centre_lon: f64::midpoint(g.lon_min, g.lon_max),
            zoom: 1.0,
        }
    }

    /// The centre as `(lat, lon)`.
    pub fn centre(&self) -> (f64, f64) {
        (self.centre_lat, self.centre_lon)
    }

    /// The zoom factor, 1 ..= [`MAX_ZOOM`].
    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    /// Back to all of Indonesia.
    pub fn reset(&mut self) {
        *self = Self::indonesia();
    }

    /// One step closer, around the current centre.
    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom * ZOOM_STEP).min(MAX_ZOOM);
    }

    /// One step out; never wider than all of Indonesia.
    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom / ZOOM_STEP).max(1.0);
        self.clamp();
    }

    /// Puts `(lat, lon)` in the middle (jump to the selected record); clamped to the box.
    pub fn centre_on(&mut self, lat: f64, lon: f64) {
        if lat.is_finite() && lon.is_finite() {
            self.centre_lat = lat;
            self.centre_lon = lon;
            self.clamp();
        }
    }

    /// Moves by whole pan steps: `east` and `north` are step counts (negative for west and
    /// south), each [`PAN_SHARE`] of the visible span at this zoom.
    pub fn pan(&mut self, east: i32, north: i32) {
        let g = GeoBox::INDONESIA;
        let step = g.lon_span().max(g.lat_span()) / self.zoom * PAN_SHARE;
        self.centre_lon += f64::from(east) * step;
        self.centre_lat += f64::from(north) * step;
        self.clamp();
    }

    /// Moves by terminal cells in an area of `cols`×`rows` (a mouse drag): the map follows the
    /// pointer, so dragging right shows what lies west.
    pub fn drag(&mut self, d_cols: i32, d_rows: i32, cols: u16, rows: u16) {
        let deg = self.deg_per_dot(cols, rows);
        self.centre_lon -= f64::from(d_cols) * deg * DOTS_X as f64;
        self.centre_lat += f64::from(d_rows) * deg * DOTS_Y as f64;
        self.clamp();
    }

    /// The lat/lon box shown in an area of `cols`×`rows` terminal cells.
    pub fn bounds(&self, cols: u16, rows: u16) -> GeoBox {
        let deg = self.deg_per_dot(cols, rows);
        let half_w = deg * (f64::from(cols.max(1)) * DOTS_X as f64) / 2.0;
        let half_h = deg * (f64::from(rows.max(1)) * DOTS_Y as f64) / 2.0;
        GeoBox {
            lat_min: self.centre_lat - half_h,
            lat_max: self.centre_lat + half_h,
            lon_min: self.centre_lon - half_w,
            lon_max: self.centre_lon + half_w,
        }
    }

    /// The point under terminal cell `(col, row)` (its centre) in a `cols`×`rows` area, for a
    /// click or a wheel zoom at the pointer.
    pub fn cell_to_lat_lon(&self, col: u16, row: u16, cols: u16, rows: u16) -> (f64, f64) {
        let b = self.bounds(cols, rows);
        let lon = b.lon_min + (f64::from(col) + 0.5) / f64::from(cols.max(1)) * b.lon_span();
        let lat = b.lat_max - (f64::from(row) + 0.5) / f64::from(rows.max(1)) * b.lat_span();
        (lat, lon)
    }

    /// Degrees per braille dot: at zoom 1 the whole box just fits the area.
    fn deg_per_dot(&self, cols: u16, rows: u16) -> f64 {
        let g = GeoBox::INDONESIA;
        let dots_x = f64::from(cols.max(1)) * DOTS_X as f64;
        let dots_y = f64::from(rows.max(1)) * DOTS_Y as f64;
        (g.lon_span() / dots_x).max(g.lat_span() / dots_y) / self.zoom
    }

    /// Keeps the centre inside the box, so some of Indonesia is always on screen.
    fn clamp(&mut self) {
        let g = GeoBox::INDONESIA;
        self.centre_lat = self.centre_lat.clamp(g.lat_min, g.lat_max);
        self.centre_lon = self.centre_lon.clamp(g.lon_min, g.lon_max);
    }
}

/// Markers binned into a `cols`×`rows` grid of terminal cells: a count per cell and which of the
/// cell's 2×4 braille dots hold at least one marker. Reuse one `Bins` across frames: [`fill`]
/// allocates only when the area grows.
///
/// [`fill`]: Self::fill
#[derive(Debug, Clone, Default)]
pub struct Bins {
    cols: usize,
    rows: usize,
    counts: Vec<u32>,
    /// Braille dot bits per cell: bit `dy * 2 + dx` (row-major within the cell, not Unicode's
    /// braille order; the widget paints dots by position).
    dots: Vec<u8>,
    total: u64,
}

impl Bins {
    /// An empty grid; [`fill`](Self::fill) sizes it.
    pub fn new() -> Self {
        Self::default()
    }

    /// Bins `points` as `(lat, lon)` for `bounds` shown in `cols`×`rows` cells; points outside
    /// `bounds` (or NaN) are skipped. A point maps to the braille dot ratatui's canvas would
    /// paint for it (nearest dot, half rounding up), so markers sit exactly on the coastline the
    /// canvas draws.
    pub fn fill(
        &mut self,
        bounds: &GeoBox,
        cols: u16,
        rows: u16,
        points: impl IntoIterator<Item = (f64, f64)>,
    ) {
        self.cols = usize::from(cols);
        self.rows = usize::from(rows);
        let cells = self.cols * self.rows;
        self.counts.clear();
        self.counts.resize(cells, 0);
        self.dots.clear();
        self.dots.resize(cells, 0);
        self.total = 0;
        if cells == 0 || bounds.lon_span() <= 0.0 || bounds.lat_span() <= 0.0 {
            return;
        }
        let dots_x = self.cols * DOTS_X;
        let dots_y = self.rows * DOTS_Y;
        // Ratatui's Painter::get_point maps [left, right] onto dots 0 ..= n-1, rounding.
        let sx = (dots_x - 1) as f64 / bounds.lon_span();
        let sy = (dots_y - 1) as f64 / bounds.lat_span();
        for (lat, lon) in points {
            // `contains` is false for NaN, so no NaN reaches the casts below. (A branch-free
            // variant adding 0 to a clamped cell measured slower when zoomed in: the outside
            // points all pile onto the edge cells' counters.)
            if !bounds.contains(lat, lon) {
                continue;
            }
            // Both offsets are >= 0 here, so +0.5 and truncation is `round` (half up), without
            // the libm call `f64::round` costs on baseline x86_64: binning is most of a frame.
            let x = ((lon - bounds.lon_min) * sx + 0.5) as usize;
            let y = ((bounds.lat_max - lat) * sy + 0.5) as usize;
            let cell = (y / DOTS_Y) * self.cols + x / DOTS_X;
            self.counts[cell] += 1;
            self.dots[cell] |= 1 << ((y % DOTS_Y) * DOTS_X + x % DOTS_X);
            self.total += 1;
        }
    }

    /// The grid size as `(cols, rows)`.
    pub fn size(&self) -> (usize, usize) {
        (self.cols, self.rows)
    }

    /// How many markers landed in cell `(col, row)`; 0 outside the grid.
    pub fn count(&self, col: usize, row: usize) -> u32 {
        if col < self.cols && row < self.rows {
            self.counts[row * self.cols + col]
        } else {
            0
        }
    }

    /// Whether braille dot `(dx, dy)` (0..2, 0..4) of cell `(col, row)` holds a marker.
    pub fn dot(&self, col: usize, row: usize, dx: usize, dy: usize) -> bool {
        col < self.cols
            && row < self.rows
            && dx < DOTS_X
            && dy < DOTS_Y
            && self.dots[row * self.cols + col] & (1 << (dy * DOTS_X + dx)) != 0
    }

    /// How many markers were inside the bounds in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Non-empty cells as `(col, row, count)`, row by row.
    pub fn occupied(&self) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        let cols = self.cols.max(1);
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(move |(i, c)| (i % cols, i / cols, *c))
    }

    /// Every marker dot in braille-dot coordinates of the whole area (`x` < cols×2, `y` <
    /// rows×4), the form ratatui's canvas painter takes.
    pub fn dot_positions(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let cols = self.cols.max(1);
        self.dots
            .iter()
            .enumerate()
            .filter(|(_, d)| **d != 0)
            .flat_map(move |(i, &bits)| {
                let (col, row) = (i % cols, i / cols);
                (0..DOTS_X * DOTS_Y)
                    .filter(move |b| bits & (1 << b) != 0)
                    .map(move |b| (col * DOTS_X + b % DOTS_X, row * DOTS_Y + b / DOTS_X))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_point_inside_once() {
        let b = GeoBox {
            lat_min: 0.0,
            lat_max: 4.0,
            lon_min: 0.0,
            lon_max: 8.0,
        };
        let mut bins = Bins::new();
        // Corners, the centre, a duplicate, and points outside or NaN.
        let pts = [
            (0.0, 0.0),
            (4.0, 8.0),
            (2.0, 4.0),
            (2.0, 4.0),
            (5.0, 1.0),
            (f64::NAN, 1.0),
        ];
        bins.fill(&b, 4, 2, pts);
        assert_eq!(bins.total(), 4);
        assert_eq!(bins.occupied().map(|c| u64::from(c.2)).sum::<u64>(), 4);
        // (0,0) is the bottom-left: last row, first column, bottom-left dot.
        assert_eq!(bins.count(0, 1), 1);
        assert!(bins.dot(0, 1, 0, 3));
        // (4,8) is the top-right: first row, last column, top-right dot.
        assert_eq!(bins.count(3, 0), 1);
        assert!(bins.dot(3, 0, 1, 0));
        assert_eq!(bins.occupied().filter(|c| c.2 == 2).count(), 1);
        assert_eq!(bins.count(99, 0), 0);
    }

    #[test]
    fn matches_the_canvas_dot_mapping() {
        // The same dot ratatui's Painter::get_point picks: round((x - left) * (n - 1) / width).
        let b = GeoBox {
            lat_min: -10.0,
            lat_max: 6.0,
            lon_min: 95.0,
            lon_max: 141.0,
        };
        let (cols, rows) = (40u16, 12u16);
        let mut rng = fastrand::Rng::with_seed(3);
        let pts: Vec<(f64, f64)> = (0..2000)
            .map(|_| {
                (
                    b.lat_min + rng.f64() * b.lat_span(),
                    b.lon_min + rng.f64() * b.lon_span(),
                )
            })
            .collect();
        let mut bins = Bins::new();
        bins.fill(&b, cols, rows, pts.iter().copied());
        let (nx, ny) = (f64::from(cols) * 2.0, f64::from(rows) * 4.0);
        for &(lat, lon) in &pts {
            let x = ((lon - b.lon_min) * (nx - 1.0) / b.lon_span()).round() as usize;
            let y = ((b.lat_max - lat) * (ny - 1.0) / b.lat_span()).round() as usize;
            assert!(bins.dot(x / 2, y / 4, x % 2, y % 4));
        }
        let dots: std::collections::HashSet<_> = bins.dot_positions().collect();
        assert!(
            dots.iter()
                .all(|&(x, y)| bins.dot(x / 2, y / 4, x % 2, y % 4))
        );
    }

    #[test]
    fn refill_reuses_and_resizes() {
        let mut bins = Bins::new();
        let b = GeoBox::INDONESIA;
        bins.fill(&b, 80, 24, [(-7.0, 110.0)]);
        assert_eq!((bins.size(), bins.total()), ((80, 24), 1));
        bins.fill(&b, 40, 12, [(-7.0, 110.0), (-7.0, 110.0)]);
        assert_eq!((bins.size(), bins.total()), ((40, 12), 2));
        bins.fill(&b, 0, 0, [(-7.0, 110.0)]);
        assert_eq!((bins.total(), bins.occupied().count()), (0, 0));
    }

    #[test]
    fn zoom_one_fits_indonesia_at_any_size() {
        let v = Viewport::indonesia();
        for (cols, rows) in [(80, 24), (40, 12), (200, 20), (20, 60), (1, 1)] {
            let b = v.bounds(cols, rows);
            let g = GeoBox::INDONESIA;
            let eps = 1e-9;
            assert!(
                b.lon_min <= g.lon_min + eps && b.lon_max >= g.lon_max - eps,
                "{cols}x{rows}"
            );
            assert!(
                b.lat_min <= g.lat_min + eps && b.lat_max >= g.lat_max - eps,
                "{cols}x{rows}"
            );
            // Square dots: degrees per dot equal across and down.
            let per_x = b.lon_span() / (f64::from(cols) * 2.0);
            let per_y = b.lat_span() / (f64::from(rows) * 4.0);
            assert!((per_x - per_y).abs() < 1e-9);
        }
    }

    #[test]
    fn zoom_pan_centre_reset_are_clamped() {
        let mut v = Viewport::indonesia();
        v.zoom_out();
        assert!((v.zoom() - 1.0).abs() < f64::EPSILON);
        for _ in 0..20 {
            v.zoom_in();
        }
        assert!((v.zoom() - MAX_ZOOM).abs() < f64::EPSILON);
        let wide = Viewport::indonesia().bounds(80, 24).lon_span();
        assert!((v.bounds(80, 24).lon_span() - wide / MAX_ZOOM).abs() < 1e-9);

        v.centre_on(-6.99306, 110.42083);
        assert_eq!(v.centre(), (-6.99306, 110.42083));
        v.centre_on(f64::NAN, 0.0);
        assert_eq!(v.centre(), (-6.99306, 110.42083));
        v.centre_on(50.0, 0.0);
        assert_eq!(v.centre(), (7.5, 94.0));

        v.reset();
        v.pan(1_000, -1_000);
        assert_eq!(v.centre(), (-12.0, 142.0));
        v.reset();
        assert_eq!(v, Viewport::indonesia());
        v.zoom_in();
        let before = v.centre();
        v.pan(1, 1);
        let after = v.centre();
        assert!(after.1 > before.1 && after.0 > before.0);
    }

    #[test]
    fn drag_follows_the_pointer_and_cells_map_back() {
        let mut v = Viewport::indonesia();
        v.zoom_in();
        let (lat, lon) = v.cell_to_lat_lon(50, 10, 80, 24);
        // Drag the map 10 columns right and 2 rows down: the point under cell (50,10) moves
        // under cell (60,12).
        v.drag(10, 2, 80, 24);
        let (lat2, lon2) = v.cell_to_lat_lon(60, 12, 80, 24);
        assert!((lat - lat2).abs() < 1e-9 && (lon - lon2).abs() < 1e-9);
        // Cell centres of the default view fall inside its bounds.
        let b = v.bounds(80, 24);
        let (a, o) = v.cell_to_lat_lon(0, 0, 80, 24);
        assert!(b.contains(a, o));
    }
}
