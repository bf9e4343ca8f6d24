//! Import throughput: N synthetic community rows from a CSV into a fresh database, through the
//! same code path as `jejaring import`, against the peer figure of a plain rusqlite INSERT loop
//! over the same rows in the same run. Prints rows/s (median of a few runs); asserts nothing.
//!
//! `cargo bench --bench import` (rows: `JEJARING_BENCH_ROWS`, default 200000; runs:
//! `JEJARING_BENCH_RUNS`, default 3).
//!
//! It also prints CPU time by phase: reading and parsing the CSV alone, a dry run (everything
//! but the index rebuild and the commit, then a rollback), and the full import.
//!
//! Where the full import's time went (perf record -e cpu-clock --call-graph dwarf, 200,000
//! rows, 2026-11-29): SQLite inserts 38%, commit (WAL write and checkpoint) 20%, rebuilding the
//! secondary indexes set aside 11%, the row loop, ids and record structs 10%, field
//! validation 7%, duplicate keys 7%, phone numbers 4%, CSV read and parse 3%. About 70% is
//! SQLite work the peer does too, so the importer stays near the peer (about 1.1-1.2x its
//! time) and well under 500k rows/s: a plain prepared INSERT loop is itself about 250k here.

mod common;

use common::env_usize;
use jejaring::io::columns::Field;
use jejaring::io::import::{self, Options};
use jejaring::io::{Input, source};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const CITIES: [&str; 6] = ["33.74", "32.73", "31.71", "35.73", "51.71", "33.72"];
const SUBSECTORS: [&str; 5] = [
    "musik",
    "fotografi;kuliner",
    "kriya",
    "Fashion",
    "seni_rupa;dkv",
];

/// One synthetic row's values (clearly synthetic names; numbers in a single made-up block).
struct Row {
    name: String,
    subsectors: &'static str,
    city: &'static str,
    year: i32,
    phone: String,
    instagram: String,
}

fn rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| Row {
            name: format!("Komunitas Sintetis {i:07}"),
            subsectors: SUBSECTORS[i % SUBSECTORS.len()],
            city: CITIES[i % CITIES.len()],
            year: 1990 + (i % 35) as i32,
            phone: format!("0812{:08}", i % 100_000_000),
            instagram: format!("sintetis_{i}"),
        })
        .collect()
}

fn csv(rows: &[Row]) -> String {
    let mut s =
        String::from("name,subsectors,city,founded_year,phone,instagram,description,source\n");
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},Synthetic row for the import benchmark,benches/import.rs",
            r.name, r.subsectors, r.city, r.year, r.phone, r.instagram
        );
    }
    s
}

fn fresh(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    drop(jejaring::service::open_seeded(&path).expect("fresh database"));
    path
}

fn importer(dir: &Path, name: &str, file: &Path, n: usize, opts: Options) -> (Duration, Duration) {
    let path = fresh(dir, name);
    let mut store = jejaring::service::open_seeded(&path).expect("open");
    let mut report = None;
    let took = timed(|| {
        let input = Input::read(file).expect("read");
        report = Some(import::import(&mut store, &[input], opts).expect("import"));
    });
    let report = report.expect("ran");
    assert_eq!(report.written, !opts.dry_run);
    assert!(
        report.problems.is_empty(),
        "{:?}",
        &report.problems[..3.min(report.problems.len())]
    );
    assert_eq!(report.total().added, n);
    took
}

/// Phase one alone: read the file and split it into rows and cells (no validation, no SQL).
fn parse_only(file: &Path, n: usize) -> (Duration, Duration) {
    timed(|| {
        let input = Input::read(file).expect("read");
        let mut problems = Vec::new();
        let mut rows = 0usize;
        for t in source::tables(&input, None, &mut problems) {
            t.for_each_row(&mut problems, |_, cells, _, _| {
                rows += usize::from(cells.get(Field::Name).is_some());
            });
        }
        assert!(problems.is_empty() && rows == n);
    })
}

