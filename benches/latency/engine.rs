//! The real-terminal latency session (`benches/latency/run.py`) through the search engine
//! alone: the same keystrokes on the same database, answered by one `Searcher` with the idle
//! time between keys given to `Searcher::prepare_next`, as the app's worker does. Prints the
//! keys' median times and the slowest keys, to the complete answer and to what a screen shows
//! (an exact first page, when one comes before the complete answer); asserts nothing.
//!
//! `cargo bench --bench latency_engine [DB] [ROUNDS]` (DB defaults to the 1M database that
//! `benches/latency/run.sh 1000000` generates; `NO_IDLE=1` leaves the idle time unused).

use jejaring::search::{Query, SearchOptions, Searcher};
use std::sync::Arc;
use std::time::Instant;

/// The phrases of `benches/latency/run.py`, after its warm-up word; each typed, then erased.
const SESSION: &[&str] = &[
    "warm",
    "hetero space",
    "kota s",
    "smrg",
    "andi",
    "komunitas musik",
    "fotografi semarang",
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let db = args
        .first()
        .cloned()
        .unwrap_or_else(|| "/tmp/jejaring-latency/gen1000000.db".into());
    let rounds: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let idle = std::env::var_os("NO_IDLE").is_none();
    let Ok(store) = jejaring::store::Store::open(std::path::Path::new(&db)) else {
        println!("latency_engine: cannot open {db} (run benches/latency/run.sh 1000000 first)");
        return;
    };
    let t = Instant::now();
    let index = match jejaring::index_load::load_index(&store, None) {
        Ok(ix) => Arc::new(ix),
        Err(e) => {
            println!("latency_engine: cannot load the index of {db}: {e}");
            return;
        }
    };
    println!(
        "latency_engine: {db}, {} records, index loaded in {:.0} ms, {rounds} rounds, idle time {}",
        index.len(),
        t.elapsed().as_secs_f64() * 1000.0,
        if idle { "used" } else { "unused" }
    );
    let mut keys = Vec::new();
    for phrase in SESSION {
        let mut line = String::new();
        for c in phrase.chars() {
            line.push(c);
            keys.push(line.clone());
        }
        while line.pop().is_some() {
            keys.push(line.clone());
        }
    }
    let mut times = vec![Vec::new(); keys.len()];
    let mut screen = vec![Vec::new(); keys.len()];
    for _ in 0..rounds {
        let mut s = Searcher::new(Arc::clone(&index), SearchOptions::default());
        if idle {
            s.prepare_next(&|| false);
        }
        for (i, text) in keys.iter().enumerate() {
            let Ok(query) = Query::parse(text, index.aliases()) else {
                continue;
            };
            let t = Instant::now();
            let mut page = None;
            let _ = s.search_with(&Arc::new(query), &|| false, &mut |r| {
                if r.exact_page && page.is_none() {
                    page = Some(t.elapsed());
                }
            });
            let done = t.elapsed();
            times[i].push(done.as_secs_f64() * 1000.0);
            screen[i].push(page.unwrap_or(done).as_secs_f64() * 1000.0);
            if idle {
                s.prepare_next(&|| false);
            }
        }
    }
    report("to the complete answer", &mut times, &keys);
    report("to the screen's answer", &mut screen, &keys);
}

/// Prints the percentiles of the keys' medians and the slowest keys.
fn report(label: &str, times: &mut [Vec<f64>], keys: &[String]) {
    let mut medians: Vec<(f64, &str)> = times
        .iter_mut()
        .zip(keys)
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, k)| {
            v.sort_by(f64::total_cmp);
            (v[v.len() / 2], k.as_str())
        })
        .collect();
    medians.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pct = |p: f64| {
        let mut v: Vec<f64> = medians.iter().map(|m| m.0).collect();
        v.sort_by(f64::total_cmp);
        v[((p / 100.0) * (v.len() - 1) as f64).round() as usize]
    };
    println!(
        "  {label}: {} keys, medians over rounds: p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1} ms",
        medians.len(),
        pct(50.0),
        pct(90.0),
        pct(99.0),
        medians[0].0
    );
    let slow: Vec<String> = medians
        .iter()
        .take(6)
        .map(|(t, k)| format!("{k:?} {t:.1}"))
        .collect();
    println!("  slowest: {}", slow.join(", "));
}
