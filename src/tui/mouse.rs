//! The mouse: a click focuses the pane under it and selects (or toggles) the row there; the
//! wheel scrolls the pane under the pointer. What a cell is over comes from the pure
//! [`layout::hit`] over the frame's areas, the same areas the view draws in.

use super::app::{App, Focus};
use super::detail_lines;
use super::layout::{self, Target};
use super::panes::tab_widths;

impl App {
    /// What screen cell (x, y) is over in the current frame.
    fn target(&self, x: u16, y: u16) -> Option<Target> {
        layout::hit(&self.areas(), &tab_widths(self.lang()), x, y)
    }

    pub(crate) fn click(&mut self, x: u16, y: u16) {
        match self.target(x, y) {
            Some(Target::Search) => self.set_focus(Focus::Search),
            Some(Target::List(line)) => {
                self.set_focus(Focus::List);
                if let Some(line) = line {
                    self.select_row(self.list().offset() + line);
                }
            }
            Some(Target::Tab(Some(tab))) => self.set_tab(tab),
            Some(Target::Detail(line)) => self.click_detail(line),
            Some(Target::Facets(line)) => {
                self.set_focus(Focus::Facets);
                let Some(line) = line else { return };
                let row = self.facets().sel().offset() + line;
                if row < self.facets().rows().len() {
                    self.facets_mut().select(row);
                    self.toggle_facet();
                }
            }
            Some(Target::Tab(None)) | None => {}
        }
    }

    /// A click in the detail pane focuses it and selects the related record under the
    /// pointer; a click on the one already selected opens it (a double click does both).
    fn click_detail(&mut self, line: Option<usize>) {
        let was_focused = self.focus() == Focus::Detail;
        // Hit-test as the pane is drawn now; focusing may scroll it afterwards.
        let hit = line
            .zip(self.areas().detail)
            .and_then(|(line, pane)| detail_lines::related_at(self, pane, line));
        self.set_focus(Focus::Detail);
        let Some(i) = hit else { return };
        if was_focused && i == self.cursor() {
            self.open();
        } else {
            self.detail_mut().set_cursor(i);
        }
    }

    pub(crate) fn wheel(&mut self, x: u16, y: u16, delta: isize) {
        let focus = match self.target(x, y) {
            Some(Target::List(_)) => Focus::List,
            Some(Target::Detail(_)) => Focus::Detail,
            Some(Target::Facets(_)) => Focus::Facets,
            _ => return,
        };
        let saved = self.focus();
        self.set_focus(focus);
        self.move_by(delta);
        // The wheel scrolls the pane under the pointer without stealing the keyboard from the
        // search line.
        if saved == Focus::Search {
            self.set_focus(saved);
        }
    }
}
