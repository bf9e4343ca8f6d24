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
