//! The app's state: one small struct per pane (see [`super::panes`]), the store, the search
//! engine, popups, editing and the back history. Changes happen in [`App::update`] (see
//! `update.rs`), which returns an [`Effect`] for anything that touches the outside world;
//! drawing only borrows this.

use super::edit::EditState;
use super::layout::{self, Areas};
use super::results::Results;
use super::theme::Theme;
use crate::detail;
use crate::i18n::Lang;
use crate::model::{Kind, RecordRef, SUBSECTORS};
use crate::search::{Hit, Index, Record};
use crate::store::Store;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use super::effects::Effect;
pub(crate) use super::panes::Want;
pub use super::panes::{
    DetailPane, FacetPane, FacetRow, Focus, ListPane, Popup, Scroll, SearchBar, Source, StatusLine,
    TABS,
};

/// Where the user was: one entry of the back history.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Location {
    query: String,
    tab: usize,
    source: Source,
    selected: usize,
    opened: Option<(Kind, String)>,
    focus: Focus,
    cursor: usize,
}

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
    nav: Nav,
    status: StatusLine,
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
            nav: Nav {
                focus: Focus::Search,
                history: Vec::new(),
                size: Rect::new(0, 0, 80, 24),
                quit: false,
            },
            status: StatusLine::default(),
        };
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

    /// Back to the first row, unscrolled.
    pub(crate) fn list_reset(&mut self) {
        self.list.reset();
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

    /// Swaps in a new index (the full one arrived from the background loader) and re-runs
    /// the query, keeping the selected record selected when it is still listed.
    pub fn set_index(&mut self, index: Arc<Index>, complete: bool) {
        let keep = self.selected_record().map(|r| (r.kind, r.rowid));
        self.results.set_index(index, complete);
        self.refresh();
        if let Some((kind, rowid)) = keep {
            self.list.set_want(Some(Want::Record(kind, rowid)));
            self.apply_want();
        }
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

    /// Re-runs the query for the current source and tab. A query error shows in the status
    /// bar and leaves the list as it was.
    pub fn refresh(&mut self) {
        if let Err(e) = self.results.submit(&self.search.search_text()) {
            self.status.fail(e);
        }
        self.after_results();
    }

    /// Takes the search answers that arrived; true when the screen needs drawing.
    pub fn poll_search(&mut self) -> bool {
        let changed = self.results.poll();
        if changed {
            self.after_results();
        }
        changed
    }

    /// Waits for the next search answer and takes it (benchmarks); false when none is due.
    pub fn wait_search(&mut self) -> bool {
        let changed = self.results.wait();
        if changed {
            self.after_results();
        }
        changed
    }

    /// Keeps the selection in range, rebuilds the filter panel and loads the detail after
    /// the shown answer changed.
    fn after_results(&mut self) {
        if !self.results.current() {
            // The old answer stays on screen until the new one arrives.
            return;
        }
        self.apply_want();
        let n = self.hits().len();
        let selected = self.list.selected();
        self.list.scroll_mut().select(selected, n);
        self.fit_list();
        self.build_facet_rows();
        self.load_detail();
    }

    /// Selects the wanted row once it is listed; forgets it when the answer is complete.
    fn apply_want(&mut self) {
        let Some(want) = self.list.want() else { return };
        if !self.results.current() {
            return;
        }
        let shown = self.results.shown();
        let found = match want {
            Want::Row(i) => (i < shown.hits.len()).then_some(i),
            Want::Record(kind, rowid) => shown.hits.iter().position(|h| {
                let r = shown.index.record(h.id);
                r.kind == kind && r.rowid == rowid
            }),
        };
        if let Some(i) = found {
            self.list.scroll_mut().select(i, shown.hits.len());
        }
        if found.is_some() || (shown.complete && !self.results.pending()) {
            self.list.set_want(None);
        }
    }

    /// Scrolls the list so its selection is visible.
    pub(crate) fn fit_list(&mut self) {
        let h = self.list_height();
        self.list.scroll_mut().fit(h);
    }

    /// Moves the list selection by `delta` rows; a new row drops the opened record and
    /// previews the new one.
    pub(crate) fn move_list(&mut self, delta: isize) {
        let before = self.list.selected();
        let n = self.hits().len();
        self.list.scroll_mut().move_by(delta, n);
        self.fit_list();
        if before != self.list.selected() {
            self.detail.set_opened(None);
            self.load_detail();
        }
    }

    /// Selects list row `row` when it is listed (a click).
    pub(crate) fn select_row(&mut self, row: usize) {
        let n = self.hits().len();
        if row >= n {
            return;
        }
        let was = self.list.selected();
        self.list.scroll_mut().select(row, n);
        if was != row {
            self.detail.set_opened(None);
            self.load_detail();
        }
    }

    /// Back to the first row, unscrolled, with no record opened; re-runs the search.
    pub(crate) fn query_changed(&mut self) {
        self.search.set_source(Source::Search);
        self.detail.set_opened(None);
        self.list.reset();
        self.refresh();
    }

    /// Loads the detail of the opened record, or of the selected row.
    pub(crate) fn load_detail(&mut self) {
        let key = match self.detail.opened() {
            Some(k) => Some(k.clone()),
            None => self.selected_id().unwrap_or_else(|e| {
                self.status.fail(e);
                None
            }),
        };
        let current = self.detail.shown().map(|d| (d.kind, d.id.as_str()));
        if key.as_ref().map(|(k, i)| (*k, i.as_str())) == current {
            return;
        }
        let detail = match key {
            Some((kind, id)) => detail::load(&self.store, kind, &id).unwrap_or_else(|e| {
                self.status.fail(e);
                None
            }),
            None => None,
        };
        self.detail.show(detail);
    }

    fn build_facet_rows(&mut self) {
        let s = self.lang().strings();
        let shown = self.results.shown();
        let Some(facets) = shown.facets.as_deref() else {
            self.facets.set_rows(Vec::new());
            return;
        };
        let filters = shown.query.filters();
        let mut rows = vec![FacetRow::Heading(s.kind_label)];
        for (i, kind) in Kind::ALL.iter().enumerate() {
            let count = facets.kinds[i] as usize;
            if count > 0 {
                rows.push(FacetRow::Kind {
                    kind: *kind,
                    count,
                    active: filters.kinds >> i & 1 == 1,
                });
            }
        }
        rows.push(FacetRow::Heading(s.province_label));
        let provinces = &shown.index.regions().provinces;
        for (i, count) in by_count(&facets.provinces) {
            let Some(p) = provinces.get(i) else { continue };
            rows.push(FacetRow::Province {
                code: p.code.clone(),
                name: p.name.clone(),
                count,
                active: filters.provinces.iter().any(|f| usize::from(*f) == i),
            });
        }
        let subs = by_count(&facets.subsectors);
        if !subs.is_empty() {
            rows.push(FacetRow::Heading(s.subsector_label));
        }
        for (i, count) in subs {
            rows.push(FacetRow::Subsector {
                slug: SUBSECTORS[i].0.to_string(),
                count,
                active: filters.subsectors >> i & 1 == 1,
            });
        }
        self.facets.set_rows(rows);
    }

    pub(crate) fn location(&self) -> Location {
        Location {
            query: self.query().to_string(),
            tab: self.search.tab(),
            source: self.search.source().clone(),
            selected: self.list.selected(),
            opened: self.detail.opened().cloned(),
            focus: self.nav.focus,
            cursor: self.detail.cursor(),
        }
    }

    pub(crate) fn restore(&mut self, loc: Location) {
        self.set_query(loc.query);
        self.search.set_tab(loc.tab);
        self.search.set_source(loc.source);
        self.detail.set_opened(loc.opened);
        self.nav.focus = loc.focus;
        let n = self.hits().len().max(loc.selected + 1);
        self.list.scroll_mut().select(loc.selected, n);
        self.list.set_want(Some(Want::Row(loc.selected)));
        self.refresh();
        self.detail.set_cursor(loc.cursor);
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

/// The non-zero counts with their positions, most first (ties in table order).
fn by_count(counts: &[u32]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| (i, *n as usize))
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}
