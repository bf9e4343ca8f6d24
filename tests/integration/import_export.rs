//! Import, export, backup and restore: round trips of every kind, every column and alias,
//! spreadsheet quirks, refused files leaving the database unchanged, and the CLI as a process.

use jejaring::io::export::{self, Filter};
use jejaring::io::import::{self, Options, Report};
use jejaring::io::{Input, backup};
use jejaring::model::{Community, Contact, Kind, Organisation, Space, Visibility};
use jejaring::store::Store;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/examples");

fn example(name: &str) -> PathBuf {
    Path::new(EXAMPLES).join(name)
}

fn examples() -> Vec<PathBuf> {
    [
        "contacts.csv",
        "communities.csv",
        "organisations.csv",
        "spaces.csv",
        "ruang-spreadsheet.csv",
    ]
    .map(example)
    .to_vec()
}

struct Db {
    dir: tempfile::TempDir,
    store: Store,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = jejaring::service::open_seeded(&dir.path().join("test.db")).expect("open");
        Db { dir, store }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn import(&mut self, files: &[PathBuf], opts: Options) -> Report {
        let inputs: Vec<Input> = files
            .iter()
            .map(|p| Input::read(p).expect("read"))
            .collect();
        import::import(&mut self.store, &inputs, opts).expect("import")
    }

    fn import_text(&mut self, name: &str, text: &str, opts: Options) -> Report {
        let input = Input {
            origin: name.to_string(),
            bytes: text.as_bytes().to_vec(),
        };
        import::import(&mut self.store, &[input], opts).expect("import")
    }

    /// Every editable record, timestamps left out (an import stamps its own).
    fn snapshot(&self) -> Value {
        fn all<R: jejaring::store::Record + serde::Serialize>(s: &Store) -> Value {
            let mut v: Vec<R> = s.all::<R>().expect("all");
            for r in &mut v {
                r.meta_mut().created_at.clear();
                r.meta_mut().updated_at.clear();
            }
            serde_json::to_value(v).expect("json")
        }
        serde_json::json!({
            "organisations": all::<Organisation>(&self.store),
            "spaces": all::<Space>(&self.store),
            "communities": all::<Community>(&self.store),
            "contacts": all::<Contact>(&self.store),
        })
    }

    fn one<R: jejaring::store::Record>(&self, name: &str) -> R {
        self.store
            .all::<R>()
            .expect("all")
            .into_iter()
            .find(|r| r.name() == name)
            .unwrap_or_else(|| panic!("no {name}"))
    }
}

fn messages(r: &Report) -> Vec<String> {
    r.problems.iter().map(ToString::to_string).collect()
}

fn ok(r: &Report) {
    assert!(r.problems.is_empty(), "{:#?}", messages(r));
    assert!(r.written || r.dry_run);
}

#[test]
fn examples_import_with_every_value_normalised() {
    let mut db = Db::new();
    let r = db.import(&examples(), Options::default());
    ok(&r);
    assert_eq!(r.total().added, 8);
    let org: Organisation = db.one("Yayasan Contoh Kreatif");
    assert_eq!(org.channels.phone.as_deref(), Some("+62240000001"));
    assert_eq!(
        org.channels.website.as_deref(),
        Some("https://contoh-kreatif.example.org")
    );
    assert!(
        org.description
            .as_deref()
            .unwrap_or("")
            .contains("\"Ruang Contoh\"")
    );
    let forum: Organisation = db.one("Forum Kota Kreatif Contoh");
    assert_eq!(forum.city_code.as_deref(), Some("33.72"), "city by name");
    let space: Space = db.one("Ruang Contoh Semarang");
    assert_eq!(space.city_code.as_deref(), Some("33.74"), "city 3374");
    assert_eq!(space.operator_id.as_deref(), Some(org.meta.id.as_str()));
    assert_eq!(space.address.as_deref(), Some("Jl. Contoh No. 1\nSemarang"));
    assert_eq!((space.lat, space.lon), (Some(-7.0051), Some(110.4381)));
    assert_eq!(space.facilities.len(), 3);
    assert_eq!(space.channels.instagram.as_deref(), Some("ruang.contoh"));
    assert_eq!(space.channels.whatsapp, space.channels.phone);
    let club: Community = db.one("Komunitas Contoh Fotografi");
    assert_eq!(club.subsectors, ["fotografi", "film_animasi_video", "kopi"]);
    assert_eq!(club.space_id.as_deref(), Some(space.meta.id.as_str()));
    assert_eq!(club.channels.phone.as_deref(), Some("+6281200000002"));
    assert_eq!(club.channels.whatsapp.as_deref(), Some("+6281200000003"));
    assert_eq!(club.channels.instagram.as_deref(), Some("komunitas.contoh"));
    let budi: Contact = db.one("Budi Contoh");
    assert_eq!(budi.visibility, Visibility::Private);
    assert_eq!(budi.roles.len(), 2);
    assert_eq!(budi.roles[0].target_id, club.meta.id);
    assert_eq!(budi.roles[0].start.as_deref(), Some("2020-01-01"));
    assert_eq!(budi.roles[1].target_id, forum.meta.id);
    assert_eq!(budi.roles[1].start, None);
    let sari: Contact = db.one("Sari Contoh");
    assert_eq!(
        sari.roles[0].start.as_deref(),
        Some("2021-03-01"),
        "DD/MM/YYYY"
    );
    assert_eq!(sari.roles[0].target_id, space.meta.id);
    let gallery: Space = db.one("Galeri Contoh; Seni Rupa");
    assert_eq!(gallery.space_type.as_deref(), Some("galeri"));
    assert_eq!(gallery.channels.phone.as_deref(), Some("+6281200000005"));
}

