//! Sharing: bytes per changed record in a bundle, and applying a bundle of ~100k changes into
//! a second replica, against the peer figure of writing the same records there directly
//! (`Writer::insert` in one transaction). Prints the figures; asserts nothing.
//!
//! `cargo bench --bench sync` (records: `JEJARING_BENCH_RECORDS`, default 20000, five changes
//! each: existence, name, type, description, source).

mod common;

use common::env_usize;
use jejaring::model::{Meta, Organisation};
use jejaring::store::Store;
use std::time::Instant;

fn org(i: usize) -> Organisation {
    Organisation {
        meta: Meta {
            source: Some("synthetic: benches/sync.rs".into()),
            synthetic: true,
            ..Meta::default()
        },
        name: format!("Organisasi Sintetis {i:07}"),
        org_type: Some("komunitas".into()),
        description: Some(format!("catatan sintetis nomor {i} untuk uji sinkronisasi")),
        ..Default::default()
    }
}

fn main() {
    let n = env_usize("JEJARING_BENCH_RECORDS", 20_000);
    let dir = tempfile::tempdir().expect("dir");
    let shared = dir.path().join("shared");
    let mut a = Store::open(&dir.path().join("a.db")).expect("a");
    let mut b = Store::open(&dir.path().join("b.db")).expect("b");
    let mut peer = Store::open(&dir.path().join("peer.db")).expect("peer");
    let ka = jejaring::sync::keys(&mut a).expect("key a").public_path;
    jejaring::sync::keys(&mut b).expect("key b");
    jejaring::sync::trust(&mut b, &ka).expect("trust");

    let t = Instant::now();
    a.write(|w| {
        for i in 0..n {
            w.insert(&mut org(i))?;
        }
        Ok(())
    })
    .expect("insert");
    let logged = t.elapsed();
    let t = Instant::now();
    peer.write(|w| {
        w.as_common_base();
        for i in 0..n {
            w.insert(&mut org(i))?;
        }
        Ok(())
    })
    .expect("peer insert");
    let plain = t.elapsed();

    let t = Instant::now();
    let (path, changes) = jejaring::sync::export(&mut a, &shared)
        .expect("export")
        .expect("bundle");
    let export = t.elapsed();
    let bytes = std::fs::metadata(&path).expect("size").len();

    let t = Instant::now();
    let applied = jejaring::sync::apply_file(&mut b, &path).expect("apply");
    let apply = t.elapsed();
    assert_eq!(applied.records, n);

    println!("sync bench: {n} records, {changes} changes");
    println!(
        "  local writes: {:.0} ms logged vs {:.0} ms unlogged peer ({:.2}x)",
        logged.as_secs_f64() * 1e3,
        plain.as_secs_f64() * 1e3,
        logged.as_secs_f64() / plain.as_secs_f64()
    );
    println!(
        "  bundle: {bytes} bytes, {:.0} bytes per record, {:.1} bytes per change; export {:.0} ms",
        bytes as f64 / n as f64,
        bytes as f64 / changes as f64,
        export.as_secs_f64() * 1e3
    );
    println!(
        "  apply: {:.0} ms for {changes} changes ({:.0}k changes/s), peer direct insert {:.0} ms",
        apply.as_secs_f64() * 1e3,
        changes as f64 / apply.as_secs_f64() / 1e3,
        plain.as_secs_f64() * 1e3
    );
}
