//! The session's shortcuts against plain searches: earlier answers kept across a query that
//! narrows none of them.

use super::*;
use crate::search::{Index, IndexRow, Query};
use crate::synth;

fn synth_index(n: usize) -> Arc<Index> {
    let regions = synth::regions();
    let rows: Vec<IndexRow> = synth::index_rows(42, &regions, n).collect();
    Arc::new(Index::build(regions, rows))
}

fn q(ix: &Index, text: &str) -> Arc<Query> {
    Arc::new(Query::parse(text, ix.aliases()).expect("parses"))
}

/// Answers `text` with a session, returning the pages sent before the answer.
fn pages_and_answer(s: &mut Searcher, text: &str) -> (Vec<SearchResults>, SearchResults) {
    let query = q(s.index(), text);
    let mut pages = Vec::new();
    let done = s
        .search_with(&query, &|| false, &mut |p| pages.push(p))
        .expect("not cancelled");
    (pages, done)
}

#[test]
fn a_query_narrowing_no_earlier_one_keeps_them_for_backspace() {
    let ix = synth_index(20_000);
    // `semarang` becomes a place word once a second word follows, so `semarang f` may match
    // records without `semarang` in their names: it does not narrow `semarang`.
    assert!(!q(&ix, "semarang f").narrows(&q(&ix, "semarang")));
    let mut s = Searcher::new(Arc::clone(&ix), SearchOptions::default());
    let typed = [
        "s",
        "se",
        "sema",
        "semarang",
        "semarang f",
        "semarang",
        "sema",
        "se",
    ];
    for (i, text) in typed.iter().enumerate() {
        let (pages, done) = pages_and_answer(&mut s, text);
        let fresh = Searcher::new(Arc::clone(&ix), SearchOptions::default()).search(&q(&ix, text));
        assert_eq!(done.hits, fresh.hits, "{text}");
        assert_eq!(done.matches, fresh.matches, "{text}");
        assert_eq!(done.facets, fresh.facets, "{text}");
        if i > typed.len() - 4 {
            assert!(
                pages.is_empty(),
                "{text} was searched again, not taken from the stack"
            );
        }
    }
}

#[test]
fn the_bound_of_a_name_with_accents_is_no_less_than_its_key() {
    let ix = synth_index(20_000);
    let scorer = crate::search::SkimScorer;
    let mut checked = 0;
    for text in [
        "sm", "an", "kota s", "het", "ara", "e", "kopi", "cafe", "rmh ku", "café",
    ] {
        let query = q(&ix, text);
        let prep = Prepared::new(&ix, &query);
        for id in 0..ix.len() as RecordId {
            let padded = ix.meta[id as usize].has(crate::search::index::FLAG_PADDED);
            if let (true, Some(class)) = (padded, prep.matches(&ix, id))
                && class == crate::search::MatchClass::Fuzzy
            {
                let key = prep.key(&ix, id, class, &scorer);
                let bound = prep.bound_key(&ix, id);
                assert!(
                    bound <= key,
                    "{text} / {}: bound above the score",
                    ix.name(id)
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "too few names with accents: {checked}");
}