/// Exports every kind (CSV and JSON), imports into a fresh database, and compares.
#[test]
fn export_then_import_is_lossless_for_every_kind_and_format() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    // Content that stresses quoting: Unicode, quotes, commas, semicolons, newlines, 4 KiB.
    let long = "ü".repeat(2048);
    let tricky = format!(
        "name,subsectors,city,description,founded_year\n\
         \"Komunitas \"\"Kutip\"\", koma; titik-koma\",seni_rupa;Tari,Kabupaten Semarang,\
         \"baris satu\nbaris dua, \"\"kutip\"\"; ✓ 日本語\",1900\n\
         Panjang,,,{long},\n"
    );
    ok(&db.import_text("communities.csv", &tricky, Options::default()));
    let before = db.snapshot();
    let all = Filter {
        ids: None,
        include_private: true,
    };
    let dir = db.path("csv");
    std::fs::create_dir(&dir).expect("dir");
    let mut csvs = Vec::new();
    for kind in Kind::EDITABLE {
        let p = dir.join(format!("{}.csv", kind.plural()));
        let f = std::fs::File::create(&p).expect("create");
        export::write_csv(&db.store, kind, &all, f).expect("csv");
        csvs.push(p);
    }
    let json = db.path("all.json");
    export::write_json(
        &db.store,
        &Kind::EDITABLE,
        &all,
        std::fs::File::create(&json).expect("create"),
    )
    .expect("json");
    for files in [csvs, vec![json]] {
        // A fresh database holds the starter directory already: those rows come back unchanged.
        let mut fresh = Db::new();
        let r = fresh.import(
            &files,
            Options {
                update: true,
                ..Options::default()
            },
        );
        ok(&r);
        assert_eq!(r.total().updated, 0, "{files:?}");
        assert_eq!(r.total().added, 10, "{files:?}");
        assert_eq!(fresh.snapshot(), before, "{files:?}");
    }
}

#[test]
fn every_alias_is_read_as_its_column() {
    let mut db = Db::new();
    let csv = "NAMA,Jenis,Kabupaten,ALAMAT,lintang,bujur,Pengelola,Fasilitas,Jam Buka,Situs,IG,\
               Surel,No HP,WA,Deskripsi,Sumber,Terakhir Diverifikasi\n\
               Ruang Alias,hub,Kota Semarang,Jl. A,-7.0,110.4,,a;b,09-17,alias.example.org,\
               @alias,a@alias.example.org,0812 0000 0009,ya,d,s,15/01/2025\n";
    ok(&db.import_text("spaces.csv", csv, Options::default()));
    let s: Space = db.one("Ruang Alias");
    assert_eq!(s.space_type.as_deref(), Some("hub"));
    assert_eq!(s.city_code.as_deref(), Some("33.74"));
    assert_eq!(s.address.as_deref(), Some("Jl. A"));
    assert_eq!((s.lat, s.lon), (Some(-7.0), Some(110.4)));
    assert_eq!(s.facilities, ["a", "b"]);
    assert_eq!(s.opening_hours.as_deref(), Some("09-17"));
    assert_eq!(
        s.channels.website.as_deref(),
        Some("https://alias.example.org")
    );
    assert_eq!(s.channels.instagram.as_deref(), Some("alias"));
    assert_eq!(s.channels.email.as_deref(), Some("a@alias.example.org"));
    assert_eq!(s.channels.phone.as_deref(), Some("+6281200000009"));
    assert_eq!(s.channels.whatsapp.as_deref(), Some("+6281200000009"));
    assert_eq!(s.description.as_deref(), Some("d"));
    assert_eq!(s.meta.source.as_deref(), Some("s"));
    assert_eq!(s.meta.last_verified.as_deref(), Some("2025-01-15"));

    let csv = "nama;subsektor;kota;tahun_berdiri;telp;hp_wa\n";
    let r = db.import_text("komunitas.csv", csv, Options::default());
    assert!(
        messages(&r)[0].contains("column 'hp_wa' is not known"),
        "{r:?}"
    );
    let csv = "nama;subsektor;kota;tahun berdiri;telepon;whatsapp;ruang\n\
               Komunitas Alias;Kerajinan;3374;2001;0812-0000-0010;tidak;Ruang Alias\n";
    ok(&db.import_text("komunitas.csv", csv, Options::default()));
    let c: Community = db.one("Komunitas Alias");
    assert_eq!(c.subsectors, ["kriya"]);
    assert_eq!(c.founded_year, Some(2001));
    assert_eq!(c.channels.whatsapp, None);
    assert_eq!(c.space_id.as_deref(), Some(s.meta.id.as_str()));

    let csv = "Nama,Peran,Organisasi,Mulai,Selesai,Visibilitas,Kota\n\
               Kontak Alias,Ketua,Komunitas Alias,2020-01-01,2022-12-31,publik,Kota Semarang\n";
    ok(&db.import_text("kontak.csv", csv, Options::default()));
    let k: Contact = db.one("Kontak Alias");
    assert_eq!(k.visibility, Visibility::Public);
    assert_eq!(k.roles[0].role, "Ketua");
    assert_eq!(k.roles[0].end.as_deref(), Some("2022-12-31"));
    let csv = "nama,jenis,kota,deskripsi\nLembaga Alias,dinas,Kota Semarang,x\n";
    ok(&db.import_text("organisasi.csv", csv, Options::default()));
    assert_eq!(
        db.one::<Organisation>("Lembaga Alias").org_type.as_deref(),
        Some("dinas")
    );
}

