//! The index cache beside the database (`<db>.index`): used by a second search, rebuilt
//! after a write, a restore or damage, never trusted when it does not match.

use crate::support::{TempDb, json};
use std::path::{Path, PathBuf};

fn cache_of(db: &TempDb) -> PathBuf {
    let mut p = db.path.as_os_str().to_owned();
    p.push(".index");
    PathBuf::from(p)
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

/// The JSON answer of `jejaring search QUERY --limit 50`.
fn search(db: &TempDb, query: &str) -> serde_json::Value {
    let out = db
        .cmd()
        .args(["search", query, "--limit", "50", "--json"])
        .output()
        .expect("run");
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The cache file's inode: a rebuild renames a new file into place, so an unchanged inode
/// means the search read the cache rather than rebuilding it.
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).expect("cache file"))
}

#[test]
fn a_second_search_uses_the_cache_and_answers_the_same() {
    let db = TempDb::new();
    let cache = cache_of(&db);
    for q in [
        "kota se",
        "k",
        "prov:jateng kab",
        "kind:space hetero",
        "qxzq",
    ] {
        std::fs::remove_file(&cache).ok();
        let cold = search(&db, q);
        assert!(cache.is_file(), "the first search writes the cache");
        let written = inode(&cache);
        let warm = search(&db, q);
        assert_eq!(
            inode(&cache),
            written,
            "query {q}: the cache was read, not rebuilt"
        );
        assert_eq!(cold, warm, "query {q}");
    }
}

#[test]
fn an_import_through_the_cli_brings_the_cache_up_to_date() {
    let db = TempDb::new();
    let before = search(&db, "Yayasan Contoh Kreatif");
    let old = inode(&cache_of(&db));
    db.cmd()
        .arg("import")
        .arg(example("organisations.csv"))
        .assert()
        .success();
    let fresh = inode(&cache_of(&db));
    assert_ne!(fresh, old, "the import rebuilt the cache");
    let after = search(&db, "Yayasan Contoh Kreatif");
    assert_eq!(inode(&cache_of(&db)), fresh, "the search read it as it was");
    assert_ne!(before, after);
    assert_eq!(after["results"][0]["name"], "Yayasan Contoh Kreatif");
    // And the cache answers the same as SQLite does.
    std::fs::remove_file(cache_of(&db)).expect("remove");
    assert_eq!(after, search(&db, "Yayasan Contoh Kreatif"));
}

/// The cache an import writes takes the records it created from the import itself rather
/// than reading them back: it must be the very file a rebuild from the database writes.
#[test]
fn the_cache_an_import_writes_is_the_one_a_rebuild_writes() {
    let db = TempDb::new();
    let dir = tempfile::tempdir().expect("dir");
    let extra = dir.path().join("communities.csv");
    // Accents, a free tag beside subsectors, a city by name, a date, an empty city.
    std::fs::write(
        &extra,
        "name,subsectors,city,last_verified\n\
         Komunitas Café Contoh,kuliner;kopi;Fotografi,Kota Semarang,2020-01-02\n\
         Kolektif Tanpa Kota,musik,,\n",
    )
    .expect("write");
    let rebuilt = |db: &TempDb| {
        let written = std::fs::read(cache_of(db)).expect("cache written by the import");
        std::fs::remove_file(cache_of(db)).expect("remove");
        search(db, "contoh");
        let again = std::fs::read(cache_of(db)).expect("cache rebuilt");
        (written, again)
    };
    let all = [
        "organisations.csv",
        "spaces.csv",
        "communities.csv",
        "contacts.csv",
    ];
    let mut import = db.cmd();
    import.arg("import").args(all.map(example)).arg(&extra);
    import.assert().success();
    let (written, again) = rebuilt(&db);
    assert!(written == again, "first import: the caches differ");
    // A second import: records before the new ones, and an update of an existing one.
    let export = dir.path().join("out");
    db.cmd()
        .args(["export", "--kind", "community", "--format", "csv", "-o"])
        .arg(&export)
        .assert()
        .success();
    let exported = std::fs::read_to_string(&export).expect("export");
    let changed = exported.replacen("Komunitas Café Contoh", "Komunitas Café Contoh Baru", 1);
    std::fs::write(&export, changed).expect("write");
    std::fs::write(
        &extra,
        "name,subsectors,city\nKomunitas Kedua Contoh,desain_produk;batik,33.74\n",
    )
    .expect("write");
    db.cmd()
        .args(["import", "--update"])
        .arg(&export)
        .arg(&extra)
        .assert()
        .success();
    let (written, again) = rebuilt(&db);
    assert!(written == again, "second import: the caches differ");
    let found = search(&db, "kedua contoh");
    assert_eq!(found["results"][0]["name"], "Komunitas Kedua Contoh");
}

