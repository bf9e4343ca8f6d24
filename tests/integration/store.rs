//! The store on the bundled data: related records of every kind, events, and the online backup.
//! (Moved from `src/store/related.rs`: the store no longer seeds itself, so these tests open
//! their stores through `jejaring::service`.)

use jejaring::model::{Contact, Kind, Organisation, Role, Space};
use jejaring::store::{Related, Relation};
fn names(r: &Related, rel: Relation) -> Vec<String> {
    r.groups
        .iter()
        .filter(|(g, _)| *g == rel)
        .flat_map(|(_, v)| v.iter().map(|x| x.name.clone()))
        .collect()
}

#[test]
fn related_records_for_every_kind() {
    let mut s = jejaring::service::open_seeded_in_memory().expect("seeded");
    let mut org = Organisation {
        name: "Forum Uji".into(),
        city_code: Some("33.74".into()),
        ..Default::default()
    };
    let mut space = Space {
        name: "Ruang Uji".into(),
        city_code: Some("33.74".into()),
        ..Default::default()
    };
    s.write(|w| {
        w.insert(&mut org)?;
        space.operator_id = Some(org.meta.id.clone());
        w.insert(&mut space)
    })
    .expect("insert");
    let mut person = Contact {
        name: "Ana Uji".into(),
        city_code: Some("33.74".into()),
        roles: vec![Role {
            role: "Ketua".into(),
            target_id: org.meta.id.clone(),
            start: Some("2020".into()),
            end: None,
        }],
        ..Default::default()
    };
    s.write(|w| w.insert(&mut person)).expect("contact");

    let city = s.related(Kind::City, "33.74").expect("city");
    assert_eq!(names(&city, Relation::Province), ["Jawa Tengah"]);
    assert!(names(&city, Relation::Spaces).contains(&"Ruang Uji".to_string()));
    assert!(names(&city, Relation::Contacts).contains(&"Ana Uji".to_string()));

    let org_rel = s.related(Kind::Organisation, &org.meta.id).expect("org");
    assert_eq!(names(&org_rel, Relation::Operates), ["Ruang Uji"]);
    let people = &org_rel
        .groups
        .iter()
        .find(|(g, _)| *g == Relation::People)
        .expect("people")
        .1;
    assert_eq!(people[0].note.as_deref(), Some("Ketua (2020–)"));

    let space_rel = s.related(Kind::Space, &space.meta.id).expect("space");
    assert_eq!(names(&space_rel, Relation::Operator), ["Forum Uji"]);
    assert_eq!(names(&space_rel, Relation::City), ["Kota Semarang"]);

    let person_rel = s.related(Kind::Contact, &person.meta.id).expect("contact");
    assert_eq!(names(&person_rel, Relation::Roles), ["Forum Uji"]);

    let prov = s.related(Kind::Province, "33").expect("province");
    assert_eq!(names(&prov, Relation::Cities).len(), 35);
    assert_eq!(s.cities_in("33").expect("cities").len(), 35);
    assert_eq!(
        s.province("33").expect("p").map(|p| p.name),
        Some("Jawa Tengah".into())
    );
    assert_eq!(
        s.resolve_city("Kota Semarang").expect("resolve").code,
        "33.74"
    );
}

#[test]
fn events_link_cities_and_venues() {
    let s = jejaring::service::open_seeded_in_memory().expect("seeded");
    let city = s.related(Kind::City, "33.72").expect("Surakarta");
    let events = names(&city, Relation::Events);
    assert!(events.iter().any(|e| e.contains("2015")), "{events:?}");
}

#[test]
fn backup_copies_a_whole_database() {
    let s = jejaring::service::open_seeded_in_memory().expect("seeded");
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().join("copy.db");
    s.backup_to(&dest).expect("backup");
    let copy = jejaring::service::open_seeded(&dest).expect("open copy");
    assert_eq!(
        copy.stats("2000-01-01").expect("stats"),
        s.stats("2000-01-01").expect("stats")
    );
    assert!(copy.check().expect("check").is_empty());
}