#[test]
fn a_broken_file_is_refused_with_every_problem_and_nothing_written() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    let before = db.snapshot();
    let csv = "name,subsectors,city,founded_year,phone,email,website,instagram,whatsapp\n\
               Baik Sekali,musik,33.74,2010,,,,,\n\
               Buruk Telepon,musik,33.74,2010,0812-xx,,,,\n\
               Buruk Kota,musik,Semarang,1800,,bukan-surel,,,\n\
               ,musik,Atlantis,,,,nota url,@@bad handle,yes\n\
               \"Kontrol\u{7}\",,,,,,,,\n";
    let r = db.import_text("communities.csv", csv, Options::default());
    assert!(!r.written);
    let m = messages(&r);
    let expected = [
        "communities.csv:3: column 'phone': \"0812-xx\" is not a valid Indonesian number",
        "communities.csv:4: column 'city': ambiguous city 'Semarang': could be",
        "communities.csv:4: column 'founded_year': \"1800\" is not a year",
        "communities.csv:4: column 'email': \"bukan-surel\" is not an e-mail address",
        "communities.csv:5: column 'name': a name is required",
        "communities.csv:5: column 'city': unknown city 'Atlantis'",
        "communities.csv:5: column 'website': \"nota url\" is not a web address",
        "communities.csv:5: column 'instagram': \"@@bad handle\" is not an Instagram handle",
        "communities.csv:5: column 'whatsapp': \"yes\" means the phone is on WhatsApp",
        "communities.csv:6: column 'name': \"Kontrol\u{2407}\" contains the control character U+0007",
    ];
    for e in expected {
        assert!(m.iter().any(|p| p.starts_with(e)), "missing {e}\nin {m:#?}");
    }
    assert_eq!(m.len(), expected.len(), "{m:#?}");
    assert_eq!(db.snapshot(), before, "nothing written");
    assert_eq!(
        db.store.count(Kind::Community).expect("count"),
        before["communities"]
            .as_array()
            .map_or(0, |v| v.len() as i64)
    );
}

#[test]
fn long_fields_and_control_characters_name_the_column_and_limit() {
    let mut db = Db::new();
    let long = "x".repeat(4097);
    let csv =
        format!("name,description\nA,{long}\nB,\"tab\tand\nnewline are fine\"\nC\u{1b}[31m,x\n");
    let r = db.import_text("organisations.csv", &csv, Options::default());
    let m = messages(&r);
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(
        m[0].starts_with("organisations.csv:2: column 'description'")
            && m[0].contains("limit is 4096 bytes")
    );
    assert!(m[1].starts_with("organisations.csv:5: column 'name'") && m[1].contains("U+001B"));
    let json = r#"[{"name":"A","description":"ok"},{"name":"B","phone":"123"}]"#;
    let r = db.import_text("organisations.json", json, Options::default());
    assert_eq!(
        messages(&r),
        ["organisations.json: record 1: column 'phone': \"123\" is not a valid Indonesian number"]
    );
}

#[test]
fn existing_ids_need_update_and_unchanged_rows_are_counted() {
    let mut db = Db::new();
    ok(&db.import(&[example("organisations.csv")], Options::default()));
    let org: Organisation = db.one("Yayasan Contoh Kreatif");
    let path = db.path("organisations.csv");
    let f = std::fs::File::create(&path).expect("create");
    let filter = Filter::matching(&db.store, "contoh", true).expect("query");
    export::write_csv(&db.store, Kind::Organisation, &filter, f).expect("export");
    // Identical rows are unchanged, not refused, even without --update.
    let same = db.import(std::slice::from_ref(&path), Options::default());
    ok(&same);
    assert_eq!((same.total().added, same.total().unchanged), (0, 2));
    let text = std::fs::read_to_string(&path)
        .expect("read")
        .replace("A fictional foundation", "An edited foundation");
    std::fs::write(&path, text).expect("write");
    let r = db.import(std::slice::from_ref(&path), Options::default());
    assert!(!r.written);
    assert_eq!(r.problems.len(), 1, "only the row that differs: {r:?}");
    assert!(messages(&r)[0].contains("already exists and differs; pass --update"));
    let dry = db.import(
        std::slice::from_ref(&path),
        Options {
            update: true,
            dry_run: true,
            ..Options::default()
        },
    );
    ok(&dry);
    assert!(!dry.written);
    assert_eq!((dry.total().updated, dry.total().unchanged), (1, 1));
    assert_eq!(
        db.one::<Organisation>("Yayasan Contoh Kreatif"),
        org,
        "dry run"
    );
    let r = db.import(
        &[path],
        Options {
            update: true,
            ..Options::default()
        },
    );
    ok(&r);
    let after: Organisation = db.one("Yayasan Contoh Kreatif");
    assert!(
        after
            .description
            .as_deref()
            .unwrap_or("")
            .starts_with("An edited")
    );
    assert_eq!(after.meta.created_at, org.meta.created_at);
    assert!(after.meta.updated_at >= org.meta.updated_at);
}

