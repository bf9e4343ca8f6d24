//! The map widget: coastlines and binned markers on ratatui's braille canvas, with counts where
//! markers crowd a cell. Drawing borrows everything; the caller keeps the viewport and markers.

use super::GeoBox;
use super::bins::{Bins, Viewport};
use super::coast::{Coast, CoastKind, coast};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::widgets::canvas::{Canvas, Context, Line, Painter, Shape};
use ratatui::widgets::{Block, Widget};

/// Colours of the map's layers. The app's theme builds one (all `Color::Reset` under NO_COLOR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapStyle {
    /// Indonesia's coast.
    pub indonesia: Color,
    /// Neighbours' coasts and Indonesia's land borders: drawn dimmer.
    pub neighbour: Color,
    /// Marker dots.
    pub marker: Color,
    /// The selected record's dot and its cross.
    pub selected: Color,
    /// Count labels on crowded cells.
    pub count: Style,
}

impl Default for MapStyle {
    fn default() -> Self {
        Self {
            indonesia: Color::Green,
            neighbour: Color::DarkGray,
            marker: Color::Yellow,
            selected: Color::LightRed,
            count: Style::new().fg(Color::Black).bg(Color::Yellow),
        }
    }
}

/// The map pane: draw with `frame.render_widget(&map, area)`.
#[derive(Debug, Clone)]
pub struct MapView<'a> {
    /// What part of the map is shown.
    pub viewport: &'a Viewport,
    /// Marker positions as `(lat, lon)`; a million is fine (they are binned, not drawn one by one).
    pub markers: &'a [(f64, f64)],
    /// The selected record's position, highlighted over the markers.
    pub selected: Option<(f64, f64)>,
    /// Colours.
    pub style: MapStyle,
    /// An optional frame around the map.
    pub block: Option<Block<'a>>,
}

impl<'a> MapView<'a> {
    /// A map of `markers` through `viewport` in the default colours, nothing selected.
    pub fn new(viewport: &'a Viewport, markers: &'a [(f64, f64)]) -> Self {
        Self {
            viewport,
            markers,
            selected: None,
            style: MapStyle::default(),
            block: None,
        }
    }
}

impl Widget for &MapView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = match &self.block {
            Some(block) => {
                block.render(area, buf);
                block.inner(area)
            }
            None => area,
        };
        if inner.is_empty() {
            return;
        }
        let bounds = self.viewport.bounds(inner.width, inner.height);
        let mut bins = Bins::new();
        bins.fill(
            &bounds,
            inner.width,
            inner.height,
            self.markers.iter().copied(),
        );
        // A broken embedded asset (a test guards it) costs the coast, not the markers.
        let coast = coast().ok();
        let style = self.style;
        let selected = self
            .selected
            .filter(|&(lat, lon)| bounds.contains(lat, lon));
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds([bounds.lon_min, bounds.lon_max])
            .y_bounds([bounds.lat_min, bounds.lat_max])
            .paint(|ctx| {
                if let Some(coast) = coast {
                    draw_coast(
                        ctx,
                        coast,
                        &bounds,
                        |k| k != CoastKind::Indonesia,
                        style.neighbour,
                    );
                    // Indonesia in a layer of its own, so its colour wins in shared cells.
                    ctx.layer();
                    draw_coast(
                        ctx,
                        coast,
                        &bounds,
                        |k| k == CoastKind::Indonesia,
                        style.indonesia,
                    );
                }
                // Markers in the same layer as the coast: a cell keeps its coast dots and takes
                // the marker colour, instead of the coast vanishing under it.
                ctx.draw(&MarkerDots {
                    bins: &bins,
                    color: style.marker,
                });
                if let Some((lat, lon)) = selected {
                    ctx.draw(&Cross {
                        lat,
                        lon,
                        color: style.selected,
                    });
                }
            })
            .render(inner, buf);
        draw_counts(&bins, inner, buf, style.count);
    }
}

