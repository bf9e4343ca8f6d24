//! Sharing between replicas: convergence in any order, idempotence, trust, privacy.

use super::*;
use crate::model::{Contact, Kind, Organisation, Visibility};
use proptest::prelude::*;
use tempfile::TempDir;

struct Replica {
    store: Store,
    /// Where its bundles go (its own folder under the shared one).
    _dir: TempDir,
}

fn replica() -> Replica {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("r.db")).expect("open");
    Replica { store, _dir: dir }
}

/// Three replicas that all trust each other.
fn network(n: usize) -> Vec<Replica> {
    let mut rs: Vec<Replica> = (0..n).map(|_| replica()).collect();
    let pubs: Vec<PathBuf> = rs
        .iter_mut()
        .map(|r| keys(&mut r.store).expect("keys").public_path)
        .collect();
    for r in &mut rs {
        for p in &pubs {
            trust(&mut r.store, p).expect("trust");
        }
    }
    rs
}

fn ids(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .all::<Organisation>()
        .expect("all")
        .into_iter()
        .map(|o| o.meta.id)
        .collect();
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Op {
    Insert(usize, u8),
    /// Replica, value, count: records created by a bulk import (logged as one range).
    Bulk(usize, u8, u8),
    /// Replica, record pick, field (0 name, 1 description, 2 source), value.
    Edit(usize, usize, u8, u8),
    Delete(usize, usize),
    /// Replica `from` exports, replica `to` applies everything waiting.
    Exchange(usize, usize),
    /// Replica, pick among every id ever created, value: imported again with that id, other
    /// fields empty, when the replica does not hold it (a record coming back to life).
    Revive(usize, usize, u8),
    /// Replica, pick, value, bulk: a space operated by one of the replica's organisations
    /// (deleting the organisation clears the link by a cascade).
    Space(usize, usize, u8, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, any::<u8>()).prop_map(|(r, v)| Op::Insert(r, v)),
        (0..3usize, any::<u8>(), 1..4u8).prop_map(|(r, v, k)| Op::Bulk(r, v, k)),
        (0..3usize, any::<usize>(), 0..3u8, 0..4u8).prop_map(|(r, i, f, v)| Op::Edit(r, i, f, v)),
        (0..3usize, any::<usize>()).prop_map(|(r, i)| Op::Delete(r, i)),
        (0..3usize, 0..3usize).prop_map(|(a, b)| Op::Exchange(a, b)),
        (0..3usize, any::<usize>(), any::<u8>()).prop_map(|(r, i, v)| Op::Revive(r, i, v)),
        (0..3usize, any::<usize>(), any::<u8>(), any::<bool>())
            .prop_map(|(r, i, v, b)| Op::Space(r, i, v, b)),
    ]
}

fn run(rs: &mut [Replica], shared: &Path, op: &Op, created: &mut Vec<String>) {
    match *op {
        Op::Insert(r, v) => {
            let mut o = Organisation {
                name: format!("Org {v}"),
                description: Some(format!("first life {v}")),
                ..Default::default()
            };
            rs[r].store.write(|w| w.insert(&mut o)).expect("insert");
            created.push(o.meta.id);
        }
        Op::Space(r, pick, v, bulk) => {
            let ids = ids(&rs[r].store);
            let mut space = crate::model::Space {
                name: format!("Space {v}"),
                operator_id: (!ids.is_empty()).then(|| ids[pick % ids.len()].clone()),
                meta: crate::model::Meta {
                    id: uuid::Uuid::new_v4().to_string(),
                    ..Default::default()
                },
                ..Default::default()
            };
            rs[r]
                .store
                .write(|w| {
                    if !bulk {
                        return w.insert(&mut space);
                    }
                    let mut b = w.bulk();
                    b.insert(&space)?;
                    b.finish()
                })
                .expect("space");
        }
        Op::Revive(r, pick, v) => {
            let Some(id) = created.get(pick % created.len().max(1)).cloned() else {
                return;
            };
            if rs[r].store.get::<Organisation>(&id).expect("get").is_some() {
                return;
            }
            let o = Organisation {
                name: format!("Revived {v}"),
                meta: crate::model::Meta {
                    id,
                    ..Default::default()
                },
                ..Default::default()
            };
            rs[r]
                .store
                .write(|w| {
                    let mut bulk = w.bulk();
                    bulk.insert(&o)?;
                    bulk.finish()
                })
                .expect("revive");
        }
        Op::Bulk(r, v, k) => {
            rs[r]
                .store
                .write(|w| {
                    let mut bulk = w.bulk();
                    for i in 0..k {
                        let o = Organisation {
                            name: format!("Bulk {v} {i}"),
                            description: Some(format!("d{i}")),
                            meta: crate::model::Meta {
                                id: uuid::Uuid::new_v4().to_string(),
                                ..Default::default()
                            },
                            ..Default::default()
                        };
                        bulk.insert(&o)?;
                        created.push(o.meta.id);
                    }
                    bulk.finish()
                })
                .expect("bulk");
        }
        Op::Edit(r, pick, field, v) => {
            let ids = ids(&rs[r].store);
            if ids.is_empty() {
                return;
            }
            let id = &ids[pick % ids.len()];
            let mut o: Organisation = rs[r].store.get(id).expect("get").expect("some");
            let value = format!("v{v}");
            match field {
                0 => o.name = value,
                1 => o.description = Some(value),
                _ => o.meta.source = Some(value),
            }
            rs[r].store.write(|w| w.update(&mut o)).expect("update");
        }
        Op::Delete(r, pick) => {
            let ids = ids(&rs[r].store);
            if ids.is_empty() {
                return;
            }
            let id = ids[pick % ids.len()].clone();
            rs[r]
                .store
                .write(|w| w.delete(Kind::Organisation, &id))
                .expect("delete");
        }
        Op::Exchange(a, b) => {
            export(&mut rs[a].store, shared).expect("export");
            let report = apply_dir(&mut rs[b].store, shared).expect("apply");
            assert!(report.refused.is_empty(), "{:?}", report.refused);
        }
    }
}