#[test]
fn a_partial_update_changes_only_the_given_columns() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    let club: Community = db.one("Komunitas Contoh Fotografi");
    let csv = format!("id,founded_year\n{},2017\n", club.meta.id);
    ok(&db.import_text(
        "communities.csv",
        &csv,
        Options {
            update: true,
            ..Options::default()
        },
    ));
    let after: Community = db.one("Komunitas Contoh Fotografi");
    assert_eq!(after.founded_year, Some(2017));
    assert_eq!(after.subsectors, club.subsectors);
    assert_eq!(after.channels, club.channels);
}

#[test]
fn duplicates_are_warnings_and_references_resolve_within_one_import() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    let csv = "name,city\nKomunitas Contoh Fotografi,33.74\nBaru,3374\nbaru,Kota Semarang\n";
    let r = db.import_text("communities.csv", csv, Options::default());
    ok(&r);
    let w: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(w[0].starts_with("communities.csv:2: column 'name': likely duplicate"));
    assert!(w[1].contains("likely duplicate of communities.csv:3"));
    let json = r#"{"contacts":[{"name":"Ana Contoh","role":["Ketua"],"organisation":["Org Baru"]}],
                   "organisations":[{"name":"Org Baru"}]}"#;
    ok(&db.import_text("batch.json", json, Options::default()));
    let ana: Contact = db.one("Ana Contoh");
    let org: Organisation = db.one("Org Baru");
    assert_eq!(ana.roles[0].target_id, org.meta.id);
}

/// Rows enough for the importer to set the community indexes aside (it does at 10,000).
const BULK_ROWS: usize = 12_000;

fn synthetic_communities(from: usize, n: usize) -> String {
    let mut csv = String::from("name,subsectors,city,phone\n");
    for i in from..from + n {
        let _ = writeln!(csv, "Komunitas Sintetis {i:07},musik,33.74,0812{i:08}");
    }
    csv
}

impl Db {
    /// The schema (every table and index with its SQL), to compare before and after.
    fn schema(&self) -> Vec<(String, Option<String>)> {
        let conn = rusqlite::Connection::open(self.path("test.db")).expect("open");
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_master ORDER BY name")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    /// Ids of the synthetic communities in insertion (rowid) order.
    fn synthetic_ids(&self) -> Vec<String> {
        let conn = rusqlite::Connection::open(self.path("test.db")).expect("open");
        let mut stmt = conn
            .prepare("SELECT id FROM community WHERE name LIKE 'Komunitas Sintetis %' ORDER BY rid")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }
}

#[test]
fn a_bulk_import_builds_its_indexes_again_with_unique_ascending_ids() {
    let mut db = Db::new();
    let schema = db.schema();
    assert!(schema.iter().any(|(n, _)| n == "community_city"));
    let r = db.import_text(
        "communities.csv",
        &synthetic_communities(0, BULK_ROWS),
        Options::default(),
    );
    ok(&r);
    assert_eq!(r.total().added, BULK_ROWS);
    assert_eq!(db.schema(), schema, "every index is back, as it was");
    assert!(db.store.check().expect("check").is_empty(), "integrity");
    let ids = db.synthetic_ids();
    assert_eq!(ids.len(), BULK_ROWS);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids ascend, so unique");
    let conn = rusqlite::Connection::open(db.path("test.db")).expect("open");
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM community WHERE city_code = '33.74'",
            [],
            |r| r.get(3),
        )
        .expect("plan");
    assert!(plan.contains("community_city"), "{plan}");
}

#[test]
fn a_refused_bulk_import_leaves_the_database_and_its_indexes_unchanged() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    let (schema, before) = (db.schema(), db.snapshot());
    let mut csv = synthetic_communities(0, BULK_ROWS);
    csv.push_str("Komunitas Rusak,musik,33.74,0812-xx\n");
    let r = db.import_text("communities.csv", &csv, Options::default());
    assert!(!r.written);
    assert_eq!(messages(&r).len(), 1, "{:?}", messages(&r));
    assert!(
        messages(&r)[0].contains("column 'phone'"),
        "{:?}",
        messages(&r)
    );
    assert_eq!(
        db.schema(),
        schema,
        "indexes dropped inside the transaction come back"
    );
    assert_eq!(db.snapshot(), before);
    let dry = db.import_text(
        "communities.csv",
        &synthetic_communities(0, BULK_ROWS),
        Options {
            dry_run: true,
            ..Options::default()
        },
    );
    ok(&dry);
    assert_eq!(dry.total().added, BULK_ROWS);
    assert_eq!(db.schema(), schema, "a dry run leaves the indexes");
    assert_eq!(db.snapshot(), before);
}

