//! [`App::update`]: one action in, state changed, maybe one side effect out.

use super::action::Action;
use super::app::{App, Effect, FacetRow, Focus, Popup, Source, TABS};
use super::keymap::Scope;
use super::layout::{contains, inner};
use crate::model::{Kind, SUBSECTORS};
use crate::search::{Facet, Facets};
use ratatui::layout::Rect;

/// Rows a mouse wheel notch moves.
const WHEEL: isize = 3;

impl App {
    /// The key scope for the current focus and popup.
    pub fn scope(&self) -> Scope {
        if self.popup.is_some() {
            Scope::Popup
        } else if let Some(scope) = self.edit.scope() {
            scope
        } else if self.focus == Focus::Search {
            Scope::Search
        } else {
            Scope::Panes
        }
    }

    /// Applies one action. Returns a side effect for the event loop to run, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Resize { .. }) {
            self.status = None;
        }
        if self.popup.is_some() && !matches!(action, Action::Quit | Action::Resize { .. }) {
            return self.update_popup(action);
        }
        if self.edit.is_active()
            && !matches!(action, Action::Quit | Action::Resize { .. } | Action::Help)
        {
            return self.update_edit(action);
        }
        match action {
            Action::Quit => self.quit = true,
            Action::DeleteChar if self.query().is_empty() => self.back(),
            Action::Input(_)
            | Action::DeleteChar
            | Action::DeleteWord
            | Action::ClearQuery
            | Action::QueryEdit(_) => {
                self.edit_line(action);
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::FocusSearch => self.focus = Focus::Search,
            Action::Escape => self.escape(),
            Action::NextTab => self.set_tab((self.tab + 1) % TABS.len()),
            Action::PrevTab => self.set_tab((self.tab + TABS.len() - 1) % TABS.len()),
            Action::ToggleFacets => {
                self.facets_open = !self.facets_open;
                self.focus = if self.facets_open {
                    Focus::Facets
                } else {
                    Focus::List
                };
            }
            Action::Copy => {
                let items = self
                    .detail
                    .as_ref()
                    .map(crate::detail::Detail::copyables)
                    .unwrap_or_default();
                if items.is_empty() {
                    self.notify(self.lang.strings().copy_nothing);
                } else {
                    self.popup = Some(Popup::Copy { items, selected: 0 });
                }
            }
            Action::OpenLink => match self.detail.as_ref().and_then(crate::detail::Detail::link) {
                Some(url) => return Some(Effect::Open(url)),
                None => self.notify(self.lang.strings().open_nothing),
            },
            Action::ExportResults => self.export_results(),
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::About => self.popup = Some(Popup::About { scroll: 0 }),
            Action::Click { x, y } => self.click(x, y),
            Action::ScrollUp { x, y } => self.wheel(x, y, -WHEEL),
            Action::ScrollDown { x, y } => self.wheel(x, y, WHEEL),
            Action::New
            | Action::Edit
            | Action::Delete
            | Action::Verify
            | Action::Undo
            | Action::Save
            | Action::AddRole
            | Action::RemoveRole
            | Action::Confirm
            | Action::TextEdit(_)
            | Action::DataChanged => return self.edit_action(action),
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.fit_list();
                let h = self.facets_height();
                self.facet_sel.fit(h);
            }
        }
        None
    }

    fn update_popup(&mut self, action: Action) -> Option<Effect> {
        let popup = self.popup.as_mut()?;
        let delta = match action {
            Action::Up | Action::ScrollUp { .. } => -1,
            Action::Down | Action::ScrollDown { .. } => 1,
            Action::PageUp => -10,
            Action::PageDown => 10,
            _ => 0,
        };
        match popup {
            Popup::Help { scroll } | Popup::About { scroll } => {
                *scroll = scroll.saturating_add_signed(delta);
            }
            Popup::Copy { items, selected } => {
                *selected = selected
                    .saturating_add_signed(delta)
                    .min(items.len().saturating_sub(1));
                if matches!(action, Action::Open | Action::Copy) {
                    let text = items.get(*selected).map(|(_, v)| v.clone());
                    self.popup = None;
                    if let Some(text) = text {
                        self.notify(format!("{}: {text}", self.lang.strings().copied));
                        return Some(Effect::Copy(text));
                    }
                }
            }
            Popup::Link { url } => {
                if matches!(action, Action::Copy | Action::Open) {
                    let url = url.clone();
                    self.popup = None;
                    self.notify(format!("{}: {url}", self.lang.strings().copied));
                    return Some(Effect::Copy(url));
                }
            }
        }
        if matches!(action, Action::Escape | Action::Help | Action::About) {
            self.popup = None;
        }
        None
    }

    pub(crate) fn query_changed(&mut self) {
        self.source = Source::Search;
        self.opened = None;
        self.list.selected = 0;
        self.list.offset = 0;
        self.refresh();
    }

    fn page(&self) -> isize {
        let h = match self.focus {
            Focus::Facets => self.facets_height(),
            _ => self.list_height(),
        };
        isize::try_from(h.saturating_sub(1).max(1)).unwrap_or(1)
    }

    fn facets_height(&self) -> usize {
        self.areas()
            .facets
            .map_or(1, |r| usize::from(inner(r).height).max(1))
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::Search | Focus::List => {
                let before = self.list.selected;
                self.list.move_by(delta, self.hits().len());
                self.fit_list();
                if before != self.list.selected {
                    self.opened = None;
                    self.load_detail();
                }
            }
            Focus::Detail => {
                let n = self.related().len();
                if n == 0 {
                    // Nothing to select: scroll the text.
                    let (lines, h) = self.areas().detail.map_or((0, 1), |r| {
                        let lines = super::view::detail::line_count(self, r);
                        (lines, usize::from(inner(r).height))
                    });
                    self.detail_scroll = self
                        .detail_scroll
                        .saturating_add_signed(delta)
                        .min(lines.saturating_sub(h));
                } else {
                    self.cursor = self
                        .cursor
                        .saturating_add_signed(delta)
                        .min(n.saturating_sub(1));
                }
            }
            Focus::Facets => {
                self.facet_sel.move_by(delta, self.facet_rows.len());
                let h = self.facets_height();
                self.facet_sel.fit(h);
            }
        }
    }

    fn open(&mut self) {
        match self.focus {
            Focus::Search | Focus::List => {
                let (kind, id) = match self.selected_id() {
                    Ok(Some(key)) => key,
                    Ok(None) => return,
                    Err(e) => {
                        self.status = Some((e.to_string(), true));
                        return;
                    }
                };
                self.history.push(self.location());
                if kind == Kind::Province {
                    self.source = Source::Province(id);
                    self.set_query(String::new());
                    self.opened = None;
                    self.list = super::app::Scroll::default();
                    self.focus = Focus::List;
                    self.refresh();
                } else {
                    self.open_record(kind, id);
                }
            }
            Focus::Detail => {
                let target = self
                    .related()
                    .get(self.cursor)
                    .map(|r| (r.kind, r.id.clone()));
                if let Some((kind, id)) = target {
                    self.history.push(self.location());
                    self.open_record(kind, id);
                }
            }
            Focus::Facets => self.toggle_facet(),
        }
    }

    fn open_record(&mut self, kind: Kind, id: String) {
        self.opened = Some((kind, id));
        self.focus = Focus::Detail;
        self.load_detail();
        self.cursor = 0;
    }

    fn back(&mut self) {
        match self.history.pop() {
            Some(loc) => self.restore(loc),
            None => self.notify(self.lang.strings().back_empty),
        }
    }

    fn escape(&mut self) {
        match self.focus {
            Focus::Search => self.focus = Focus::List,
            Focus::List => {
                if self.history.is_empty() {
                    if !self.query().is_empty() {
                        self.set_query(String::new());
                        self.query_changed();
                    }
                    self.focus = Focus::Search;
                } else {
                    self.back();
                }
            }
            Focus::Detail => {
                if self.opened.is_some() && !self.history.is_empty() {
                    self.back();
                } else {
                    self.focus = Focus::List;
                }
            }
            Focus::Facets => {
                self.facets_open = false;
                self.focus = Focus::List;
            }
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::Search, Focus::List, Focus::Detail];
        if self.facets_open {
            order.push(Focus::Facets);
        }
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    fn set_tab(&mut self, tab: usize) {
        self.tab = tab;
        self.query_changed();
    }

    fn toggle_facet(&mut self) {
        let Some(row) = self.facet_rows.get(self.facet_sel.selected).cloned() else {
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
                self.tab = if active { 0 } else { tab };
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

    fn click(&mut self, x: u16, y: u16) {
        let a = self.areas();
        if contains(a.search, x, y) {
            self.focus = Focus::Search;
        } else if let Some(r) = a.list.filter(|r| contains(*r, x, y)) {
            self.focus = Focus::List;
            let i = inner(r);
            if y >= i.y && y < i.y + i.height {
                let row = self.list.offset + usize::from(y - i.y);
                if row < self.hits().len() {
                    let was = self.list.selected;
                    self.list.select(row, self.hits().len());
                    if was != row {
                        self.opened = None;
                        self.load_detail();
                    }
                }
            }
        } else if let Some(r) = a.tabs.filter(|r| contains(*r, x, y)) {
            if let Some(tab) = super::view::search::tab_at(self.lang, x - r.x) {
                self.set_tab(tab);
            }
        } else if let Some(r) = a.detail.filter(|r| contains(*r, x, y)) {
            self.click_detail(r, y);
        } else if let Some(r) = a.facets.filter(|r| contains(*r, x, y)) {
            self.focus = Focus::Facets;
            let i = inner(r);
            if y >= i.y && y < i.y + i.height {
                let row = self.facet_sel.offset + usize::from(y - i.y);
                if row < self.facet_rows.len() {
                    self.facet_sel.select(row, self.facet_rows.len());
                    self.toggle_facet();
                }
            }
        }
    }

    /// A click in the detail pane focuses it and selects the related record under the
    /// pointer; a click on the one already selected opens it (a double click does both).
    fn click_detail(&mut self, pane: Rect, y: u16) {
        let was_focused = self.focus == Focus::Detail;
        // Hit-test as the pane is drawn now; focusing may scroll it afterwards.
        let hit = super::view::detail::related_at(self, pane, y);
        self.focus = Focus::Detail;
        let Some(i) = hit else { return };
        if was_focused && i == self.cursor {
            self.open();
        } else {
            self.cursor = i;
        }
    }

    fn wheel(&mut self, x: u16, y: u16, delta: isize) {
        let a = self.areas();
        let focus = if a.list.is_some_and(|r| contains(r, x, y)) {
            Focus::List
        } else if a.detail.is_some_and(|r| contains(r, x, y)) {
            Focus::Detail
        } else if a.facets.is_some_and(|r| contains(r, x, y)) {
            Focus::Facets
        } else {
            return;
        };
        let saved = self.focus;
        self.focus = focus;
        self.move_by(delta);
        // The wheel scrolls the pane under the pointer without stealing the keyboard from the
        // search line.
        if saved == Focus::Search {
            self.focus = saved;
        }
    }
}
