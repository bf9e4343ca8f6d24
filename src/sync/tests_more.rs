//! Sharing what moves links or whole files: a merge of duplicates, a restore, a copied
//! database file.

use super::*;
use crate::model::{Community, Contact, Organisation, Role, Space};

/// Exports from `from` and applies everything waiting at `to`.
fn exchange(rs: &mut [Replica], shared: &Path, from: usize, to: usize) {
    export(&mut rs[from].store, shared).expect("export");
    let report = apply_dir(&mut rs[to].store, shared).expect("apply");
    assert!(report.refused.is_empty(), "{:?}", report.refused);
}

#[test]
fn a_merge_of_duplicates_moves_the_links_on_the_peer_too() {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(2);
    let org = |name: &str| Organisation {
        name: name.into(),
        description: Some("synthetic test record".into()),
        ..Default::default()
    };
    let (mut keep, mut dup) = (org("Synthetic Org"), org("Synthetic Org."));
    let mut space = Space {
        name: "Synthetic Space".into(),
        ..Default::default()
    };
    let mut community = Community {
        name: "Synthetic Community".into(),
        ..Default::default()
    };
    let mut contact = Contact {
        name: "Synthetic Person".into(),
        ..Default::default()
    };
    rs[0]
        .store
        .write(|w| {
            w.insert(&mut keep)?;
            w.insert(&mut dup)?;
            space.operator_id = Some(dup.meta.id.clone());
            w.insert(&mut space)?;
            community.space_id = Some(space.meta.id.clone());
            w.insert(&mut community)?;
            contact.roles = vec![Role {
                role: "ketua".into(),
                target_id: dup.meta.id.clone(),
                start: None,
                end: None,
            }];
            w.insert(&mut contact)
        })
        .expect("insert");
    exchange(&mut rs, shared.path(), 0, 1);
    assert_eq!(
        rs[0].store.canonical_dump().expect("dump"),
        rs[1].store.canonical_dump().expect("dump")
    );
    crate::dupes::merge::<Organisation>(&mut rs[0].store, &keep.meta.id, &dup.meta.id, &[])
        .expect("merge")
        .expect("both there");
    exchange(&mut rs, shared.path(), 0, 1);
    for r in &rs {
        let s: Space = r.store.get(&space.meta.id).expect("get").expect("space");
        assert_eq!(s.operator_id.as_deref(), Some(keep.meta.id.as_str()));
        let c: Contact = r
            .store
            .get(&contact.meta.id)
            .expect("get")
            .expect("contact");
        assert_eq!(c.roles.len(), 1);
        assert_eq!(c.roles[0].target_id, keep.meta.id);
        assert!(
            r.store
                .get::<Organisation>(&dup.meta.id)
                .expect("get")
                .is_none()
        );
    }
    assert_eq!(
        rs[0].store.canonical_dump().expect("dump"),
        rs[1].store.canonical_dump().expect("dump")
    );
}

