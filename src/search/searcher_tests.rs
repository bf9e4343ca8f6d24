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
    let fast = sessions_equal_fresh_searches(&ix, options, prepared_sessions(7, 60), |s, query| {
        s.stack.last().is_some_and(|top| {
            top.next.is_some()
                && next::added_slot(&top.query, query).is_some()
                && query.narrows(&top.query)
        })
    });
    assert!(fast > 100, "the prepared path was taken only {fast} times");
}

/// Types `sessions` into one searcher (idle time given after each answer) and checks each
/// answer against a fresh searcher's; returns how many queries `path` says took the fast
/// path under test (asked before each search).
fn sessions_equal_fresh_searches(
    ix: &Arc<Index>,
    options: SearchOptions,
    sessions: Vec<Vec<String>>,
    mut path: impl FnMut(&mut Searcher, &Query) -> bool,
) -> usize {
    let mut s = Searcher::new(Arc::clone(ix), options);
    let mut taken = 0;
    for session in sessions {
        for text in session {
            let query = q(ix, &text);
            taken += usize::from(path(&mut s, &query));
            let done = s.search(&query);
            s.prepare_next(&|| false);
            let fresh = Searcher::new(Arc::clone(ix), options).search(&query);
            assert_eq!(done.hits, fresh.hits, "{text}");
            assert_eq!(done.matches, fresh.matches, "{text}");
            assert_eq!(done.facets, fresh.facets, "{text}");
        }
    }
    taken
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

/// Whether the session would answer `query` from an earlier answer widened by the records of
/// the cities its place words add (see `Searcher::widened`).
fn takes_the_place_path(s: &mut Searcher, query: &Query) -> bool {
    if s.stack.iter().any(|l| *l.query == *query) {
        return false;
    }
    let plain = s.stack.iter().rposition(|l| query.narrows(&l.query));
    s.widened(query, plain).is_some()
}

/// Typing sessions where a word becomes a place word once a second word follows: `kota` then
/// `kota s` matches every Kota's records, `semarang f` both Semarangs'.
fn place_sessions(seed: u64, count: usize) -> Vec<Vec<String>> {
    let words = [
        "kota s",
        "sura k",
        "semarang f",
        "semarang foto",
        "kab bantul",
        "bandung mu",
        "kopi kota",
        "jakarta s a",
    ];
    let filters = [
        "",
        " kind:community",
        " prov:jateng",
        " sub:musik",
        " iccn:yes",
    ];
    let typing = crate::search::tests::Typing {
        filter_first: false,
        back_one_in: 3,
        erase: true,
    };
    typing.sessions(seed, count, &words, &filters)
}

#[test]
fn a_place_word_that_widens_equals_a_fresh_search() {
    let ix = synth_index(20_000);
    let options = SearchOptions {
        first_scan_min: 8192,
        first_scan: 3000,
        top_k: 60,
        prepare_min: 0,
        ..SearchOptions::default()
    };
    let widened =
        sessions_equal_fresh_searches(&ix, options, place_sessions(5, 40), takes_the_place_path);
    assert!(
        widened > 20,
        "the place path was taken only {widened} times"
    );
}

#[test]
fn a_widening_place_word_adds_records_of_its_cities_and_backspace_stays_free() {
    let ix = synth_index(20_000);
    let mut s = Searcher::new(Arc::clone(&ix), SearchOptions::default());
    let typed = [
        "s", "se", "sem", "sema", "semar", "semara", "semaran", "semarang",
    ];
    for text in typed {
        s.search(&q(&ix, text));
    }
    let semarang = s.search(&q(&ix, "semarang"));
    let query = q(&ix, "semarang f");
    assert!(takes_the_place_path(&mut s, &query));
    let (_, done) = pages_and_answer(&mut s, "semarang f");
    // Some matches are in a Semarang without `semarang` in their own names: the cities'
    // records count.
    let only_by_city = done
        .matches
        .iter()
        .filter(|id| semarang.matches.binary_search(id).is_err())
        .count();
    assert!(only_by_city > 20, "{only_by_city} matches by city alone");
    let fresh = Searcher::new(Arc::clone(&ix), SearchOptions::default()).search(&query);
    assert_eq!(done.matches, fresh.matches);
    assert_eq!(done.hits, fresh.hits);
    for text in typed.iter().rev() {
        let (pages, back) = pages_and_answer(&mut s, text);
        assert!(pages.is_empty(), "{text} was searched again");
        assert!(s.stack.last().is_some_and(|l| l.query.text() == *text));
        assert_eq!(back.total(), s.stack.last().map_or(0, |l| l.matches.len()));
    }
}

#[test]
fn records_by_city_list_each_city_in_index_order() {
    let ix = synth_index(5_000);
    let table = crate::search::places::CityRecords::build(&ix);
    let mut seen = 0;
    for c in 0..ix.regions.cities.len() as u16 {
        let ids = table.of(c);
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "city {c} in order");
        assert!(ids.iter().all(|&id| ix.meta[id as usize].city == c));
        seen += ids.len();
    }
    let with_city = ix
        .meta
        .iter()
        .filter(|m| m.city != crate::search::index::NO_CITY)
        .count();
    assert_eq!(seen, with_city);
    assert!(table.of(u16::MAX).is_empty());
    let base = [3, 17, 4_000];
    let union = table.union(ix.len(), &base, &[0, 1]);
    let mut want: Vec<RecordId> = base
        .iter()
        .chain(table.of(0))
        .chain(table.of(1))
        .copied()
        .collect();
    want.sort_unstable();
    want.dedup();
    assert_eq!(union, want);
}

