//! The state of each pane, one small struct apiece with private fields: the search bar (query
//! line, kind tab, what is listed), the result list, the detail pane, the filter panel and the
//! status line. [`super::app::App`] holds one of each; `update` changes them through the
//! methods here and views read them through the getters.

use super::query_line::QueryLine;
use super::sanitize::width;
use crate::detail::{Detail, Field};
use crate::i18n::{self, Lang};
use crate::model::{Kind, RecordRef};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
    Detail,
    Facets,
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    /// Search results (provinces when the query is empty: browse by place).
    #[default]
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
    /// The records near one record (see [`super::map`]).
    Nearby(super::map::NearbyList),
    /// A contact's card as a QR code (see [`super::book`]).
    Qr(super::book::QrCard),
    /// Likely duplicates, and the pair being merged (see [`super::book`]).
    Dupes(super::book::DupesView),
    /// The links `o` offers when a record has several, and the selected row.
    Links {
        items: Vec<(Field, String)>,
        selected: usize,
    },
    /// The coverage dashboard (see [`super::dash`]).
    Dashboard(Box<super::dash::Dashboard>),
    /// The sync conflicts (see [`super::share`]).
    Conflicts(super::share::ConflictsView),
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

/// The label of tab `i`.
pub fn tab_label(lang: Lang, i: usize) -> &'static str {
    match TABS.get(i).copied().flatten() {
        Some(k) => i18n::kind_plural(lang, k),
        None => lang.strings().all,
    }
}

/// The label of tab `i` as drawn, padded.
pub fn tab_text(lang: Lang, i: usize) -> String {
    format!(" {} ", tab_label(lang, i))
}

/// The drawn width of each tab, for the mouse's hit-test.
pub fn tab_widths(lang: Lang) -> [usize; TABS.len()] {
    std::array::from_fn(|i| width(&tab_text(lang, i)))
}

/// A selection in a list with a scroll offset; all moves saturate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scroll {
    selected: usize,
    offset: usize,
}

impl Scroll {
    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

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

/// What is searched: the query line, the kind tab and the source (search or a province).
#[derive(Debug, Default)]
pub struct SearchBar {
    line: QueryLine,
    tab: usize,
    source: Source,
}

impl SearchBar {
    /// The query line.
    pub fn line(&self) -> &QueryLine {
        &self.line
    }

    pub(crate) fn line_mut(&mut self) -> &mut QueryLine {
        &mut self.line
    }

    /// The kind tab (an index into [`TABS`]).
    pub fn tab(&self) -> usize {
        self.tab
    }

    pub(crate) fn set_tab(&mut self, tab: usize) {
        self.tab = tab;
    }

    /// What the list shows.
    pub fn source(&self) -> &Source {
        &self.source
    }

    pub(crate) fn set_source(&mut self, source: Source) {
        self.source = source;
    }

    /// The text submitted to the engine: the query line plus what the tab or the browse
    /// source adds.
    pub(crate) fn search_text(&self) -> String {
        let q = self.line.text().trim();
        match (&self.source, TABS[self.tab]) {
            (Source::Province(code), _) => format!("{q} kind:city prov:{code}"),
            (Source::Search, Some(kind)) => format!("{q} kind:{}", kind.as_str()),
            (Source::Search, None) if q.is_empty() => "kind:province".to_string(),
            (Source::Search, None) => q.to_string(),
        }
    }
}

/// Which row to select when an answer arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// The row at this position (going back in history).
    Row(usize),
    /// The record with this kind and rowid (the index was swapped).
    Record(Kind, i64),
}

/// The result list: its selection and scroll, and a row to select once the answer to a
/// re-run query arrives (history, index swap).
#[derive(Debug, Default)]
pub struct ListPane {
    scroll: Scroll,
    want: Option<Want>,
}

impl ListPane {
    /// The selected row.
    pub fn selected(&self) -> usize {
        self.scroll.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.scroll.offset
    }

    pub(crate) fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scroll
    }

    /// Back to the first row, unscrolled.
    pub(crate) fn reset(&mut self) {
        self.scroll = Scroll::default();
    }

    /// Keeps the selection within `len` rows.
    pub(crate) fn keep_in(&mut self, len: usize) {
        self.scroll.select(self.scroll.selected, len);
    }

    /// Goes back to row `row` (history): selected now, and again once the re-run query's
    /// answer lists it.
    pub(crate) fn return_to(&mut self, row: usize) {
        self.scroll.selected = row;
        self.want = Some(Want::Row(row));
    }

    pub(crate) fn want(&self) -> Option<Want> {
        self.want
    }

    pub(crate) fn set_want(&mut self, want: Option<Want>) {
        self.want = want;
    }
}

