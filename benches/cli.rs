//! `jejaring search` as a whole process against `fzf --filter` over the same names: cold (no
//! index cache, so the index is built from SQLite and the cache written) and warm (the cache
//! beside the database is read). Prints p50/p90/p99/max, the ratio to fzf and peak RSS;
//! asserts nothing.
//!
//! Run `cargo build --release` first, then `cargo bench --bench cli` (it builds the release
//! binary itself when it is missing; `JEJARING_BIN=PATH` picks another). Sizes:
//! `JEJARING_BENCH_SIZES=100000,1000000` (the default); runs per query and mode:
//! `JEJARING_BENCH_RUNS` (10; cold runs are a third of that). Generated databases are kept in
//! `target/bench-cli/` and reused (`JEJARING_BENCH_FRESH=1` regenerates them). Peak RSS comes
//! from `/usr/bin/time -f %M` (Debian package `time`); without it that column is skipped.

mod common;

use common::{FZF_QUERIES, env_usize, ms, percentile, version_of};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The release binary: `JEJARING_BIN`, else `target/release/jejaring`, built when missing.
fn binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JEJARING_BIN") {
        return Some(PathBuf::from(p));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let bin = target.join("release/jejaring");
    if !bin.is_file() {
        println!("building the release binary (cargo build --release) …");
        let ok = Command::new(env!("CARGO"))
            .args(["build", "--release", "--bin", "jejaring"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return None;
        }
    }
    bin.is_file().then_some(bin)
}

/// `/usr/bin/time` when it can report peak RSS (tried on `bin --version`).
fn gnu_time(bin: &Path) -> Option<PathBuf> {
    let time = PathBuf::from("/usr/bin/time");
    let ok = Command::new(&time)
        .args(["-f", "%M"])
        .arg(bin)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(time)
}

/// A synthetic database of `n` records (seed 1), generated once by the binary and kept.
fn database(bin: &Path, n: usize) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-cli");
    std::fs::create_dir_all(&dir).ok()?;
    let db = dir.join(format!("gen-{n}-seed1.db"));
    if db.is_file() && std::env::var_os("JEJARING_BENCH_FRESH").is_none() {
        return Some(db);
    }
    for f in [db.clone(), cache_of(&db)] {
        let _ = std::fs::remove_file(f);
    }
    let start = Instant::now();
    let ok = Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["gen", "--records", &n.to_string(), "--seed", "1"])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    println!(
        "  generated {} in {:.1} s",
        db.display(),
        start.elapsed().as_secs_f64()
    );
    ok.then_some(db)
}

fn cache_of(db: &Path) -> PathBuf {
    jejaring::search::cache::path_for(db)
}

/// Every name the index holds (regions too), one a line, for fzf.
fn write_names(db: &Path) -> Option<tempfile::NamedTempFile> {
    let store = jejaring::service::open_seeded(db).ok()?;
    let mut file = tempfile::NamedTempFile::new().ok()?;
    {
        let mut w = std::io::BufWriter::new(file.as_file_mut());
        let mut failed = false;
        store
            .for_each_index_record(None, |r| {
                failed |= writeln!(w, "{}", r.name.replace('\n', " ")).is_err();
            })
            .ok()?;
        w.flush().ok()?;
        if failed {
            return None;
        }
    }
    Some(file)
}

/// What to run: the program, its arguments, and a file for stdin.
struct Job<'a> {
    program: &'a Path,
    args: Vec<String>,
    stdin: Option<&'a Path>,
}

impl Job<'_> {
    fn command(&self, rss_via: Option<&Path>, rss_out: &Path) -> Option<Command> {
        let mut c = match rss_via {
            Some(time) => {
                let mut c = Command::new(time);
                c.args(["-f", "%M", "-o"]).arg(rss_out).arg(self.program);
                c
            }
            None => Command::new(self.program),
        };
        c.args(&self.args).stderr(Stdio::null());
        if let Some(p) = self.stdin {
            c.stdin(Stdio::from(std::fs::File::open(p).ok()?));
        }
        Some(c)
    }

    /// Wall time of one run (stdout read to the end, as a pipe would be).
    fn time(&self) -> Option<Duration> {
        let mut c = self.command(None, Path::new(""))?;
        let start = Instant::now();
        let out = c.output().ok()?;
        let took = start.elapsed();
        // 0 found, 1 nothing found: both are answers.
        matches!(out.status.code(), Some(0 | 1)).then_some(took)
    }

    /// Peak RSS in MB of one run under `/usr/bin/time`.
    fn peak_rss(&self, time: &Path) -> Option<f64> {
        let out = tempfile::NamedTempFile::new().ok()?;
        self.command(Some(time), out.path())?.output().ok()?;
        let text = std::fs::read_to_string(out.path()).ok()?;
        let kb: f64 = text.lines().last()?.trim().parse().ok()?;
        Some(kb / 1024.0)
    }
}

