//! The session's shortcuts against plain searches: the exact page sent before the complete
//! answer, and earlier answers kept across a query that narrows none of them.

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
fn an_exact_page_is_the_start_of_the_complete_answer_with_its_count() {
    let ix = synth_index(30_000);
    let options = SearchOptions {
        page: 30,
        ..SearchOptions::default()
    };
    let mut exact_pages = 0;
    for text in ["sm", "an", "kota s", "het", "rmh", "ae", "kopi s"] {
        let mut s = Searcher::new(Arc::clone(&ix), options);
        let (pages, done) = pages_and_answer(&mut s, text);
        assert!(done.complete && done.settled() == done.hits.len(), "{text}");
        for p in pages.iter().filter(|p| p.settled() > 0) {
            exact_pages += 1;
            assert!(!p.complete);
            assert_eq!(p.hits[..], done.hits[..p.hits.len()], "{text}");
            assert_eq!(p.total(), done.total(), "{text}");
            assert_eq!(p.matches, done.matches, "{text}");
        }
    }
    assert!(exact_pages > 0, "no exact page was sent");
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