/// Draws each segment of the matching polylines whose box meets the view (a whole-polyline box
/// test first: most of the coast is off screen once zoomed in).
fn draw_coast(
    ctx: &mut Context<'_>,
    coast: &Coast,
    view: &GeoBox,
    wanted: impl Fn(CoastKind) -> bool,
    color: Color,
) {
    for line in coast.polylines.iter().filter(|p| wanted(p.kind)) {
        if !overlaps(view, &line.points) {
            continue;
        }
        for w in line.points.windows(2) {
            let ((lat1, lon1), (lat2, lon2)) = (w[0], w[1]);
            ctx.draw(&Line::new(lon1, lat1, lon2, lat2, color));
        }
    }
}

fn overlaps(view: &GeoBox, points: &[(f64, f64)]) -> bool {
    let (mut lat_min, mut lat_max, mut lon_min, mut lon_max) =
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lat, lon) in points {
        lat_min = lat_min.min(lat);
        lat_max = lat_max.max(lat);
        lon_min = lon_min.min(lon);
        lon_max = lon_max.max(lon);
    }
    lat_min <= view.lat_max
        && lat_max >= view.lat_min
        && lon_min <= view.lon_max
        && lon_max >= view.lon_min
}

/// The binned markers as braille dots: at most 8 per cell, however many markers.
struct MarkerDots<'a> {
    bins: &'a Bins,
    color: Color,
}

impl Shape for MarkerDots<'_> {
    fn draw(&self, painter: &mut Painter) {
        // Bins uses the painter's own point mapping, so dot positions are grid positions.
        for (x, y) in self.bins.dot_positions() {
            painter.paint(x, y, self.color);
        }
    }
}

/// The selected position as a small plus of five dots, so it stands out among markers.
struct Cross {
    lat: f64,
    lon: f64,
    color: Color,
}

impl Shape for Cross {
    fn draw(&self, painter: &mut Painter) {
        let Some((x, y)) = painter.get_point(self.lon, self.lat) else {
            return;
        };
        let offsets: [(isize, isize); 5] = [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)];
        for (dx, dy) in offsets {
            if let (Some(px), Some(py)) = (x.checked_add_signed(dx), y.checked_add_signed(dy)) {
                // The painter ignores dots outside its grid.
                painter.paint(px, py, self.color);
            }
        }
    }
}

/// Count labels on the most crowded cells: biggest first, at most one per 40 cells, each with a
/// blank cell either side so numbers never run together. One marker needs no label.
fn draw_counts(bins: &Bins, area: Rect, buf: &mut Buffer, style: Style) {
    let (cols, rows) = bins.size();
    let mut crowded: Vec<(usize, usize, u32)> = bins.occupied().filter(|c| c.2 > 1).collect();
    crowded.sort_unstable_by(|a, b| b.2.cmp(&a.2).then((a.1, a.0).cmp(&(b.1, b.0))));
    let budget = (cols * rows / 40).max(1);
    let mut taken = vec![false; cols * rows];
    let mut drawn = 0;
    for (col, row, count) in crowded {
        if drawn == budget {
            break;
        }
        let label = short_count(count);
        let width = label.len();
        // Keep the label inside the area: shift it left when the cell is near the right edge.
        let start = col.min(cols.saturating_sub(width));
        let (lo, hi) = (start.saturating_sub(1), (start + width + 1).min(cols));
        if (lo..hi).any(|c| taken[row * cols + c]) {
            continue;
        }
        for c in lo..hi {
            taken[row * cols + c] = true;
        }
        buf.set_string(area.x + start as u16, area.y + row as u16, &label, style);
        drawn += 1;
    }
}

