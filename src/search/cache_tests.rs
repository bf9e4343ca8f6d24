//! Round trips of the index cache and its refusal of damaged files.

use super::*;
use crate::search::{IndexBuilder, IndexRow, Query, SearchOptions, Searcher};
use crate::synth;
use std::sync::Arc;

const STAMP: &str = "generation=abc;schema=1";

/// Two provinces and three cities: small, so decoding every damaged copy stays quick.
fn tiny_regions() -> Regions {
    let province = |code: &str, name: &str| ProvinceInfo {
        code: code.into(),
        name: name.into(),
        aliases: vec![format!("{name} alias")],
    };
    let city = |code: &str, name: &str, province| CityInfo {
        code: code.into(),
        name: name.into(),
        province,
        kata_year: None,
        kota: name.starts_with("Kota "),
    };
    Regions {
        provinces: vec![
            province("33", "Jawa Tengah"),
            province("73", "Sulawesi Selatan"),
        ],
        cities: vec![
            city("33.74", "Kota Semarang", 0),
            city("33.72", "Kota Surakarta", 0),
            city("73.71", "Kota Makassar", 1),
        ],
    }
}

/// A small index with every kind of table filled: non-ASCII names, tags, a big rowid.
fn sample() -> Index {
    let regions = tiny_regions();
    let mut b = IndexBuilder::new(regions);
    let rows = [
        (
            "Komunitas Fotografi Semarang",
            1,
            vec!["analog".to_string()],
        ),
        ("Café Kopi Ñusantara", 2, vec![]),
        (
            "Rumah Kreatif Ǆakarta",
            3,
            vec!["analog".into(), "zine".into()],
        ),
        ("", 4, vec![]),
        ("Sobat\0Kopi", i64::from(u32::MAX) + 7, vec![]),
    ];
    for (i, (name, rowid, tags)) in rows.into_iter().enumerate() {
        b.push(&IndexRow {
            kind: Kind::ALL[i % Kind::ALL.len()],
            rowid,
            name: name.to_string(),
            city: Some(i as u16 % 3),
            province: None,
            subsectors: 0b101,
            tags,
            iccn: (i % 2 == 0).then_some(true),
            stale: i % 3 == 0,
        });
    }
    b.finish_lean()
}

fn encoded(index: &Index) -> Vec<u8> {
    let mut buf = Vec::new();
    encode(index, STAMP, &mut buf).expect("encode");
    buf
}

fn decoded(buf: &[u8], stamp: &str) -> io::Result<Index> {
    decode(|at| Ok(&buf[at as usize..]), buf.len() as u64, stamp)
}

fn same(a: &Index, b: &Index) {
    assert_eq!(a.names, b.names);
    assert_eq!(a.offsets, b.offsets);
    assert_eq!(a.folded, b.folded);
    assert_eq!(a.folded_at, b.folded_at);
    assert_eq!(a.masks, b.masks);
    assert_eq!(a.meta, b.meta);
    assert_eq!(a.rowids, b.rowids);
    assert_eq!(a.big_rowids, b.big_rowids);
    assert_eq!(a.tag_postings, b.tag_postings);
    assert_eq!(a.regions, b.regions);
    for id in 0..a.len() as RecordId {
        assert_eq!(a.record(id), b.record(id));
        assert_eq!(a.hay(id), b.hay(id));
    }
    assert_eq!(a.aliases.tag("zine"), b.aliases.tag("zine"));
    assert_eq!(a.aliases.tag("ANALOG"), b.aliases.tag("analog"));
}

#[test]
fn round_trip_keeps_every_table() {
    let index = sample();
    let back = decoded(&encoded(&index), STAMP).expect("decode");
    same(&index, &back);
}

#[test]
fn round_trip_of_a_synthetic_index_searches_the_same() {
    let regions = synth::regions();
    let mut b = IndexBuilder::new(regions.clone());
    for row in synth::index_rows(7, &regions, 3000) {
        b.push(&row);
    }
    let index = b.finish_lean();
    let back = Arc::new(decoded(&encoded(&index), STAMP).expect("decode"));
    let index = Arc::new(index);
    for q in [
        "kopi",
        "komunitas foto",
        "k",
        "sub:musik kopi",
        "prov:jateng",
    ] {
        let query = Arc::new(Query::parse(q, index.aliases()).expect("query"));
        let ids = |ix: &Arc<Index>| {
            Searcher::new(Arc::clone(ix), SearchOptions::default())
                .search(&query)
                .hits
                .iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&index), ids(&back), "query {q}");
    }
}

#[test]
fn an_empty_index_round_trips() {
    let index = IndexBuilder::new(Regions::default()).finish_lean();
    let back = decoded(&encoded(&index), STAMP).expect("decode");
    assert!(back.is_empty());
}

#[test]
fn another_stamp_is_refused() {
    let buf = encoded(&sample());
    assert!(decoded(&buf, "generation=abd;schema=1").is_err());
    assert!(decoded(&buf, "").is_err());
}

#[test]
fn every_truncation_is_refused() {
    let buf = encoded(&sample());
    for cut in 0..buf.len() {
        assert!(decoded(&buf[..cut], STAMP).is_err(), "cut at {cut}");
    }
    let mut longer = buf.clone();
    longer.push(0);
    assert!(decoded(&longer, STAMP).is_err());
}

#[test]
fn every_flipped_byte_is_refused_without_panic() {
    let buf = encoded(&sample());
    for at in 0..buf.len() {
        for bit in [0x01, 0x80, 0xff] {
            let mut bad = buf.clone();
            bad[at] ^= bit;
            assert!(decoded(&bad, STAMP).is_err(), "byte {at} ^ {bit:#x}");
        }
    }
}

#[test]
fn huge_lengths_are_refused_before_allocating() {
    let index = sample();
    // The names' length, right after the header and stamp, then the record count.
    let names_at = 8 + 4 + STAMP.len();
    let count_at = names_at + 4 + index.names.len();
    for at in [names_at, count_at] {
        let mut buf = encoded(&index);
        buf[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decoded(&buf, STAMP).is_err());
    }
}

#[test]
fn write_then_read_a_file_and_remove_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("x.db");
    let path = path_for(&db);
    assert_eq!(path, dir.path().join("x.db.index"));
    let index = sample();
    write(&path, STAMP, &index).expect("write");
    same(&index, &read(&path, STAMP).expect("read"));
    assert!(read(&path, "other").is_none());
    remove(&db).expect("remove");
    assert!(read(&path, STAMP).is_none());
    remove(&db).expect("removing nothing is fine");
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn a_cached_index_made_full_ranks_as_a_full_build() {
    let regions = synth::regions();
    let rows: Vec<IndexRow> = synth::index_rows(11, &regions, 3000).collect();
    let full = Arc::new(Index::build(regions.clone(), rows.clone()));
    let mut b = IndexBuilder::new(regions);
    for row in &rows {
        b.push(row);
    }
    let cached = decoded(&encoded(&b.finish_lean()), STAMP).expect("decode");
    let cached = Arc::new(cached.into_full());
    assert_eq!(cached.order, full.order);
    for q in [
        "k",
        "s",
        "kopi",
        "komunitas foto",
        "kind:space",
        "jogja musik",
    ] {
        let query = Arc::new(Query::parse(q, full.aliases()).expect("query"));
        let hits = |ix: &Arc<Index>| {
            let r = Searcher::new(Arc::clone(ix), SearchOptions::default()).search(&query);
            (r.total(), r.hits.iter().map(|h| h.id).collect::<Vec<_>>())
        };
        assert_eq!(hits(&cached), hits(&full), "query {q}");
    }
}
