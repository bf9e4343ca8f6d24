//! The app's state: query, results, selection, focus, the record shown, popups and history.
//! Changes happen in [`App::update`] (see `update.rs`); drawing only borrows this.

use super::layout::{self, Areas};
use super::results::{self, Catalogue, FacetCounts, Hit, Query};
use super::theme::Theme;
use crate::detail::{self, Detail, Field};
use crate::i18n::Lang;
use crate::model::{Kind, RecordRef};
use crate::store::Store;
use ratatui::layout::Rect;

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

/// The whole app state.
pub struct App {
    pub(crate) store: Store,
    pub lang: Lang,
    pub theme: Theme,
    pub query: String,
    pub tab: usize,
    pub source: Source,
    pub catalogue: Catalogue,
    pub parsed: Query,
    pub hits: Vec<Hit>,
    pub list: Scroll,
    pub focus: Focus,
    /// The record opened with Enter; `None` shows the selected row as a preview.
    pub opened: Option<(Kind, String)>,
    pub detail: Option<Detail>,
    /// The selected related record in the detail pane.
    pub cursor: usize,
    pub facets_open: bool,
    pub facets: FacetCounts,
    pub facet_rows: Vec<FacetRow>,
    pub facet_sel: Scroll,
    pub popup: Option<Popup>,
    pub(crate) history: Vec<Location>,
    /// A one-line message for the status bar, and whether it is an error.
    pub status: Option<(String, bool)>,
    pub size: Rect,
    pub quit: bool,
    /// The edit form, pickers, questions and undo log (see [`super::edit`]).
    pub edit: super::edit::EditState,
}

impl App {
    /// A new app over `store`, with an (initially partial) catalogue.
    pub fn new(store: Store, catalogue: Catalogue, lang: Lang, theme: Theme) -> App {
        let mut app = App {
            store,
            lang,
            theme,
            query: String::new(),
            tab: 0,
            source: Source::Search,
            catalogue,
            parsed: Query::default(),
            hits: Vec::new(),
            list: Scroll::default(),
            focus: Focus::Search,
            opened: None,
            detail: None,
            cursor: 0,
            facets_open: false,
            facets: FacetCounts::default(),
            facet_rows: Vec::new(),
            facet_sel: Scroll::default(),
            popup: None,
            history: Vec::new(),
            status: None,
            size: Rect::new(0, 0, 80, 24),
            quit: false,
            edit: super::edit::EditState::default(),
        };
        app.refresh();
        app
    }

    /// Replaces the catalogue (the full one arrived from the background loader), keeping the
    /// selected record selected when it is still listed.
    pub fn set_catalogue(&mut self, catalogue: Catalogue) {
        let keep = self.selected_entry().map(|e| (e.kind, e.id.clone()));
        self.catalogue = catalogue;
        self.refresh();
        if let Some((kind, id)) = keep
            && let Some(i) = self.hits.iter().position(|h| {
                let e = &self.catalogue.entries[h.entry];
                e.kind == kind && e.id == id
            })
        {
            self.list.select(i, self.hits.len());
            self.fit_list();
            self.load_detail();
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

    /// The catalogue entry of the selected row.
    pub fn selected_entry(&self) -> Option<&results::Entry> {
        self.hits
            .get(self.list.selected)
            .and_then(|h| self.catalogue.entries.get(h.entry))
    }

    /// The related records of the detail shown, flattened in display order.
    pub fn related(&self) -> Vec<&RecordRef> {
        self.detail
            .as_ref()
            .map(|d| d.related.all().collect())
            .unwrap_or_default()
    }

    /// Re-runs the query for the current source and tab; keeps the selection in range.
    pub fn refresh(&mut self) {
        self.parsed = Query::parse(&self.query, &self.catalogue);
        self.hits = match &self.source {
            Source::Province(code) => {
                let mut q = self.parsed.clone();
                q.provinces = vec![code.clone()];
                results::search(&self.catalogue, &q, Some(Kind::City))
            }
            Source::Search if self.parsed.is_empty() && self.tab == 0 => {
                results::search(&self.catalogue, &self.parsed, Some(Kind::Province))
            }
            Source::Search => results::search(&self.catalogue, &self.parsed, TABS[self.tab]),
        };
        self.list.select(self.list.selected, self.hits.len());
        self.fit_list();
        self.facets = results::facets(&self.catalogue, &self.hits);
        self.build_facet_rows();
        self.load_detail();
    }

    pub(crate) fn fit_list(&mut self) {
        let h = self.list_height();
        self.list.fit(h);
    }

    /// Loads the detail of the opened record, or of the selected row.
    pub(crate) fn load_detail(&mut self) {
        let key = self
            .opened
            .clone()
            .or_else(|| self.selected_entry().map(|e| (e.kind, e.id.clone())));
        let current = self.detail.as_ref().map(|d| (d.kind, d.id.as_str()));
        if key.as_ref().map(|(k, i)| (*k, i.as_str())) == current {
            return;
        }
        self.cursor = 0;
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
        let mut rows = vec![FacetRow::Heading(s.kind_label)];
        let tab_kind = TABS[self.tab];
        for (kind, count) in &self.facets.kinds {
            rows.push(FacetRow::Kind {
                kind: *kind,
                count: *count,
                active: tab_kind == Some(*kind) || self.parsed.kinds.contains(kind),
            });
        }
        rows.push(FacetRow::Heading(s.province_label));
        for (code, name, count) in &self.facets.provinces {
            rows.push(FacetRow::Province {
                code: code.clone(),
                name: name.clone(),
                count: *count,
                active: self.parsed.provinces.contains(code),
            });
        }
        if !self.facets.subsectors.is_empty() {
            rows.push(FacetRow::Heading(s.subsector_label));
        }
        for (slug, count) in &self.facets.subsectors {
            rows.push(FacetRow::Subsector {
                slug: slug.clone(),
                count: *count,
                active: self.parsed.subsectors.contains(slug),
            });
        }
        self.facet_rows = rows;
        self.facet_sel
            .select(self.facet_sel.selected, self.facet_rows.len());
    }

    pub(crate) fn location(&self) -> Location {
        Location {
            query: self.query.clone(),
            tab: self.tab,
            source: self.source.clone(),
            selected: self.list.selected,
            opened: self.opened.clone(),
            focus: self.focus,
            cursor: self.cursor,
        }
    }

    pub(crate) fn restore(&mut self, loc: Location) {
        self.query = loc.query;
        self.tab = loc.tab;
        self.source = loc.source;
        self.opened = loc.opened;
        self.focus = loc.focus;
        self.list.selected = loc.selected;
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
