//! The idle-time preparations against the plain path: the coarse bound against the bound it
//! stands for, and rankings with coarse keys against rankings without.

use super::*;
use crate::search::bound::{coarse_bound, skim_bound, starts_of};
use crate::search::{IndexBuilder, Query, SearchOptions, Searcher};
use crate::synth;

fn synthetic(n: usize, lean: bool) -> Arc<Index> {
    let regions = synth::regions();
    let mut builder = IndexBuilder::new(regions.clone());
    for row in synth::index_rows(42, &regions, n) {
        builder.push(&row);
    }
    Arc::new(if lean {
        builder.finish_lean()
    } else {
        builder.finish()
    })
}

#[test]
fn the_coarse_bound_is_no_less_than_the_bound() {
    let ix = synthetic(3000, false);
    let mut rng = fastrand::Rng::with_seed(11);
    let mut names: Vec<String> = (0..ix.len() as RecordId)
        .map(|id| ix.name(id).to_string())
        .filter(|n| n.is_ascii())
        .collect();
    names.extend(
        [
            "KoMuNiTaS.Seni-rupa",
            "aaaaaaaaaaaa",
            "x(y)z [Kopi]/Kita",
            "ARSITEK muda 2024",
            "iPhone kotaSemarang",
            "smr",
            "SMR",
            "s m r",
            "a",
            "",
            "9a-b_c d'e",
        ]
        .map(String::from),
    );
    let letters = b"aaeeiikkmnorstuSM29-.( ";
    let mut checked = 0;
    for name in &names {
        let starts = starts_of(name.as_bytes());
        for _ in 0..6 {
            let len = rng.usize(1..7);
            let p: Vec<u8> = (0..len)
                .map(|_| letters[rng.usize(..letters.len())].to_ascii_lowercase())
                .collect();
            if let Some(b) = skim_bound(&p, name.as_bytes()) {
                let coarse = coarse_bound(&p, starts);
                assert!(
                    coarse >= b,
                    "{name} / {}: coarse {coarse} < bound {b}",
                    String::from_utf8_lossy(&p)
                );
                checked += 1;
            }
        }
    }
    // Every piece of a few names made to have every kind of bonus: runs over camel humps,
    // chars after punctuation, digits.
    for name in [
        "iPhone kotaSemarang",
        "KoMuNiTaS.Seni-rupa",
        "x(y)z [Kopi]/Kita 2024",
        "2024 Komunitas",
        "Ab1Cd eF aB",
    ] {
        let lower = name.to_ascii_lowercase();
        let starts = starts_of(name.as_bytes());
        for i in 0..lower.len() {
            for j in i + 1..=lower.len().min(i + 4) {
                let p = &lower.as_bytes()[i..j];
                if let Some(b) = skim_bound(p, name.as_bytes()) {
                    assert!(coarse_bound(p, starts) >= b, "{name} / {}", &lower[i..j]);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 2000, "only {checked} checked");
}

/// Queries whose ranking needs scattered matches scored.
const SCATTERED: &[&str] = &[
    "kin",
    "ae",
    "rmh",
    "dw ls",
    "kopi s",
    "kota s",
    "tr",
    "sm",
    "smr",
    "het",
    "café",
    "ara kind:contact",
    "a prov:jateng",
    "an sub:musik",
    "k1",
];

#[test]
fn rankings_with_coarse_keys_equal_plain_ones() {
    for lean in [false, true] {
        let ix = synthetic(12_000, lean);
        let plain = synthetic(12_000, false);
        let options = SearchOptions {
            top_k: 80,
            ..SearchOptions::default()
        };
        let mut s = Searcher::new(Arc::clone(&ix), options);
        assert!(s.prepare_next(&|| false), "the coarse table was computed");
        for text in SCATTERED {
            let query = Arc::new(Query::parse(text, ix.aliases()).expect("parses"));
            s.clear();
            let got = s.search(&query);
            let query = Arc::new(Query::parse(text, plain.aliases()).expect("parses"));
            let want = Searcher::new(Arc::clone(&plain), options).search(&query);
            assert_eq!(got.hits, want.hits, "{text} (lean: {lean})");
            assert_eq!(got.matches, want.matches, "{text} (lean: {lean})");
        }
    }
}

/// The head of scattered matches grows when the threshold it set is loose; either way the
/// best `need` are those that scoring every match finds.
#[test]
fn a_grown_head_keeps_the_best_scattered_matches() {
    use crate::search::engine::{GREW, Head, best_scattered_coarse};
    use crate::search::rank::{MatchClass, Prepared};
    use crate::search::scorer::{Scorer, SkimScorer};
    let ix = synthetic(12_000, false);
    let mut table = Vec::new();
    assert!(starts(&ix, &mut table, &|| false));
    let scorers: Vec<Box<dyn Scorer>> = vec![Box::new(SkimScorer), Box::new(SkimScorer)];
    // Small, so that a head of 32 (one needed) grows to 128 and the rest still decides.
    let head = Head {
        start: 16,
        grown: 128,
    };
    let before = GREW.with(std::cell::Cell::get);
    for text in ["a", "ae", "rmh", "smr", "an", "kin", "tr", "dw ls"] {
        let query = Query::parse(text, ix.aliases()).expect("parses");
        let prep = Prepared::new(&ix, &query).with_starts(Some(&table));
        let fuzzy: Vec<RecordId> = (0..ix.len() as RecordId)
            .filter(|&id| prep.matches(&ix, id) == Some(MatchClass::Fuzzy))
            .collect();
        let mut all: Vec<(u64, RecordId)> = fuzzy
            .iter()
            .map(|&id| (prep.key(&ix, id, MatchClass::Fuzzy, &SkimScorer), id))
            .collect();
        all.sort_unstable();
        for need in [1, 2, 10] {
            let maybe = fuzzy
                .iter()
                .map(|&id| (prep.coarse_key(&ix, id), id))
                .collect();
            let mut got = best_scattered_coarse(&ix, &prep, maybe, need, head, &scorers, &|| false)
                .expect("not cancelled");
            got.sort_unstable();
            got.truncate(need);
            assert_eq!(got, all[..need.min(all.len())], "{text} / {need}");
        }
    }
    assert!(GREW.with(std::cell::Cell::get) > before, "no head grew");
}

#[test]
fn the_coarse_table_resumes_where_a_cancel_left_it() {
    let ix = synthetic(10_000, false);
    let mut done = Vec::new();
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let cancel_later = || calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 1;
    assert!(!starts(&ix, &mut done, &cancel_later));
    assert!(!done.is_empty() && done.len() < ix.len());
    assert!(starts(&ix, &mut done, &|| false));
    let whole: Vec<_> = (0..ix.len() as RecordId)
        .map(|id| {
            if ix.meta[id as usize].has(FLAG_PADDED) {
                Starts::default()
            } else {
                starts_of(ix.name(id).as_bytes())
            }
        })
        .collect();
    assert_eq!(done, whole);
}
