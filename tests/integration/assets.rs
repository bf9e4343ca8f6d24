//! The bundled data: official region counts, coordinates, starter directory integrity.

use jejaring::model::{Bounds, Community, Contact, Kind, Organisation, Space};
use jejaring::store::Store;
use std::collections::{HashMap, HashSet};

/// Kabupaten and kota per province in Kepmendagri No. 300.2.2-2138 Tahun 2025.
const REGULATION: [(&str, i64, i64); 38] = [
    ("11", 18, 5),
    ("12", 25, 8),
    ("13", 12, 7),
    ("14", 10, 2),
    ("15", 9, 2),
    ("16", 13, 4),
    ("17", 9, 1),
    ("18", 13, 2),
    ("19", 6, 1),
    ("21", 5, 2),
    ("31", 1, 5),
    ("32", 18, 9),
    ("33", 29, 6),
    ("34", 4, 1),
    ("35", 29, 9),
    ("36", 4, 4),
    ("51", 8, 1),
    ("52", 8, 2),
    ("53", 21, 1),
    ("61", 12, 2),
    ("62", 13, 1),
    ("63", 11, 2),
    ("64", 7, 3),
    ("65", 4, 1),
    ("71", 11, 4),
    ("72", 12, 1),
    ("73", 21, 3),
    ("74", 15, 2),
    ("75", 5, 1),
    ("76", 6, 0),
    ("81", 9, 2),
    ("82", 8, 2),
    ("91", 8, 1),
    ("92", 7, 0),
    ("93", 4, 0),
    ("94", 8, 0),
    ("95", 8, 0),
    ("96", 5, 1),
];

fn store() -> Store {
    jejaring::service::open_seeded_in_memory().expect("seeded store")
}

#[test]
fn regions_match_the_regulation_per_province() {
    let s = store();
    let st = s.stats("2000-01-01").expect("stats");
    assert_eq!(st.provinces.len(), 38);
    assert_eq!((st.kabupaten, st.kota), (416, 98));
    for (code, kab, kota) in REGULATION {
        let p = st.provinces.iter().find(|p| p.code == code).expect(code);
        assert_eq!(
            (p.kabupaten, p.kota),
            (kab, kota),
            "province {code} {}",
            p.name
        );
    }
}

#[test]
fn every_city_has_a_coordinate_in_indonesia_and_its_own_province() {
    let s = store();
    let provinces: HashMap<String, Bounds> = s
        .provinces()
        .expect("provinces")
        .into_iter()
        .map(|p| (p.code.clone(), p.bounds.expect("province bounds")))
        .collect();
    let cities = s.cities().expect("cities");
    assert_eq!(cities.len(), 514);
    for c in &cities {
        let (lat, lon) = (c.lat.expect(&c.code), c.lon.expect(&c.code));
        assert!(
            Bounds::INDONESIA.contains(lat, lon),
            "{} {} outside Indonesia",
            c.code,
            c.name
        );
        assert!(
            provinces[&c.province_code].contains(lat, lon),
            "{} {} ({lat}, {lon}) outside province {}",
            c.code,
            c.name,
            c.province_code
        );
        assert!(
            c.coord_source.is_some() && c.coord_quality.is_some(),
            "{} source",
            c.code
        );
        assert!(
            c.code.starts_with(&format!("{}.", c.province_code)),
            "{}",
            c.code
        );
        let n: u32 = c.code[3..].parse().expect("numeric code");
        let is_kota = n >= 71;
        assert_eq!(
            c.name.starts_with("Kota "),
            is_kota,
            "{} {}",
            c.code,
            c.name
        );
    }
}

#[test]
fn starter_directory_ids_are_unique_and_every_record_has_a_source() {
    let s = store();
    let mut ids = HashSet::new();
    let mut check = |id: &str, source: Option<&String>, name: &str| {
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        assert!(
            uuid::Uuid::parse_str(id).is_ok(),
            "{name}: id {id} is not a UUID"
        );
        assert!(
            source.is_some_and(|s| !s.is_empty()),
            "{name} has no source"
        );
    };
    for r in s.all::<Organisation>().expect("orgs") {
        check(&r.meta.id, r.meta.source.as_ref(), &r.name);
    }
    for r in s.all::<Space>().expect("spaces") {
        check(&r.meta.id, r.meta.source.as_ref(), &r.name);
    }
    for r in s.all::<Community>().expect("communities") {
        check(&r.meta.id, r.meta.source.as_ref(), &r.name);
    }
    for r in s.all::<Contact>().expect("contacts") {
        check(&r.meta.id, r.meta.source.as_ref(), &r.name);
        // Only public people by public role ship: no personal channels.
        assert!(
            r.channels.phone.is_none() && r.channels.email.is_none(),
            "{}",
            r.name
        );
    }
    assert!(s.count(Kind::Space).expect("count") >= 10);
    assert!(s.check().expect("check").is_empty());
}

