//! Property tests (proptest) of the parsers that read untrusted input: the CSV and JSON
//! importers, the query parser and the phone normaliser. No input may panic; a refused import
//! changes nothing and names a line or record; the phone normaliser is idempotent.
//!
//! CI runs a bounded number of cases per property (`PROPTEST_CASES`, default below); a longer
//! run: `PROPTEST_CASES=20000 cargo test --test integration fuzz` (see RELIABILITY.md).

use jejaring::io::import::{self, Options};
use jejaring::io::{Input, validate};
use jejaring::search::Query;
use jejaring::store::Store;
use proptest::prelude::*;
use std::sync::{Mutex, OnceLock};

/// Cases per property when `PROPTEST_CASES` is not set: keeps `cargo test` quick on 2 cores.
const CI_CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_CASES);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// One seeded in-memory store shared by every case: dry runs roll back, so it never changes.
fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        Mutex::new(jejaring::service::open_seeded_in_memory().expect("seeded store"))
    })
}

fn dry_import(name: &str, bytes: Vec<u8>) -> import::Report {
    let input = Input {
        origin: name.to_string(),
        bytes,
    };
    let mut store = store()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let before = store.stats("2000-01-01").expect("stats");
    let report = import::import(
        &mut store,
        &[input],
        Options {
            dry_run: true,
            ..Options::default()
        },
    )
    .expect("an import never fails outside its report");
    assert!(!report.written);
    assert_eq!(
        store.stats("2000-01-01").expect("stats"),
        before,
        "a dry run changes nothing"
    );
    report
}

/// CSV-ish text: header words the importer knows, separators, quotes, line ends and noise.
fn csv_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("name".to_string()),
        Just("nama".to_string()),
        Just("city".to_string()),
        Just("phone".to_string()),
        Just("id".to_string()),
        Just("visibility".to_string()),
        Just("33.74".to_string()),
        Just("0812-3456-7890".to_string()),
        Just("private".to_string()),
        Just("(private)".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{1b}]0;x\u{7}".to_string()),
        Just("\u{202e}".to_string()),
        "[a-zA-Z0-9 .@+-]{0,12}",
        any::<String>(),
    ];
    proptest::collection::vec(token, 0..40).prop_map(|v| v.concat())
}

fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-zA-Z0-9 .@+\u{1b}\u{202e}-]{0,16}".prop_map(serde_json::Value::from),
    ];
    let value = leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("name".to_string()),
                    Just("city".to_string()),
                    Just("phone".to_string()),
                    Just("contacts".to_string()),
                    Just("spaces".to_string()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..5
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        value.prop_map(|v| v.to_string()),
        any::<String>(),
        "[\\[\\]{}\",:a-z0-9 ]{0,40}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn csv_import_never_panics_and_locates_every_problem(text in csv_text()) {
        let report = dry_import("contacts.csv", text.into_bytes());
        for p in &report.problems {
            let shown = p.to_string();
            prop_assert!(shown.starts_with("contacts.csv"), "{shown}");
            prop_assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'), "{shown:?}");
        }
    }

    #[test]
    fn csv_import_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        dry_import("spaces.csv", bytes);
    }

    #[test]
    fn json_import_never_panics(text in json_text()) {
        let report = dry_import("data.json", text.into_bytes());
        for p in &report.problems {
            let shown = p.to_string();
            prop_assert!(!shown.contains('\u{1b}'), "{shown:?}");
        }
    }

    #[test]
    fn the_query_parser_never_panics_and_bounds_its_words(text in any::<String>(), n in 0usize..200) {
        let aliases = jejaring::search::Aliases::new(&jejaring::search::Regions::default());
        let long = format!("{text} {}", "kata ".repeat(n));
        for input in [text.as_str(), long.as_str()] {
            if let Ok(q) = Query::parse(input, &aliases) {
                let words = q.text().split(' ').filter(|w| !w.is_empty()).count();
                // 16: the cap of the query parser (search::query::MAX_TERMS).
                prop_assert!(words <= 16, "{words} words");
            }
        }
    }

    #[test]
    fn the_phone_normaliser_is_idempotent(raw in prop_oneof![
        "[0-9 +().-]{0,20}",
        "(\\+62|62|0)8[0-9]{8,11}",
        any::<String>(),
    ]) {
        if let Ok(p) = validate::phone(&raw)
            && !p.is_empty()
        {
            prop_assert_eq!(validate::phone(&p), Ok(p.clone()), "{:?}", raw);
        }
    }
}
