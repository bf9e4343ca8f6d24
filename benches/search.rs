//! Search benchmark: index build, a scripted typing session through the search worker, memory,
//! and the same queries through `fzf --filter` in the same run. Prints figures, asserts none.
//!
//! `cargo bench --bench search` (sizes: `JEJARING_BENCH_SIZES=100000,1000000`, the default).

mod common;
// The synthetic region table is test and bench support, kept out of the release library; the
// library's tests compile the same file. It takes its types from the imports below.
#[path = "../src/synth/fixture.rs"]
mod synth;

use common::{FZF_QUERIES, ms, percentile, version_of};
use jejaring::model::Kind;
use jejaring::search::{CityInfo, IndexRow, ProvinceInfo, Regions};
use jejaring::search::{Index, IndexBuilder, Query, SearchOptions, SearchWorker, Searcher};
use jejaring::synth::Generator;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One step of the scripted session.
enum Step {
    /// Type these chars one by one (one keystroke each).
    Type(&'static str),
    /// Press backspace this many times.
    Back(usize),
    /// Clear the line (one keystroke).
    Clear,
}

/// A coordinator looking for a few things, with typos corrected by backspace.
const SESSION: &[Step] = &[
    Step::Type("komunitas fotografi"),
    Step::Back(10),
    Step::Type("musik"),
    Step::Clear,
    Step::Type("rumah kreatif"),
    Step::Clear,
    Step::Type("dewi lestari"),
    Step::Clear,
    Step::Type("kopi semarng"),
    Step::Back(3),
    Step::Type("rang"),
    Step::Clear,
    Step::Type("jogja"),
    Step::Clear,
    Step::Type("kind:space creative hub"),
    Step::Clear,
    Step::Type("prov:jateng tari"),
    Step::Clear,
    Step::Type("sobat kopi makassar"),
    Step::Clear,
    Step::Type("qxz"),
    Step::Clear,
];

fn keystrokes() -> Vec<String> {
    let mut line = String::new();
    let mut out = Vec::new();
    for step in SESSION {
        match step {
            Step::Type(s) => {
                for c in s.chars() {
                    line.push(c);
                    out.push(line.clone());
                }
            }
            Step::Back(n) => {
                for _ in 0..*n {
                    line.pop();
                    out.push(line.clone());
                }
            }
            Step::Clear => {
                line.clear();
                out.push(line.clone());
            }
        }
    }
    out
}

/// (`VmRSS`, `VmHWM`) in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time of the whole process (all threads) so far, in ms (10 ms resolution).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses: utime is the 12th, stime 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    f.iter().sum::<f64>() * 10.0
}

fn print_row(label: &str, samples: &mut [Duration], target: &str) {
    samples.sort_unstable();
    println!(
        "  {label:<28} {:>8.2} {:>8.2} {:>8.2} {:>8.2}   {target}",
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.9)),
        ms(percentile(samples, 0.99)),
        ms(*samples.last().unwrap_or(&Duration::ZERO)),
    );
}

/// Wall time of one `fzf --filter` process over the names file, and its match count.
fn fzf_run(names: &std::path::Path, query: &str) -> Option<(Duration, usize)> {
    let input = std::fs::File::open(names).ok()?;
    let start = Instant::now();
    let out = Command::new("fzf")
        .arg("--filter")
        .arg(query)
        .stdin(Stdio::from(input))
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let took = start.elapsed();
    Some((took, out.stdout.split(|&b| b == b'\n').count() - 1))
}

