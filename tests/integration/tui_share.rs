//! Sharing in the app: the status bar says when bundles wait in the sync folder, `S` applies
//! them (or says why one was refused), `C` lists conflicts and `f` flips one. Replicas are
//! temporary files (keys live beside them); every record is synthetic.

use crate::support::app::{app_over, draw, key, status, typ};
use crossterm::event::KeyCode;
use jejaring::i18n::Lang;
use jejaring::model::Organisation;
use jejaring::store::Store;
use jejaring::sync::{self, folder};
use jejaring::tui::app::App;
use std::path::Path;
use tempfile::TempDir;

/// Two replicas `a` and `b` in one temporary folder, and the shared sync folder.
struct Pair {
    dir: TempDir,
    shared: std::path::PathBuf,
    a: Store,
    b: Store,
}

/// Two replicas; `b` trusts `a` when `trusted`, and `a` always trusts `b`.
fn pair(trusted: bool) -> Pair {
    let dir = tempfile::tempdir().expect("dir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("shared");
    let mut a = Store::open(&dir.path().join("a.db")).expect("a");
    let mut b = Store::open(&dir.path().join("b.db")).expect("b");
    let ka = sync::keys(&mut a).expect("keys").public_path;
    let kb = sync::keys(&mut b).expect("keys").public_path;
    sync::trust(&mut a, &kb).expect("trust");
    if trusted {
        sync::trust(&mut b, &ka).expect("trust");
    }
    Pair { dir, shared, a, b }
}

fn org(store: &mut Store, name: &str) -> String {
    let mut o = Organisation {
        name: name.into(),
        description: Some("synthetic test record".into()),
        ..Default::default()
    };
    store.write(|w| w.insert(&mut o)).expect("insert");
    o.meta.id
}

/// `b`'s app, with the sync folder remembered (as `sync apply DIR` leaves it) and the
/// bundles waiting counted as the watcher counts them.
fn app_of(mut p: Pair, lang: Lang) -> (App, std::path::PathBuf, TempDir) {
    folder::remember(&mut p.b, &p.shared).expect("remember");
    let mut app = app_over(p.b, lang);
    let n = folder::pending(app.store(), &p.shared).expect("pending");
    app.sync_waiting(n);
    (app, p.shared, p.dir)
}

fn screen(app: &mut App) -> String {
    draw(app, 100, 24).backend().to_string()
}

fn export(store: &mut Store, shared: &Path) {
    sync::export(store, shared)
        .expect("export")
        .expect("a bundle");
}

#[test]
fn the_status_bar_says_bundles_wait_and_s_applies_them() {
    let mut p = pair(true);
    org(&mut p.a, "Sanggar Sinkron Uji");
    export(&mut p.a, &p.shared);
    let (mut app, shared, _dir) = app_of(p, Lang::En);
    assert_eq!(
        app.share().dir().map(std::path::PathBuf::as_path),
        Some(shared.as_path())
    );
    assert!(screen(&mut app).contains("1 bundle waiting (S applies)"));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('S'));
    let said = status(&app);
    assert!(
        said.starts_with("applied ") && said.ends_with("from 1 bundle"),
        "{said}"
    );
    assert_eq!(app.share().waiting(), 0);
    let shown = screen(&mut app);
    assert!(!shown.contains("waiting"), "{shown}");
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "sinkron");
    assert!(
        screen(&mut app).contains("Sanggar Sinkron Uji"),
        "the results reloaded"
    );
    // Nothing new: `S` says so.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('S'));
    assert!(
        status(&app).starts_with("no bundle waiting in "),
        "{}",
        status(&app)
    );
}

#[test]
fn an_untrusted_bundle_is_refused_with_the_reason_and_still_waits() {
    let mut p = pair(false);
    org(&mut p.a, "Sanggar Tak Dikenal");
    export(&mut p.a, &p.shared);
    let (mut app, _shared, _dir) = app_of(p, Lang::Id);
    assert!(screen(&mut app).contains("1 bundel menunggu (S menerapkan)"));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('S'));
    let (said, error) = app.status().expect("a message");
    assert!(error, "a refusal is shown as an error");
    assert!(
        said.starts_with("1 bundel ditolak") && said.contains("not trusted"),
        "{said}"
    );
    assert_eq!(app.share().waiting(), 1);
    assert_eq!(
        app.store()
            .count(jejaring::model::Kind::Organisation)
            .expect("n"),
        0
    );
}

#[test]
fn without_a_sync_folder_s_says_how_to_get_one() {
    let p = pair(true);
    let mut app = app_over(p.b, Lang::En);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('S'));
    assert!(
        status(&app).contains("JEJARING_SYNC_DIR"),
        "{}",
        status(&app)
    );
}

#[test]
fn conflicts_are_listed_and_one_flips_in_the_app() {
    let mut p = pair(true);
    let id = org(&mut p.a, "Sanggar Asal");
    export(&mut p.a, &p.shared);
    sync::apply_dir(&mut p.b, &p.shared).expect("apply");
    for (store, name) in [(&mut p.a, "Sanggar Satu"), (&mut p.b, "Sanggar Dua")] {
        let mut o: Organisation = store.get(&id).expect("get").expect("o");
        o.name = name.into();
        store.write(|w| w.update(&mut o)).expect("edit");
    }
    export(&mut p.a, &p.shared);
    let (mut app, _shared, _dir) = app_of(p, Lang::En);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('S'));
    key(&mut app, KeyCode::Char('C'));
    let shown = screen(&mut app);
    assert!(shown.contains("Conflicts (1)"), "{shown}");
    let kept = app
        .store()
        .get::<Organisation>(&id)
        .expect("get")
        .expect("o")
        .name;
    let other = if kept == "Sanggar Satu" {
        "Sanggar Dua"
    } else {
        "Sanggar Satu"
    };
    assert!(
        shown.contains(&format!("name: kept {kept} over {other}")),
        "{shown}"
    );
    key(&mut app, KeyCode::Char('f'));
    assert!(status(&app).starts_with("flipped"), "{}", status(&app));
    let now = app
        .store()
        .get::<Organisation>(&id)
        .expect("get")
        .expect("o")
        .name;
    assert_eq!(now, other, "the other value wins");
    assert!(screen(&mut app).contains("(flipped)"));
    key(&mut app, KeyCode::Esc);
    assert!(app.popup().is_none());
}
