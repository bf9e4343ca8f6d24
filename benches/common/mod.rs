//! What the benchmarks share: the free-text queries compared with fzf, environment knobs and
//! one definition of a percentile, so every bench reports its figures the same way.

// Each bench binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::process::Command;
use std::time::Duration;

/// Free-text queries compared with `fzf --filter` (fzf has no filters).
pub const FZF_QUERIES: &[&str] = &[
    "k",
    "komunitas fotografi",
    "musik",
    "rumah kreatif",
    "dewi lestari",
    "kopi semarang",
    "jogja",
    "creative hub",
    "sobat kopi makassar",
    "qxz",
];

/// A number from the environment variable `name`, else `default`.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The nearest-rank percentile `p` (0..=1) of `sorted`, which must not be empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

/// The first line `cmd --version` prints, when `cmd` runs.
pub fn version_of(cmd: &str) -> Option<String> {
    let out = Command::new(cmd).arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The directory sizes to measure: `JEJARING_BENCH_SIZES` (comma-separated), else 100k and 1M.
pub fn sizes() -> Vec<usize> {
    std::env::var("JEJARING_BENCH_SIZES").ok().map_or_else(
        || vec![100_000, 1_000_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    )
}
