//! Tests of ranking, filters, narrowing, the prefilter, facets and the worker.

use super::query::{MAX_TERM_CHARS, MAX_TERMS};
use super::*;
use super::{bound, fold};
use crate::model::Kind;
use crate::synth;
use std::sync::Arc;

fn row(kind: Kind, name: &str, city: Option<u16>) -> IndexRow {
    IndexRow {
        kind,
        rowid: 1,
        name: name.to_string(),
        city,
        province: None,
        subsectors: 0,
        tags: Vec::new(),
        iccn: None,
        stale: false,
    }
}

/// City indices in `synth::regions()`.
fn city(name: &str) -> u16 {
    synth::regions()
        .cities
        .iter()
        .position(|c| c.name == name)
        .expect("city in synthetic regions") as u16
}

fn small() -> Arc<Index> {
    let smg = city("Kota Semarang");
    let kab_smg = city("Kabupaten Semarang");
    let bdg = city("Kota Bandung");
    let ygy = city("Kota Yogyakarta");
    let mut rows = vec![
        row(Kind::City, "Kota Semarang", Some(smg)),
        row(Kind::City, "Kabupaten Semarang", Some(kab_smg)),
        row(Kind::City, "Kota Yogyakarta", Some(ygy)),
        row(Kind::Space, "Hetero Space Semarang", Some(smg)),
        row(Kind::Space, "Hetero Space Banyumas", None),
        row(Kind::Space, "Hetero Space Solo", None),
        row(Kind::Community, "Hetero", None),
        row(Kind::Community, "The Heterogeneous Collective", Some(bdg)),
        row(Kind::Contact, "Hxexterxo Budi", None),
        row(Kind::Space, "Café Lentera", Some(bdg)),
        row(Kind::Community, "Kopi Kita", Some(bdg)),
        row(Kind::Community, "Komunitas Pecinta Imaji", Some(bdg)),
        row(Kind::Community, "Klub Foto Kita", Some(smg)),
        row(Kind::Community, "Jogja Film Pitch", Some(ygy)),
        row(Kind::Organisation, "Musik Semarang Bersatu", Some(smg)),
    ];
    rows[3].iccn = Some(true);
    rows[12].subsectors = 1 << 8; // fotografi
    rows[12].tags = vec!["Kopi".into()];
    rows[14].subsectors = 1 << 11; // musik
    rows[14].stale = true;
    rows[10].tags = vec!["kopi".into()];
    Arc::new(Index::build(synth::regions(), rows))
}

fn names(index: &Index, r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| index.name(h.id).to_string())
        .collect()
}

fn run(index: &Arc<Index>, q: &str) -> SearchResults {
    let query = Query::parse(q, index.aliases()).expect("query parses");
    Searcher::new(Arc::clone(index), SearchOptions::default()).search(&Arc::new(query))
}

#[test]
fn exact_first_then_prefix_then_word_prefix_then_scattered() {
    let ix = small();
    let got = names(&ix, &run(&ix, "hetero"));
    assert_eq!(
        got,
        [
            "Hetero",
            "Hetero Space Solo",
            "Hetero Space Banyumas",
            "Hetero Space Semarang",
            "The Heterogeneous Collective",
            "Hxexterxo Budi",
        ]
    );
    let r = run(&ix, "hetero");
    assert_eq!(r.hits[0].class, MatchClass::Exact);
    assert_eq!(r.hits[1].class, MatchClass::NamePrefix);
    assert_eq!(r.hits[4].class, MatchClass::WordPrefix);
    assert_eq!(r.hits[5].class, MatchClass::Fuzzy);
}

#[test]
fn prefix_ranks_before_scattered_letters() {
    let ix = small();
    let got = names(&ix, &run(&ix, "kopi"));
    assert_eq!(got, ["Kopi Kita", "Komunitas Pecinta Imaji"]);
}

#[test]
fn case_and_accents_are_folded() {
    let ix = small();
    assert_eq!(names(&ix, &run(&ix, "cafe")), ["Café Lentera"]);
    assert_eq!(names(&ix, &run(&ix, "CAFÉ")), ["Café Lentera"]);
    assert_eq!(
        names(&ix, &run(&ix, "HeTeRo")),
        names(&ix, &run(&ix, "hetero"))
    );
    let q = Query::parse("cafe", ix.aliases()).expect("parses");
    let hit = run(&ix, "cafe").hits[0].id;
    assert_eq!(Highlighter::default().positions(&ix, &q, hit), [0, 1, 2, 3]);
}