#[test]
fn a_copied_database_file_becomes_a_new_replica_with_its_own_key() {
    let dir = tempfile::tempdir().expect("dir");
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let (id_a, key_a) = {
        let mut s = Store::open(&a).expect("open");
        assert_eq!(claim(&mut s).expect("claim"), None, "a new file is no copy");
        let mut o = Organisation {
            name: "Synthetic Org".into(),
            ..Default::default()
        };
        s.write(|w| w.insert(&mut o)).expect("insert");
        (
            s.replica_id().expect("id"),
            keys(&mut s).expect("keys").public_key(),
        )
    };
    // The key files travel with the copy, as with `cp -a` of the whole folder.
    for (from, to) in [("a.db", "b.db"), ("a.db.sync-key", "b.db.sync-key")] {
        std::fs::copy(dir.path().join(from), dir.path().join(to)).expect("cp");
    }
    let mut copy = Store::open(&b).expect("open the copy");
    let changed = claim(&mut copy).expect("claim").expect("a copy is found");
    assert_eq!(changed.old, id_a);
    assert_ne!(changed.new, id_a);
    assert_eq!(copy.replica_id().expect("id"), changed.new);
    assert_ne!(keys(&mut copy).expect("keys").public_key(), key_a);
    assert_eq!(claim(&mut copy).expect("claim"), None, "said once");
    assert_eq!(copy.count(Kind::Organisation).expect("count"), 1);
    drop(copy);
    let mut original = Store::open(&a).expect("reopen");
    assert_eq!(claim(&mut original).expect("claim"), None);
    assert_eq!(original.replica_id().expect("id"), id_a);
    assert_eq!(keys(&mut original).expect("keys").public_key(), key_a);
    let moved = dir.path().join("moved.db");
    drop(original);
    std::fs::rename(&a, &moved).expect("mv");
    let mut original = Store::open(&moved).expect("open moved");
    assert_eq!(
        claim(&mut original).expect("claim"),
        None,
        "a move keeps the replica"
    );
    assert_eq!(original.replica_id().expect("id"), id_a);
    drop(original);
    // A new file at the same place (a file system that renumbers inodes, a copy put back).
    std::fs::copy(&moved, &a).expect("cp");
    std::fs::remove_file(&moved).expect("rm");
    std::fs::copy(&a, &moved).expect("cp back");
    std::fs::remove_file(&a).expect("rm");
    let mut original = Store::open(&moved).expect("open");
    assert_eq!(
        claim(&mut original).expect("claim"),
        None,
        "same path: same replica"
    );
    assert_eq!(original.replica_id().expect("id"), id_a);
}

#[test]
fn a_restore_is_logged_as_changes_of_the_same_replica_and_peers_follow() {
    restore_is_logged(false);
}

/// The same with records created by bulk imports (logged as ranges, read back from rows).
#[test]
fn a_restore_of_imported_records_is_logged_and_peers_follow() {
    restore_is_logged(true);
}

fn restore_is_logged(bulk: bool) {
    let insert_org = if bulk { bulk_org } else { insert_org };
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(2);
    let x = insert_org(&mut rs[0].store, "Sanggar Asal");
    let z = insert_org(&mut rs[0].store, "Sanggar Hilang");
    exchange(&mut rs, shared.path(), 0, 1);
    let backups = tempfile::tempdir().expect("dir");
    let bak = backups.path().join("r.bak");
    crate::io::backup::backup(&rs[0].store, &bak, false).expect("backup");
    let y = insert_org(&mut rs[0].store, "Sanggar Sesudah");
    let mut o: Organisation = rs[0].store.get(&x).expect("get").expect("x");
    o.name = "Sanggar Baru".into();
    rs[0].store.write(|w| w.update(&mut o)).expect("edit");
    rs[0]
        .store
        .write(|w| w.delete(Kind::Organisation, &z))
        .expect("delete");
    exchange(&mut rs, shared.path(), 0, 1);
    let id = rs[0].store.replica_id().expect("id");
    let key = keys(&mut rs[0].store).expect("keys").public_key();
    let (logged, _) = rs[0].store.local_changes_after(0).expect("log");
    let path = rs[0].store.path().to_path_buf();
    rs[0].store = Store::open_empty_in_memory().expect("close the file");
    let restored = crate::io::backup::restore(&path, &bak).expect("restore");
    assert_eq!(restored.recorded, Ok(3), "x edited back, y deleted, z back");
    rs[0].store = Store::open(&path).expect("reopen");
    assert_eq!(claim(&mut rs[0].store).expect("claim"), None, "same file");
    assert_eq!(rs[0].store.replica_id().expect("id"), id);
    assert_eq!(keys(&mut rs[0].store).expect("keys").public_key(), key);
    let (now, _) = rs[0].store.local_changes_after(0).expect("log");
    assert!(now.len() > logged.len(), "the log is kept and grows");
    // Every change logged before is still there (a range's records may now come from
    // their own snapshot rows, so the order may differ).
    for c in &logged {
        assert!(now.contains(c), "lost from the log: {c:?}");
    }
    exchange(&mut rs, shared.path(), 0, 1);
    for r in &rs {
        let name = |id: &str| org_name(&r.store, id);
        assert_eq!(name(&x).as_deref(), Some("Sanggar Asal"));
        assert_eq!(name(&z).as_deref(), Some("Sanggar Hilang"));
        assert_eq!(name(&y), None);
    }
    assert_eq!(
        rs[0].store.canonical_dump().expect("dump"),
        rs[1].store.canonical_dump().expect("dump")
    );
}