#[test]
fn unesco_cities_and_hetero_spaces_are_in_place() {
    let s = store();
    let st = s.stats("2000-01-01").expect("stats");
    assert_eq!(st.unesco_cities, 7, "six cities and DKI Jakarta");
    let hetero: Vec<Space> = s
        .all::<Space>()
        .expect("spaces")
        .into_iter()
        .filter(|sp| sp.name.contains("Hetero Space"))
        .collect();
    let cities: HashSet<_> = hetero.iter().filter_map(|h| h.city_code.clone()).collect();
    assert_eq!(
        cities,
        HashSet::from(["33.74".into(), "33.72".into(), "33.02".into()])
    );
    let btp = s
        .all::<Space>()
        .expect("spaces")
        .into_iter()
        .find(|sp| sp.name == "Bandung Techno Park")
        .expect("Bandung Techno Park");
    assert_eq!(
        btp.city_code.as_deref(),
        Some("32.04"),
        "Kabupaten Bandung, not Kota"
    );
}

#[test]
fn membership_is_tri_state_and_each_known_status_has_a_source() {
    let s = store();
    let cities = s.cities().expect("cities");
    let st = s.stats("2000-01-01").expect("stats");
    assert_eq!(
        st.iccn_members + st.iccn_non_members + st.iccn_unknown,
        st.kabupaten + st.kota
    );
    assert!(st.iccn_unknown > st.iccn_members, "unknown is not no");
    for c in &cities {
        if c.iccn_status != jejaring::model::IccnStatus::Unknown {
            assert!(
                c.iccn_source.is_some(),
                "{} has no membership source",
                c.code
            );
            assert!(
                c.iccn_reported.is_some(),
                "{} has no membership date",
                c.code
            );
        }
    }
}

#[test]
fn kata_years_are_2019_to_2025_and_each_has_a_source() {
    let s = store();
    let certified: Vec<_> = s
        .cities()
        .expect("cities")
        .into_iter()
        .filter(|c| c.kata_year.is_some())
        .collect();
    assert!(!certified.is_empty());
    for c in &certified {
        let y = c.kata_year.unwrap_or_default();
        assert!((2019..=2025).contains(&y), "{} certified {y}", c.code);
        assert!(c.kata_source.is_some(), "{} has no KaTa source", c.code);
    }
}

#[test]
fn role_terms_start_before_they_end() {
    let s = store();
    for c in s.all::<Contact>().expect("contacts") {
        for r in &c.roles {
            if let (Some(a), Some(b)) = (&r.start, &r.end) {
                assert!(a <= b, "{}: {} from {a} to {b}", c.name, r.role);
            }
        }
    }
}

#[test]
fn bundled_overlay_rows_keep_a_source_and_a_date() {
    for asset in [
        &jejaring::assets::CITY_FACTS,
        &jejaring::assets::PROVINCE_FACTS,
        &jejaring::assets::EVENTS,
        &jejaring::assets::MEMBERSHIP,
        &jejaring::assets::KATA,
    ] {
        let mut r = csv::Reader::from_reader(asset.text.as_bytes());
        let h = r.headers().expect("header").clone();
        let src = h.iter().position(|c| c == "source").expect(asset.path);
        for (i, row) in r.records().enumerate() {
            let row = row.expect("row");
            assert!(
                !row[src].trim().is_empty(),
                "{}:{} has no source",
                asset.path,
                i + 2
            );
        }
    }
}

#[test]
fn no_two_cities_share_a_seat_point_unless_the_readme_names_the_pair() {
    let readme = include_str!("../../assets/README.md");
    let mut seen: HashMap<String, String> = HashMap::new();
    for c in store().cities().expect("cities") {
        let (Some(lat), Some(lon)) = (c.lat, c.lon) else {
            continue;
        };
        let key = format!("{lat:.5},{lon:.5}");
        if let Some(other) = seen.insert(key, c.code.clone()) {
            let named = readme.contains(&format!("shared seat point: {other}/{}", c.code))
                || readme.contains(&format!("shared seat point: {}/{other}", c.code));
            assert!(named, "{other} and {} share a seat point", c.code);
        }
    }
}