#[test]
fn a_bulk_import_into_a_big_table_still_reports_duplicates_and_updates() {
    let mut db = Db::new();
    ok(&db.import_text(
        "communities.csv",
        &synthetic_communities(0, BULK_ROWS),
        Options::default(),
    ));
    let first = db.synthetic_ids();
    // A second file at least as big as the table: indexes set aside again, ids still checked.
    let mut csv = String::from("id,name,subsectors,city,phone\n");
    let _ = writeln!(
        csv,
        "{},Komunitas Diubah,musik,33.74,081200000000",
        first[0]
    );
    let _ = writeln!(csv, ",Komunitas Sintetis 0000001,musik,33.74,081300000001");
    for i in BULK_ROWS..3 * BULK_ROWS {
        let _ = writeln!(csv, ",Komunitas Sintetis {i:07},musik,33.74,0812{i:08}");
    }
    let refused = db.import_text("more.csv", &csv, Options::default());
    assert!(!refused.written);
    assert_eq!(messages(&refused).len(), 1, "{:?}", messages(&refused));
    assert!(messages(&refused)[0].contains("already exists and differs; pass --update"));
    assert_eq!(db.synthetic_ids(), first);
    let opts = Options {
        update: true,
        ..Options::default()
    };
    let r = db.import_text("more.csv", &csv, opts);
    ok(&r);
    assert_eq!(r.total().updated, 1);
    assert_eq!(r.total().added, 2 * BULK_ROWS + 1);
    let w: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("more.csv:3: column 'name': likely duplicate"),
        "{w:?}"
    );
    assert_eq!(db.one::<Community>("Komunitas Diubah").meta.id, first[0]);
    let ids = db.synthetic_ids();
    assert_eq!(ids.len(), 3 * BULK_ROWS);
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique across imports");
    assert!(db.store.check().expect("check").is_empty(), "integrity");
}

#[test]
fn vcard_has_crlf_folding_and_leaves_private_fields_out() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    let filter = Filter::matching(&db.store, "contoh", false).expect("query");
    let mut out = Vec::new();
    assert_eq!(
        export::write_vcard(&db.store, &filter, &mut out).expect("vcard"),
        2
    );
    let text = String::from_utf8(out).expect("utf8");
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF");
    assert!(text.lines().all(|l| l.len() <= 75), "folded");
    assert!(text.contains("FN:Budi Contoh\r\n"));
    assert!(text.contains("ORG:Komunitas Contoh Fotografi\r\nTITLE:Ketua\r\n"));
    assert!(text.contains("ADR;TYPE=work:;;;Kota Semarang;;;Indonesia"));
    assert!(!text.contains("+6281200000004"), "private phone left out");
    assert!(text.contains("URL;TYPE=instagram:https://www.instagram.com/sari.contoh"));
    let filter = Filter::matching(&db.store, "budi", true).expect("query");
    let mut out = Vec::new();
    export::write_vcard(&db.store, &filter, &mut out).expect("vcard");
    let text = String::from_utf8(out).expect("utf8");
    assert!(text.contains("TEL;TYPE=cell;VALUE=uri:tel:+6281200000004\r\n"));
    assert!(text.contains("EMAIL:budi@contoh-kreatif.example.org"));
}

#[test]
fn backup_and_restore_round_trip_and_bad_files_are_refused() {
    let mut db = Db::new();
    ok(&db.import(&examples(), Options::default()));
    let before = db.snapshot();
    let bak = db.path("copy.db");
    backup::backup(&db.store, &bak, false).expect("backup");
    assert!(
        backup::backup(&db.store, &bak, false).is_err(),
        "never overwrites"
    );
    ok(&db.import_text(
        "organisations.csv",
        "name\nSesudah Backup\n",
        Options::default(),
    ));
    let Db { dir, store } = db;
    let db_path = store.path().to_path_buf();
    drop(store);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just text").expect("write");
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("other db");
    for bad in [&junk, &other, &dir.path().join("missing.db")] {
        let err = backup::restore(&db_path, bad).expect_err("refused");
        assert!(matches!(err, backup::RestoreError::Refused(_)), "{err}");
    }
    let store = jejaring::service::open_seeded(&db_path).expect("reopen");
    assert_eq!(
        store.count(Kind::Organisation).expect("n"),
        before["organisations"]
            .as_array()
            .map_or(0, |v| v.len() as i64)
            + 1
    );
    drop(store);
    backup::restore(&db_path, &bak).expect("restore");
    let db = Db {
        dir,
        store: jejaring::service::open_seeded(&db_path).expect("reopen"),
    };
    assert_eq!(db.snapshot(), before);
    assert!(db.store.check().expect("check").is_empty());
}

// ---- The CLI as a process ----

use crate::support::TempDb;
use predicates::prelude::*;