#[test]
fn place_words_narrow_but_for_the_cities_they_add() {
    let ix = synth_index(1_000);
    let q = |text: &str| q(&ix, text);
    let semarang = q("semarang f").terms[0].cities.clone();
    assert_eq!(semarang.len(), 2, "Kota and Kabupaten Semarang");
    assert_eq!(q("semarang f").added_cities(&q("semarang")), Some(semarang));
    assert_eq!(
        q("semarang fo").added_cities(&q("semarang f")),
        Some(vec![])
    );
    let added = q("semarang f kind:space").added_cities(&q("sem"));
    assert!(added.is_some_and(|c| !c.is_empty()));
    // Spellings or filters that widen: not this kind of narrowing either.
    assert_eq!(
        q("semarang f").added_cities(&q("semarang kind:space")),
        None
    );
    assert_eq!(q("semarang f").added_cities(&q("semarangx")), None);
    assert_eq!(q("jogja f").added_cities(&q("jogj")), None);
}

#[test]
fn an_exact_first_page_starts_the_complete_answer() {
    let ix = synth_index(20_000);
    let options = SearchOptions {
        top_k: 200,
        first_page: 20,
        first_scan_min: 8192,
        first_scan: 3000,
        prepare_min: 0,
        ..SearchOptions::default()
    };
    let mut s = Searcher::new(Arc::clone(&ix), options);
    let mut exact = 0;
    for session in prepared_sessions(9, 40)
        .into_iter()
        .chain(place_sessions(9, 20))
    {
        for text in session {
            let (pages, done) = pages_and_answer(&mut s, &text);
            s.prepare_next(&|| false);
            for page in pages.iter().filter(|p| p.exact_page) {
                exact += 1;
                assert!(!page.complete, "{text}");
                assert_eq!(page.hits.len(), options.first_page, "{text}");
                assert_eq!(page.hits[..], done.hits[..page.hits.len()], "{text}");
                assert_eq!(page.matches, done.matches, "{text}");
                assert_eq!(page.total(), done.total(), "{text}");
                assert_eq!(page.facets, done.facets, "{text}");
            }
        }
    }
    assert!(exact > 20, "only {exact} exact first pages");
}
