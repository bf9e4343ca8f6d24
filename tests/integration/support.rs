//! Shared helpers: a temporary database and the real binary.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// A fresh temporary directory with a database path inside it (created on first use).
pub struct TempDb {
    pub _dir: TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("test.db");
        TempDb { _dir: dir, path }
    }

    /// The `jejaring` binary with `--db` pointing at this database and a fixed language.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("jejaring").expect("binary");
        c.arg("--db")
            .arg(&self.path)
            .env("LANG", "en_US.UTF-8")
            .env_remove("JEJARING_DB");
        c
    }
}

/// Runs the command and parses its stdout as JSON.
pub fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Plain record builders for the TUI fixtures: the fields every fixture sets, the rest empty.
pub mod records {
    use jejaring::model::{Bounds, City, CityKind, IccnStatus, Meta, Province};

    /// A province without aliases or source, bounded by Indonesia.
    pub fn province(code: &str, name: &str) -> Province {
        Province {
            code: code.into(),
            name: name.into(),
            aliases: Vec::new(),
            bounds: Some(Bounds::INDONESIA),
            unesco_field: None,
            unesco_year: None,
            source: None,
            last_verified: None,
        }
    }

    /// A city without coordinates, networks or source.
    pub fn city(code: &str, name: &str, kind: CityKind, prov: &str) -> City {
        City {
            code: code.into(),
            name: name.into(),
            kind,
            province_code: prov.into(),
            seat: None,
            lat: None,
            lon: None,
            coord_source: None,
            coord_quality: None,
            iccn_status: IccnStatus::Unknown,
            iccn_forum: None,
            iccn_joined: None,
            iccn_source: None,
            iccn_reported: None,
            kata_year: None,
            kata_subsectors: Vec::new(),
            kata_source: None,
            unesco_field: None,
            unesco_year: None,
            source: None,
            last_verified: None,
        }
    }

    /// Record metadata with a fixed id, verification date and source, so snapshots do not
    /// drift.
    pub fn meta(id: &str, verified: &str, source: &str) -> Meta {
        Meta {
            id: id.into(),
            last_verified: Some(verified.into()),
            source: Some(source.into()),
            ..Meta::default()
        }
    }
}

/// The terminal app's test harness, shared by `tui.rs` and `edit.rs`: an app over a store
/// answered synchronously, keys pressed as the event loop presses them, and effects run by the
/// app's own runner with a recording outside world.
pub mod app {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use jejaring::i18n::Lang;
    use jejaring::index_load::load_index;
    use jejaring::store::Store;
    use jejaring::tui::action::Action;
    use jejaring::tui::app::{App, Effect};
    use jejaring::tui::effects::{self, Outside};
    use jejaring::tui::keymap::map_key;
    use jejaring::tui::results::{Mode, Results};
    use jejaring::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::sync::Arc;

    /// The outside world of a test: no clipboard, no opener (links show in a popup), no
    /// background loader.
    pub struct Headless;

    impl Outside for Headless {
        fn copy(&mut self, _text: &str) -> std::io::Result<()> {
            Ok(())
        }

        fn open(&mut self, _url: &str) -> bool {
            false
        }

        fn reload_in_background(&mut self) {}
    }

    /// The app's search over the whole store, answered synchronously (no threads in tests).
    pub fn results_of(store: &Store) -> Results {
        let index = Arc::new(load_index(store, None).expect("index"));
        Results::new(index, true, Mode::Sync)
    }

    /// An app over `store` in `lang`, without colours, on an 80×24 screen.
    pub fn app_over(store: Store, lang: Lang) -> App {
        let results = results_of(&store);
        let mut app = App::new(store, results, lang, Theme::new(true));
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app
    }

    /// Applies `action` and runs the effect it asks for, as the event loop does; returns
    /// that effect.
    pub fn act(app: &mut App, action: Action) -> Option<Effect> {
        let effect = app.update(action);
        if let Some(e) = effect.clone() {
            effects::run(app, e, &mut Headless);
        }
        effect
    }

    pub fn key_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
        let ev = KeyEvent::new(code, mods);
        map_key(&ev, app.scope()).and_then(|a| act(app, a))
    }

    pub fn key(app: &mut App, code: KeyCode) -> Option<Effect> {
        key_mod(app, code, KeyModifiers::NONE)
    }

    pub fn ctrl(app: &mut App, c: char) {
        key_mod(app, KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    pub fn typ(app: &mut App, text: &str) {
        for c in text.chars() {
            key(app, KeyCode::Char(c));
        }
    }

    /// Another program changed the store to `generation`: the watcher's message, with the
    /// reload it asks for run. True when the app reloaded.
    pub fn external_change(app: &mut App, generation: &str) -> bool {
        match app.external_change(generation) {
            Some(e) => {
                effects::run(app, e, &mut Headless);
                true
            }
            None => false,
        }
    }

    /// Draws the app on a `width`×`height` test terminal.
    pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
        app.update(Action::Resize { width, height });
        let mut term = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        term.draw(|f| f.render_widget(&*app, f.area()))
            .expect("draw");
        term
    }

    /// The status bar's message, or "".
    pub fn status(app: &App) -> String {
        app.status().map(|(m, _)| m.to_string()).unwrap_or_default()
    }
}
