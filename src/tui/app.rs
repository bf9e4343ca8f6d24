//! The app's state: query, results, selection, focus, the record shown, popups and history.
//! Changes happen in [`App::update`] (see `update.rs`); drawing only borrows this.

use super::layout::{self, Areas};
use super::results::Results;
use super::theme::Theme;
use crate::detail::{self, Detail, Field};
use crate::i18n::Lang;
use crate::model::{Kind, RecordRef, SUBSECTORS};
use crate::search::{Hit, Index, Record};
use crate::store::Store;
use ratatui::layout::Rect;
use std::sync::Arc;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
    Detail,
    Facets,
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Search results (provinces when the query is empty: browse by place).
    Search,
    /// The kabupaten/kota of one province (by code).
    Province(String),
}

/// A popup over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    About {
        scroll: usize,
    },
    /// The copy menu: what can be copied from the record, and the selected row.
    Copy {
        items: Vec<(Field, String)>,
        selected: usize,
    },
    /// A link to copy when no system opener exists.
    Link {
        url: String,
    },
}

/// A side effect for the event loop to perform (the update itself stays testable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Open a URL with the system opener.
    Open(String),
}

/// The kind tabs: all, then one per kind.
pub const TABS: [Option<Kind>; 6] = [
    None,
    Some(Kind::City),
    Some(Kind::Community),
    Some(Kind::Space),
    Some(Kind::Organisation),
    Some(Kind::Contact),
];

/// A selection in a list with a scroll offset; all moves saturate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scroll {
    pub selected: usize,
    pub offset: usize,
}

impl Scroll {
    /// Moves by `delta` rows within `len` rows.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// Selects row `i` (clamped).
    pub fn select(&mut self, i: usize, len: usize) {
        self.selected = i.min(len.saturating_sub(1));
    }

    /// Adjusts the offset so the selection is visible in `height` rows.
    pub fn fit(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// One row of the filter panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    /// A group title: kinds, provinces, subsectors.
    Heading(&'static str),
    Kind {
        kind: Kind,
        count: usize,
        active: bool,
    },
    Province {
        code: String,
        name: String,
        count: usize,
        active: bool,
    },
    Subsector {
        slug: String,
        count: usize,
        active: bool,
    },
}

/// Where the user was: one entry of the back history.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Location {
    pub query: String,
    pub tab: usize,
    pub source: Source,
    pub selected: usize,
    pub opened: Option<(Kind, String)>,
    pub focus: Focus,
    pub cursor: usize,
}

/// Which row to select when an answer arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// The row at this position (going back in history).
    Row(usize),
    /// The record with this kind and rowid (the index was swapped).
    Record(Kind, i64),
}

/// The whole app state.
pub struct App {
    pub(crate) store: Store,
    pub lang: Lang,
    pub theme: Theme,
    /// The search line: text, cursor and kill buffer (read it with [`App::query`]).
    pub(crate) input: tui_input::Input,
    pub tab: usize,
    pub source: Source,
    /// The search engine and the answer on screen.
    pub results: Results,
    /// A row to select once the answer to a re-run query arrives (history, index swap).
    pub(crate) want: Option<Want>,
    pub list: Scroll,
    pub focus: Focus,
    /// The record opened with Enter; `None` shows the selected row as a preview.
    pub opened: Option<(Kind, String)>,
    pub detail: Option<Detail>,
    /// The selected related record in the detail pane.
    pub cursor: usize,
    /// First line shown of a focused detail pane without related records (long text).
    pub detail_scroll: usize,
    pub facets_open: bool,
    pub facet_rows: Vec<FacetRow>,
    pub facet_sel: Scroll,
    pub popup: Option<Popup>,
    pub(crate) history: Vec<Location>,
    /// A one-line message for the status bar, and whether it is an error.
    pub status: Option<(String, bool)>,
    pub size: Rect,
    pub quit: bool,
    /// The data changed and the index is too big to rebuild on the UI thread: the event loop
    /// starts a background reload.
    pub reload_requested: bool,
    /// Where `x` writes exported results (the working directory).
    pub export_dir: std::path::PathBuf,
    /// The edit form, pickers, questions and undo log (see [`super::edit`]).
    pub edit: super::edit::EditState,
    /// The store's data generation the app shows (see [`Store::generation`]): a different one
    /// seen by the watcher means another program wrote to the database.
    pub(crate) generation: String,
}

impl App {
    /// A new app over `store`, searching with `results`; runs the first query (the browse
    /// list of provinces).
    pub fn new(store: Store, results: Results, lang: Lang, theme: Theme) -> App {
        let generation = store.generation().unwrap_or_default();
        let mut app = App {
            store,
            lang,
            theme,
            input: tui_input::Input::default(),
            tab: 0,
            source: Source::Search,
            results,
            want: None,
            list: Scroll::default(),
            focus: Focus::Search,
            opened: None,
            detail: None,
            cursor: 0,
            detail_scroll: 0,
            facets_open: false,
            facet_rows: Vec::new(),
            facet_sel: Scroll::default(),
            popup: None,
            history: Vec::new(),
            status: None,
            size: Rect::new(0, 0, 80, 24),
            quit: false,
            reload_requested: false,
            export_dir: std::path::PathBuf::from("."),
            edit: super::edit::EditState::default(),
            generation,
        };
        app.refresh();
        app
    }

    /// The store's generation is now `generation` (the watcher read it). When it is not the
    /// one the app shows, another program wrote to the database: reload and say so. Returns
    /// whether it reloaded.
    pub fn external_change(&mut self, generation: &str) -> bool {
        if generation == self.generation {
            return false;
        }
        self.data_changed();
        self.notify(self.lang.strings().changed_elsewhere);
        true
    }

