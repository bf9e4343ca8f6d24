//! `jejaring sync` as a user runs it: two replicas, keys traded, an import on one found by
//! `search` on the other; a second apply has nothing to do; an untrusted bundle is refused.

use crate::support::TempDb;
use predicates::str::contains;

fn key(db: &TempDb) -> String {
    let out = db.cmd().args(["sync", "key"]).output().expect("run");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn an_import_on_one_replica_is_found_on_the_other() {
    let (a, b) = (TempDb::new(), TempDb::new());
    let shared = tempfile::tempdir().expect("shared");
    let (ka, kb) = (key(&a), key(&b));
    a.cmd().args(["sync", "trust", &kb]).assert().success();
    b.cmd().args(["sync", "trust", &ka]).assert().success();
    let csv = shared.path().join("../in.csv");
    std::fs::write(
        &csv,
        "name,city,description\nKomunitas Uji Sinkron (synthetic),33.74,synthetic test record\n",
    )
    .expect("csv");
    a.cmd()
        .args(["import", "--kind", "community"])
        .arg(&csv)
        .assert()
        .success();
    a.cmd()
        .args(["sync", "export", "--to"])
        .arg(shared.path())
        .assert()
        .success()
        .stdout(contains("changes"));
    b.cmd().args(["search", "sinkron"]).assert().code(1);
    b.cmd()
        .args(["sync", "apply"])
        .arg(shared.path())
        .assert()
        .success()
        .stdout(contains("1 records written"));
    b.cmd()
        .args(["search", "sinkron"])
        .assert()
        .success()
        .stdout(contains("Komunitas Uji Sinkron"));
    b.cmd()
        .args(["sync", "apply"])
        .arg(shared.path())
        .assert()
        .code(1)
        .stdout(contains("no bundle waiting"));
    b.cmd()
        .args(["sync", "status"])
        .arg(shared.path())
        .assert()
        .success()
        .stdout(contains("0 bundles waiting"))
        .stdout(contains("no conflicts"));
    let _ = std::fs::remove_file(csv);
}

#[test]
fn a_bundle_from_an_untrusted_replica_is_refused() {
    let (a, b) = (TempDb::new(), TempDb::new());
    let shared = tempfile::tempdir().expect("shared");
    a.cmd().args(["sync", "key"]).assert().success();
    a.cmd()
        .args(["sync", "export", "--to"])
        .arg(shared.path())
        .assert()
        .code(1)
        .stdout(contains("nothing new"));
    let csv = shared.path().join("../in2.csv");
    std::fs::write(&csv, "name,city\nRuang Uji (synthetic),33.74\n").expect("csv");
    a.cmd()
        .args(["import", "--kind", "space"])
        .arg(&csv)
        .assert()
        .success();
    a.cmd()
        .args(["sync", "export", "--to"])
        .arg(shared.path())
        .assert()
        .success();
    b.cmd()
        .args(["sync", "apply"])
        .arg(shared.path())
        .assert()
        .code(2)
        .stderr(contains("not trusted"));
    b.cmd().args(["search", "ruang uji"]).assert().code(1);
    let _ = std::fs::remove_file(csv);
}
