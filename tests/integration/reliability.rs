//! The trust guarantees of RELIABILITY.md, each proved against the real binary: SIGKILL at
//! random points (all or nothing, no partial file, no temporary after the next run), two
//! writers at once, file modes under umask 022, read-only locations, a full disk, terminal
//! safety and the lossless redacted round trip. Figures are printed (`--nocapture`).

use crate::support::TempDb;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("jejaring")
}

/// The binary on `db`, English, without JEJARING_DB.
fn cmd(db: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("--db")
        .arg(db)
        .env("LANG", "en_US.UTF-8")
        .env_remove("JEJARING_DB")
        .stdin(Stdio::null());
    c
}

fn run_ok(c: &mut Command) -> String {
    let out = c.output().expect("run");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn contacts(db: &Path) -> u64 {
    let out = run_ok(cmd(db).args(["--json", "stats"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    v["kinds"]["contact"].as_u64().unwrap_or(0)
}

fn synthetic(db: &Path) -> u64 {
    let out = run_ok(cmd(db).args(["--json", "stats"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    v["synthetic_records"].as_u64().unwrap_or(0)
}

fn assert_whole(db: &Path) {
    run_ok(cmd(db).args(["db", "check"]));
}

/// Hidden files Jejaring's temporaries would be (`.NAME.TAG-PID…`) and SQLite sidecars of
/// anything but the live database.
fn leftovers(dir: &Path, db: &Path) -> Vec<String> {
    let live: Vec<String> = ["-wal", "-shm"]
        .iter()
        .map(|s| format!("{}{s}", db.file_name().expect("name").to_string_lossy()))
        .collect();
    std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with('.')
                || ((n.ends_with("-wal") || n.ends_with("-shm")) && !live.contains(n))
        })
        .collect()
}

/// Synthetic, marked test rows (no phone or e-mail): `n` contacts in Kota Semarang.
fn contacts_csv(path: &Path, n: usize, tag: &str) {
    let mut s = String::from("name,city,source\n");
    for i in 0..n {
        let _ = writeln!(s, "Uji {tag} {i},33.74,synthetic test row");
    }
    std::fs::write(path, s).expect("write csv");
}

/// Starts `c`, kills it (SIGKILL) after `delay`; true when it was still running then.
fn kill_after(c: &mut Command, delay: Duration) -> bool {
    let mut child = c
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let until = Instant::now() + delay;
    while Instant::now() < until {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // `Child::kill` sends SIGKILL on Unix: no handler, no cleanup runs.
    let _ = child.kill();
    let _ = child.wait();
    true
}

fn timed(c: &mut Command) -> Duration {
    let t = Instant::now();
    run_ok(c);
    t.elapsed()
}

/// Kills per operation: small enough for `cargo test` on two cores; `JEJARING_KILLS` raises it.
fn kills() -> usize {
    std::env::var("JEJARING_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

#[test]
fn sigkill_at_random_points_leaves_all_or_nothing_and_no_temporary() {
    let seed = std::env::var("JEJARING_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    println!("kill loop seed {seed} (JEJARING_KILL_SEED to repeat)");
    let mut rng = fastrand::Rng::with_seed(seed);
    let work = tempfile::tempdir().expect("dir");
    let template = work.path().join("template.db");
    run_ok(cmd(&template).arg("stats"));
    let base = contacts(&template);
    let rows = 4000;
    let csv = work.path().join("contacts.csv");
    contacts_csv(&csv, rows, "kill");
    // A backup with the rows added: what a restore brings.
    let richer = work.path().join("richer.db");
    std::fs::copy(&template, &richer).expect("copy");
    run_ok(cmd(&richer).arg("import").arg(&csv));
    let backup_src = work.path().join("richer.bak");
    run_ok(cmd(&richer).arg("backup").arg(&backup_src));
    let reference = run_ok(cmd(&template).args(["export", "--format", "json"]));

    let fresh = |i: usize, op: &str| -> (PathBuf, PathBuf) {
        let dir = work.path().join(format!("{op}-{i}"));
        std::fs::create_dir(&dir).expect("dir");
        let db = dir.join("j.db");
        if op != "migrate" {
            std::fs::copy(&template, &db).expect("copy");
        }
        (dir, db)
    };
    let mut survived = 0;
    let mut finished = 0;
    for op in ["import", "gen", "backup", "restore", "export", "migrate"] {
        let args = |db: &Path, dir: &Path| -> Command {
            let mut c = cmd(db);
            match op {
                "import" => c.arg("import").arg(&csv),
                "gen" => c.args(["gen", "--records", "3000", "--seed", "7"]),
                "backup" => c.arg("backup").arg(dir.join("copy.db")),
                "restore" => c.arg("restore").arg(&backup_src),
                // The first open of a new database: create, migrate, seed, in one go.
                "migrate" => c.arg("stats"),
                _ => c
                    .args(["export", "--format", "json", "-o"])
                    .arg(dir.join("out.json")),
            };
            c
        };
        let (dir, db) = fresh(0, op);
        let full = timed(&mut args(&db, &dir));
        for i in 1..=kills() {
            let (dir, db) = fresh(i, op);
            let delay = full.mul_f64(rng.f64() * 1.2);
            if kill_after(&mut args(&db, &dir), delay) {
                survived += 1;
            } else {
                finished += 1;
            }
            if db.exists() {
                assert_whole(&db);
            }
            match op {
                "migrate" => {}
                "import" | "restore" => {
                    let n = contacts(&db);
                    assert!(n == base || n == base + rows as u64, "{op}: {n} contacts");
                }
                "gen" => {
                    let n = synthetic(&db);
                    assert!(n == 0 || n == 3000, "{op}: {n} synthetic");
                }
                "backup" => {
                    let copy = dir.join("copy.db");
                    if copy.exists() {
                        assert_whole(&copy);
                        assert_eq!(contacts(&copy), base);
                    }
                }
                _ => {
                    let out = dir.join("out.json");
                    if out.exists() {
                        assert_eq!(std::fs::read_to_string(&out).expect("read"), reference);
                    }
                }
            }
            // The next run of the same command finishes and sweeps what the killed one left.
            let mut again = args(&db, &dir);
            if op == "export" || op == "backup" {
                again.arg("--force");
            }
            if op == "gen" && synthetic(&db) > 0 {
                // The same seed again would repeat its ids: any command is a next run.
                again = cmd(&db);
                again.arg("stats");
            }
            run_ok(&mut again);
            assert_whole(&db);
            if op == "migrate" {
                // Killed before or after the commit, the next open leaves a whole directory.
                assert_eq!(
                    contacts(&db),
                    base,
                    "migrate: the starter directory is complete"
                );
            }
            let left = leftovers(&dir, &db);
            assert!(left.is_empty(), "{op}: left behind {left:?}");
        }
    }
    // Restores read the backup file: no -wal/-shm may be left beside it.
    let beside = leftovers(work.path(), &template);
    assert!(beside.is_empty(), "left beside the backup: {beside:?}");
    println!("kill loop: {survived} kills during a run, {finished} runs finished first");
    assert!(survived > 0, "no kill landed during a run");
}

#[test]
fn a_writer_held_off_past_the_wait_says_busy_and_writes_nothing() {
    let db = TempDb::new();
    run_ok(cmd(&db.path).arg("stats"));
    let base = contacts(&db.path);
    let csv = db.path.parent().expect("dir").join("held.csv");
    contacts_csv(&csv, 50, "held");
    // Another program holds the write lock longer than Jejaring waits (5 s).
    let holder = rusqlite::Connection::open(&db.path).expect("open");
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE meta SET value = value;")
        .expect("lock");
    let out = cmd(&db.path)
        .args(["import", "--kind", "contact"])
        .arg(&csv)
        .output()
        .expect("run");
    holder.execute_batch("ROLLBACK").expect("release");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the import must not claim success");
    assert!(
        err.contains("database is busy") && err.contains("test.db"),
        "a clear busy message: {err}"
    );
    assert_eq!(contacts(&db.path), base, "nothing written");
    assert_whole(&db.path);
}

#[test]
fn two_writers_at_once_lose_nothing_or_say_busy() {
    let db = TempDb::new();
    run_ok(cmd(&db.path).arg("stats"));
    let base = contacts(&db.path);
    let dir = db.path.parent().expect("dir");
    let rounds = 4;
    let mut expected = base;
    let mut busy = 0;
    for round in 0..rounds {
        let files: Vec<PathBuf> = (0..2)
            .map(|w| {
                let p = dir.join(format!("w{round}-{w}.csv"));
                contacts_csv(&p, 800, &format!("r{round}w{w}"));
                p
            })
            .collect();
        let children: Vec<_> = files
            .iter()
            .map(|f| {
                cmd(&db.path)
                    .args(["import", "--kind", "contact"])
                    .arg(f)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().expect("wait");
            if out.status.success() {
                expected += 800;
            } else {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("busy"), "neither written nor busy: {err}");
                busy += 1;
            }
        }
        assert_eq!(contacts(&db.path), expected, "round {round}");
    }
    assert_whole(&db.path);
    println!("concurrency: {rounds} rounds of two writers, {busy} busy refusals");
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

/// Runs the binary under `umask 022` through the shell.
#[cfg(unix)]
fn under_umask(db: &Path, args: &str) {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("umask 022; exec \"$0\" --db \"$1\" {args}"))
        .arg(bin())
        .arg(db)
        .env("LANG", "en_US.UTF-8")
        .env_remove("JEJARING_DB")
        .status()
        .expect("sh");
    assert!(status.success(), "{args}");
}

#[cfg(unix)]
#[test]
fn personal_data_files_are_private_whatever_the_umask() {
    let work = tempfile::tempdir().expect("dir");
    let data = work.path().join("data");
    let db = data.join("j.db");
    under_umask(&db, "search semarang");
    assert_eq!(mode(&data), 0o700, "data directory");
    assert_eq!(mode(&db), 0o600, "database");
    assert_eq!(mode(&data.join("j.db.index")), 0o600, "index cache");
    let bak = work.path().join("b.db");
    under_umask(&db, &format!("backup {}", bak.display()));
    assert_eq!(mode(&bak), 0o600, "backup");
    let out = work.path().join("all.csv");
    under_umask(
        &db,
        &format!(
            "export --format csv --kind contact --include-private -o {}",
            out.display()
        ),
    );
    assert_eq!(mode(&out), 0o600, "--include-private export");
    // SQLite's -wal and -shm take the database file's mode: check them while a writer has
    // them open.
    let store = jejaring::store::Store::open(&db).expect("open");
    let wal = data.join("j.db-wal");
    let shm = data.join("j.db-shm");
    assert!(wal.exists() && shm.exists());
    assert_eq!((mode(&wal), mode(&shm)), (0o600, 0o600), "-wal/-shm");
    drop(store);
    assert!(leftovers(&data, &db).is_empty());
    assert!(
        leftovers(work.path(), &db).is_empty(),
        "backup left sidecars"
    );
}

/// How to run the binary as someone who cannot write the test's files: as root (who may write
/// anything) through `setpriv` as nobody, otherwise as ourselves. `None`: no way available.
#[cfg(unix)]
fn as_other_user() -> Option<Vec<String>> {
    let root = std::fs::metadata("/proc/self").map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    if !root.unwrap_or(false) {
        return Some(Vec::new());
    }
    let ok = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| {
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
        .map(String::from)
        .to_vec()
    })
}

#[cfg(unix)]
#[test]
fn a_read_only_location_reads_and_refuses_writes_clearly() {
    use std::os::unix::fs::PermissionsExt;
    let Some(prefix) = as_other_user() else {
        println!("skipped: running as root without setpriv, permissions cannot be tested");
        return;
    };
    let bin = bin();
    let traversable = bin
        .ancestors()
        .all(|d| d.as_os_str().is_empty() || mode(d) & 0o001 != 0 || prefix.is_empty());
    if !traversable {
        println!("skipped: the test binary's directories are not open to the user nobody");
        return;
    }
    let work = tempfile::tempdir_in(bin.parent().expect("dir")).expect("dir");
    std::fs::set_permissions(work.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let seeded = work.path().join("seed.db");
    run_ok(cmd(&seeded).arg("stats"));
    let csv = work.path().join("x.csv");
    contacts_csv(&csv, 2, "ro");
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = |db: &Path, args: &[&str]| {
        let mut c = Command::new(if prefix.is_empty() {
            bin.clone()
        } else {
            PathBuf::from(&prefix[0])
        });
        if !prefix.is_empty() {
            c.args(&prefix[1..]).arg(&bin);
        }
        c.arg("--db")
            .arg(db)
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .env_remove("JEJARING_DB")
            .current_dir(work.path())
            .output()
            .expect("run")
    };
    // An older schema, as an earlier Jejaring left it (version 6: before the index on an
    // event's venue), which cannot be upgraded where it lies.
    let downgrade = |db: &Path, version: i64| {
        let conn = rusqlite::Connection::open(db).expect("open");
        conn.execute_batch(&format!(
            "DROP INDEX event_venue; PRAGMA user_version = {version};"
        ))
        .expect("downgrade");
    };
    // A 0444 file in a 0555 directory, a writable file in a 0555 directory, and a 0444 file
    // of schema version 6.
    for (case, file_mode, version) in [
        ("ro-file", 0o444, None),
        ("ro-dir", 0o666, None),
        ("ro-v6", 0o444, Some(6)),
    ] {
        let dir = work.path().join(case);
        std::fs::create_dir(&dir).expect("dir");
        let db = dir.join("j.db");
        std::fs::copy(&seeded, &db).expect("copy");
        if let Some(v) = version {
            downgrade(&db, v);
        }
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(file_mode)).expect("chmod");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        for args in [
            &["stats"][..],
            &["search", "semarang"],
            &["show", "33.74"],
            &["db", "check"],
        ] {
            let out = run(&db, args);
            assert!(
                out.status.success(),
                "{case} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = run(&db, &["import", csv.to_str().expect("utf-8")]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{case}: {err}");
        assert!(err.contains("read-only"), "{case}: {err}");
        assert!(
            !err.contains("Error code"),
            "{case}: raw SQLite error: {err}"
        );
        // The backup of a read-only source finishes.
        let bak = work.path().join(format!("{case}.bak"));
        let t = Instant::now();
        let out = run(&db, &["backup", bak.to_str().expect("utf-8")]);
        assert!(
            out.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(t.elapsed() < Duration::from_secs(30));
        assert_whole(&bak);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert!(leftovers(&dir, &db).is_empty(), "{case}");
    }
    // Too old to read as it is (version 3, before the sync tables): a clear refusal.
    let dir = work.path().join("ro-v3");
    std::fs::create_dir(&dir).expect("dir");
    let db = dir.join("j.db");
    std::fs::copy(&seeded, &db).expect("copy");
    downgrade(&db, 3);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let out = run(&db, &["stats"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("older Jejaring (schema version 3)") && err.contains("copy it somewhere"),
        "{err}"
    );
    assert!(!err.contains("Error code"), "raw SQLite error: {err}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn damaged_and_newer_databases_are_refused_without_a_panic() {
    let db = TempDb::new();
    run_ok(cmd(&db.path).arg("stats"));
    let mut bytes = std::fs::read(&db.path).expect("read");
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0xA5;
    }
    std::fs::write(&db.path, &bytes).expect("write");
    for args in [&["db", "check"][..], &["stats"], &["search", "a"]] {
        let out = cmd(&db.path).args(args).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
    let check = cmd(&db.path).args(["db", "check"]).output().expect("run");
    assert_eq!(
        check.status.code(),
        Some(2),
        "a damaged database fails its check"
    );
    // Newer: a schema version this build does not know.
    let newer = TempDb::new();
    run_ok(cmd(&newer.path).arg("stats"));
    let conn = rusqlite::Connection::open(&newer.path).expect("open");
    conn.pragma_update(None, "user_version", 999)
        .expect("version");
    drop(conn);
    let out = cmd(&newer.path).arg("stats").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Jejaring"));
}

#[test]
fn a_check_or_gen_never_creates_what_it_was_not_told_to() {
    let work = tempfile::tempdir().expect("dir");
    let typo = work.path().join("typo").join("jejaring.dbb");
    let out = cmd(&typo).args(["db", "check"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    assert!(!work.path().join("typo").exists(), "nothing created");
    let env_db = work.path().join("env.db");
    let out = Command::new(bin())
        .args(["gen", "--records", "5"])
        .env("JEJARING_DB", &env_db)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !env_db.exists(),
        "gen wrote into a database named only by JEJARING_DB"
    );
}

#[test]
fn gen_twice_with_one_seed_says_so_and_adds_nothing() {
    let db = TempDb::new();
    run_ok(cmd(&db.path).args(["gen", "--records", "300", "--seed", "9"]));
    let before = run_ok(cmd(&db.path).arg("stats"));
    let out = cmd(&db.path)
        .args(["gen", "--records", "500", "--seed", "9"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("already holds the records of seed 9"), "{err}");
    assert!(!err.contains("Error code"), "raw SQLite error: {err}");
    assert_eq!(run_ok(cmd(&db.path).arg("stats")), before, "nothing added");
    run_ok(cmd(&db.path).args(["gen", "--records", "50", "--seed", "10"]));
}

/// Runs `args` with writes limited to `bytes` per file (RLIMIT_FSIZE through `prlimit`) and
/// SIGXFSZ ignored, so a write past the limit fails like a full disk. `None` without prlimit.
fn with_full_disk(db: &Path, bytes: u64, args: &str) -> Option<std::process::Output> {
    let has = Command::new("prlimit")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        return None;
    }
    Some(
        Command::new("sh")
            .arg("-c")
            .arg(format!(
                "trap '' XFSZ; exec prlimit --fsize={bytes} \"$0\" --db \"$1\" {args}"
            ))
            .arg(bin())
            .arg(db)
            .env("LANG", "en_US.UTF-8")
            .env_remove("JEJARING_DB")
            .output()
            .expect("sh"),
    )
}

#[test]
fn a_full_disk_fails_cleanly_and_leaves_no_partial_file() {
    let db = TempDb::new();
    run_ok(cmd(&db.path).arg("stats"));
    let dir = db.path.parent().expect("dir").to_path_buf();
    let base = contacts(&db.path);
    let csv = dir.join("big.csv");
    contacts_csv(&csv, 20_000, "full");
    let size = std::fs::metadata(&db.path).expect("meta").len();
    // The database may grow by a few pages only: the import cannot fit.
    let Some(out) = with_full_disk(
        &db.path,
        size + 64 * 1024,
        &format!("import {}", csv.display()),
    ) else {
        println!("skipped: prlimit is not installed, a full disk cannot be simulated");
        return;
    };
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_whole(&db.path);
    assert_eq!(contacts(&db.path), base, "nothing of the import landed");
    let target = dir.join("out.json");
    let out = with_full_disk(
        &db.path,
        4096,
        &format!("export --format json -o {}", target.display()),
    )
    .expect("prlimit");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!target.exists(), "no partial export");
    assert!(leftovers(&dir, &db.path).is_empty());
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let db = TempDb::new();
    run_ok(cmd(&db.path).arg("stats"));
    let dir = db.path.parent().expect("dir");
    let hostile = dir.join("contacts.csv");
    std::fs::write(&hostile, "name,\u{1b}]0;pwned\u{7}\nA,b\n").expect("write");
    let out = cmd(&db.path)
        .arg("import")
        .arg(&hostile)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not known") && !err.contains('\u{1b}'),
        "{err:?}"
    );
    // A database holding control and bidi characters (restored from elsewhere).
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let id: String = conn
        .query_row("SELECT id FROM contact LIMIT 1", [], |r| r.get(0))
        .expect("a contact");
    conn.execute(
        "UPDATE contact SET name = 'Evil\u{1b}[31m\u{202e}\u{200f}x' WHERE id = ?1",
        [&id],
    )
    .expect("update");
    drop(conn);
    let outputs = [
        vec!["show", id.as_str()],
        vec!["--json", "show", id.as_str()],
        vec!["search", "evil"],
        vec!["--json", "search", "evil"],
        vec!["export", "--format", "csv", "--kind", "contact"],
        vec!["export", "--format", "json", "--kind", "contact"],
        vec!["export", "--format", "vcard"],
    ];
    for args in outputs {
        let out = cmd(&db.path).args(&args).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Evil") || text.contains("evil"),
            "{args:?}: {text}"
        );
        for bad in ['\u{1b}', '\u{202e}', '\u{200f}'] {
            assert!(!text.contains(bad), "{args:?} printed {bad:?} raw");
        }
    }
}

#[test]
fn a_redacted_export_imported_back_erases_nothing() {
    let db = TempDb::new();
    let dir = db.path.parent().expect("dir");
    let private = dir.join("p.csv");
    // Synthetic test contact: a made-up number in the reserved-looking test range.
    std::fs::write(
        &private,
        "name,city,phone,email,visibility\nUji Rahasia,33.74,081234567890,uji@example.org,private\n",
    )
    .expect("write");
    run_ok(
        cmd(&db.path)
            .args(["import", "--kind", "contact"])
            .arg(&private),
    );
    let full = || {
        run_ok(cmd(&db.path).args([
            "export",
            "--format",
            "json",
            "--kind",
            "contact",
            "--include-private",
        ]))
    };
    let before = full();
    assert!(before.contains("uji@example.org"));
    let out = dir.join("exported");
    run_ok(
        cmd(&db.path)
            .args(["export", "--format", "csv", "-o"])
            .arg(format!("{}/", out.display())),
    );
    let csv = std::fs::read_to_string(out.join("contacts.csv")).expect("read");
    assert!(!csv.contains("uji@example.org") && csv.contains("(private)"));
    run_ok(
        cmd(&db.path)
            .args(["import", "--update"])
            .arg(out.join("contacts.csv")),
    );
    let json = dir.join("c.json");
    run_ok(
        cmd(&db.path)
            .args(["export", "--format", "json", "--kind", "contact", "-o"])
            .arg(&json),
    );
    run_ok(cmd(&db.path).args(["import", "--update"]).arg(&json));
    assert_eq!(full(), before, "the round trips changed nothing");
    // A file lacking columns says so and leaves them.
    let id = csv
        .lines()
        .find(|l| l.contains("Uji Rahasia"))
        .and_then(|l| l.split(',').next())
        .expect("id")
        .to_string();
    let slim = dir.join("slim.csv");
    std::fs::write(&slim, format!("id,name\n{id},Uji Rahasia\n")).expect("write");
    let said = run_ok(
        cmd(&db.path)
            .args(["import", "--update", "--kind", "contact"])
            .arg(&slim),
    );
    assert!(
        said.contains("no column") && said.contains("phone"),
        "{said}"
    );
    assert_eq!(full(), before);
}

/// Runs `f` with a tmux socket of its own; `None` (with the reason printed) without tmux.
fn with_tmux<T>(f: impl FnOnce(&dyn Fn(&[&str]) -> String) -> T) -> Option<T> {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("skipped: tmux is not installed (.ci/run installs it)");
        return None;
    }
    let dir = tempfile::tempdir().expect("dir");
    let sock = dir.path().join("tmux.sock");
    let t = |args: &[&str]| -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&sock)
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = f(&t);
    t(&["kill-server"]);
    Some(out)
}

#[test]
fn sigkill_during_an_edit_in_the_app_leaves_the_database_whole() {
    let work = tempfile::tempdir().expect("dir");
    let template = work.path().join("template.db");
    run_ok(cmd(&template).arg("stats"));
    let mut rng = fastrand::Rng::new();
    let rounds = kills().min(4);
    let landed = with_tmux(|t| {
        let mut stamped = 0;
        for i in 0..rounds {
            let db = work.path().join(format!("edit-{i}.db"));
            std::fs::copy(&template, &db).expect("copy");
            let line = format!(
                "env LANG=en_US.UTF-8 TERM=xterm-256color {} --db {}",
                bin().display(),
                db.display()
            );
            t(&[
                "new-session",
                "-d",
                "-s",
                "e",
                "-x",
                "100",
                "-y",
                "30",
                &line,
            ]);
            let screen = || t(&["capture-pane", "-p", "-t", "e"]);
            let wait = |what: &str| {
                for _ in 0..100 {
                    if screen().contains(what) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                panic!("timed out waiting for {what}: {}", screen());
            };
            wait("type to search");
            t(&["send-keys", "-t", "e", "-l", "hetero semarang"]);
            wait("Hetero Space Semarang");
            // Stamp the selected record verified (a write), then kill at once or a moment later.
            // Enter opens the first result (focus leaves the search line), `v` stamps it.
            t(&["send-keys", "-t", "e", "Enter"]);
            wait("Last verified");
            t(&["send-keys", "-t", "e", "v"]);
            std::thread::sleep(Duration::from_millis(rng.u64(0..6)));
            let pid = t(&["list-panes", "-t", "e", "-F", "#{pane_pid}"]);
            let _ = Command::new("kill").args(["-9", pid.trim()]).status();
            t(&["kill-session", "-t", "e"]);
            assert_whole(&db);
            // Exit 1 means "nothing found": the stamp did not land before the kill.
            let hit = cmd(&db)
                .args(["--json", "search", "stale:no hetero semarang"])
                .output()
                .expect("search");
            assert!(hit.status.code().is_some_and(|c| c <= 1), "search failed");
            if String::from_utf8_lossy(&hit.stdout).contains("Hetero Space Semarang") {
                stamped += 1;
            }
        }
        stamped
    });
    if let Some(stamped) = landed {
        println!("app edit kills: {rounds} rounds, {stamped} with the stamp committed, all whole");
    }
}