    /// Swaps in a new index (the full one arrived from the background loader) and re-runs
    /// the query, keeping the selected record selected when it is still listed.
    pub fn set_index(&mut self, index: Arc<Index>, complete: bool) {
        let keep = self.selected_record().map(|r| (r.kind, r.rowid));
        self.results.set_index(index, complete);
        self.refresh();
        if let Some((kind, rowid)) = keep {
            self.want = Some(Want::Record(kind, rowid));
            self.apply_want();
        }
    }

    /// The store the app reads from.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The pane areas of the current frame.
    pub fn areas(&self) -> Areas {
        layout::compute(self.size, self.focus, self.facets_open)
    }

    /// Rows visible in the list pane.
    pub fn list_height(&self) -> usize {
        self.areas()
            .list
            .map_or(1, |r| usize::from(layout::inner(r).height).max(1))
    }

    /// The ranked rows of the list.
    pub fn hits(&self) -> &[Hit] {
        &self.results.shown().hits
    }

    /// The record of the selected row.
    pub fn selected_record(&self) -> Option<Record<'_>> {
        self.results.row(self.list.selected)
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
        self.detail
            .as_ref()
            .map(|d| d.related.all().collect())
            .unwrap_or_default()
    }

    /// The text submitted to the engine: the query line plus what the tab or the browse
    /// source adds.
    fn search_text(&self) -> String {
        let q = self.query().trim();
        match (&self.source, TABS[self.tab]) {
            (Source::Province(code), _) => format!("{q} kind:city prov:{code}"),
            (Source::Search, Some(kind)) => format!("{q} kind:{}", kind.as_str()),
            (Source::Search, None) if q.is_empty() => "kind:province".to_string(),
            (Source::Search, None) => q.to_string(),
        }
    }

    /// Re-runs the query for the current source and tab. A query error shows in the status
    /// bar and leaves the list as it was.
    pub fn refresh(&mut self) {
        match self.results.submit(&self.search_text()) {
            Ok(()) => {}
            Err(e) => self.status = Some((e.to_string(), true)),
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
        self.list.select(self.list.selected, self.hits().len());
        self.fit_list();
        self.build_facet_rows();
        self.load_detail();
    }

    /// Selects the wanted row once it is listed; forgets it when the answer is complete.
    fn apply_want(&mut self) {
        let Some(want) = self.want else { return };
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
            self.list.select(i, shown.hits.len());
        }
        if found.is_some() || (shown.complete && !self.results.pending()) {
            self.want = None;
        }
    }

    pub(crate) fn fit_list(&mut self) {
        let h = self.list_height();
        self.list.fit(h);
    }

    /// Loads the detail of the opened record, or of the selected row.
    pub(crate) fn load_detail(&mut self) {
        let key = match &self.opened {
            Some(k) => Some(k.clone()),
            None => match self.selected_id() {
                Ok(key) => key,
                Err(e) => {
                    self.status = Some((e.to_string(), true));
                    None
                }
            },
        };
        let current = self.detail.as_ref().map(|d| (d.kind, d.id.as_str()));
        if key.as_ref().map(|(k, i)| (*k, i.as_str())) == current {
            return;
        }
        self.cursor = 0;
        self.detail_scroll = 0;
        self.detail = match key {
            Some((kind, id)) => match detail::load(&self.store, kind, &id) {
                Ok(d) => d,
                Err(e) => {
                    self.status = Some((e.to_string(), true));
                    None
                }
            },
            None => None,
        };
    }

    fn build_facet_rows(&mut self) {
        let s = self.lang.strings();
        let shown = self.results.shown();
        let Some(facets) = shown.facets.as_deref() else {
            self.facet_rows.clear();
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
        let mut by_count: Vec<(usize, usize)> = facets
            .provinces
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (i, *n as usize))
            .collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (i, count) in by_count {
            let Some(p) = provinces.get(i) else { continue };
            rows.push(FacetRow::Province {
                code: p.code.clone(),
                name: p.name.clone(),
                count,
                active: filters.provinces.iter().any(|f| usize::from(*f) == i),
            });
        }
        let mut subs: Vec<(usize, usize)> = facets
            .subsectors
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (i, *n as usize))
            .collect();
        subs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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
        self.facet_rows = rows;
        self.facet_sel
            .select(self.facet_sel.selected, self.facet_rows.len());
    }

    pub(crate) fn location(&self) -> Location {
        Location {
            query: self.query().to_string(),
            tab: self.tab,
            source: self.source.clone(),
            selected: self.list.selected,
            opened: self.opened.clone(),
            focus: self.focus,
            cursor: self.cursor,
        }
    }

    pub(crate) fn restore(&mut self, loc: Location) {
        self.set_query(loc.query);
        self.tab = loc.tab;
        self.source = loc.source;
        self.opened = loc.opened;
        self.focus = loc.focus;
        self.list.selected = loc.selected;
        self.want = Some(Want::Row(loc.selected));
        self.refresh();
        self.cursor = loc.cursor.min(self.related().len().saturating_sub(1));
    }

    /// Shows a message in the status bar.
    pub fn notify(&mut self, msg: impl Into<String>) {
        self.status = Some((msg.into(), false));
    }

    /// Shows the link popup (no system opener could open `url`).
    pub fn show_link(&mut self, url: String) {
        self.popup = Some(Popup::Link { url });
    }
}