fn bench(n: usize, fzf: bool, targets: (&str, &str)) {
    println!("\n== {n} records (plus 38 provinces and 514 cities) ==");
    let regions = synth::regions();
    let start = Instant::now();
    let mut builder = IndexBuilder::new(regions.clone());
    for row in synth::index_rows(42, &regions, n) {
        builder.push(&row);
    }
    let index = Arc::new(builder.finish());
    let build = start.elapsed();
    let (rss, _) = memory();
    println!(
        "  index build (streamed, incl. one-letter tables)  {:>8.0} ms   index tables {:.1} MB, RSS {rss:.1} MB",
        ms(build),
        index.heap_bytes() as f64 / 1e6,
    );

    let keys = keystrokes();
    let mut worker = SearchWorker::spawn(Arc::clone(&index), SearchOptions::default());
    let mut first = Vec::new();
    let mut complete = Vec::new();
    let mut first_pages = 0;
    let rounds = 3;
    let verbose = std::env::var_os("JEJARING_BENCH_VERBOSE").is_some();
    for _ in 0..rounds {
        for text in &keys {
            let t0 = Instant::now();
            if worker.submit(text).is_err() {
                continue; // e.g. `prov:` half typed
            }
            let mut seen_first = false;
            while let Some(ev) = worker.recv() {
                if !seen_first {
                    first.push(t0.elapsed());
                    seen_first = true;
                    first_pages += usize::from(!ev.results.complete);
                }
                if ev.results.complete {
                    complete.push(t0.elapsed());
                    if verbose {
                        println!(
                            "    first {:>8.2} ms complete {:>8.2} ms {:>8} matches  {text:?}",
                            ms(*first.last().unwrap_or(&Duration::ZERO)),
                            ms(t0.elapsed()),
                            ev.results.total()
                        );
                    }
                    break;
                }
            }
        }
    }
    let (rss, hwm) = memory();
    println!(
        "  typing session: {} keystrokes x {rounds} rounds ({first_pages} early first pages)",
        keys.len()
    );
    println!(
        "  {:<28} {:>8} {:>8} {:>8} {:>8}   target p99",
        "(ms)", "p50", "p90", "p99", "max"
    );
    print_row("keystroke -> first page", &mut first, targets.0);
    print_row("keystroke -> complete", &mut complete, targets.1);
    println!("  memory: RSS {rss:.1} MB, peak (VmHWM) {hwm:.1} MB");
    drop(worker);

    drop(index);
    // As whole processes: `fzf --filter` reads the names and matches; jejaring builds a lean
    // index from streamed rows (no tie-break sort, no one-letter tables) and searches once. Reading the rows
    // from SQLite is not counted here.
    let cold_query = "komunitas fotografi";
    // Only jejaring's own work is timed (pushing rows, finishing, searching); generating the
    // rows stands in for reading them from SQLite and is left out.
    let mut indexing = Duration::ZERO;
    let mut builder = IndexBuilder::new(regions.clone());
    for row in synth::index_rows(42, &regions, n) {
        let t = Instant::now();
        builder.push(&row);
        indexing += t.elapsed();
    }
    let t = Instant::now();
    let lean = Arc::new(builder.finish_lean());
    indexing += t.elapsed();
    let t = Instant::now();
    let query = Arc::new(Query::parse(cold_query, lean.aliases()).unwrap_or_default());
    let hits = Searcher::new(Arc::clone(&lean), SearchOptions::default())
        .search(&query)
        .total();
    let searching = t.elapsed();
    let fzf_cold = if fzf {
        write_names(&lean).and_then(|f| fzf_run(f.path(), cold_query))
    } else {
        None
    };
    println!(
        "  one-shot {cold_query:?} ({hits} matches): lean index {:.0} ms + search {:.0} ms = {:.0} ms \
         (rows as read from the store; reading not counted){}",
        ms(indexing),
        ms(searching),
        ms(indexing + searching),
        fzf_cold.map_or(String::new(), |(t, _)| format!(
            "; fzf --filter process {:.0} ms",
            ms(t)
        )),
    );
    let index = lean;

    // The same queries, each a fresh search over every record (no narrowing, on the lean
    // index as `jejaring search` would), against fzf.
    let mut searcher = Searcher::new(Arc::clone(&index), SearchOptions::default());
    let names_file = if fzf { write_names(&index) } else { None };
    println!(
        "  {:<22} {:>9} {:>9} {:>12} {:>9} {:>7}",
        "fresh query", "matches", "jejaring", "fzf --filter", "fzf hits", "ratio"
    );
    for q in FZF_QUERIES {
        let query = Arc::new(Query::parse(q, index.aliases()).unwrap_or_default());
        let mut ours = Vec::new();
        let mut total = 0;
        for _ in 0..3 {
            searcher.clear();
            let t0 = Instant::now();
            total = searcher.search(&query).total();
            ours.push(t0.elapsed());
        }
        ours.sort_unstable();
        let ours = ours[1];
        let theirs = names_file.as_ref().and_then(|f| {
            let mut runs: Vec<(Duration, usize)> =
                (0..3).filter_map(|_| fzf_run(f.path(), q)).collect();
            runs.sort_unstable();
            runs.get(runs.len() / 2).copied()
        });
        match theirs {
            Some((t, hits)) => println!(
                "  {:<22} {total:>9} {:>7.1}ms {:>10.1}ms {hits:>9} {:>6.1}x",
                format!("\"{q}\""),
                ms(ours),
                ms(t),
                t.as_secs_f64() / ours.as_secs_f64().max(1e-9),
            ),
            None => println!(
                "  {:<22} {total:>9} {:>7.1}ms {:>12}",
                format!("\"{q}\""),
                ms(ours),
                "skipped"
            ),
        }
    }
}