#[test]
fn region_names_match_without_kota_or_kabupaten() {
    let ix = small();
    let r = run(&ix, "semarang");
    let got = names(&ix, &r);
    assert_eq!(&got[..2], ["Kota Semarang", "Kabupaten Semarang"]);
    assert_eq!(r.hits[1].class, MatchClass::Exact);
    assert_eq!(
        names(&ix, &run(&ix, "kab. semarang"))[0],
        "Kabupaten Semarang"
    );
}

#[test]
fn short_forms_and_place_words() {
    let ix = small();
    let jogja = names(&ix, &run(&ix, "jogja"));
    assert!(jogja.contains(&"Kota Yogyakarta".to_string()), "{jogja:?}");
    assert!(jogja.contains(&"Jogja Film Pitch".to_string()));
    // `foto semarang`: the name has the first word, the city the second.
    let got = names(&ix, &run(&ix, "foto semarang"));
    assert_eq!(got, ["Klub Foto Kita"]);
    // A single word never matches by place alone.
    assert!(!names(&ix, &run(&ix, "semarang")).contains(&"Klub Foto Kita".to_string()));
    // Records carrying every word in their name rank above place matches.
    let got = names(&ix, &run(&ix, "hetero semarang"));
    assert_eq!(got[0], "Hetero Space Semarang");
}

#[test]
fn highlights_cover_every_word() {
    let ix = small();
    let q = Query::parse("het sem", ix.aliases()).expect("parses");
    let r = run(&ix, "het sem");
    let id = r.hits[0].id;
    assert_eq!(ix.name(id), "Hetero Space Semarang");
    assert_eq!(
        Highlighter::default().positions(&ix, &q, id),
        [0, 1, 2, 13, 14, 15]
    );
}

#[test]
fn each_filter_restricts() {
    let ix = small();
    let kinds = |q: &str| -> Vec<Kind> {
        run(&ix, q)
            .hits
            .iter()
            .map(|h| ix.record(h.id).kind)
            .collect()
    };
    assert!(kinds("kind:space").iter().all(|&k| k == Kind::Space));
    assert_eq!(kinds("kind:ruang").len(), 4);
    assert_eq!(
        names(&ix, &run(&ix, "hetero kind:community")),
        ["Hetero", "The Heterogeneous Collective"]
    );
    for prov in [
        "prov:jateng",
        "prov:33",
        "prov:jawa-tengah",
        "prov:Jawa_Tengah",
        "prov:central-java",
    ] {
        let got = names(&ix, &run(&ix, &format!("kind:space {prov}")));
        assert_eq!(got, ["Hetero Space Semarang"], "{prov}");
    }
    assert_eq!(
        names(&ix, &run(&ix, "sub:musik")),
        ["Musik Semarang Bersatu"]
    );
    assert_eq!(
        names(&ix, &run(&ix, "sub:music")),
        ["Musik Semarang Bersatu"]
    );
    assert_eq!(
        names(&ix, &run(&ix, "sub:KOPI")),
        ["Klub Foto Kita", "Kopi Kita"]
    );
    assert_eq!(names(&ix, &run(&ix, "iccn:yes")), ["Hetero Space Semarang"]);
    assert_eq!(
        names(&ix, &run(&ix, "stale:ya")),
        ["Musik Semarang Bersatu"]
    );
    assert_eq!(run(&ix, "stale:no").total(), ix.len() - 1);
}

#[test]
fn values_of_one_filter_or_and_filters_and() {
    let ix = small();
    let both = run(&ix, "kind:space,city").total();
    assert_eq!(both, 7);
    assert_eq!(run(&ix, "kind:space kind:city").total(), 7);
    assert_eq!(run(&ix, "sub:musik,fotografi").total(), 2);
    assert_eq!(run(&ix, "iccn:yes iccn:no iccn:unknown").total(), ix.len());
    // AND across: spaces in Jawa Tengah that are ICCN, and musik that is a space (none).
    assert_eq!(run(&ix, "kind:space prov:jateng iccn:yes").total(), 1);
    assert_eq!(run(&ix, "kind:space sub:musik").total(), 0);
}

