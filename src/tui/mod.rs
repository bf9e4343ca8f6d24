//! The terminal app. Flow: terminal event → [`keymap`] → [`action::Action`] →
//! [`app::App::update`] → state → [`view`] (drawing only borrows the state).
//!
//! [`run`] owns the terminal: it restores it on return, on error and on panic. The first
//! frame searches a small index ([`results::FIRST_INDEX`] records) so it shows at once; the
//! full index loads on another thread. Input is read on its own thread; input and the loaded
//! index feed one channel the main loop blocks on. Searches run on the engine's worker thread,
//! which wakes the loop through that channel when an answer is ready. Effects that
//! `update` returns (clipboard, opener, export, store writes, reloads) run in
//! [`effects::run`], with this terminal as the [`effects::Outside`].

pub mod action;
mod answer;
pub mod app;
pub mod book;
pub mod dash;
mod detail_lines;
pub mod edit;
pub mod effects;
pub mod export;
pub mod keymap;
pub mod layout;
pub mod map;
mod mouse;
mod navigate;
pub mod panes;
pub mod query_line;
mod reload;
pub mod results;
pub mod sanitize;
pub mod share;
pub mod system;
pub mod theme;
mod update;
pub(crate) mod view;

use crate::i18n::Lang;
use crate::index_load::load_index;
use crate::search;
use crate::store::Store;
use app::App;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use effects::Outside;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// How the CLI starts the app.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    /// Interface language (`--lang`, else [`Lang::from_env`]).
    pub lang: Lang,
    /// The database file, reopened by the background loader (`:memory:` loads in the foreground).
    pub db_path: PathBuf,
    /// Draw without colours (`NO_COLOR` or a flag).
    pub no_color: bool,
}

impl TuiOptions {
    /// Options from the environment: `LANG`/`LC_ALL` and `NO_COLOR`.
    pub fn from_env(db_path: PathBuf) -> TuiOptions {
        TuiOptions {
            lang: Lang::from_env(),
            db_path,
            no_color: theme::Theme::no_color_from_env(),
        }
    }
}

/// What the main loop waits for.
enum Msg {
    Term(Event),
    Index(Result<Box<search::Index>, String>),
    /// The store's data generation changed (read by the watcher).
    Generation(String),
    /// Bundles waiting in the sync folder (counted by the sync watcher).
    SyncWaiting(usize),
    /// The search worker has an answer to take ([`App::poll_search`] after every batch).
    Searched,
}

