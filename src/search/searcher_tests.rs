//! The session's shortcuts against plain searches: earlier answers kept across a query that
//! narrows none of them.

use super::*;
use crate::search::next;
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

/// Typing sessions over words that stress the prepared path: short scattered patterns over
/// many matches, accents, region names, place words, filters, and backspace.
fn prepared_sessions(seed: u64, count: usize) -> Vec<Vec<String>> {
    let words = [
        "sm",
        "an",
        "kota s",
        "het",
        "smrg",
        "andi",
        "café",
        "cafe",
        "kab bantul",
        "semarang",
        "komunitas mu",
        "ko",
        "a1",
        "jogja",
        "é",
        "x",
    ];
    let filters = [
        "",
        " kind:community",
        " prov:jateng",
        " sub:musik",
        " kind:city",
    ];
    let typing = crate::search::tests::Typing {
        filter_first: true,
        back_one_in: 4,
        erase: true,
    };
    typing.sessions(seed, count, &words, &filters)
}

#[test]
fn a_keystroke_after_a_prepared_answer_equals_a_fresh_search() {
    let ix = synth_index(20_000);
    let options = SearchOptions {
        top_k: 60,
        prepare_min: 0,
        ..SearchOptions::default()
    };
    let mut s = Searcher::new(Arc::clone(&ix), options);
    let mut fast = 0;
    for session in prepared_sessions(7, 60) {
        for text in session {
            let query = q(&ix, &text);
            if let Some(top) = s.stack.last()
                && top.next.is_some()
                && next::added_slot(&top.query, &query).is_some()
                && query.narrows(&top.query)
            {
                fast += 1;
            }
            let done = s.search(&query);
            s.prepare_next(&|| false);
            let fresh = Searcher::new(Arc::clone(&ix), options).search(&query);
            assert_eq!(done.hits, fresh.hits, "{text}");
            assert_eq!(done.matches, fresh.matches, "{text}");
            assert_eq!(done.facets, fresh.facets, "{text}");
        }
    }
    assert!(fast > 100, "the prepared path was taken only {fast} times");
}

#[test]
fn a_cancelled_preparation_leaves_the_plain_path() {
    let ix = synth_index(5_000);
    let options = SearchOptions {
        prepare_min: 0,
        ..SearchOptions::default()
    };
    let mut s = Searcher::new(Arc::clone(&ix), options);
    s.search(&q(&ix, "s"));
    assert!(!s.prepare_next(&|| true));
    let done = s.search(&q(&ix, "sm"));
    let fresh = Searcher::new(Arc::clone(&ix), options).search(&q(&ix, "sm"));
    assert_eq!(done.hits, fresh.hits);
    assert_eq!(done.matches, fresh.matches);
}

#[test]
fn masks_say_what_follows_the_last_word_and_the_phrase() {
    let slot = |c: u8| 1u64 << crate::search::letters::slot(c).expect("letter");
    let (follow, word) = next::masks_of(b"Komunitas Seni Musik", b"s", b"s");
    // After the first `s` (end of `Komunitas`): ` Seni Musik`.
    assert_eq!(
        follow & ((1 << 36) - 1),
        slot(b's') | slot(b'e') | slot(b'n') | slot(b'i') | slot(b'm') | slot(b'u') | slot(b'k')
    );
    assert_eq!(word, slot(b'e'), "`Seni` starts a word with s, then e");
    assert_eq!(follow >> 36 & 0x7F, 0, "the name does not start with s");
    let (follow, _) = next::masks_of(b"Sanggar", b"s", b"s");
    assert_eq!(follow >> 36 & 0x7F, u64::from(b'a' - b'a') + 1);
}

#[test]
fn a_partly_prepared_answer_narrows_as_a_plain_one() {
    let ix = synth_index(20_000);
    let options = SearchOptions {
        top_k: 60,
        prepare_min: 0,
        ..SearchOptions::default()
    };
    for (wide, narrow) in [("a", "an"), ("s", "sm"), ("k", "ko"), ("e", "e1")] {
        let mut s = Searcher::new(Arc::clone(&ix), options);
        s.search(&q(&ix, wide));
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let after_two = || calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 2;
        assert!(!s.prepare_next(&after_two), "{wide}: stopped");
        let part = s.stack.last().and_then(|l| l.next.as_ref());
        assert!(
            part.is_some_and(|n| !n.is_complete()),
            "{wide}: partly prepared"
        );
        let done = s.search(&q(&ix, narrow));
        let fresh = Searcher::new(Arc::clone(&ix), options).search(&q(&ix, narrow));
        assert_eq!(done.hits, fresh.hits, "{narrow}");
        assert_eq!(done.matches, fresh.matches, "{narrow}");
        assert_eq!(done.facets, fresh.facets, "{narrow}");
    }
}
