//! Tests of typed record storage: round trips, deletes, generations, schema against tables.

use super::*;
use crate::model::Visibility;

/// The table's columns as SQLite has them after every migration.
fn table_columns(s: &Store, table: &str) -> Vec<String> {
    let mut stmt = s
        .conn()
        .prepare(&format!("PRAGMA table_info({table})"))
        .expect("table_info");
    stmt.query_map([], |r| r.get::<_, String>(1))
        .expect("columns")
        .collect::<rusqlite::Result<_>>()
        .expect("columns")
}

fn schema_agrees<R: Record>(s: &Store) {
    let schema = R::schema();
    assert_eq!(R::KIND, schema.kind);
    // `rid` is the local rowid alias the search index refers to; every table has it.
    let mut declared: Vec<String> = COMMON
        .split(", ")
        .chain(["rid"])
        .map(String::from)
        .chain(schema.db_columns().into_iter().map(String::from))
        .collect();
    let mut actual = table_columns(s, schema.table);
    declared.sort();
    actual.sort();
    assert_eq!(
        declared, actual,
        "the schema of {} and table {} disagree (add a migration, or declare the column)",
        schema.kind, schema.table
    );
}

#[test]
fn schema_matches_tables() {
    let s = Store::open_empty_in_memory().expect("store");
    schema_agrees::<Community>(&s);
    schema_agrees::<Space>(&s);
    schema_agrees::<Organisation>(&s);
    schema_agrees::<Contact>(&s);
    schema_agrees::<Event>(&s);
}

fn store() -> Store {
    let mut s = Store::open_empty_in_memory().expect("store");
    s.write(|w| {
        w.conn.execute_batch(
            "INSERT INTO province (code, name, created_at, updated_at) VALUES ('33', 'Jawa Tengah', 'x', 'x');
             INSERT INTO city (code, province_code, name, kind, created_at, updated_at)
               VALUES ('33.74', '33', 'Kota Semarang', 'kota', 'x', 'x');",
        )?;
        Ok(())
    })
    .expect("regions");
    s
}

fn org(name: &str) -> Organisation {
    Organisation {
        name: name.into(),
        org_type: Some("network".into()),
        ..Default::default()
    }
}

