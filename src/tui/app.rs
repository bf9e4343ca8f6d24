//! The app's state: one small struct per pane (see [`super::panes`]), the store, the search
//! engine, popups, editing and the back history. Changes happen in [`App::update`] (see
//! `update.rs`), which returns an [`Effect`] for anything that touches the outside world;
//! drawing only borrows this.

use super::edit::EditState;
use super::layout::{self, Areas};
use super::navigate::Location;
use super::results::Results;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::model::{Kind, RecordRef};
use crate::search::{Hit, Record};
use crate::store::Store;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};

pub use super::effects::Effect;
pub(crate) use super::panes::Want;
pub use super::panes::{
    DetailPane, FacetPane, FacetRow, Focus, ListPane, Popup, Scroll, SearchBar, Source, StatusLine,
    TABS,
};

/// What the user chose at start: language, colours, where exports go.
struct Settings {
    lang: Lang,
    theme: Theme,
    /// Where `x` writes exported results (the working directory).
    export_dir: PathBuf,
}

/// Where the keyboard is, where the user has been, the screen size and whether to quit.
struct Nav {
    focus: Focus,
    history: Vec<Location>,
    size: Rect,
    quit: bool,
}

/// The whole app state.
pub struct App {
    store: Store,
    /// The store's data generation the app shows (see [`Store::generation`]): a different one
    /// seen by the watcher means another program wrote to the database.
    generation: String,
    settings: Settings,
    /// The search engine and the answer on screen (public: the benchmarks wait on it).
    pub results: Results,
    search: SearchBar,
    list: ListPane,
    detail: DetailPane,
    facets: FacetPane,
    popup: Option<Popup>,
    /// The edit form, pickers, questions and undo log (see [`super::edit`]).
    edit: EditState,
    /// The map pane and the nearby list's index (see [`super::map`]).
    pub(crate) map_pane: super::map::MapPane,
    nav: Nav,
    status: StatusLine,
    /// The sync folder and the bundles waiting there (see [`super::share`]).
    pub(crate) share_state: super::share::ShareState,
}

impl App {
    /// A new app over `store`, searching with `results`; runs the first query (the browse
    /// list of provinces).
    pub fn new(store: Store, results: Results, lang: Lang, theme: Theme) -> App {
        let generation = store.generation().unwrap_or_default();
        let mut app = App {
            store,
            generation,
            settings: Settings {
                lang,
                theme,
                export_dir: PathBuf::from("."),
            },
            results,
            search: SearchBar::default(),
            list: ListPane::default(),
            detail: DetailPane::default(),
            facets: FacetPane::default(),
            popup: None,
            edit: EditState::default(),
            map_pane: super::map::MapPane::default(),
            nav: Nav {
                focus: Focus::Search,
                history: Vec::new(),
                size: Rect::new(0, 0, 80, 24),
                quit: false,
            },
            status: StatusLine::default(),
            share_state: super::share::ShareState::default(),
        };
        // The remembered sync folder; the event loop lets `JEJARING_SYNC_DIR` override it.
        let dir = crate::sync::folder::folder(&app.store, None);
        app.set_sync_dir(dir);
        app.refresh();
        app
    }

    /// The store the app reads from.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for the effect runner's writes.
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Remembers the store's current generation as the one shown (after a reload).
    pub(crate) fn mark_generation(&mut self) {
        self.generation = self.store.generation().unwrap_or_default();
    }

    /// Whether `generation` differs from the one the app shows.
    pub(crate) fn is_new_generation(&self, generation: &str) -> bool {
        generation != self.generation
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// The styles.
    pub fn theme(&self) -> &Theme {
        &self.settings.theme
    }

    /// Where `x` writes exported results.
    pub fn export_dir(&self) -> &Path {
        &self.settings.export_dir
    }

    /// Sets where `x` writes exported results.
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.settings.export_dir = dir;
    }

    /// The query line, the kind tab and what the list shows.
    pub fn search(&self) -> &SearchBar {
        &self.search
    }

    pub(crate) fn search_mut(&mut self) -> &mut SearchBar {
        &mut self.search
    }

    /// The kind tab (an index into [`TABS`]).
    pub fn tab(&self) -> usize {
        self.search.tab()
    }

    /// What the list shows.
    pub fn source(&self) -> &Source {
        self.search.source()
    }

    /// The result list's selection.
    pub fn list(&self) -> &ListPane {
        &self.list
    }

    pub(crate) fn list_mut(&mut self) -> &mut ListPane {
        &mut self.list
    }

