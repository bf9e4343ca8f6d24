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
        bench_app_path(n);
    }
}

/// The app's path at `n` results: a synthetic index whose rows carry a city index (514 cities
/// at synthetic seats, a tenth of the rows spaces with their own coordinate), the markers looked
/// up once per answer, the map drawn per frame, and the nearby list through the same index.
fn bench_app_path(n: usize) {
    use jejaring::model::Kind;
    use jejaring::places::Places;
    use jejaring::search::{CityInfo, IndexBuilder, IndexRow, ProvinceInfo, RecordId, Regions};
    let seats = synthetic_points(514, 5);
    let regions = Regions {
        provinces: vec![ProvinceInfo {
            code: "99".into(),
            name: "Synthetic".into(),
            aliases: Vec::new(),
        }],
        cities: (0..514)
            .map(|i| CityInfo {
                code: format!("99.{i:02}"),
                name: format!("Kota {i}"),
                province: 0,
                kata_year: None,
                kota: true,
            })
            .collect(),
    };
    let mut rng = fastrand::Rng::with_seed(3);
    let mut builder = IndexBuilder::new(regions);
    let mut own = std::collections::HashMap::new();
    let spots = synthetic_points(n / 10 + 1, 8);
    for i in 0..n {
        let kind = [
            Kind::Community,
            Kind::Space,
            Kind::Organisation,
            Kind::Contact,
        ][i % 4];
        let rowid = i as i64 + 1;
        if kind == Kind::Space && i % 10 < 4 {
            own.insert(rowid, spots[(i / 10) % spots.len()]);
        }
        builder.push(&IndexRow {
            kind,
            rowid,
            name: format!("synthetic {i}"),
            city: Some(rng.u16(0..514)),
            province: None,
            subsectors: 0,
            tags: Vec::new(),
            iccn: None,
            stale: false,
        });
    }
    let index = builder.finish_lean();
    let places = Places::from_tables(seats.into_iter().map(Some).collect(), vec![None], own);
    let ids: Vec<RecordId> = (0..index.len() as RecordId).collect();
    let mut markers = Vec::new();
    let runs = if n >= 1_000_000 { 20 } else { 60 };
    let times = time_runs(runs, || {
        places.markers_into(&index, &ids, &mut markers);
        black_box(markers.len());
    });
    report("app: markers from results (once per answer)", &times);
    let view = Viewport::indonesia();
    for (cols, rows) in [(80u16, 24u16), (40, 12)] {
        let area = Rect::new(0, 0, cols, rows);
        let mut map = MapView::new(&view, &markers);
        map.selected = markers.first().copied();
        let times = time_runs(runs * 2, || {
            let mut buf = Buffer::empty(area);
            (&map).render(area, &mut buf);
            black_box(&buf);
        });
        report(&format!("app: map draw per frame {cols}x{rows}"), &times);
    }
    let t = Instant::now();
    let nearby = places.nearby_index(&index);
    println!(
        "  app: nearby index build (first N press)      {:>9.3} ms",
        ms(t.elapsed())
    );
    let ided: Vec<(u32, f64, f64)> = markers
        .iter()
        .enumerate()
        .map(|(i, &(lat, lon))| (i as u32, lat, lon))
        .collect();
    let mut q = 0usize;
    let times = time_runs(100, || {
        q = (q + 7919) % ids.len();
        black_box(places.near(&index, &nearby, ids[q], 50.0, None, 500));
    });
    report("app: nearby list 50 km (top 500)", &times);
    let times = time_runs(10, || {
        q = (q + 7919) % ided.len();
        let (_, lat, lon) = ided[q];
        black_box(within_by_scan(&ided, lat, lon, 50.0));
    });
    report("peer: full haversine scan 50 km", &times);
}