#[test]
fn insert_get_update_round_trip_every_kind() {
    let mut s = store();
    let mut o = org("ICCN");
    let mut sp = Space {
        name: "Hetero Space Semarang".into(),
        city_code: Some("33.74".into()),
        lat: Some(-7.06),
        lon: Some(110.42),
        facilities: vec!["co-working".into(), "studio".into()],
        ..Default::default()
    };
    let mut cm = Community {
        name: "Komunitas Foto".into(),
        city_code: Some("33.74".into()),
        subsectors: vec!["fotografi".into(), "kopi".into()],
        founded_year: Some(2015),
        ..Default::default()
    };
    s.write(|w| {
        w.insert(&mut o)?;
        sp.operator_id = Some(o.meta.id.clone());
        w.insert(&mut sp)?;
        cm.space_id = Some(sp.meta.id.clone());
        w.insert(&mut cm)?;
        Ok(())
    })
    .expect("insert");
    let mut c = Contact {
        name: "Ana".into(),
        visibility: Visibility::Network,
        roles: vec![
            Role {
                role: "Ketua".into(),
                target_id: cm.meta.id.clone(),
                start: Some("2020-01-01".into()),
                end: None,
            },
            Role {
                role: "Anggota".into(),
                target_id: o.meta.id.clone(),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let mut ev = Event {
        name: "ICCC 2015".into(),
        year: Some(2015),
        city_codes: vec!["33.74".into()],
        venue_id: Some(sp.meta.id.clone()),
        ..Default::default()
    };
    s.write(|w| {
        w.insert(&mut c)?;
        w.insert(&mut ev)
    })
    .expect("insert contact");
    assert_eq!(s.get::<Space>(&sp.meta.id).expect("get"), Some(sp.clone()));
    assert_eq!(
        s.get::<Community>(&cm.meta.id).expect("get"),
        Some(cm.clone())
    );
    assert_eq!(s.get::<Contact>(&c.meta.id).expect("get"), Some(c.clone()));
    assert_eq!(s.get::<Event>(&ev.meta.id).expect("get"), Some(ev.clone()));
    assert_eq!(s.kind_of_id(&c.meta.id).expect("kind"), Some(Kind::Contact));

    let before = c.meta.updated_at.clone();
    c.name = "Ana Wijaya".into();
    c.roles.truncate(1);
    s.write(|w| w.update(&mut c)).expect("update");
    let got = s.get::<Contact>(&c.meta.id).expect("get").expect("some");
    assert_eq!(got.name, "Ana Wijaya");
    assert_eq!(got.roles.len(), 1);
    assert!(got.meta.updated_at >= before);
    assert_eq!(s.count(Kind::Contact).expect("count"), 1);
}

#[test]
fn delete_reports_and_cascades_links() {
    let mut s = store();
    let mut o = org("Kemenekraf");
    let mut sp = Space {
        name: "Hub".into(),
        ..Default::default()
    };
    let mut c = Contact {
        name: "Budi".into(),
        ..Default::default()
    };
    s.write(|w| {
        w.insert(&mut o)?;
        sp.operator_id = Some(o.meta.id.clone());
        w.insert(&mut sp)?;
        c.roles = vec![Role {
            role: "Menteri".into(),
            target_id: o.meta.id.clone(),
            ..Default::default()
        }];
        w.insert(&mut c)
    })
    .expect("insert");
    let report = s
        .delete_report(Kind::Organisation, &o.meta.id)
        .expect("report");
    assert_eq!(report.roles.len(), 1);
    assert_eq!(report.roles[0].name, "Budi");
    assert_eq!(report.unlinked[0].name, "Hub");
    s.write(|w| w.delete(Kind::Organisation, &o.meta.id))
        .expect("delete");
    assert!(s.get::<Organisation>(&o.meta.id).expect("get").is_none());
    assert_eq!(
        s.get::<Space>(&sp.meta.id)
            .expect("get")
            .expect("space")
            .operator_id,
        None
    );
    assert!(
        s.get::<Contact>(&c.meta.id)
            .expect("get")
            .expect("c")
            .roles
            .is_empty()
    );
    assert!(s.check().expect("check").is_empty());
}

#[test]
fn every_committed_write_changes_the_generation() {
    let mut s = store();
    let g1 = s.generation().expect("g1");
    s.write(|w| w.insert(&mut org("A"))).expect("insert");
    let g2 = s.generation().expect("g2");
    assert_ne!(g1, g2);
    let failed = s.write(|w| {
        w.insert(&mut org("B"))?;
        // Any error rolls the transaction back.
        Err::<(), _>(StoreError::NotFound {
            kind: Kind::Organisation,
            id: "stop".into(),
        })
    });
    assert!(failed.is_err());
    assert_eq!(
        s.generation().expect("g3"),
        g2,
        "a rolled-back write leaves it"
    );
}

#[test]
fn failed_transaction_writes_nothing() {
    let mut s = store();
    let res = s.write(|w| {
        w.insert(&mut org("A"))?;
        let mut bad = Community {
            name: "B".into(),
            city_code: Some("99.99".into()),
            ..Default::default()
        };
        w.insert(&mut bad)
    });
    assert!(res.is_err(), "unknown city violates the foreign key");
    assert_eq!(s.count(Kind::Organisation).expect("count"), 0);
}

#[test]
fn update_and_delete_of_missing_ids_are_not_found() {
    let mut s = store();
    let mut o = org("X");
    o.meta.id = "nope".into();
    assert!(matches!(
        s.write(|w| w.update(&mut o)),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.write(|w| w.delete(Kind::Space, "nope")),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.write(|w| w.stamp_verified(Kind::Space, "nope", "2026-01-01")),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn stamp_verified_and_lookup_by_name_and_rowid() {
    let mut s = store();
    let mut o = org("Impala Network");
    s.write(|w| w.insert(&mut o)).expect("insert");
    s.write(|w| w.stamp_verified(Kind::Organisation, &o.meta.id, "2026-11-23"))
        .expect("stamp");
    let got = s.get::<Organisation>(&o.meta.id).expect("get").expect("o");
    assert_eq!(got.meta.last_verified.as_deref(), Some("2026-11-23"));
    let ids = s
        .write(|w| w.ids_named::<Organisation>("impala network", None))
        .expect("named");
    assert_eq!(ids, vec![o.meta.id.clone()]);
    assert_eq!(
        s.id_by_rowid(Kind::Organisation, 1).expect("rowid"),
        Some(o.meta.id.clone())
    );
    assert_eq!(s.all::<Organisation>().expect("all").len(), 1);
}
