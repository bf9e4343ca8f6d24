//! Moving around: selection moves per pane, opening records and provinces, the back history,
//! Escape, focus cycling, tabs and the filter panel's toggles.

use super::app::{App, FacetRow, Focus, Source, TABS};
use super::detail_lines;
use super::layout::inner;
use crate::model::{Kind, SUBSECTORS};
use crate::search::{Facet, Facets};

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

impl App {
    /// Rows a page key moves in the focused pane.
    pub(crate) fn page(&self) -> isize {
        let h = match self.focus() {
            Focus::Facets => self.facets_height(),
            _ => self.list_height(),
        };
        isize::try_from(h.saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Moves the selection of the focused pane by `delta` rows.
    pub(crate) fn move_by(&mut self, delta: isize) {
        match self.focus() {
            Focus::Search | Focus::List => self.move_list(delta),
            Focus::Detail => {
                let n = self.related().len();
                if n == 0 {
                    // Nothing to select: scroll the text.
                    let (lines, h) = self.areas().detail.map_or((0, 1), |r| {
                        let lines = detail_lines::line_count(self, r);
                        (lines, usize::from(inner(r).height))
                    });
                    self.detail_mut().scroll_by(delta, lines, h);
                } else {
                    let i = self.cursor().saturating_add_signed(delta);
                    self.detail_mut().set_cursor(i);
                }
            }
            Focus::Facets => {
                let h = self.facets_height();
                self.facets_mut().move_by(delta, h);
            }
        }
    }

    /// Enter: opens the selected row (a province lists its cities), the selected related
    /// record, or toggles the selected filter.
    pub(crate) fn open(&mut self) {
        match self.focus() {
            Focus::Search | Focus::List => {
                let (kind, id) = match self.selected_id() {
                    Ok(Some(key)) => key,
                    Ok(None) => return,
                    Err(e) => {
                        self.status_mut().fail(e);
                        return;
                    }
                };
                let here = self.location();
                self.history_mut().push(here);
                if kind == Kind::Province {
                    self.search_mut().set_source(Source::Province(id));
                    self.set_query(String::new());
                    self.detail_mut().set_opened(None);
                    self.list_mut().reset();
                    self.set_focus(Focus::List);
                    self.refresh();
                } else {
                    self.open_record(kind, id);
                }
            }
            Focus::Detail => {
                let target = self
                    .related()
                    .get(self.cursor())
                    .map(|r| (r.kind, r.id.clone()));
                if let Some((kind, id)) = target {
                    let here = self.location();
                    self.history_mut().push(here);
                    self.open_record(kind, id);
                }
            }
            Focus::Facets => self.toggle_facet(),
        }
    }

    pub(crate) fn open_record(&mut self, kind: Kind, id: String) {
        self.detail_mut().set_opened(Some((kind, id)));
        self.set_focus(Focus::Detail);
        self.load_detail();
        self.detail_mut().set_cursor(0);
    }

    /// Back to where the user was, like a browser.
    pub(crate) fn back(&mut self) {
        match self.history_mut().pop() {
            Some(loc) => self.restore(loc),
            None => self.notify(self.lang().strings().back_empty),
        }
    }

    pub(crate) fn escape(&mut self) {
        match self.focus() {
            Focus::Search => self.set_focus(Focus::List),
            Focus::List => {
                if self.has_history() {
                    self.back();
                } else {
                    if !self.query().is_empty() {
                        self.set_query(String::new());
                        self.query_changed();
                    }
                    self.set_focus(Focus::Search);
                }
            }
            Focus::Detail => {
                if self.opened().is_some() && self.has_history() {
                    self.back();
                } else {
                    self.set_focus(Focus::List);
                }
            }
            Focus::Facets => {
                self.facets_mut().set_open(false);
                self.set_focus(Focus::List);
            }
        }
    }

    pub(crate) fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::Search, Focus::List, Focus::Detail];
        if self.facets().is_open() {
            order.push(Focus::Facets);
        }
        let i = order.iter().position(|f| *f == self.focus()).unwrap_or(0);
        let n = order.len();
        self.set_focus(
            order[if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }],
        );
    }

    pub(crate) fn set_tab(&mut self, tab: usize) {
        self.search_mut().set_tab(tab);
        self.query_changed();
    }

    /// Toggles the selected filter row: a kind switches its tab, a province or subsector adds
    /// or removes its token on the query line.
    pub(crate) fn toggle_facet(&mut self) {
        let Some(row) = self.facets().selected_row().cloned() else {
            return;
        };
        let index = std::sync::Arc::clone(&self.results.shown().index);
        let facet = match &row {
            FacetRow::Heading(_) => return,
            FacetRow::Kind { kind, .. } => Facet::Kind(*kind),
            FacetRow::Province { code, .. } => {
                let Some(i) = index
                    .regions()
                    .provinces
                    .iter()
                    .position(|p| &p.code == code)
                else {
                    return;
                };
                Facet::Province(i as u8)
            }
            FacetRow::Subsector { slug, .. } => {
                let Some(i) = SUBSECTORS.iter().position(|(s, _)| s == slug) else {
                    return;
                };
                Facet::Subsector(i)
            }
        };
        let Some(token) = Facets::token(&index, facet) else {
            return;
        };
        match row {
            // A kind toggles its tab, unless the query line names it.
            FacetRow::Kind { kind, active, .. }
                if !self.query().split_whitespace().any(|w| w == token) =>
            {
                let tab = TABS.iter().position(|t| *t == Some(kind)).unwrap_or(0);
                self.search_mut().set_tab(if active { 0 } else { tab });
            }
            _ => self.toggle_token(&token),
        }
        self.query_changed();
    }

    /// Adds `token` to the query, or removes it when present.
    fn toggle_token(&mut self, token: &str) {
        let words: Vec<&str> = self.query().split_whitespace().collect();
        let kept: Vec<&str> = words.iter().copied().filter(|w| *w != token).collect();
        let text = if kept.len() == words.len() {
            let mut q = self.query().trim_end().to_string();
            if !q.is_empty() {
                q.push(' ');
            }
            q.push_str(token);
            q
        } else {
            kept.join(" ")
        };
        self.set_query(text);
    }

    /// Moves the list selection by `delta` rows; a new row drops the opened record and
    /// previews the new one.
    pub(crate) fn move_list(&mut self, delta: isize) {
        let before = self.list_mut().selected();
        let n = self.hits().len();
        self.list_mut().scroll_mut().move_by(delta, n);
        self.fit_list();
        if before != self.list_mut().selected() {
            self.detail_mut().set_opened(None);
            self.load_detail();
        }
    }

    /// Selects list row `row` when it is listed (a click).
    pub(crate) fn select_row(&mut self, row: usize) {
        let n = self.hits().len();
        if row >= n {
            return;
        }
        let was = self.list_mut().selected();
        self.list_mut().scroll_mut().select(row, n);
        if was != row {
            self.detail_mut().set_opened(None);
            self.load_detail();
        }
    }

    /// Back to the first row, unscrolled, with no record opened; re-runs the search.
    pub(crate) fn query_changed(&mut self) {
        self.search_mut().set_source(Source::Search);
        self.detail_mut().set_opened(None);
        self.list_mut().reset();
        self.refresh();
    }

    /// Where the user is now, for the back history.
    pub(crate) fn location(&self) -> Location {
        Location {
            query: self.query().to_string(),
            tab: self.search().tab(),
            source: self.search().source().clone(),
            selected: self.list().selected(),
            opened: self.detail().opened().cloned(),
            focus: self.focus(),
            cursor: self.detail().cursor(),
        }
    }

    /// Goes back to `loc`: its query, tab and source re-run, its row and record selected.
    pub(crate) fn restore(&mut self, loc: Location) {
        self.set_query(loc.query);
        self.search_mut().set_tab(loc.tab);
        self.search_mut().set_source(loc.source);
        self.detail_mut().set_opened(loc.opened);
        self.set_focus(loc.focus);
        self.list_mut().return_to(loc.selected);
        self.refresh();
        self.detail_mut().set_cursor(loc.cursor);
    }
}
