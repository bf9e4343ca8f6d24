//! The terminal app's own figures (issue 4), through the app's real update and draw path on
//! ratatui's `TestBackend`:
//! - start → first usable frame: open the store, build the first-frame index, run the first
//!   query, draw (what `jejaring` does before its first `terminal.draw`);
//! - keystroke → first page drawn, and → complete results drawn, over a scripted typing
//!   session on the full index with the background search worker;
//! - beside them, the peer: the bare engine (`Searcher`, no UI) on the same keystrokes.
//!
//! Synthetic databases (`jejaring::generate`, seed 1) are written once per run to a temporary
//! directory (in /dev/shm when present). Sizes: `JEJARING_BENCH_SIZES=100000,1000000`
//! (the default). Prints p50/p90/p99/max in milliseconds; asserts no time.

mod common;

use common::{ms, percentile};
use jejaring::i18n::Lang;
use jejaring::index_load::load_index;
use jejaring::search::{Query, SearchOptions, Searcher};
use jejaring::tui::action::Action;
use jejaring::tui::app::App;
use jejaring::tui::first_frame_app;
use jejaring::tui::results::{Mode, Results};
use jejaring::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The scripted session: each query typed letter by letter, then erased with Backspace.
const SESSION: &[&str] = &[
    "hetero space",
    "komunitas musik",
    "andi",
    "kota sem",
    "fotografi semarang",
    "kind:space prov:jateng kopi",
];
const START_RUNS: usize = 30;

fn report(label: &str, mut v: Vec<Duration>) {
    if v.is_empty() {
        println!("  {label:<44} (no samples)");
        return;
    }
    v.sort_unstable();
    let at = |p: f64| percentile(&v, p);
    println!(
        "  {label:<44} n={:<4} p50 {:>7.2}  p90 {:>7.2}  p99 {:>7.2}  max {:>7.2} ms",
        v.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(at(1.0))
    );
}

fn rss_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
}

fn start_to_first_frame(path: &Path) {
    let mut times = Vec::with_capacity(START_RUNS);
    let (mut open, mut build, mut paint) = (Vec::new(), Vec::new(), Vec::new());
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for _ in 0..START_RUNS {
        let t0 = Instant::now();
        let store = jejaring::service::open_seeded(path).expect("open");
        let t1 = Instant::now();
        let mut app = first_frame_app(store, Lang::En, Theme::new(true)).expect("app");
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        let t2 = Instant::now();
        draw(&mut term, &app);
        let t3 = Instant::now();
        times.push(t3 - t0);
        open.push(t1 - t0);
        build.push(t2 - t1);
        paint.push(t3 - t2);
        assert!(!app.hits().is_empty(), "the first frame lists provinces");
    }
    report("start → first usable frame", times);
    report("  of which: open the store", open);
    report("  of which: first index, query, detail", build);
    report("  of which: draw", paint);
}

/// Types the session through `App::update` and draws after each answer.
fn typing(app: &mut App) -> (Vec<Duration>, Vec<Duration>) {
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let (mut first, mut complete) = (Vec::new(), Vec::new());
    for q in SESSION {
        let mut keys: Vec<Action> = q.chars().map(Action::Input).collect();
        keys.extend(q.chars().map(|_| Action::DeleteChar));
        keys.pop(); // the last Backspace on an empty line would go back in history
        for action in keys {
            let t0 = Instant::now();
            app.update(action);
            while !app.results.current() && app.wait_search() {}
            draw(&mut term, app);
            first.push(t0.elapsed());
            while app.results.pending() && app.wait_search() {}
            draw(&mut term, app);
            complete.push(t0.elapsed());
        }
        app.update(Action::ClearQuery);
        while app.results.pending() && app.wait_search() {}
    }
    (first, complete)
}

/// The peer: the bare engine on the same keystrokes, no UI.
fn engine_only(index: &Arc<jejaring::search::Index>) -> Vec<Duration> {
    let mut searcher = Searcher::new(Arc::clone(index), SearchOptions::default());
    let mut times = Vec::new();
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for q in SESSION {
        let chars: Vec<char> = q.chars().collect();
        let mut lines: Vec<String> = (1..=chars.len())
            .map(|n| chars[..n].iter().collect())
            .collect();
        let back: Vec<String> = lines.iter().rev().skip(1).cloned().collect();
        lines.extend(back);
        for line in lines {
            let t0 = Instant::now();
            if let Ok(query) = Query::parse(&line, index.aliases()) {
                let _ = searcher.search(&Arc::new(query));
            }
            times.push(t0.elapsed());
            slowest.push((t0.elapsed(), line));
        }
        searcher.clear();
    }
    // Where the tail comes from: the slowest keystrokes, with the line they produced.
    slowest.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    let tail: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(d, l)| format!("{l:?} {:.1}", ms(*d)))
        .collect();
    println!("  slowest engine keystrokes (ms): {}", tail.join(", "));
    times
}

fn bench_size(dir: &Path, records: usize) {
    let path = dir.join(format!("bench-{records}.db"));
    let t0 = Instant::now();
    {
        let mut store = jejaring::service::open_seeded(&path).expect("create");
        jejaring::synth::generate(&mut store, records, 1, |_| {}).expect("generate");
    }
    println!(
        "\n{records} synthetic records (generated in {:.1} s)",
        t0.elapsed().as_secs_f64()
    );
    start_to_first_frame(&path);

    let t0 = Instant::now();
    let store = jejaring::service::open_seeded(&path).expect("open");
    let index = Arc::new(load_index(&store, None).expect("index"));
    let load = t0.elapsed();
    println!(
        "  full index: {} records, {:.1} MB of tables, built in {:.0} ms (background thread)",
        index.len(),
        index.heap_bytes() as f64 / 1e6,
        ms(load)
    );
    let results = Results::new(Arc::clone(&index), true, Mode::Background);
    let mut app = App::new(store, results, Lang::En, Theme::new(true));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    while app.results.pending() && app.wait_search() {}
    let (first, complete) = typing(&mut app);
    report("keystroke → first page drawn (app)", first);
    report("keystroke → complete results drawn (app)", complete);
    drop(app);
    report("peer: bare engine, complete (no UI)", engine_only(&index));
    if let (Some(rss), Some(hwm)) = (rss_kb("VmRSS"), rss_kb("VmHWM")) {
        println!(
            "  process RSS now {:.0} MB, peak {:.0} MB (whole bench so far)",
            rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        );
    }
}

fn main() {
    let sizes = common::sizes();
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    println!(
        "jejaring TUI bench: 120×40 TestBackend, {} keystrokes per session",
        SESSION
            .iter()
            .map(|q| 2 * q.chars().count() - 1)
            .sum::<usize>()
    );
    for records in sizes {
        bench_size(dir.path(), records);
    }
}