/// The index's names, one a line, for fzf.
fn write_names(index: &Index) -> Option<tempfile::NamedTempFile> {
    let mut file = tempfile::NamedTempFile::new().ok()?;
    {
        let mut w = std::io::BufWriter::new(file.as_file_mut());
        for id in 0..index.len() as u32 {
            writeln!(w, "{}", index.name(id)).ok()?;
        }
        w.flush().ok()?;
    }
    Some(file)
}

/// `JEJARING_BENCH_PROFILE=QUERY`: repeat one fresh search (for a profiler) and print its mean.
fn profile(query: &str, n: usize) {
    let regions = synth::regions();
    if let Some(q) = query.strip_prefix("lean:") {
        // The one-shot path: a lean index from streamed rows, then one search.
        let rows: Vec<_> = synth::index_rows(42, &regions, n).collect();
        let start = Instant::now();
        let mut builder = IndexBuilder::new(regions.clone());
        for row in &rows {
            builder.push(row);
        }
        let index = Arc::new(builder.finish_lean());
        let built = start.elapsed();
        let q = Arc::new(Query::parse(q, index.aliases()).unwrap_or_default());
        let total = Searcher::new(index, SearchOptions::default())
            .search(&q)
            .total();
        println!(
            "lean build {:.0} ms, + search {:.0} ms ({total} matches)",
            ms(built),
            ms(start.elapsed())
        );
        return;
    }
    let index = Arc::new(Index::build(
        regions.clone(),
        synth::index_rows(42, &regions, n),
    ));
    let mut searcher = Searcher::new(Arc::clone(&index), SearchOptions::default());
    let q = Arc::new(Query::parse(query, index.aliases()).unwrap_or_default());
    let runs = std::env::var("JEJARING_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000_000 / n.max(1));
    let cpu0 = cpu_ms();
    let start = Instant::now();
    for _ in 0..runs {
        searcher.clear();
        searcher.search(&q);
    }
    println!(
        "{query:?}: {:.2} ms per fresh search, {:.2} ms CPU",
        ms(start.elapsed()) / runs as f64,
        (cpu_ms() - cpu0) / runs as f64
    );
}

fn main() {
    if let Ok(q) = std::env::var("JEJARING_BENCH_PROFILE") {
        let n = std::env::var("JEJARING_BENCH_SIZES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(100_000);
        profile(&q, n);
        return;
    }
    let sizes = common::sizes();
    let fzf = version_of("fzf").filter(|_| std::env::var_os("JEJARING_BENCH_NO_FZF").is_none());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average before the run: {} (other processes share the CPUs)",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "jejaring search benchmark: {} CPUs, fzf {}",
        std::thread::available_parallelism().map_or(0, usize::from),
        fzf.as_deref()
            .unwrap_or("absent: fzf column skipped (apt-get install fzf)")
    );
    for n in sizes {
        let targets = if n <= 100_000 {
            ("<= 8 ms", "<= 16 ms")
        } else {
            ("<= 16 ms", "<= 200 ms")
        };
        bench(n, fzf.is_some(), targets);
    }
}
