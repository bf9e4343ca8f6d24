//! What follows a change to the data (the app's own write, or another program's): decide how
//! to rebuild the search index, then take the new index and reload the record shown. The
//! rebuild itself is an effect ([`Effect::Reload`] on this thread for small directories,
//! [`Effect::ReloadInBackground`] for big ones).

use super::app::{App, Effect, Focus};
use crate::search::Index;
use crate::store;
use std::sync::Arc;

/// Up to this many records the index is rebuilt on the UI thread after an edit (a few ms).
const SYNC_RELOAD_MAX: usize = 200_000;

impl App {
    /// The store changed: forget what was read from it and ask for a new index; `notice` is
    /// said once the record shown is reloaded. The pickers' index is rebuilt on next use.
    pub(crate) fn data_changed(&mut self, notice: Option<String>) -> Effect {
        // Our own writes land here too: the watcher then sees nothing new.
        self.mark_generation();
        self.edit_mut().forget_index();
        self.detail_mut().forget();
        let in_memory = self.store().path() == std::path::Path::new(":memory:");
        if in_memory || self.results.index().len() <= SYNC_RELOAD_MAX {
            return Effect::Reload { notice };
        }
        // The old index answers meanwhile; the record shown is read again at once.
        self.after_reload(notice);
        Effect::ReloadInBackground
    }

    /// The rebuilt index (or why it failed) for [`Effect::Reload`].
    pub(crate) fn reloaded(&mut self, index: store::Result<Index>, notice: Option<String>) {
        match index {
            Ok(index) => self.set_index(Arc::new(index), true),
            Err(e) => self.status_mut().fail(e),
        }
        self.after_reload(notice);
    }

    /// Reloads the record shown; one that is gone (deleted, undone) closes.
    fn after_reload(&mut self, notice: Option<String>) {
        self.load_detail();
        if self.opened().is_some() && self.detail().shown().is_none() {
            self.detail_mut().set_opened(None);
            if self.focus() == Focus::Detail {
                self.set_focus(Focus::List);
            }
            self.load_detail();
        }
        if let Some(msg) = notice {
            self.notify(msg);
        }
    }
}
