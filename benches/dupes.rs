//! `dupes` over synthetic contacts (fastrand, seeded; marked synthetic, nobody's numbers):
//! blocked finding against comparing every pair of names in one city, the peer it replaces.
//! Prints figures, asserts none. `cargo bench --bench dupes` (`JEJARING_BENCH_SIZES=100000`).

use jejaring::dupes::{Entry, find, fold_name, name_similarity};
use jejaring::model::Kind;
use std::time::Instant;

fn synthetic(n: usize, seed: u64) -> Vec<Entry> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let given = [
        "Dewi", "Agus", "Budi", "Sari", "Wulan", "Yudi", "Rina", "Eko", "Tri", "Nur",
    ];
    (0..n)
        .map(|i| {
            // One in fifty is a second copy of an earlier one, a letter changed.
            let dup = i > 0 && rng.u8(0..50) == 0;
            let base = if dup { rng.usize(0..i) } else { i };
            let mut name = format!("{} Sintetis{base}", given[base % given.len()]);
            if dup {
                name.push('x');
            }
            Entry {
                id: format!("synthetic-{i}"),
                name,
                city: Some(format!("{:02}.{:02}", base % 34 + 11, base % 500 / 34)),
                phone: (base % 3 == 0).then(|| format!("+628120{base:07}")),
                email: None,
            }
        })
        .collect()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("JEJARING_BENCH_SIZES").ok().map_or_else(
        || vec![10_000, 100_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    for n in sizes {
        let entries = synthetic(n, 7);
        let t = Instant::now();
        let pairs = find(Kind::Contact, &entries);
        let blocked = t.elapsed();
        // The peer: every pair of names within each city, timed on one city and scaled.
        let city = entries[0].city.clone();
        let one: Vec<String> = entries
            .iter()
            .filter(|e| e.city == city)
            .map(|e| fold_name(&e.name))
            .collect();
        let t = Instant::now();
        let mut close = 0usize;
        for (i, a) in one.iter().enumerate() {
            for b in &one[i + 1..] {
                close += usize::from(name_similarity(a, b) > 0.84);
            }
        }
        let per_city = t.elapsed();
        let cities = n.div_ceil(one.len().max(1));
        println!(
            "dupes {n:>7} synthetic contacts: blocked {:>8.1} ms, {} pairs | all pairs per city: \
             {:.1} ms × {cities} cities ≈ {:.1} s ({close} close in the timed city)",
            blocked.as_secs_f64() * 1e3,
            pairs.len(),
            per_city.as_secs_f64() * 1e3,
            per_city.as_secs_f64() * cities as f64,
        );
    }
}
