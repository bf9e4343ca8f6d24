//! The terminal app. Flow: terminal event → [`keymap`] → [`action::Action`] →
//! [`app::App::update`] → state → [`view`] (drawing only borrows the state).
//!
//! [`run`] owns the terminal: it restores it on return, on error and on panic. Input is read
//! on its own thread and the full catalogue loads on another, both feeding one channel the
//! main loop blocks on, so the first frame shows at once and nothing spins.

pub mod action;
pub mod app;
pub mod edit;
pub mod effects;
pub mod keymap;
pub mod layout;
pub mod results;
pub mod sanitize;
pub mod theme;
mod update;
mod view;

use crate::i18n::Lang;
use crate::store::Store;
use app::{App, Effect};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
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
    Catalogue(Result<results::Catalogue, String>),
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
    let first = results::load_catalogue(&store, background)?;
    let mut app = App::new(
        store,
        first,
        lang,
        theme::Theme::new(no_color || theme::Theme::no_color_from_env()),
    );
    if !background {
        let full = results::load_catalogue(app.store(), false)?;
        app.set_catalogue(full);
    }

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
    let stop = Arc::new(AtomicBool::new(false));
    spawn_input(tx.clone(), Arc::clone(&stop));
    if background {
        spawn_loader(tx, db_path);
    } else {
        drop(tx);
    }
    let result = event_loop(&mut terminal, &mut app, &rx);
    stop.store(true, Ordering::Relaxed);
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &Receiver<Msg>,
) -> anyhow::Result<()> {
    while !app.quit {
        terminal.draw(|f| f.render_widget(&*app, f.area()))?;
        let Ok(first) = rx.recv() else { break };
        let mut next = Some(first);
        // Handle everything already queued before drawing again (fast typing, paste).
        while let Some(msg) = next {
            handle(app, msg);
            if app.quit {
                break;
            }
            next = rx.try_recv().ok();
        }
    }
    Ok(())
}

fn handle(app: &mut App, msg: Msg) {
    match msg {
        Msg::Catalogue(Ok(cat)) => app.set_catalogue(cat),
        Msg::Catalogue(Err(e)) => app.status = Some((e, true)),
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
                        app.update(action::Action::Input(c));
                    }
                    None
                }
                _ => None,
            };
            if let Some(a) = action
                && let Some(effect) = app.update(a)
            {
                perform(app, effect);
            }
        }
    }
}

fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Copy(text) => {
            if let Err(e) = effects::copy_to(&mut std::io::stdout(), &text) {
                app.status = Some((e.to_string(), true));
            }
        }
        Effect::Open(url) => {
            if effects::open_url(&url) {
                app.notify(format!("{}: {url}", app.lang.strings().opened));
            } else {
                app.show_link(url);
            }
        }
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

/// Builds the full catalogue from a second connection to the same file.
fn spawn_loader(tx: Sender<Msg>, path: PathBuf) {
    std::thread::spawn(move || {
        let cat = Store::open(&path)
            .and_then(|s| results::load_catalogue(&s, false))
            .map_err(|e| e.to_string());
        let _ = tx.send(Msg::Catalogue(cat));
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
