//! Map and nearby benchmark on synthetic points (fastrand, seeded; no real records): the map
//! pane's draw (binning + coast + labels) against drawing every marker as a canvas point, and
//! the nearby index against a full haversine scan. Prints figures, asserts none.
//!
//! `cargo bench --bench geo` (sizes: `JEJARING_BENCH_SIZES=100000,1000000`, the default).

mod common;

use common::{ms, percentile};
use jejaring::geo::GeoBox;
use jejaring::geo::bins::{Bins, Viewport};
use jejaring::geo::canvas::MapView;
use jejaring::geo::nearby::{NearbyIndex, within_by_scan};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Points};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Synthetic markers: 80% in 300 clusters (towns), 20% spread over the box. Seeded, so every run
/// measures the same points.
fn synthetic_points(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let g = GeoBox::INDONESIA;
    let uniform = |rng: &mut fastrand::Rng| {
        (
            g.lat_min + rng.f64() * g.lat_span(),
            g.lon_min + rng.f64() * g.lon_span(),
        )
    };
    let centres: Vec<(f64, f64)> = (0..300).map(|_| uniform(&mut rng)).collect();
    (0..n)
        .map(|_| {
            if rng.u8(0..10) < 8 {
                let (lat, lon) = centres[rng.usize(0..centres.len())];
                // Sum of two uniforms: a peaked spread of about ±0.3 degrees.
                let spread = |rng: &mut fastrand::Rng| (rng.f64() + rng.f64() - 1.0) * 0.3;
                (lat + spread(&mut rng), lon + spread(&mut rng))
            } else {
                uniform(&mut rng)
            }
        })
        .collect()
}

/// Runs `f` `runs` times and returns the sorted durations.
fn time_runs(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    times
}

fn report(label: &str, times: &[Duration]) {
    println!(
        "  {label:<44} p50 {:>9.3} ms   p99 {:>9.3} ms   ({} runs)",
        ms(percentile(times, 0.50)),
        ms(percentile(times, 0.99)),
        times.len()
    );
}

fn bench_map(points: &[(f64, f64)]) {
    let mut java = Viewport::indonesia();
    java.centre_on(-7.0, 110.0);
    java.zoom_in();
    java.zoom_in();
    let views = [("Indonesia", Viewport::indonesia()), ("Java x4", java)];
    let runs = if points.len() >= 1_000_000 { 30 } else { 100 };
    for (cols, rows) in [(80u16, 24u16), (200, 60)] {
        let area = Rect::new(0, 0, cols, rows);
        for (name, view) in &views {
            let mut map = MapView::new(view, points);
            map.selected = points.first().copied();
            let times = time_runs(runs, || {
                let mut buf = Buffer::empty(area);
                (&map).render(area, &mut buf);
                black_box(&buf);
            });
            report(&format!("map draw {cols}x{rows} {name}"), &times);
        }
        let bounds = Viewport::indonesia().bounds(cols, rows);
        let mut bins = Bins::new();
        let times = time_runs(runs, || {
            bins.fill(&bounds, cols, rows, points.iter().copied());
            black_box(bins.total());
        });
        report(&format!("  of which binning only {cols}x{rows}"), &times);
        let empty = MapView::new(&views[0].1, &[]);
        let times = time_runs(runs, || {
            let mut buf = Buffer::empty(area);
            (&empty).render(area, &mut buf);
            black_box(&buf);
        });
        report(&format!("  of which coast only {cols}x{rows}"), &times);
    }
    // The peer: every marker drawn as a canvas point (what binning avoids), as (lon, lat).
    let xy: Vec<(f64, f64)> = points.iter().map(|&(lat, lon)| (lon, lat)).collect();
    let area = Rect::new(0, 0, 80, 24);
    let b = Viewport::indonesia().bounds(80, 24);
    let times = time_runs(runs.min(30), || {
        let mut buf = Buffer::empty(area);
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds([b.lon_min, b.lon_max])
            .y_bounds([b.lat_min, b.lat_max])
            .paint(|ctx| ctx.draw(&Points::new(&xy, Color::Yellow)))
            .render(area, &mut buf);
        black_box(&buf);
    });
    report("peer: every marker as a Points dot, 80x24", &times);
}

fn bench_nearby(points: &[(f64, f64)]) {
    let ided: Vec<(u32, f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, &(lat, lon))| (i as u32, lat, lon))
        .collect();
    let t = Instant::now();
    let index = NearbyIndex::new(ided.iter().copied());
    println!(
        "  nearby index build                           {:>9.3} ms",
        ms(t.elapsed())
    );
    // Queries from markers themselves (a record's nearby list), the same for both methods.
    let mut rng = fastrand::Rng::with_seed(99);
    let queries: Vec<(f64, f64)> = (0..200)
        .map(|_| points[rng.usize(0..points.len())])
        .collect();
    for km in [10.0, 50.0] {
        let mut out = Vec::new();
        let mut found = 0usize;
        let mut q = queries.iter().cycle();
        let times = time_runs(queries.len(), || {
            let &(lat, lon) = q.next().unwrap_or(&(0.0, 0.0));
            index.within_into(lat, lon, km, &mut out);
            found += out.len();
        });
        report(
            &format!("nearby index {km} km (avg {} hits)", found / queries.len()),
            &times,
        );
        let mut q = queries.iter().cycle();
        let times = time_runs(20, || {
            let &(lat, lon) = q.next().unwrap_or(&(0.0, 0.0));
            black_box(within_by_scan(&ided, lat, lon, km));
        });
        report(&format!("peer: full haversine scan {km} km"), &times);
    }
}

fn main() {
    println!("geo bench: synthetic points (fastrand seed 12), not real records; frame = 16.7 ms");
    for n in common::sizes() {
        println!("\n{n} synthetic markers");
        let points = synthetic_points(n, 12);
        bench_map(&points);
        bench_nearby(&points);
    }
}