/// The name of organisation `id` in `store`, if it holds it.
fn org_name(store: &Store, id: &str) -> Option<String> {
    store.get::<Organisation>(id).expect("get").map(|o| o.name)
}

/// Writes `rec` the way `jejaring import` writes the records it creates (logged as a range).
fn bulk_insert<R: crate::store::Record>(store: &mut Store, rec: &R) {
    store
        .write(|w| {
            let mut bulk = w.bulk();
            bulk.insert(rec)?;
            bulk.finish()
        })
        .expect("bulk insert");
}

/// A new record id, as an import file gives it.
fn new_id() -> crate::model::Meta {
    crate::model::Meta {
        id: uuid::Uuid::new_v4().to_string(),
        ..Default::default()
    }
}

/// An organisation created the way `jejaring import` creates records.
fn bulk_org(store: &mut Store, name: &str) -> String {
    let o = Organisation {
        name: name.into(),
        description: Some("synthetic test record".into()),
        meta: new_id(),
        ..Default::default()
    };
    bulk_insert(store, &o);
    o.meta.id
}

fn insert_org(store: &mut Store, name: &str) -> String {
    let mut o = Organisation {
        name: name.into(),
        ..Default::default()
    };
    store.write(|w| w.insert(&mut o)).expect("insert");
    o.meta.id
}

/// A merge re-points links of records an import created (logged as a range): the owner is
/// expanded before its row changes, so the peer ends with the same links.
#[test]
fn a_merge_moves_links_of_imported_records_on_the_peer_too() {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(2);
    let keep = bulk_org(&mut rs[0].store, "Synthetic Org");
    let dup = bulk_org(&mut rs[0].store, "Synthetic Org.");
    let space = Space {
        name: "Synthetic Space".into(),
        operator_id: Some(dup.clone()),
        meta: new_id(),
        ..Default::default()
    };
    bulk_insert(&mut rs[0].store, &space);
    exchange(&mut rs, shared.path(), 0, 1);
    crate::dupes::merge::<Organisation>(&mut rs[0].store, &keep, &dup, &[])
        .expect("merge")
        .expect("both there");
    exchange(&mut rs, shared.path(), 0, 1);
    for r in &rs {
        let s: Space = r.store.get(&space.meta.id).expect("get").expect("space");
        assert_eq!(s.operator_id.as_deref(), Some(keep.as_str()));
    }
    assert_eq!(
        rs[0].store.canonical_dump().expect("dump"),
        rs[1].store.canonical_dump().expect("dump")
    );
}

