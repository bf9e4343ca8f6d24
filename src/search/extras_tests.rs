//! Round trips of the saved order and letter tables, and their refusal of stale or damaged
//! files: a completed lean index must answer exactly as one completed by computing.

use super::*;
use crate::search::{IndexBuilder, Query, SearchOptions, Searcher};
use crate::synth;
use std::sync::Arc;

const STAMP: &str = "generation=abc;schema=1";

fn lean(seed: u64, n: usize) -> Index {
    let regions = synth::regions();
    let mut b = IndexBuilder::new(regions.clone());
    for row in synth::index_rows(seed, &regions, n) {
        b.push(&row);
    }
    b.finish_lean()
}

fn same_tables(a: &Index, b: &Index) {
    assert_eq!(a.order, b.order);
    let (ea, eb) = (a.letters.entries(), b.letters.entries());
    assert_eq!(ea.len(), eb.len());
    for (x, y) in ea.iter().zip(eb) {
        assert_eq!(x.hits, y.hits);
        assert_eq!(x.total, y.total);
        assert_eq!(x.facets, y.facets);
    }
}

#[test]
fn a_lean_index_completed_from_the_file_equals_one_completed_by_computing() {
    let computed = Arc::new(lean(5, 4000).into_full());
    let bytes = encode(&computed, STAMP);
    let (order, letters) = decode(&bytes, STAMP, &lean(5, 4000)).expect("decodes");
    let read = Arc::new(lean(5, 4000).with_extras(order, letters));
    same_tables(&computed, &read);
    for q in [
        "",
        "k",
        "a",
        "z",
        "kopi",
        "komunitas foto",
        "sub:musik m",
        "é",
    ] {
        let query = Arc::new(Query::parse(q, computed.aliases()).expect("query"));
        let run = |ix: &Arc<Index>| {
            Searcher::new(Arc::clone(ix), SearchOptions::default()).search(&query)
        };
        let (a, b) = (run(&computed), run(&read));
        assert_eq!(a.hits, b.hits, "query {q}");
        assert_eq!(a.facets, b.facets, "query {q}");
        assert_eq!(a.total(), b.total(), "query {q}");
    }
}

#[test]
fn a_stale_or_damaged_file_is_refused() {
    let full = lean(6, 600).into_full();
    let bytes = encode(&full, STAMP);
    let ix = lean(6, 600);
    assert!(decode(&bytes, STAMP, &ix).is_some());
    assert!(decode(&bytes, "generation=other", &ix).is_none(), "stale");
    assert!(
        decode(&bytes, STAMP, &lean(6, 599)).is_none(),
        "other records"
    );
    for cut in [0, 7, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode(&bytes[..cut], STAMP, &ix).is_none(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer, STAMP, &ix).is_none(), "trailing byte");
    for at in (8 + 4 + STAMP.len()..bytes.len()).step_by(97) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x10;
        assert!(decode(&flipped, STAMP, &ix).is_none(), "byte {at} flipped");
    }
}

#[test]
fn a_lean_index_is_not_written_and_files_round_trip_on_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("x.db");
    assert!(write(&db, STAMP, &lean(7, 300)).is_err());
    let full = lean(7, 300).into_full();
    write(&db, STAMP, &full).expect("written");
    same_tables(&full, &complete(&db, STAMP, lean(7, 300)));
    assert!(read(&db, "generation=new", &lean(7, 300)).is_none());
    // Missing: computed, and saved for the next time.
    remove(&db).expect("removed");
    same_tables(&full, &complete(&db, STAMP, lean(7, 300)));
    assert!(read(&db, STAMP, &lean(7, 300)).is_some());
    remove(&db).expect("removed");
    assert!(!path_for(&db).exists());
    remove(&db).expect("a missing file is fine");
}
