//! Effects: what [`App::update`] asks of the outside world, and the one runner that does it.
//!
//! `update` only changes state; copying, opening a link, writing an export file, writing the
//! store and reloading the index come back as an [`Effect`]. [`run`] performs it and hands the
//! outcome back to the app, which may ask for one more (a write is followed by a reload). The
//! event loop and the tests run effects the same way; only the [`Outside`] differs (the real
//! terminal and opener, or a recorder).

use super::app::App;
use super::edit::Change;
use super::export::Export;
use crate::index_load::load_index;

/// A side effect for the runner to perform (the update itself stays testable).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Open a URL with the system opener.
    Open(String),
    /// Write the current results to a new file in the import format.
    Export(Export),
    /// Write one change to the store in one transaction.
    Write(Box<Change>),
    /// Rebuild the search index on this thread (a small directory), then show `notice`.
    Reload { notice: Option<String> },
    /// Rebuild the index on another thread (a big directory); the old one answers meanwhile.
    ReloadInBackground,
    /// Apply the bundles waiting in this sync folder (see [`super::share`]).
    ApplyBundles(std::path::PathBuf),
    /// Flip sync conflict `id` (its losing value wins).
    FlipConflict(i64),
}

/// What the runner needs from outside the app: the clipboard, the link opener and a
/// background loader. The event loop passes the terminal's; tests pass a recorder.
pub trait Outside {
    /// Puts `text` on the clipboard.
    fn copy(&mut self, text: &str) -> std::io::Result<()>;
    /// Opens `url`; false when no opener could (the app then shows the link).
    fn open(&mut self, url: &str) -> bool;
    /// Starts building the full index on another thread.
    fn reload_in_background(&mut self);
}

/// Performs `effect` and every effect its outcome asks for, in order.
pub fn run(app: &mut App, effect: Effect, outside: &mut dyn Outside) {
    let mut next = Some(effect);
    while let Some(effect) = next.take() {
        next = match effect {
            Effect::Copy(text) => {
                if let Err(e) = outside.copy(&text) {
                    app.status_mut().fail(e);
                }
                None
            }
            Effect::Open(url) => {
                if outside.open(&url) {
                    app.notify(format!("{}: {url}", app.lang().strings().opened));
                } else {
                    app.show_link(url);
                }
                None
            }
            Effect::Export(job) => {
                let outcome = job.write(app.store());
                app.exported(outcome);
                None
            }
            Effect::Write(mut change) => {
                let result = change.apply(app.store_mut());
                app.written(change, result)
            }
            Effect::Reload { notice } => {
                let index = load_index(app.store(), None);
                app.reloaded(index, notice);
                None
            }
            Effect::ReloadInBackground => {
                outside.reload_in_background();
                None
            }
            Effect::ApplyBundles(dir) => {
                let outcome = crate::sync::folder::apply(app.store_mut(), &dir);
                // The refused ones still wait (until their key is trusted).
                let still = crate::sync::folder::pending(app.store(), &dir).unwrap_or(0);
                app.bundles_applied(outcome, still)
            }
            Effect::FlipConflict(id) => {
                let result = app.store_mut().flip_conflict(id);
                app.conflict_flipped(result)
            }
        };
    }
}