#[test]
fn unknown_filter_values_are_errors_to_show() {
    let ix = small();
    let err = |q: &str| Query::parse(q, ix.aliases()).expect_err(q).to_string();
    assert!(err("prov:jatng").starts_with("unknown province 'jatng'"));
    assert!(err("kind:widget").starts_with("unknown kind 'widget'"));
    assert!(err("sub:juggling").starts_with("unknown subsector or tag 'juggling'"));
    assert!(err("iccn:maybe").contains("yes, no or unknown"));
    assert!(err("colour:red").starts_with("unknown filter 'colour'"));
    // Still typing: a filter without a value is ignored; `10:30` is text.
    assert!(Query::parse("hetero kind:", ix.aliases()).is_ok());
    assert_eq!(
        Query::parse("10:30", ix.aliases()).expect("text").text(),
        "10:30"
    );
}

#[test]
fn repeated_words_count_once_and_the_work_per_query_is_bounded() {
    let ix = small();
    let many_a = "a ".repeat(5000);
    let q = Query::parse(&many_a, ix.aliases()).expect("repeats are one word");
    assert_eq!(q.text(), "a");
    assert_eq!(
        names(&ix, &run(&ix, &many_a)),
        names(&ix, &run(&ix, "a")),
        "a repeated word finds what the word finds"
    );
    let words = |n: usize| {
        (0..n)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let distinct = words(40);
    let err = Query::parse(&distinct, ix.aliases()).expect_err("too many");
    assert_eq!(
        err.to_string(),
        format!("too many words (40 different ones); a search takes at most {MAX_TERMS}")
    );
    let exactly = words(MAX_TERMS);
    assert!(Query::parse(&exactly, ix.aliases()).is_ok());
    let long = "x".repeat(MAX_TERM_CHARS + 1);
    assert!(
        Query::parse(&long, ix.aliases())
            .expect_err("long")
            .to_string()
            .contains("too long")
    );
}

#[test]
fn empty_text_lists_filtered_records_by_kind_then_name() {
    let ix = small();
    let got = names(&ix, &run(&ix, "kind:city,space"));
    assert_eq!(
        got,
        [
            "Kabupaten Semarang",
            "Kota Semarang",
            "Kota Yogyakarta",
            "Café Lentera",
            "Hetero Space Banyumas",
            "Hetero Space Semarang",
            "Hetero Space Solo",
        ]
    );
}

#[test]
fn narrowing_is_recognised() {
    let ix = small();
    let q = |s: &str| Query::parse(s, ix.aliases()).expect("parses");
    assert!(q("het").narrows(&q("he")));
    assert!(q("het sem").narrows(&q("het")));
    assert!(q("het kind:space").narrows(&q("het")));
    assert!(!q("he").narrows(&q("het")));
    assert!(!q("het").narrows(&q("het kind:space")));
    // New spellings or place words widen the set: not a narrowing.
    assert!(!q("jogja").narrows(&q("jogj")));
    assert!(!q("semarang f").narrows(&q("semarang")));
}

fn synthetic(n: usize) -> Arc<Index> {
    let regions = synth::regions();
    let rows: Vec<IndexRow> = synth::index_rows(42, &regions, n).collect();
    Arc::new(Index::build(regions, rows))
}

/// Random typing sessions: letters typed one by one, some backspaces, some filters.
fn sessions(seed: u64, count: usize) -> Vec<Vec<String>> {
    let words = [
        "komunitas",
        "foto",
        "semarang",
        "kopi",
        "dewi lestari",
        "rumah kreatif",
        "hub",
        "café",
        "jogja",
        "bandung musik",
        "zzq",
        "kab bantul",
        "sby",
        "a",
        "e",
    ];
    let filters = [
        "",
        " kind:community",
        " prov:jateng",
        " sub:musik",
        " iccn:yes",
    ];
    let typing = Typing {
        filter_first: false,
        back_one_in: 5,
        erase: false,
    };
    typing.sessions(seed, count, &words, &filters)
}

/// How random typing sessions are made ([`Typing::sessions`]).
pub(super) struct Typing {
    /// The filter comes before the typed text (else after it).
    pub filter_first: bool,
    /// One typed letter in this many is erased and typed again at once.
    pub back_one_in: u8,
    /// The session ends by erasing the text letter by letter.
    pub erase: bool,
}

impl Typing {
    /// `count` sessions, each a word of `words` typed with a filter of `filters`, one query
    /// per keystroke.
    pub(super) fn sessions(
        &self,
        seed: u64,
        count: usize,
        words: &[&str],
        filters: &[&str],
    ) -> Vec<Vec<String>> {
        let mut rng = fastrand::Rng::with_seed(seed);
        (0..count)
            .map(|_| {
                let word = words[rng.usize(..words.len())];
                let filter = filters[rng.usize(..filters.len())];
                let line = |typed: &str| {
                    if self.filter_first {
                        format!("{filter} {typed}")
                    } else {
                        format!("{typed}{filter}")
                    }
                };
                let mut typed = String::new();
                let mut steps = Vec::new();
                for c in word.chars() {
                    typed.push(c);
                    steps.push(line(&typed));
                    if rng.u8(..self.back_one_in) == 0 {
                        typed.pop();
                        steps.push(line(&typed));
                        typed.push(c);
                        steps.push(line(&typed));
                    }
                }
                while self.erase && typed.pop().is_some() {
                    steps.push(line(&typed));
                }
                steps
            })
            .collect()
    }
}

#[test]
fn narrowing_gives_the_same_answer_as_a_fresh_search() {
    let ix = synthetic(20_000);
    let options = SearchOptions {
        first_scan_min: 8192, // exercise the first-page path
        first_scan: 3000,
        top_k: 40,
        ..SearchOptions::default()
    };
    let mut narrowing = Searcher::new(Arc::clone(&ix), options);
    let mut fresh = Searcher::new(Arc::clone(&ix), options);
    let mut pages = 0;
    for session in sessions(3, 25) {
        for text in session {
            let q = Arc::new(Query::parse(&text, ix.aliases()).expect("parses"));
            let a = narrowing
                .search_with(&q, &|| false, &mut |_| pages += 1)
                .expect("not cancelled");
            fresh.clear();
            let b = fresh.search(&q);
            assert_eq!(a.hits, b.hits, "{text}");
            assert_eq!(a.matches, b.matches, "{text}");
            assert_eq!(a.facets, b.facets, "{text}");
        }
    }
    assert!(pages > 0, "no first page was sent");
}

#[test]
fn prefilter_keeps_exactly_what_the_scorer_matches() {
    let ix = synthetic(5000);
    let scorer = SkimScorer;
    for q in [
        "kmt",
        "fotografi",
        "café",
        "CAFE",
        "dewi",
        "hub smg",
        "zq",
        "ara",
        "ng",
        "rk",
        "é",
        "ÉCOLE",
        "1",
        "lentera s",
    ] {
        let query = Query::parse(q, ix.aliases()).expect("parses");
        let r = run(&ix, q);
        let matched: std::collections::HashSet<_> = r.matches.iter().copied().collect();
        for id in 0..ix.len() as RecordId {
            let name = ix.name(id);
            let plain = fold::unpad(ix.hay(id));
            let every_word = query.terms.iter().all(|t| {
                t.alts.iter().any(|a| {
                    scorer.score(name, &a.lower).is_some()
                        || scorer.score(&plain, &a.folded).is_some()
                }) || ix.record(id).city.is_some_and(|c| t.cities.contains(&c))
            });
            assert_eq!(every_word, matched.contains(&id), "{q} / {name}");
        }
    }
}

#[test]
fn facet_counts_match_a_plain_count() {
    let ix = synthetic(3000);
    for q in ["ko", "kind:space", "foto prov:jateng", ""] {
        let r = run(&ix, q);
        let facets = r.facets.as_deref().expect("complete answers have facets");
        let mut kinds = [0u32; 7];
        let mut provinces = vec![0u32; ix.regions().provinces.len()];
        let mut subs = [0u32; 17];
        for &id in r.matches.iter() {
            let rec = ix.record(id);
            kinds[Kind::ALL.iter().position(|&k| k == rec.kind).expect("kind")] += 1;
            if let Some(p) = rec.province {
                provinces[usize::from(p)] += 1;
            }
            for (i, s) in subs.iter_mut().enumerate() {
                *s += rec.subsectors >> i & 1;
            }
        }
        assert_eq!(facets.kinds, kinds, "{q}");
        assert_eq!(facets.provinces, provinces, "{q}");
        assert_eq!(facets.subsectors, subs, "{q}");
        assert_eq!(kinds.iter().sum::<u32>() as usize, r.total());
    }
    assert_eq!(
        Facets::token(&ix, Facet::Province(12)).as_deref(),
        Some("prov:33")
    );
}

#[test]
fn letter_table_agrees_with_a_full_search() {
    let ix = synthetic(30_000);
    let letters = ('a'..='z').chain('0'..='9').map(String::from);
    for q in letters.chain(["s kind:space".into(), "e prov:jateng".into()]) {
        let q = q.as_str();
        let query = Arc::new(Query::parse(q, ix.aliases()).expect("parses"));
        let table = Searcher::new(Arc::clone(&ix), SearchOptions::default()).search(&query);
        let full_options = SearchOptions {
            top_k: letters::LETTER_TOP + 1,
            ..SearchOptions::default()
        };
        let full = Searcher::new(Arc::clone(&ix), full_options).search(&query);
        let k = table.hits.len();
        assert_eq!(table.hits, full.hits[..k], "{q}");
        assert_eq!(table.total(), full.total(), "{q}");
        assert_eq!(table.matches, full.matches, "{q}");
        assert_eq!(table.facets, full.facets, "{q}");
    }
}

#[test]
fn the_worker_delivers_only_the_latest_generation() {
    let ix = synthetic(60_000);
    let mut worker = SearchWorker::spawn(Arc::clone(&ix), SearchOptions::default());
    let mut last = 0;
    for q in ["k", "ko", "kom", "komu", "komun"] {
        last = worker.submit(q).expect("parses");
    }
    let mut events = Vec::new();
    loop {
        // A generous limit: a broken worker fails the test instead of hanging it.
        let ev = worker
            .recv_timeout(std::time::Duration::from_mins(1))
            .expect("an answer to the latest query");
        let done = ev.results.complete;
        events.push(ev);
        if done {
            break;
        }
    }
    assert!(events.iter().all(|e| e.generation == last));
    let complete = &events.last().expect("an answer").results;
    assert_eq!(complete.query.text(), "komun");
    assert_eq!(complete.hits, run(&ix, "komun").hits);
    // Nothing more arrives for older queries.
    assert!(worker.try_recv().is_none_or(|e| e.generation == last));
    assert!(worker.submit("prov:nowhere").is_err());
}

#[test]
fn a_one_letter_first_page_is_the_table_and_knows_its_total() {
    let ix = synthetic(20_000);
    let mut s = Searcher::new(Arc::clone(&ix), SearchOptions::default());
    let q = Arc::new(Query::parse("m", ix.aliases()).expect("parses"));
    let mut pages = Vec::new();
    let done = s
        .search_with(&q, &|| false, &mut |p| pages.push(p))
        .expect("not cancelled");
    assert_eq!(pages.len(), 1);
    assert!(!pages[0].complete);
    assert_eq!(pages[0].total(), done.total());
    assert_eq!(pages[0].hits[..], done.hits[..pages[0].hits.len()]);
}

#[test]
fn a_cancelled_search_delivers_nothing() {
    let ix = synthetic(20_000);
    let mut s = Searcher::new(
        Arc::clone(&ix),
        SearchOptions {
            first_scan_min: 8192,
            first_scan: 100,
            ..SearchOptions::default()
        },
    );
    let q = Arc::new(Query::parse("ko", ix.aliases()).expect("parses"));
    let mut pages = 0;
    assert!(s.search_with(&q, &|| true, &mut |_| pages += 1).is_none());
    assert_eq!(pages, 0);
    // A cancelled search leaves nothing behind: the next answer is complete and right.
    assert_eq!(s.search(&q).hits, run(&ix, "ko").hits);
}

#[test]
fn skim_bound_is_an_upper_bound() {
    let ix = synthetic(3000);
    let scorer = SkimScorer;
    let mut rng = fastrand::Rng::with_seed(9);
    let letters = b"aaeeiikkmnorstu ";
    let mut checked = 0;
    for id in 0..ix.len() as RecordId {
        let name = ix.name(id);
        if !name.is_ascii() {
            continue;
        }
        for _ in 0..3 {
            let len = rng.usize(1..6);
            let p: String = (0..len)
                .map(|_| char::from(letters[rng.usize(..letters.len())]))
                .collect();
            let actual = scorer.score(name, &p);
            let bound = bound::skim_bound(p.as_bytes(), name.as_bytes());
            assert_eq!(actual.is_some(), bound.is_some(), "{name} / {p}");
            if let (Some(a), Some(b)) = (actual, bound) {
                assert!(a <= b, "{name} / {p}: score {a} > bound {b}");
                checked += 1;
            }
        }
    }
    for name in [
        "KoMuNiTaS.Seni-rupa",
        "aaaaaaaaaaaa",
        "x(y)z [Kopi]/Kita",
        "ARSITEK muda 2024",
    ] {
        for _ in 0..300 {
            let len = rng.usize(1..5);
            let p: String = (0..len)
                .map(|_| char::from(b"aeikmnorstuxyz2 .(".as_slice()[rng.usize(..18)]))
                .collect();
            let actual = scorer.score(name, &p);
            let bound = bound::skim_bound(p.as_bytes(), name.as_bytes());
            assert_eq!(actual.is_some(), bound.is_some(), "{name} / {p}");
            if let (Some(a), Some(b)) = (actual, bound) {
                assert!(a <= b, "{name} / {p}: score {a} > bound {b}");
                checked += 1;
            }
        }
    }
    assert!(checked > 1000);
}

#[test]
fn pruned_ranking_equals_scoring_every_match() {
    let ix = synthetic(8000);
    let scorer = SkimScorer;
    for q in [
        "kin",
        "ae",
        "rmh",
        "dw ls",
        "kopi s",
        "tr",
        "café",
        "ara kind:contact",
    ] {
        let query = Query::parse(q, ix.aliases()).expect("parses");
        let prep = rank::Prepared::new(&ix, &query);
        let mut all: Vec<(u64, RecordId)> = (0..ix.len() as RecordId)
            .filter_map(|id| {
                let class = prep.matches(&ix, id)?;
                Some((prep.key(&ix, id, class, &scorer), id))
            })
            .collect();
        all.sort_unstable();
        let options = SearchOptions {
            top_k: 50,
            ..SearchOptions::default()
        };
        let got = Searcher::new(Arc::clone(&ix), options).search(&Arc::new(query));
        let want: Vec<RecordId> = all.iter().take(50).map(|&(_, id)| id).collect();
        let ids: Vec<RecordId> = got.hits.iter().map(|h| h.id).collect();
        assert_eq!(ids, want, "{q}");
    }
}

#[test]
fn tie_break_order_is_kind_then_folded_name() {
    let ix = synthetic(6000);
    let mut ids: Vec<RecordId> = (0..ix.len() as RecordId).collect();
    let folded =
        |id: RecordId| -> Vec<u8> { ix.hay(id).iter().map(u8::to_ascii_lowercase).collect() };
    ids.sort_by(|&a, &b| {
        ix.record(a)
            .kind
            .cmp(&ix.record(b).kind)
            .then_with(|| folded(a).cmp(&folded(b)))
            .then_with(|| ix.name(a).cmp(ix.name(b)))
            .then(a.cmp(&b))
    });
    let by_order: Vec<RecordId> = {
        let mut v: Vec<RecordId> = (0..ix.len() as RecordId).collect();
        v.sort_by_key(|&id| ix.order[id as usize]);
        v
    };
    assert_eq!(ids, by_order);
}

#[test]
fn a_lean_index_ranks_as_a_full_one() {
    let regions = synth::regions();
    let full = synthetic(8000);
    let mut builder = IndexBuilder::new(regions.clone());
    for row in synth::index_rows(42, &regions, 8000) {
        builder.push(&row);
    }
    let lean = Arc::new(builder.finish_lean());
    let options = SearchOptions {
        top_k: 60,
        ..SearchOptions::default()
    };
    for q in [
        "",
        "k",
        "dewi",
        "dewi lestari",
        "kind:contact",
        "a prov:jateng",
        "kopi s",
        "ara",
        "café",
        "semarang",
        "kind:city,province",
    ] {
        let query = |ix: &Index| Arc::new(Query::parse(q, ix.aliases()).expect("parses"));
        let a = Searcher::new(Arc::clone(&full), options).search(&query(&full));
        let b = Searcher::new(Arc::clone(&lean), options).search(&query(&lean));
        assert_eq!(a.hits, b.hits, "{q}");
        assert_eq!(a.matches, b.matches, "{q}");
    }
}