fn all_bundles(shared: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in std::fs::read_dir(shared).expect("dir").flatten() {
        for f in std::fs::read_dir(d.path()).expect("sub").flatten() {
            out.push(f.path());
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn three_replicas_converge_in_any_order(
        ops in proptest::collection::vec(op(), 1..40),
        order in proptest::collection::vec(any::<usize>(), 3),
    ) {
        let shared = tempfile::tempdir().expect("shared");
        let mut rs = network(3);
        let mut created = Vec::new();
        for op in &ops {
            run(&mut rs, shared.path(), op, &mut created);
        }
        for r in &mut rs {
            export(&mut r.store, shared.path()).expect("export");
        }
        let bundles = all_bundles(shared.path());
        // Every replica applies every bundle, in its own shuffled order, each one twice.
        for (i, r) in rs.iter_mut().enumerate() {
            let mut mine = bundles.clone();
            let n = mine.len().max(1);
            mine.rotate_left(order[i] % n);
            if order[i] % 2 == 1 {
                mine.reverse();
            }
            for b in mine.iter().chain(mine.iter()) {
                if b.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned())
                    == Some(r.store.replica_id().expect("id"))
                {
                    continue;
                }
                apply_file(&mut r.store, b).expect("apply");
            }
        }
        let dumps: Vec<String> = rs.iter().map(|r| r.store.canonical_dump().expect("dump")).collect();
        prop_assert_eq!(&dumps[0], &dumps[1]);
        prop_assert_eq!(&dumps[1], &dumps[2]);
        // Applying everything again changes nothing.
        for b in &bundles {
            let before = rs[0].store.canonical_dump().expect("dump");
            let mine = b.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned())
                == Some(rs[0].store.replica_id().expect("id"));
            if !mine {
                let a = apply_file(&mut rs[0].store, b).expect("again");
                prop_assert_eq!(a.new, 0);
            }
            prop_assert_eq!(before, rs[0].store.canonical_dump().expect("dump"));
        }
    }
}

/// Replica 0 with one organisation, exported to `shared`; returns the bundle path.
fn one_bundle(rs: &mut [Replica], shared: &Path) -> PathBuf {
    let mut o = Organisation {
        name: "Jaringan Kreatif".into(),
        description: Some("synthetic test record".into()),
        ..Default::default()
    };
    rs[0].store.write(|w| w.insert(&mut o)).expect("insert");
    export(&mut rs[0].store, shared)
        .expect("export")
        .expect("something")
        .0
}

#[test]
fn a_flipped_byte_is_refused_and_changes_nothing() {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(2);
    let path = one_bundle(&mut rs, shared.path());
    let good = std::fs::read(&path).expect("read");
    let before = rs[1].store.canonical_dump().expect("dump");
    for at in [good.len() / 2, good.len() - 1, 3, 120] {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        std::fs::write(&path, &bad).expect("write");
        let err = apply_file(&mut rs[1].store, &path).expect_err("refused");
        assert!(err.to_string().contains("refused"), "{err}");
        assert_eq!(rs[1].store.canonical_dump().expect("dump"), before);
        assert!(rs[1].store.bundles().expect("bundles").is_empty());
    }
    std::fs::write(&path, &good).expect("write");
    apply_file(&mut rs[1].store, &path).expect("the whole file applies");
    assert_ne!(rs[1].store.canonical_dump().expect("dump"), before);
}

