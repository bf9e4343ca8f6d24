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
    // `db check` creates nothing (issue 10): the database is made by a command that opens it.
    let mut c = assert_cmd::Command::cargo_bin("jejaring").expect("bin");
    c.arg("stats").env("JEJARING_DB", &db.path);
    c.assert().success();
    assert!(db.path.exists());
    let mut c = assert_cmd::Command::cargo_bin("jejaring").expect("bin");
    c.args(["db", "check"]).env("JEJARING_DB", &db.path);
    c.assert()
        .success()
        .stdout(predicate::str::contains("is whole"));
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
    db.cmd().arg("stats").assert().success();
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

#[test]
fn search_lists_the_three_hetero_spaces_ranked_like_the_app() {
    let db = TempDb::new();
    let out = db.cmd().args(["search", "hetero"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for (line, city) in [
        ("Hetero Space Semarang", "Kota Semarang"),
        ("Hetero Space Solo", "Kota Surakarta"),
        ("Hetero Space Banyumas", "Kabupaten Banyumas"),
    ] {
        let row = lines
            .iter()
            .find(|l| l.contains(line))
            .unwrap_or_else(|| panic!("{line} missing from {text}"));
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols[0], "space");
        assert!(uuid::Uuid::parse_str(cols[1]).is_ok(), "{row}");
        assert_eq!(cols[3], city);
    }
    let v = json(
        db.cmd()
            .args(["search", "semarang", "--kind", "city", "--json"]),
    );
    let names: Vec<&str> = v["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Kota Semarang", "Kabupaten Semarang"],
        "exact city first"
    );
}

#[test]
fn search_exit_codes_say_found_nothing_or_bad_query() {
    let db = TempDb::new();
    db.cmd().args(["search", "qqqzzzxxx"]).assert().code(1);
    db.cmd()
        .args(["search", "hub", "prov:atlantis"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown province"));
    db.cmd()
        .args(["search", "hetero", "prov:jateng", "--limit", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hetero Space").count(1));
}

#[test]
fn show_speaks_indonesian_with_lang_id() {
    let db = TempDb::new();
    db.cmd()
        .args(["show", "33", "--lang", "id"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Jawa Tengah (Provinsi 33)"))
        .stdout(predicate::str::contains("Kode"))
        .stdout(predicate::str::contains("Kota Semarang"));
    db.cmd()
        .args(["show", "33", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Jawa Tengah (Province 33)"));
}

#[test]
fn search_shows_a_contacts_role_in_a_fifth_column() {
    let db = TempDb::new();
    let out = db
        .cmd()
        .args(["search", "wishnutama"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf8");
    let row = text
        .lines()
        .find(|l| l.contains("Wishnutama"))
        .unwrap_or_else(|| panic!("Wishnutama missing from {text}"));
    let cols: Vec<&str> = row.split('\t').collect();
    assert_eq!(cols.len(), 5, "{row}");
    assert_eq!(cols[0], "contact");
    assert!(
        cols[4].starts_with("Ketua Dewan Pengarah, Indonesia Creative Cities Network (ICCN)"),
        "{row}"
    );
    let v = json(db.cmd().args(["search", "wishnutama", "--json"]));
    let hit = &v["results"][0];
    assert_eq!(hit["kind"], "contact");
    let role = hit["role"].as_str().expect("role");
    assert!(
        role.contains("Ketua Dewan Pengarah") && role.contains("ICCN"),
        "{v}"
    );
    assert!(hit["role_current"].is_boolean(), "{v}");
    // Other kinds keep their four columns.
    let out = db.cmd().args(["search", "hetero"]).output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf8");
    assert!(text.lines().all(|l| l.split('\t').count() == 4), "{text}");
}
