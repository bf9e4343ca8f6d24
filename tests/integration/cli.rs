//! The CLI as a process: exit codes, `--db` placement, JSON output.

use crate::support::{TempDb, json};
use predicates::prelude::*;

#[test]
fn first_run_creates_the_database_and_stats_report_the_regions() {
    let db = TempDb::new();
    assert!(!db.path.exists());
    let v = json(db.cmd().args(["stats", "--json"]));
    assert!(db.path.exists());
    assert_eq!(v["kinds"]["province"], 38);
    assert_eq!(v["kinds"]["city"], 514);
    assert_eq!(v["kabupaten"], 416);
    assert_eq!(v["kota"], 98);
    assert_eq!(v["provinces"].as_array().map(Vec::len), Some(38));
    db.cmd()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "514  kabupaten/kota (416 kabupaten, 98 kota)",
        ))
        .stdout(predicate::str::contains("Jawa Tengah"));
}

#[test]
fn db_option_works_after_the_subcommand_and_from_the_environment() {
    let db = TempDb::new();
    let mut c = assert_cmd::Command::cargo_bin("jejaring").expect("bin");
    c.args(["db", "path", "--db"]).arg(&db.path);
    c.assert()
        .success()
        .stdout(predicate::str::contains(db.path.to_string_lossy().as_ref()));
    let mut c = assert_cmd::Command::cargo_bin("jejaring").expect("bin");
    c.args(["db", "check"]).env("JEJARING_DB", &db.path);
    c.assert()
        .success()
        .stdout(predicate::str::contains("is whole"));
    assert!(db.path.exists());
}

#[test]
fn show_a_city_lists_its_spaces_and_unknown_ids_exit_1() {
    let db = TempDb::new();
    db.cmd()
        .args(["show", "33.74"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kota Semarang"))
        .stdout(predicate::str::contains("Hetero Space Semarang"));
    let v = json(db.cmd().args(["show", "3374", "--json"]));
    assert_eq!(v["kind"], "city");
    assert_eq!(v["record"]["code"], "33.74");
    let groups = v["related"].as_array().expect("groups");
    assert!(groups.iter().any(|g| g["relation"] == "spaces"));
    db.cmd()
        .args(["show", "no-such-id"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-id"));
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message() {
    let db = TempDb::new();
    db.cmd().args(["db", "check"]).assert().success();
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.pragma_update(None, "user_version", 999).expect("bump");
    drop(conn);
    db.cmd()
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("newer Jejaring"));
}

#[test]
fn the_app_refuses_when_stdout_is_not_a_terminal() {
    let db = TempDb::new();
    db.cmd()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn usage_errors_exit_2() {
    let db = TempDb::new();
    db.cmd().args(["show"]).assert().code(2);
    db.cmd().args(["frobnicate"]).assert().code(2);
}