#[test]
fn an_untrusted_replica_is_refused() {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(1);
    rs.push(replica());
    let path = one_bundle(&mut rs, shared.path());
    let err = apply_file(&mut rs[1].store, &path).expect_err("untrusted");
    assert!(matches!(err, SyncError::Untrusted { .. }), "{err}");
    assert!(err.to_string().contains("not trusted"));
    assert_eq!(rs[1].store.count(Kind::Organisation).expect("count"), 0);
}

#[test]
fn private_fields_never_leave_and_network_ones_travel() {
    private_fields_never_leave(false);
}

/// The same for contacts an import created (logged as a range, read back at export), and
/// after one of them was edited (its snapshot split into shareable and private rows).
#[test]
fn private_fields_of_imported_contacts_never_leave() {
    private_fields_never_leave(true);
}

fn private_fields_never_leave(bulk: bool) {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(2);
    let mut private = Contact {
        name: "Synthetic Private".into(),
        visibility: Visibility::Private,
        ..Default::default()
    };
    private.channels.phone = Some("+6281100000001".into());
    private.channels.email = Some("private@example.invalid".into());
    let mut network_c = Contact {
        name: "Synthetic Network".into(),
        visibility: Visibility::Network,
        ..Default::default()
    };
    network_c.channels.phone = Some("+6281100000002".into());
    rs[0]
        .store
        .write(|w| {
            if !bulk {
                w.insert(&mut private)?;
                return w.insert(&mut network_c);
            }
            private.meta.id = uuid::Uuid::new_v4().to_string();
            network_c.meta.id = uuid::Uuid::new_v4().to_string();
            let mut b = w.bulk();
            b.insert(&private)?;
            b.insert(&network_c)?;
            b.finish()
        })
        .expect("insert");
    if bulk {
        // An edit expands the imported record: its private fields go to a private row.
        let mut edited = private.clone();
        edited.name = "Synthetic Private Edited".into();
        rs[0].store.write(|w| w.update(&mut edited)).expect("edit");
    }
    let (path, _) = export(&mut rs[0].store, shared.path())
        .expect("export")
        .expect("some");
    let bytes = std::fs::read(&path).expect("read");
    let h = bundle::header(&path, &bytes).expect("header");
    let key = rs[1]
        .store
        .peer_key(h.replica)
        .expect("key")
        .expect("trusted");
    let text = format!("{:?}", bundle::open(&path, &h, &key).expect("open"));
    assert!(!text.contains("+6281100000001") && !text.contains("private@example"));
    assert!(text.contains("+6281100000002"));
    apply_file(&mut rs[1].store, &path).expect("apply");
    let got: Contact = rs[1].store.get(&private.meta.id).expect("get").expect("c");
    assert_eq!(got.channels.phone, None);
    assert!(got.name.starts_with("Synthetic Private"));
}

#[test]
fn concurrent_edits_of_one_field_are_a_conflict_that_can_be_flipped() {
    let shared = tempfile::tempdir().expect("shared");
    let mut rs = network(2);
    let path = one_bundle(&mut rs, shared.path());
    apply_file(&mut rs[1].store, &path).expect("apply");
    let id = ids(&rs[0].store)[0].clone();
    for (i, word) in ["Satu", "Dua"].into_iter().enumerate() {
        let mut o: Organisation = rs[i].store.get(&id).expect("get").expect("o");
        o.name = word.into();
        rs[i].store.write(|w| w.update(&mut o)).expect("edit");
    }
    export(&mut rs[0].store, shared.path()).expect("export");
    export(&mut rs[1].store, shared.path()).expect("export");
    apply_dir(&mut rs[0].store, shared.path()).expect("apply");
    apply_dir(&mut rs[1].store, shared.path()).expect("apply");
    let names: Vec<String> = rs
        .iter()
        .map(|r| {
            r.store
                .get::<Organisation>(&id)
                .expect("get")
                .expect("o")
                .name
        })
        .collect();
    assert_eq!(names[0], names[1], "both settle on one value");
    let conflicts = rs[0].store.conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].field, "name");
    let loser: String = serde_json::from_str(&conflicts[0].loser_value).expect("json");
    assert!(rs[0].store.flip_conflict(conflicts[0].id).expect("flip"));
    export(&mut rs[0].store, shared.path()).expect("export");
    apply_dir(&mut rs[1].store, shared.path()).expect("apply");
    for r in &rs {
        assert_eq!(
            r.store
                .get::<Organisation>(&id)
                .expect("get")
                .expect("o")
                .name,
            loser
        );
    }
}

#[path = "tests_more.rs"]
mod more;
