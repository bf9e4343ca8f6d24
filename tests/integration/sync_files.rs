//! Sharing and the database file, as a user runs them: a copied database becomes a new
//! replica (said once), `sync export`/`sync apply` remember the folder the app watches, and a
//! restore says how many records it changed as this replica's changes.

use crate::support::TempDb;
use predicates::prelude::*;
use predicates::str::contains;

fn replica(db: &TempDb) -> String {
    let v = crate::support::json(db.cmd().args(["--json", "sync", "status"]));
    v["replica"].as_str().expect("replica").to_string()
}

#[test]
fn a_copied_database_is_a_new_replica_said_once() {
    let a = TempDb::new();
    a.cmd().args(["sync", "key"]).assert().success();
    let id = replica(&a);
    let b = TempDb::new();
    std::fs::copy(&a.path, &b.path).expect("cp a.db b.db");
    b.cmd()
        .args(["sync", "status"])
        .assert()
        .success()
        .stderr(contains("is a copy of replica").and(contains(id.as_str())));
    assert_ne!(replica(&b), id);
    b.cmd()
        .args(["sync", "status"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    assert_eq!(replica(&a), id, "the original keeps its id");
}

/// Imports one synthetic community named `name` in Kota Semarang through the CLI.
fn import_community(db: &TempDb, dir: &std::path::Path, name: &str) {
    let csv = dir.join("in.csv");
    std::fs::write(
        &csv,
        format!("name,city,description\n{name},33.74,synthetic test record\n"),
    )
    .expect("csv");
    db.cmd()
        .args(["import", "--kind", "community"])
        .arg(&csv)
        .assert()
        .success();
}

#[test]
fn export_remembers_the_sync_folder_and_restore_is_recorded() {
    let db = TempDb::new();
    let files = tempfile::tempdir().expect("dir");
    import_community(&db, files.path(), "Komunitas Sebelum (synthetic)");
    let shared = tempfile::tempdir().expect("shared");
    db.cmd()
        .args(["sync", "export", "--to"])
        .arg(shared.path())
        .assert()
        .success();
    let store = jejaring::store::Store::open(&db.path).expect("open");
    assert_eq!(
        jejaring::sync::folder::folder(&store, None).as_deref(),
        Some(std::path::absolute(shared.path()).expect("abs").as_path())
    );
    drop(store);
    let bak = files.path().join("before.bak");
    db.cmd().arg("backup").arg(&bak).assert().success();
    import_community(&db, files.path(), "Komunitas Sesudah (synthetic)");
    db.cmd()
        .arg("restore")
        .arg(&bak)
        .assert()
        .success()
        .stdout(contains("1 records differ from before"));
    // The restore's delete is this replica's change: the next export carries it.
    db.cmd()
        .args(["sync", "export", "--to"])
        .arg(shared.path())
        .assert()
        .success()
        .stdout(contains("wrote"));
}