/// The peer: the same rows, already parsed and normalised, in one transaction with one prepared
/// statement, on a connection configured as the store configures its own (WAL, NORMAL).
fn plain(dir: &Path, run: usize, rows: &[Row]) -> (Duration, Duration) {
    let path = fresh(dir, &format!("plain-{run}.db"));
    let mut conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "foreign_keys", true).expect("fk");
    conn.pragma_update(None, "synchronous", "normal")
        .expect("sync");
    // The same page cache the importer uses, so the ratio shows the importer's own overhead.
    conn.pragma_update(None, "cache_size", -262_144)
        .expect("cache");
    let now = jejaring::store::now_timestamp();
    timed(|| {
        let tx = conn.transaction().expect("tx");
        {
            let mut stmt = tx
            .prepare(
                "INSERT INTO community (id, name, source, last_verified, synthetic, created_at, \
                 updated_at, city_code, subsectors, description, founded_year, space_id, website, \
                 instagram, email, phone, whatsapp) \
                 VALUES (?1, ?2, ?3, NULL, 0, ?4, ?4, ?5, ?6, ?7, ?8, NULL, NULL, ?9, NULL, ?10, NULL)",
            )
            .expect("prepare");
            for r in rows {
                stmt.execute(rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    r.name,
                    "benches/import.rs",
                    now,
                    r.city,
                    r.subsectors,
                    "Synthetic row for the import benchmark",
                    r.year,
                    r.instagram,
                    format!("+62{}", &r.phone[1..]),
                ])
                .expect("insert");
            }
        }
        tx.commit().expect("commit");
    })
}

/// This process's CPU time (user + system) from `/proc/self/stat`, in clock ticks of 10 ms;
/// on a shared machine it says what wall time cannot. `None` off Linux.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Wall and CPU time of `f`.
fn timed(f: impl FnOnce()) -> (Duration, Duration) {
    let cpu = cpu_time();
    let start = Instant::now();
    f();
    let wall = start.elapsed();
    let used = cpu
        .zip(cpu_time())
        .map_or(Duration::ZERO, |(a, b)| b.saturating_sub(a));
    (wall, used)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n = env_usize("JEJARING_BENCH_ROWS", 200_000);
    let runs = env_usize("JEJARING_BENCH_RUNS", 3).max(1);
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = rows(n);
    let file = dir.path().join("communities.csv");
    std::fs::write(&file, csv(&rows)).expect("write csv");
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    println!("import benchmark: {n} synthetic community rows, {size} bytes of CSV, {runs} runs");
    let (mut ours, mut ours_cpu, mut peer, mut peer_cpu) = (vec![], vec![], vec![], vec![]);
    let (mut parse, mut dry) = (vec![], vec![]);
    for run in 0..runs {
        let (wall, cpu) = importer(
            dir.path(),
            &format!("import-{run}.db"),
            &file,
            n,
            Options::default(),
        );
        ours.push(wall);
        ours_cpu.push(cpu);
        let (wall, cpu) = plain(dir.path(), run, &rows);
        peer.push(wall);
        peer_cpu.push(cpu);
        parse.push(parse_only(&file, n).1);
        let dry_run = Options {
            dry_run: true,
            ..Options::default()
        };
        dry.push(importer(dir.path(), &format!("dry-{run}.db"), &file, n, dry_run).1);
    }
    let rate = |d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    let (a, ac, b, bc) = (
        median(ours),
        median(ours_cpu),
        median(peer),
        median(peer_cpu),
    );
    println!(
        "                                                wall rows/s   CPU rows/s   (median s)"
    );
    println!(
        "jejaring import (read, validate, resolve, insert) {:>10.0}   {:>10.0}   ({:.3})",
        rate(a),
        rate(ac),
        a.as_secs_f64()
    );
    println!(
        "peer: plain rusqlite INSERT loop, rows pre-parsed {:>10.0}   {:>10.0}   ({:.3})",
        rate(b),
        rate(bc),
        b.as_secs_f64()
    );
    println!(
        "importer / plain loop: {:.2}x wall time, {:.2}x CPU time",
        a.as_secs_f64() / b.as_secs_f64(),
        ac.as_secs_f64() / bc.as_secs_f64().max(1e-9)
    );
    // Phases by difference of CPU medians (10 ms ticks): a dry run does everything but the
    // index rebuild and the commit, then rolls back.
    let (parsed, dried) = (median(parse), median(dry));
    let share = |x: Duration| 100.0 * x.as_secs_f64() / ac.as_secs_f64().max(1e-9);
    let validate_insert = dried.saturating_sub(parsed);
    let finish = ac.saturating_sub(dried);
    println!(
        "phases (CPU s, share of the import): read + parse CSV {:.3} ({:.0}%), validate + \
         resolve + insert {:.3} ({:.0}%), index rebuild + commit {:.3} ({:.0}%)",
        parsed.as_secs_f64(),
        share(parsed),
        validate_insert.as_secs_f64(),
        share(validate_insert),
        finish.as_secs_f64(),
        share(finish)
    );
}