/// The detail pane: the record opened with Enter (`None` shows the selected row as a
/// preview), its loaded detail, the selected related record and the text scroll.
#[derive(Debug, Default)]
pub struct DetailPane {
    opened: Option<(Kind, String)>,
    shown: Option<Detail>,
    cursor: usize,
    /// First line shown of a focused pane without related records (long text).
    scroll: usize,
}

impl DetailPane {
    /// The kind and id of the record opened with Enter.
    pub fn opened(&self) -> Option<&(Kind, String)> {
        self.opened.as_ref()
    }

    pub(crate) fn set_opened(&mut self, opened: Option<(Kind, String)>) {
        self.opened = opened;
    }

    /// The detail shown.
    pub fn shown(&self) -> Option<&Detail> {
        self.shown.as_ref()
    }

    /// Shows `detail`, back at its top with the first related record selected.
    pub(crate) fn show(&mut self, detail: Option<Detail>) {
        self.cursor = 0;
        self.scroll = 0;
        self.shown = detail;
    }

    /// Forgets the detail shown so the next load reads it again (the data changed).
    pub(crate) fn forget(&mut self) {
        self.shown = None;
    }

    /// The selected related record (an index into [`DetailPane::related`]).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Selects related record `i`, clamped to those listed.
    pub(crate) fn set_cursor(&mut self, i: usize) {
        self.cursor = i.min(self.related().len().saturating_sub(1));
    }

    /// First line shown of a pane without related records.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Scrolls the text by `delta` lines, keeping `lines` of `height` in view.
    pub(crate) fn scroll_by(&mut self, delta: isize, lines: usize, height: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(height));
    }

    /// The related records of the detail shown, flattened in display order.
    pub fn related(&self) -> Vec<&RecordRef> {
        self.shown
            .as_ref()
            .map(|d| d.related.all().collect())
            .unwrap_or_default()
    }
}

/// The filter panel: whether it is shown, its rows and their selection.
#[derive(Debug, Default)]
pub struct FacetPane {
    open: bool,
    rows: Vec<FacetRow>,
    sel: Scroll,
}

impl FacetPane {
    /// Whether the panel is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    pub(crate) fn set_open(&mut self, open: bool) {
        self.open = open;
    }

    /// The rows: headings and counts.
    pub fn rows(&self) -> &[FacetRow] {
        &self.rows
    }

    /// The selection and scroll over [`FacetPane::rows`].
    pub fn sel(&self) -> Scroll {
        self.sel
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&FacetRow> {
        self.rows.get(self.sel.selected)
    }

    /// Replaces the rows, keeping the selection in range.
    pub(crate) fn set_rows(&mut self, rows: Vec<FacetRow>) {
        self.rows = rows;
        self.sel.select(self.sel.selected, self.rows.len());
    }

    /// Moves the selection by `delta` and keeps it in `height` rows.
    pub(crate) fn move_by(&mut self, delta: isize, height: usize) {
        self.sel.move_by(delta, self.rows.len());
        self.sel.fit(height);
    }

    /// Selects row `i` (clamped).
    pub(crate) fn select(&mut self, i: usize) {
        self.sel.select(i, self.rows.len());
    }

    /// Keeps the selection in `height` rows (after a resize).
    pub(crate) fn fit(&mut self, height: usize) {
        self.sel.fit(height);
    }
}

/// The one-line message of the status bar, and whether it is an error.
#[derive(Debug, Default)]
pub struct StatusLine {
    message: Option<(String, bool)>,
}

impl StatusLine {
    /// The message and whether it is an error; `None` shows the key hints.
    pub fn message(&self) -> Option<(&str, bool)> {
        self.message.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    /// Shows a message.
    pub(crate) fn say(&mut self, msg: impl Into<String>) {
        self.message = Some((msg.into(), false));
    }

    /// Shows an error (a busy database, a failed write) instead of failing.
    pub(crate) fn fail(&mut self, e: impl std::fmt::Display) {
        self.message = Some((e.to_string(), true));
    }

    /// Back to the key hints (each key press clears the last message).
    pub(crate) fn clear(&mut self) {
        self.message = None;
    }
}