#[test]
fn cli_imports_exports_and_refuses_broken_files_with_exit_2() {
    let db = TempDb::new();
    let out = db
        .cmd()
        .arg("import")
        .args(examples())
        .arg("--json")
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["written"], true);
    assert_eq!(v["counts"]["community"]["added"], 2);
    let again = db
        .cmd()
        .arg("import")
        .arg(example("organisations.csv"))
        .arg("--dry-run")
        .assert();
    again
        .success()
        .stdout(predicate::str::contains(
            "dry run, nothing written: 2 added",
        ))
        .stdout(
            predicate::str::contains("warning: ").and(predicate::str::contains("likely duplicate")),
        );

    let dir = tempfile::tempdir().expect("dir");
    db.cmd()
        .args(["export", "--format", "csv", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let csv = std::fs::read_to_string(dir.path().join("communities.csv")).expect("csv");
    assert!(csv.starts_with("id,name,subsectors,city,space,description,founded_year,"));
    assert!(csv.contains("Komunitas Contoh Fotografi"));
    // A directory that does not exist yet, as the README writes it, is created.
    let new_dir = dir.path().join("exported");
    db.cmd()
        .args(["export", "--format", "csv", "-o"])
        .arg(format!("{}/", new_dir.display()))
        .assert()
        .success();
    for kind in ["communities", "spaces", "organisations", "contacts"] {
        assert!(new_dir.join(format!("{kind}.csv")).is_file(), "{kind}.csv");
    }
    db.cmd()
        .args(["export", "--format", "csv", "-o"])
        .arg(dir.path().join("all.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a CSV file holds one kind"));
    db.cmd()
        .args(["export", "--format", "vcard", "--query", "budi"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("BEGIN:VCARD\r\n"))
        .stdout(predicate::str::contains("+6281200000004").not());
    db.cmd()
        .args([
            "export", "--format", "json", "--kind", "space", "--query", "zzz-none",
        ])
        .assert()
        .code(1);

    let broken = dir.path().join("communities.csv");
    std::fs::write(&broken, "name,phone,city\nA,0812-xx,33.74\nB,,Atlantis\n").expect("write");
    let before = db
        .cmd()
        .args(["export", "--format", "json", "--include-private"])
        .output()
        .expect("dump");
    db.cmd()
        .arg("import")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "communities.csv:2: column 'phone': \"0812-xx\" is not a valid Indonesian number",
        ))
        .stderr(predicate::str::contains(
            "communities.csv:3: column 'city': unknown city 'Atlantis'",
        ))
        .stdout(predicate::str::contains("refused, nothing written"));
    let after = db
        .cmd()
        .args(["export", "--format", "json", "--include-private"])
        .output()
        .expect("dump");
    assert_eq!(before.stdout, after.stdout, "database unchanged");
}

#[test]
fn cli_backup_and_restore() {
    let db = TempDb::new();
    db.cmd()
        .arg("import")
        .arg(example("organisations.csv"))
        .assert()
        .success();
    let dir = tempfile::tempdir().expect("dir");
    let bak = dir.path().join("b.db");
    db.cmd().arg("backup").arg(&bak).assert().success();
    db.cmd().arg("backup").arg(&bak).assert().failure();
    db.cmd()
        .arg("import")
        .arg(example("spaces.csv"))
        .assert()
        .success();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "junk").expect("write");
    db.cmd()
        .arg("restore")
        .arg(&junk)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the database is unchanged"));
    db.cmd().arg("restore").arg(&bak).assert().success();
    db.cmd()
        .args([
            "export",
            "--format",
            "csv",
            "--kind",
            "space",
            "--query",
            "Ruang Contoh",
        ])
        .assert()
        .code(1);
}

/// A process killed in the middle of a large import leaves all or none of the file.
#[test]
fn an_import_killed_midway_leaves_all_or_nothing() {
    const ROWS: usize = 150_000;
    let db = TempDb::new();
    db.cmd().arg("stats").assert().success();
    let store = jejaring::service::open_seeded(&db.path).expect("open");
    let before = store.count(Kind::Community).expect("count");
    drop(store);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("communities.csv");
    let mut csv = String::from("name,subsectors,city,description\n");
    for i in 0..ROWS {
        let _ = writeln!(
            csv,
            "Komunitas Sintetis {i:07},musik,33.74,Synthetic row for the kill test"
        );
    }
    std::fs::write(&file, csv).expect("write");
    let wal = db.path.with_file_name("test.db-wal");
    let wal_len = || std::fs::metadata(&wal).map_or(0, |m| m.len());
    let baseline = wal_len();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jejaring"))
        .arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Poll until the import is writing pages to the WAL, then kill it.
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("the import finished ({status}) before it could be killed; raise ROWS");
        }
        if wal_len() > baseline + (1 << 20) {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "import never started writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().expect("kill");
    child.wait().expect("reap");
    let store = jejaring::service::open_seeded(&db.path).expect("reopen");
    assert!(store.check().expect("check").is_empty(), "integrity");
    let after = store.count(Kind::Community).expect("count");
    assert!(
        after == before || after == before + ROWS as i64,
        "partial import: {before} before, {after} after"
    );
}

#[test]
fn json_examples_import_like_the_csv_ones() {
    let mut db = Db::new();
    let files: Vec<PathBuf> = ["contacts", "spaces", "communities", "organisations"]
        .map(|k| example(&format!("{k}.json")))
        .to_vec();
    let r = db.import(&files, Options::default());
    ok(&r);
    assert_eq!(r.total().added, 7);
    let budi: Contact = db.one("Budi Contoh");
    assert_eq!(budi.roles.len(), 2);
    assert_eq!(budi.roles[0].start.as_deref(), Some("2020-01-01"));
    assert_eq!(budi.channels.whatsapp, budi.channels.phone);
    let space: Space = db.one("Ruang Contoh Semarang");
    assert_eq!((space.lat, space.lon), (Some(-7.0051), Some(110.4381)));
    assert_eq!(space.address.as_deref(), Some("Jl. Contoh No. 1\nSemarang"));
}