/// A count in at most four characters: `7`, `42`, `999`, `12k`, `999k`, `3M`.
pub fn short_count(n: u32) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=999_999 => format!("{}k", n / 1_000),
        _ => format!("{}M", n / 1_000_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// Seats from assets/regions/cities.csv: Semarang, Bandung, Makassar, Denpasar, Batam.
    const SEATS: [(f64, f64); 5] = [
        (-6.99306, 110.42083),
        (-6.92222, 107.60694),
        (-5.14861, 119.43194),
        (-8.65, 115.21667),
        (1.13, 104.05),
    ];

    fn render(map: &MapView<'_>, cols: u16, rows: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("test terminal");
        terminal
            .draw(|f| f.render_widget(map, f.area()))
            .expect("draw");
        terminal
    }

    fn is_braille(symbol: &str) -> bool {
        symbol
            .chars()
            .next()
            .is_some_and(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
    }

    /// Braille cells inside the cell rectangle that covers `(lat, lon)` box `area`.
    fn braille_in(t: &Terminal<TestBackend>, v: &Viewport, area: GeoBox) -> usize {
        let buf = t.backend().buffer();
        let (cols, rows) = (buf.area.width, buf.area.height);
        let mut n = 0;
        for row in 0..rows {
            for col in 0..cols {
                let (lat, lon) = v.cell_to_lat_lon(col, row, cols, rows);
                if area.contains(lat, lon) && is_braille(buf[(col, row)].symbol()) {
                    n += 1;
                }
            }
        }
        n
    }

    const JAVA: GeoBox = GeoBox {
        lat_min: -8.9,
        lat_max: -5.8,
        lon_min: 105.2,
        lon_max: 114.6,
    };
    // South-west of Sumatra, clear of Christmas Island (105.6 E) and the Cocos Islands (12.2 S).
    const INDIAN_OCEAN: GeoBox = GeoBox {
        lat_min: -11.8,
        lat_max: -8.0,
        lon_min: 95.0,
        lon_max: 104.0,
    };

    #[test]
    fn coast_draws_java_at_80x24_and_40x12() {
        let v = Viewport::indonesia();
        for (cols, rows) in [(80, 24), (40, 12)] {
            let t = render(&MapView::new(&v, &[]), cols, rows);
            assert!(
                braille_in(&t, &v, JAVA) >= 4,
                "Java missing at {cols}x{rows}"
            );
            // Open sea south of Sumatra and Java stays blank.
            assert_eq!(
                braille_in(&t, &v, INDIAN_OCEAN),
                0,
                "noise at {cols}x{rows}"
            );
        }
    }

    #[test]
    fn snapshots_80x24_and_40x12() {
        let v = Viewport::indonesia();
        let mut map = MapView::new(&v, &SEATS);
        map.selected = Some(SEATS[0]);
        insta::assert_snapshot!("map_indonesia_80x24", render(&map, 80, 24).backend());
        insta::assert_snapshot!("map_indonesia_40x12", render(&map, 40, 12).backend());
        let mut java = Viewport::indonesia();
        java.centre_on(-7.0, 110.0);
        java.zoom_in();
        java.zoom_in();
        let map = MapView::new(&java, &SEATS);
        insta::assert_snapshot!("map_java_zoom4_80x24", render(&map, 80, 24).backend());
    }

    #[test]
    fn crowded_cells_show_counts() {
        let v = Viewport::indonesia();
        // 1,500 markers on Semarang's seat and 7 on Makassar's: "1k" and "7" appear.
        let mut markers = vec![SEATS[0]; 1_500];
        markers.extend([SEATS[2]; 7]);
        let t = render(&MapView::new(&v, &markers), 80, 24);
        let text: String = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert!(text.contains("1k"), "{text}");
        assert!(text.contains('7'));
    }

    #[test]
    fn tiny_and_bordered_areas_do_not_panic() {
        let v = Viewport::indonesia();
        let mut map = MapView::new(&v, &SEATS);
        map.block = Some(Block::bordered().title("Peta"));
        for (cols, rows) in [(1, 1), (2, 2), (3, 3), (10, 4)] {
            render(&map, cols, rows);
        }
    }

    #[test]
    fn short_counts() {
        let got: Vec<String> = [1, 999, 1_000, 12_345, 999_999, 1_000_000, 42_000_000]
            .into_iter()
            .map(short_count)
            .collect();
        assert_eq!(got, ["1", "999", "1k", "12k", "999k", "1M", "42M"]);
    }
}