/// Restores the terminal when dropped (normal return and early `?` returns alike).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the terminal app on `store` until the user quits. The caller checks that stdout is a
/// terminal. The terminal is restored before this returns, and before a panic message prints.
pub fn run(store: Store, opts: TuiOptions) -> anyhow::Result<()> {
    let TuiOptions {
        lang,
        db_path,
        no_color,
    } = opts;
    let background = store.path() != std::path::Path::new(":memory:");
    let theme = theme::Theme::new(no_color || theme::Theme::no_color_from_env());
    let mut app = if background {
        first_frame_app(store, lang, theme)?
    } else {
        let index = Arc::new(load_index(&store, None)?);
        let results = results::Results::new(index, true, results::Mode::Background);
        App::new(store, results, lang, theme)
    };

    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    app.update(action::Action::Resize {
        width: size.width,
        height: size.height,
    });

    let (tx, rx) = mpsc::channel();
    let searched = tx.clone();
    app.notify_search_with(Arc::new(move || {
        let _ = searched.send(Msg::Searched);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    spawn_input(tx.clone(), Arc::clone(&stop));
    if !app.results.index_complete() {
        spawn_loader(tx.clone(), db_path.clone());
    }
    if background {
        spawn_watcher(tx.clone(), db_path.clone(), Arc::clone(&stop));
    }
    // `JEJARING_SYNC_DIR` names the sync folder over the one the database remembers.
    let sync_dir = crate::sync::folder::folder(
        app.store(),
        std::env::var_os(crate::sync::folder::ENV).as_deref(),
    );
    app.set_sync_dir(sync_dir.clone());
    if let Some(dir) = sync_dir.filter(|_| background) {
        spawn_sync_watcher(tx.clone(), db_path.clone(), dir, Arc::clone(&stop));
    }
    let result = event_loop(&mut terminal, &mut app, &rx, &|| {
        spawn_loader(tx.clone(), db_path.clone());
    });
    stop.store(true, Ordering::Relaxed);
    result
}

/// The app over a small first index ([`results::FIRST_INDEX`] records), enough for the first
/// frame; the full index follows from the background loader. Searches run on a worker thread.
pub fn first_frame_app(store: Store, lang: Lang, theme: theme::Theme) -> anyhow::Result<App> {
    let index = Arc::new(load_index(&store, Some(results::FIRST_INDEX))?);
    let complete = index.len() < results::FIRST_INDEX;
    let results = results::Results::new(index, complete, results::Mode::Background);
    Ok(App::new(store, results, lang, theme))
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &Receiver<Msg>,
    reload: &dyn Fn(),
) -> anyhow::Result<()> {
    let mut outside = Terminal { reload };
    // Drawn only after something changed, at most once per batch of messages.
    let mut dirty = true;
    while !app.has_quit() {
        if dirty {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            app.results.drawn();
        }
        let Ok(msg) = rx.recv() else { break };
        dirty = false;
        let mut next = Some(msg);
        // Handle everything already queued before drawing again (fast typing, paste).
        while let Some(msg) = next {
            // A wake-up from the search worker changes the screen only if `poll_search` says so.
            dirty |= !matches!(msg, Msg::Searched);
            handle(app, msg, &mut outside);
            if app.has_quit() {
                break;
            }
            next = rx.try_recv().ok();
        }
        dirty |= app.poll_search();
    }
    Ok(())
}

/// The real outside world for the effect runner: this terminal's clipboard, the system
/// opener, and the background index loader.
struct Terminal<'a> {
    reload: &'a dyn Fn(),
}

impl Outside for Terminal<'_> {
    fn copy(&mut self, text: &str) -> std::io::Result<()> {
        system::copy_to(&mut std::io::stdout(), text)
    }

    fn open(&mut self, url: &str) -> bool {
        system::open_url(url)
    }

    fn reload_in_background(&mut self) {
        (self.reload)();
    }
}

fn handle(app: &mut App, msg: Msg, outside: &mut dyn Outside) {
    let effect = match msg {
        Msg::Index(Ok(index)) => {
            app.set_index(Arc::from(index), true);
            None
        }
        Msg::Index(Err(e)) => {
            app.status_mut().fail(e);
            None
        }
        Msg::Generation(g) => app.external_change(&g),
        Msg::SyncWaiting(n) => {
            app.sync_waiting(n);
            None
        }
        // Taken after the batch, by `poll_search`.
        Msg::Searched => None,
        Msg::Term(ev) => {
            let action = match &ev {
                Event::Key(k) => keymap::map_key(k, app.scope()),
                Event::Mouse(m) => keymap::map_mouse(m),
                Event::Resize(w, h) => Some(action::Action::Resize {
                    width: *w,
                    height: *h,
                }),
                Event::Paste(text) => {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        if let Some(effect) = app.update(action::Action::Input(c)) {
                            effects::run(app, effect, outside);
                        }
                    }
                    None
                }
                _ => None,
            };
            action.and_then(|a| app.update(a))
        }
    };
    if let Some(effect) = effect {
        effects::run(app, effect, outside);
    }
}

/// Reads terminal events on a thread; wakes every 200 ms to see whether the app has quit.
fn spawn_input(tx: Sender<Msg>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match event::poll(Duration::from_millis(200)) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if tx.send(Msg::Term(ev)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        }
    });
}

/// How often the watcher looks at the store's data generation.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// Watches the database for writes by other programs (an import in another shell) on its
/// own connection: one small query a second, a message only when the generation changes.
fn spawn_watcher(tx: Sender<Msg>, path: PathBuf, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let Ok(store) = Store::open(&path) else {
            return;
        };
        let mut last = store.generation().unwrap_or_default();
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(WATCH_EVERY);
            let Ok(now) = store.generation() else {
                continue;
            };
            if now != last {
                last.clone_from(&now);
                if tx.send(Msg::Generation(now)).is_err() {
                    break;
                }
            }
        }
    });
}

/// How often the sync watcher counts the bundles waiting in the sync folder.
const SYNC_WATCH_EVERY: Duration = Duration::from_secs(5);

/// Counts the bundles of other replicas waiting in `dir` at once and then every few seconds,
/// on its own connection (a folder on a slow share never holds up the keyboard); a message
/// only when the count changes.
fn spawn_sync_watcher(tx: Sender<Msg>, path: PathBuf, dir: PathBuf, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let Ok(store) = Store::open(&path) else {
            return;
        };
        let mut last = None;
        while !stop.load(Ordering::Relaxed) {
            if let Ok(n) = crate::sync::folder::pending(&store, &dir)
                && last != Some(n)
            {
                last = Some(n);
                if tx.send(Msg::SyncWaiting(n)).is_err() {
                    break;
                }
            }
            std::thread::sleep(SYNC_WATCH_EVERY);
        }
    });
}

/// Builds the full index from a second connection to the same file.
fn spawn_loader(tx: Sender<Msg>, path: PathBuf) {
    std::thread::spawn(move || {
        let index = Store::open(&path)
            .and_then(|s| load_index(&s, None))
            .map(Box::new)
            .map_err(|e| e.to_string());
        let _ = tx.send(Msg::Index(index));
    });
}

/// On panic, release the mouse before ratatui's own hook restores the screen and the
/// message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
        previous(info);
    }));
}