#[test]
fn control_and_bidi_characters_in_the_database_never_reach_an_export_raw() {
    // Import refuses such text; a database restored from elsewhere may still hold it.
    let mut db = Db::new();
    let hostile = "Evil\u{1b}]0;pwned\u{7}\u{202E}gnp.exe\u{200F}";
    let mut c = Contact {
        name: hostile.to_string(),
        visibility: Visibility::Public,
        ..Contact::default()
    };
    c.channels.phone = Some("+62\u{1b}[2J812".to_string());
    c.meta.source = Some("line one\nline\u{9b}two".to_string());
    db.store.write(|w| w.insert(&mut c)).expect("insert");
    let all = Filter::default();
    let raw = |bytes: &[u8]| {
        let text = String::from_utf8(bytes.to_vec()).expect("utf8");
        text.chars()
            .filter(|ch| jejaring::text::is_unsafe(*ch) && !matches!(ch, '\n' | '\r'))
            .collect::<String>()
    };
    let mut csv = Vec::new();
    export::write_csv(&db.store, Kind::Contact, &all, &mut csv).expect("csv");
    assert_eq!(raw(&csv), "", "CSV");
    let text = String::from_utf8(csv).expect("utf8");
    assert!(
        text.contains("Evil\u{241B}]0;pwned\u{2407}\u{FFFD}gnp.exe\u{FFFD}"),
        "{text}"
    );
    assert!(
        text.contains("line one\nline\u{FFFD}two"),
        "line breaks stay: {text}"
    );
    let mut vcf = Vec::new();
    export::write_vcard(&db.store, &all, &mut vcf).expect("vcard");
    assert_eq!(raw(&vcf), "", "vCard");
    let mut json = Vec::new();
    export::write_json(&db.store, &[Kind::Contact], &all, &mut json).expect("json");
    assert_eq!(raw(&json), "", "JSON");
    let back: Value = serde_json::from_slice(&json).expect("parses");
    let names: Vec<&str> = back
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        names.contains(&hostile),
        "JSON escapes, and the value parses back whole"
    );
}

#[test]
fn moving_a_directory_is_one_import_of_its_export_without_update() {
    let mut old = Db::new();
    ok(&old.import(&examples(), Options::default()));
    let mut files = Vec::new();
    for (kind, name) in [
        (Kind::Organisation, "organisations.csv"),
        (Kind::Space, "spaces.csv"),
        (Kind::Community, "communities.csv"),
        (Kind::Contact, "contacts.csv"),
    ] {
        let path = old.path(name);
        let f = std::fs::File::create(&path).expect("create");
        export::write_csv(
            &old.store,
            kind,
            &Filter {
                ids: None,
                include_private: true,
            },
            f,
        )
        .expect("export");
        files.push(path);
    }
    // The new laptop's database holds the bundled starter records, as the export does.
    let mut new = Db::new();
    let starter = new.snapshot();
    let r = new.import(&files, Options::default());
    ok(&r);
    assert!(r.written);
    assert!(r.total().unchanged > 0, "the starter records: {r:?}");
    assert!(r.total().added > 0, "the imported examples: {r:?}");
    assert_eq!(r.total().updated, 0);
    assert_ne!(new.snapshot(), starter);
    assert_eq!(new.snapshot(), old.snapshot());
    // Once more: everything is unchanged and nothing is written twice.
    let again = new.import(&files, Options::default());
    ok(&again);
    assert_eq!(again.total().added + again.total().updated, 0);
}

#[test]
fn rows_that_look_like_existing_records_are_counted_by_phone_and_email() {
    let mut db = Db::new();
    ok(&db.import_text(
        "contacts.csv",
        "name,phone,email\nSari Contoh,0812-0000-0099,sari@contoh-kreatif.example.org\n",
        Options::default(),
    ));
    let again = db.import_text(
        "contacts.csv",
        "name,phone,email\nSari C.,081200000099,\nBudi Lain,,SARI@contoh-kreatif.example.org\n\
         Orang Baru,081200000098,\n",
        Options::default(),
    );
    ok(&again);
    assert_eq!(again.like_existing, 2, "{:?}", again.warnings);
    let text: Vec<String> = again
        .warnings
        .iter()
        .map(|w| w.to_string().to_lowercase())
        .collect();
    assert!(
        text.iter().any(|w| w.contains("phone +6281200000099")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("email sari@contoh-kreatif.example.org")),
        "{text:?}"
    );
    assert!(!text.iter().any(|w| w.contains("orang baru")), "{text:?}");
}

/// An id given twice in one file is refused on its later line, among the other problems in line
/// order, and nothing is written (a dry run says the same).
#[test]
fn an_id_given_twice_is_refused_on_its_later_line_in_line_order() {
    let mut db = Db::new();
    let before = db.snapshot();
    let text = "id,name,city,phone\n\
        ffffffff-0000-4000-8000-000000000001,Sanggar Z,33.74,\n\
        00000000-0000-4000-8000-000000000002,Sanggar Y,33.74,bukan nomor\n\
        ffffffff-0000-4000-8000-000000000001,Sanggar X,33.74,\n\
        ,Sanggar W,99.99,\n\
        00000000-0000-4000-8000-000000000003,Sanggar V,33.74,\n";
    for dry_run in [false, true] {
        let opts = Options {
            dry_run,
            ..Options::default()
        };
        let r = db.import_text("communities.csv", text, opts);
        assert_eq!(
            messages(&r)
                .iter()
                .map(|m| m.split(": column").next().unwrap_or_default())
                .collect::<Vec<_>>(),
            [
                "communities.csv:3",
                "communities.csv:4",
                "communities.csv:5"
            ],
            "{:#?}",
            messages(&r)
        );
        assert!(
            messages(&r)[1].ends_with(
                "column 'id': id 'ffffffff-0000-4000-8000-000000000001' appears twice in this \
                 import (or names a record being deleted)"
            ),
            "{:#?}",
            messages(&r)
        );
        assert!(!r.written);
        assert_eq!(db.snapshot(), before, "nothing written");
    }
    // Without the problems, every row is written.
    let clean = "id,name,city\n\
        ffffffff-0000-4000-8000-000000000001,Sanggar Z,33.74\n\
        ,Sanggar W,33.74\n\
        00000000-0000-4000-8000-000000000003,Sanggar V,33.74\n";
    let r = db.import_text("communities.csv", clean, Options::default());
    ok(&r);
    assert_eq!(r.total().added, 3);
    for name in ["Sanggar Z", "Sanggar W", "Sanggar V"] {
        db.one::<Community>(name);
    }
}