    /// The detail pane.
    pub fn detail(&self) -> &DetailPane {
        &self.detail
    }

    pub(crate) fn detail_mut(&mut self) -> &mut DetailPane {
        &mut self.detail
    }

    /// The record opened with Enter; `None` shows the selected row as a preview.
    pub fn opened(&self) -> Option<&(Kind, String)> {
        self.detail.opened()
    }

    /// The selected related record in the detail pane.
    pub fn cursor(&self) -> usize {
        self.detail.cursor()
    }

    /// The filter panel.
    pub fn facets(&self) -> &FacetPane {
        &self.facets
    }

    pub(crate) fn facets_mut(&mut self) -> &mut FacetPane {
        &mut self.facets
    }

    /// The popup shown over the panes.
    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }

    pub(crate) fn popup_mut(&mut self) -> &mut Option<Popup> {
        &mut self.popup
    }

    /// The editing screens and the undo log.
    pub fn edit(&self) -> &EditState {
        &self.edit
    }

    pub(crate) fn edit_mut(&mut self) -> &mut EditState {
        &mut self.edit
    }

    /// The editing state and the store at once (a picker searches while it is edited).
    pub(crate) fn edit_and_store(&mut self) -> (&mut EditState, &Store) {
        (&mut self.edit, &self.store)
    }

    /// The status bar's message and whether it is an error.
    pub fn status(&self) -> Option<(&str, bool)> {
        self.status.message()
    }

    pub(crate) fn status_mut(&mut self) -> &mut StatusLine {
        &mut self.status
    }

    /// Which pane has the keyboard.
    pub fn focus(&self) -> Focus {
        self.nav.focus
    }

    pub(crate) fn set_focus(&mut self, focus: Focus) {
        self.nav.focus = focus;
    }

    /// The terminal size.
    pub fn size(&self) -> Rect {
        self.nav.size
    }

    pub(crate) fn set_size(&mut self, size: Rect) {
        self.nav.size = size;
    }

    /// Whether the user asked to quit.
    pub fn has_quit(&self) -> bool {
        self.nav.quit
    }

    pub(crate) fn request_quit(&mut self) {
        self.nav.quit = true;
    }

    /// The back history, newest last.
    pub(crate) fn history_mut(&mut self) -> &mut Vec<Location> {
        &mut self.nav.history
    }

    pub(crate) fn has_history(&self) -> bool {
        !self.nav.history.is_empty()
    }

    /// The store's generation is now `generation` (the watcher read it). When it is not the
    /// one the app shows, another program wrote to the database: returns the reload (which
    /// then says so) for the effect runner.
    pub fn external_change(&mut self, generation: &str) -> Option<Effect> {
        if !self.is_new_generation(generation) {
            return None;
        }
        let notice = self.lang().strings().changed_elsewhere.to_string();
        Some(self.data_changed(Some(notice)))
    }

    /// The pane areas of the current frame.
    pub fn areas(&self) -> Areas {
        layout::compute(self.nav.size, self.nav.focus, self.facets.is_open())
    }

    /// Rows visible in the list pane.
    pub fn list_height(&self) -> usize {
        self.areas()
            .list
            .map_or(1, |r| usize::from(layout::inner(r).height).max(1))
    }

    /// Rows visible in the filter panel.
    pub(crate) fn facets_height(&self) -> usize {
        self.areas()
            .facets
            .map_or(1, |r| usize::from(layout::inner(r).height).max(1))
    }

    /// The ranked rows of the list.
    pub fn hits(&self) -> &[Hit] {
        &self.results.shown().hits
    }

    /// The record of the selected row.
    pub fn selected_record(&self) -> Option<Record<'_>> {
        self.results.row(self.list.selected())
    }

    /// The kind and id (UUID, or code for regions) of the selected row's record.
    pub fn selected_id(&self) -> crate::store::Result<Option<(Kind, String)>> {
        let Some(r) = self.selected_record() else {
            return Ok(None);
        };
        Ok(self
            .store
            .id_by_rowid(r.kind, r.rowid)?
            .map(|id| (r.kind, id)))
    }

    /// The related records of the detail shown, flattened in display order.
    pub fn related(&self) -> Vec<&RecordRef> {
        self.detail.related()
    }

    /// Shows a message in the status bar.
    pub fn notify(&mut self, msg: impl Into<String>) {
        self.status.say(msg);
    }

    /// Shows the link popup (no system opener could open `url`).
    pub fn show_link(&mut self, url: String) {
        self.popup = Some(Popup::Link { url });
    }
}