/// The row's figures and its p50, for the ratio.
fn row(label: &str, samples: &mut [Duration], rss: Option<f64>) -> Option<Duration> {
    if samples.is_empty() {
        println!("  {label:<28} (no successful run)");
        return None;
    }
    samples.sort_unstable();
    let p50 = percentile(samples, 0.5);
    println!(
        "  {label:<28} {:>8.1} {:>8.1} {:>8.1} {:>8.1}   {}",
        ms(p50),
        ms(percentile(samples, 0.9)),
        ms(percentile(samples, 0.99)),
        ms(samples[samples.len() - 1]),
        rss.map_or("-".to_string(), |r| format!("{r:.1} MB")),
    );
    Some(p50)
}

struct Tools {
    bin: PathBuf,
    fzf: bool,
    time: Option<PathBuf>,
    runs: usize,
}

fn bench(tools: &Tools, n: usize) {
    println!("\n== {n} records (plus 38 provinces and 514 cities) ==");
    let Some(db) = database(&tools.bin, n) else {
        println!("  cannot generate the database; skipped");
        return;
    };
    let names = if tools.fzf { write_names(&db) } else { None };
    let search = |q: &str| Job {
        program: &tools.bin,
        args: vec![
            "--db".into(),
            db.to_string_lossy().into_owned(),
            "search".into(),
            q.into(),
            "--limit".into(),
            "20".into(),
        ],
        stdin: None,
    };
    let max_rss = |jobs: &mut dyn Iterator<Item = (Job<'_>, bool)>| -> Option<f64> {
        let time = tools.time.as_deref()?;
        jobs.filter_map(|(job, cold)| {
            if cold {
                let _ = std::fs::remove_file(cache_of(&db));
            }
            job.peak_rss(time)
        })
        .reduce(f64::max)
    };
    let (mut cold, mut warm, mut fzf) = (Vec::new(), Vec::new(), Vec::new());
    for q in FZF_QUERIES {
        let job = search(q);
        for _ in 0..tools.runs.div_ceil(3) {
            let _ = std::fs::remove_file(cache_of(&db));
            cold.extend(job.time());
        }
        job.time(); // leaves the cache in place (and warms the page cache)
        for _ in 0..tools.runs {
            warm.extend(job.time());
        }
        if let Some(names) = &names {
            let job = Job {
                program: Path::new("fzf"),
                args: vec!["--filter".into(), (*q).into()],
                stdin: Some(names.path()),
            };
            job.time();
            for _ in 0..tools.runs {
                fzf.extend(job.time());
            }
        }
    }
    let cache_mb = std::fs::metadata(cache_of(&db)).map_or(0.0, |m| m.len() as f64 / 1e6);
    let rss_cold = max_rss(&mut FZF_QUERIES.iter().map(|q| (search(q), true)));
    // Each cold run above wrote the cache again: the warm runs find it.
    let rss_warm = max_rss(&mut FZF_QUERIES.iter().map(|q| (search(q), false)));
    let rss_fzf = names.as_ref().and_then(|names| {
        max_rss(&mut FZF_QUERIES.iter().map(|q| {
            let job = Job {
                program: Path::new("fzf"),
                args: vec!["--filter".into(), (*q).into()],
                stdin: Some(names.path()),
            };
            (job, false)
        }))
    });
    println!(
        "  {} queries; {} runs each warm and fzf, {} cold; index cache {cache_mb:.1} MB",
        FZF_QUERIES.len(),
        tools.runs,
        tools.runs.div_ceil(3)
    );
    println!(
        "  {:<28} {:>8} {:>8} {:>8} {:>8}   peak RSS (max)",
        "(ms, whole process)", "p50", "p90", "p99", "max"
    );
    let cold = row("jejaring search, cold", &mut cold, rss_cold);
    let warm = row("jejaring search, warm", &mut warm, rss_warm);
    let fzf = if tools.fzf {
        row("fzf --filter", &mut fzf, rss_fzf)
    } else {
        println!("  fzf --filter                 (fzf absent: column skipped)");
        None
    };
    if let Some(f) = fzf {
        for (label, p50) in [("warm", warm), ("cold", cold)] {
            if let Some(p) = p50 {
                let ratio = ms(f) / ms(p);
                let word = if ratio >= 1.0 { "faster" } else { "slower" };
                let shown = if ratio >= 1.0 { ratio } else { 1.0 / ratio };
                println!("  {label} p50 vs fzf p50: {shown:.1}x {word}");
            }
        }
    }
}

fn main() {
    let sizes = common::sizes();
    let Some(bin) = binary() else {
        println!("no release binary: run `cargo build --release` first (or set JEJARING_BIN)");
        return;
    };
    let fzf = version_of("fzf");
    let time = gnu_time(&bin);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "jejaring CLI benchmark: {} ({} CPUs; load average {}), fzf {}",
        bin.display(),
        std::thread::available_parallelism().map_or(0, usize::from),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        fzf.as_deref()
            .unwrap_or("absent: fzf column skipped (apt-get install fzf)")
    );
    if time.is_none() {
        println!("/usr/bin/time absent: peak RSS skipped (apt-get install time)");
    }
    let tools = Tools {
        bin,
        fzf: fzf.is_some(),
        time,
        runs: env_usize("JEJARING_BENCH_RUNS", 10).max(1),
    };
    for n in sizes {
        bench(&tools, n);
    }
}
