//! `dupes` over synthetic contacts (names from the synthetic generator's lists of common
//! Indonesian given and family names, seeded; marked synthetic, nobody's numbers): blocked finding
//! against comparing every pair of names in one city, the peer it replaces. One record in fifty
//! is a second copy of an earlier one with a typo, and a third of those keep the same phone.
//! Prints figures, asserts none. `cargo bench --bench dupes` (`JEJARING_BENCH_SIZES=100000`).

use jejaring::dupes::{Entry, find, fold_name, name_similarity};
use jejaring::model::Kind;
use jejaring::synth::Generator;
use std::time::Instant;

/// Skewed like a real directory: most records in the first few dozen cities.
fn city(rng: &mut fastrand::Rng) -> String {
    let f = rng.f64();
    let i = ((f * f * f) * 514.0) as usize;
    format!("{:02}.{:02}", 11 + i / 70, i % 70 + 1)
}

/// A name with one letter changed, as typed twice by different hands.
fn typo(name: &str, rng: &mut fastrand::Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let at = rng.usize(..chars.len());
    if chars[at].is_alphabetic() {
        chars[at] = if chars[at] == 'a' { 'e' } else { 'a' };
    }
    chars.into_iter().collect()
}

fn synthetic(n: usize, seed: u64) -> Vec<Entry> {
    let mut names = Generator::new(seed, &[]);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out: Vec<Entry> = Vec::with_capacity(n);
    for i in 0..n {
        let entry = if i > 0 && rng.u8(0..50) == 0 {
            let earlier = out[rng.usize(0..i)].clone();
            Entry {
                id: format!("synthetic-{i}"),
                name: typo(&earlier.name, &mut rng),
                phone: earlier.phone.filter(|_| rng.u8(0..3) == 0),
                ..earlier
            }
        } else {
            Entry {
                id: format!("synthetic-{i}"),
                name: names.person(),
                city: Some(city(&mut rng)),
                phone: (rng.u8(0..3) == 0).then(|| format!("+628120{i:07}")),
                email: None,
            }
        };
        out.push(entry);
    }
    out
}

fn main() {
    let sizes: Vec<usize> = std::env::var("JEJARING_BENCH_SIZES").ok().map_or_else(
        || vec![10_000, 100_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    for n in sizes {
        let entries = synthetic(n, 7);
        let mut runs = Vec::new();
        let mut pairs = 0;
        for _ in 0..3 {
            let t = Instant::now();
            pairs = find(Kind::Contact, &entries).len();
            runs.push(t.elapsed().as_secs_f64());
        }
        runs.sort_by(f64::total_cmp);
        // The peer: every pair of names within each city, timed on the busiest city and scaled
        // by the sum of squares of the city sizes.
        let mut by_city: std::collections::HashMap<&str, Vec<String>> =
            std::collections::HashMap::default();
        for e in &entries {
            if let Some(c) = e.city.as_deref() {
                by_city.entry(c).or_default().push(fold_name(&e.name));
            }
        }
        let (_, one) = by_city.iter().max_by_key(|(_, v)| v.len()).expect("a city");
        let t = Instant::now();
        let mut close = 0usize;
        for (i, a) in one.iter().enumerate() {
            for b in &one[i + 1..] {
                close += usize::from(name_similarity(a, b) > 0.84);
            }
        }
        let per_pair = t.elapsed().as_secs_f64() / (one.len() * one.len() / 2).max(1) as f64;
        let all_pairs: usize = by_city.values().map(|v| v.len() * v.len() / 2).sum();
        println!(
            "dupes {n:>7} synthetic contacts: blocked median {:>8.1} ms, {pairs} pairs | peer, all \
             name pairs per city: ≈ {:.1} s ({all_pairs} comparisons; {close} close in the busiest \
             city of {})",
            runs[1] * 1e3,
            per_pair * all_pairs as f64,
            one.len()
        );
    }
}