/// A file longer than the reading thread's batches, mixing every kind of row: new records
/// built away from the database, rows naming an organisation (built again with it), a row
/// whose id exists (identical: unchanged), problems, an unreadable line and a duplicate. The
/// problems and warnings keep line order, and what is written is what each row says.
#[test]
fn a_long_file_mixing_every_kind_of_row_keeps_line_order() {
    let mut db = Db::new();
    ok(&db.import_text(
        "organisations.csv",
        "id,name,city\nd0000000-0000-4000-8000-000000000001,Dinas Uji Coba,33.74\n",
        Options::default(),
    ));
    let existing = "a0000000-0000-4000-8000-000000000001,Ruang Lama,,33.74,";
    ok(&db.import_text(
        "spaces.csv",
        &format!("id,name,operator,city,phone\n{existing}\n"),
        Options::default(),
    ));
    let mut text = String::from("id,name,operator,city,phone\n");
    let mut bad_lines = Vec::new();
    for i in 0..700 {
        let line = i + 2;
        let row = match i {
            300 => existing.to_string(),
            // A quote left open would swallow the rest; an unknown city is refused per row.
            450 => ",Ruang Tanpa Kota,,99.99,".to_string(),
            620 => ",Ruang 9,,33.74,".to_string(),
            _ if i % 97 == 5 => format!(",Ruang {i},,33.74,bukan nomor"),
            _ if i % 3 == 0 => format!(",Ruang {i},Dinas Uji Coba,33.74,"),
            _ => format!(",Ruang {i},,33.74,"),
        };
        if i == 450 || (i % 97 == 5 && i != 300 && i != 620) {
            bad_lines.push(line);
        }
        writeln!(text, "{row}").expect("write");
    }
    let r = db.import_text("spaces.csv", &text, Options::default());
    let lines: Vec<usize> = messages(&r)
        .iter()
        .map(|m| {
            m.trim_start_matches("spaces.csv:")
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    assert_eq!(lines, bad_lines, "{:#?}", messages(&r));
    assert!(!r.written);
    // The same file without its problems: every row written as it says.
    let clean: String = text
        .lines()
        .filter(|l| !l.contains("bukan nomor") && !l.contains("99.99"))
        .fold(String::new(), |mut out, l| {
            out.push_str(l);
            out.push('\n');
            out
        });
    let r = db.import_text("spaces.csv", &clean, Options::default());
    ok(&r);
    let counts = r.counts[&Kind::Space];
    assert_eq!(counts.unchanged, 1);
    assert_eq!(counts.added, 700 - 1 - bad_lines.len());
    let dup: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    let at: Vec<usize> = clean
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(",Ruang 9,"))
        .map(|(n, _)| n + 1)
        .collect();
    assert_eq!(
        dup,
        [format!(
            "spaces.csv:{}: column 'name': likely duplicate of spaces.csv:{}: same name \
             'Ruang 9' in the same city",
            at[1], at[0]
        )],
    );
    assert_eq!(
        db.one::<Space>("Ruang 3").operator_id.as_deref(),
        Some("d0000000-0000-4000-8000-000000000001")
    );
    assert_eq!(db.one::<Space>("Ruang 4").operator_id, None);
}

/// An import that waits for another writer's lock sees what that writer committed: the same
/// records in its file are unchanged, not "given twice".
#[test]
fn an_import_waiting_for_another_writer_sees_what_it_wrote() {
    let mut db = Db::new();
    let path = db.path("test.db");
    let text = "id,name,city\ne0000000-0000-4000-8000-000000000001,Sanggar Tunggu,33.74\n";
    let (locked, wait) = std::sync::mpsc::channel();
    let other = std::thread::spawn(move || {
        let mut store = Store::open(&path).expect("second connection");
        store
            .write(|w| {
                let mut rec = Community {
                    name: "Sanggar Tunggu".into(),
                    city_code: Some("33.74".into()),
                    ..Community::default()
                };
                rec.meta.id = "e0000000-0000-4000-8000-000000000001".into();
                w.insert(&mut rec)?;
                locked.send(()).expect("signal");
                // Long enough for the import below to start and wait for this lock.
                std::thread::sleep(std::time::Duration::from_millis(300));
                Ok(())
            })
            .expect("the other writer commits");
    });
    wait.recv().expect("the other writer holds the lock");
    let r = db.import_text("communities.csv", text, Options::default());
    other.join().expect("other writer");
    ok(&r);
    assert_eq!(
        r.counts[&Kind::Community].unchanged,
        1,
        "{:#?}",
        messages(&r)
    );
    assert_eq!(r.counts[&Kind::Community].added, 0);
}