/// An imported record deleted and imported again with the same id (a re-import of an old
/// export) is logged on its own, not as part of the new range, and peers follow both ways:
/// early in an import (looked up alone) and late in a large one (deleted ids read at once).
#[test]
fn an_imported_record_deleted_and_imported_again_reaches_the_peer() {
    for before in [0, 2100] {
        let shared = tempfile::tempdir().expect("shared");
        let mut rs = network(2);
        let id = bulk_org(&mut rs[0].store, "Sanggar Pertama");
        exchange(&mut rs, shared.path(), 0, 1);
        rs[0]
            .store
            .write(|w| w.delete(Kind::Organisation, &id))
            .expect("delete");
        exchange(&mut rs, shared.path(), 0, 1);
        assert!(rs[1].store.get::<Organisation>(&id).expect("get").is_none());
        let again = Organisation {
            name: "Sanggar Kembali".into(),
            meta: crate::model::Meta {
                id: id.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        let other = bulk_org(&mut rs[0].store, "Sanggar Lain");
        rs[0]
            .store
            .write(|w| {
                let mut bulk = w.bulk();
                for n in 0..before {
                    bulk.insert(&Organisation {
                        name: format!("Synthetic Org {n}"),
                        meta: new_id(),
                        ..Default::default()
                    })?;
                }
                bulk.insert(&again)?;
                bulk.finish()
            })
            .expect("bulk insert");
        exchange(&mut rs, shared.path(), 0, 1);
        for r in &rs {
            let name = |id: &str| org_name(&r.store, id);
            assert_eq!(
                name(&id).as_deref(),
                Some("Sanggar Kembali"),
                "after {before}"
            );
            assert_eq!(name(&other).as_deref(), Some("Sanggar Lain"));
        }
        assert_eq!(
            rs[0].store.canonical_dump().expect("dump"),
            rs[1].store.canonical_dump().expect("dump")
        );
    }
}

/// Deleting an organisation clears the operator of its spaces (a cascade, not a logged edit):
/// a later edit of such a space still applies on a peer, which clears it the same way.
#[test]
fn an_edit_of_a_space_whose_operator_was_deleted_applies_on_the_peer() {
    for bulk in [false, true] {
        let shared = tempfile::tempdir().expect("shared");
        let mut rs = network(2);
        let org = if bulk {
            bulk_org(&mut rs[0].store, "Synthetic Operator")
        } else {
            insert_org(&mut rs[0].store, "Synthetic Operator")
        };
        let mut space = Space {
            name: "Synthetic Space".into(),
            operator_id: Some(org.clone()),
            meta: crate::model::Meta {
                id: uuid::Uuid::new_v4().to_string(),
                ..Default::default()
            },
            ..Default::default()
        };
        rs[0]
            .store
            .write(|w| {
                if bulk {
                    let mut b = w.bulk();
                    b.insert(&space)?;
                    b.finish()
                } else {
                    w.insert(&mut space)
                }
            })
            .expect("space");
        exchange(&mut rs, shared.path(), 0, 1);
        rs[0]
            .store
            .write(|w| w.delete(Kind::Organisation, &org))
            .expect("delete");
        let mut s: Space = rs[0]
            .store
            .get(&space.meta.id)
            .expect("get")
            .expect("space");
        assert_eq!(s.operator_id, None, "the cascade cleared it");
        s.name = "Synthetic Space Renamed".into();
        rs[0].store.write(|w| w.update(&mut s)).expect("edit");
        exchange(&mut rs, shared.path(), 0, 1);
        for r in &rs {
            let s: Space = r.store.get(&space.meta.id).expect("get").expect("space");
            assert_eq!(s.name, "Synthetic Space Renamed", "bulk: {bulk}");
            assert_eq!(s.operator_id, None, "bulk: {bulk}");
        }
        assert_eq!(
            rs[0].store.canonical_dump().expect("dump"),
            rs[1].store.canonical_dump().expect("dump"),
            "bulk: {bulk}"
        );
    }
}

/// Bundles arrive in any order: a space naming an organisation whose bundle is not applied
/// yet is written without the link (the bundle is not refused), and gets it when that bundle
/// arrives.
#[test]
fn a_reference_to_a_record_not_arrived_yet_is_filled_when_it_arrives() {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(3);
    let org = insert_org(&mut rs[0].store, "Synthetic Operator");
    let (a_bundle, _) = export(&mut rs[0].store, shared.path())
        .expect("export")
        .expect("a bundle");
    apply_file(&mut rs[1].store, &a_bundle).expect("b applies a");
    let mut space = Space {
        name: "Synthetic Space".into(),
        operator_id: Some(org.clone()),
        ..Default::default()
    };
    rs[1].store.write(|w| w.insert(&mut space)).expect("space");
    let (b_bundle, _) = export(&mut rs[1].store, shared.path())
        .expect("export")
        .expect("b bundle");
    let applied = apply_file(&mut rs[2].store, &b_bundle).expect("c applies b first");
    assert_eq!(applied.records, 1);
    let s: Space = rs[2]
        .store
        .get(&space.meta.id)
        .expect("get")
        .expect("space");
    assert_eq!(s.operator_id, None, "its operator has not arrived");
    apply_file(&mut rs[2].store, &a_bundle).expect("then a");
    let s: Space = rs[2]
        .store
        .get(&space.meta.id)
        .expect("get")
        .expect("space");
    assert_eq!(s.operator_id.as_deref(), Some(org.as_str()));
    assert_eq!(
        rs[1].store.canonical_dump().expect("dump"),
        rs[2].store.canonical_dump().expect("dump")
    );
}