#[test]
fn any_other_write_makes_the_cache_stale() {
    let db = TempDb::new();
    search(&db, "Ruang Uji Cache");
    let old = inode(&cache_of(&db));
    {
        // A write that does not refresh the cache (as the app's edits before their reload).
        let mut store = jejaring::service::open_seeded(&db.path).expect("open");
        let mut space = jejaring::model::Space {
            name: "Ruang Uji Cache".into(),
            city_code: Some("33.74".into()),
            ..Default::default()
        };
        store.write(|w| w.insert(&mut space)).expect("insert");
    }
    let after = search(&db, "Ruang Uji Cache");
    assert_ne!(inode(&cache_of(&db)), old, "the stale cache was rebuilt");
    assert_eq!(after["results"][0]["name"], "Ruang Uji Cache");
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced() {
    let db = TempDb::new();
    let good = search(&db, "semarang");
    let cache = cache_of(&db);
    let bytes = std::fs::read(&cache).expect("cache");
    let damaged: Vec<Vec<u8>> = vec![
        bytes[..bytes.len() / 2].to_vec(),
        bytes[..10].to_vec(),
        Vec::new(),
        b"not an index at all".to_vec(),
        {
            let mut b = bytes.clone();
            let mid = b.len() / 2;
            b[mid] ^= 0x5a;
            b
        },
        {
            let mut b = bytes.clone();
            let last = b.len() - 1;
            b[last] ^= 1;
            b
        },
    ];
    for (i, bad) in damaged.into_iter().enumerate() {
        std::fs::write(&cache, &bad).expect("write");
        assert_eq!(search(&db, "semarang"), good, "damage {i}");
        assert_eq!(
            std::fs::read(&cache).expect("rewritten"),
            bytes,
            "damage {i}"
        );
    }
}

#[test]
fn restore_removes_the_cache() {
    let db = TempDb::new();
    let dir = tempfile::tempdir().expect("dir");
    let bak = dir.path().join("b.db");
    db.cmd().arg("backup").arg(&bak).assert().success();
    db.cmd()
        .arg("import")
        .arg(example("organisations.csv"))
        .assert()
        .success();
    let imported = search(&db, "Yayasan Contoh Kreatif");
    assert_eq!(imported["results"][0]["name"], "Yayasan Contoh Kreatif");
    assert!(cache_of(&db).is_file());
    db.cmd().arg("restore").arg(&bak).assert().success();
    assert!(!cache_of(&db).exists(), "restore deletes the cache");
    let restored = search(&db, "Yayasan Contoh Kreatif");
    assert_ne!(restored["results"][0]["name"], "Yayasan Contoh Kreatif");
}

#[test]
fn a_cache_that_cannot_be_written_is_skipped() {
    let db = TempDb::new();
    let v = json(db.cmd().args(["stats", "--json"]));
    assert_eq!(v["kinds"]["province"], 38);
    // A directory where the file should be: unreadable and not replaceable, even for root.
    std::fs::create_dir(cache_of(&db)).expect("mkdir");
    let first = search(&db, "semarang");
    assert!(first["total"].as_u64().unwrap_or(0) > 0);
    assert_eq!(search(&db, "semarang"), first);
    assert!(cache_of(&db).is_dir());
    let leftovers = std::fs::read_dir(db.path.parent().expect("dir"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert_eq!(leftovers, 0, "no temporary file left behind");
}
