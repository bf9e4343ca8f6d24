//! Drawing: `impl Widget for &App` lays out the frame and hands each pane to its own file.
//! Views only borrow the state; every string from data passes through [`super::sanitize`].

pub(crate) mod detail;
mod facets;
mod list;
mod popup;
pub(crate) mod search;
mod status;

use super::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.base);
        let a = super::layout::compute(area, self.focus, self.facets_open);
        search::render_line(self, a.search, buf);
        if let Some(r) = a.tabs {
            search::render_tabs(self, r, buf);
        }
        if let Some(r) = a.list {
            list::render(self, r, buf);
        }
        if let Some(r) = a.detail {
            detail::render(self, r, buf);
        }
        if let Some(r) = a.facets {
            facets::render(self, r, buf);
        }
        status::render(self, a.status, buf);
        super::edit::view::render(self, area, buf);
        if let Some(p) = &self.popup {
            popup::render(self, p, area, buf);
        }
    }
}

/// A bordered pane with a title, highlighted when it has the keyboard.
fn pane<'a>(app: &App, title: Line<'a>, focus: Focus) -> Block<'a> {
    let style = if app.focus == focus {
        app.theme.border_focused
    } else {
        app.theme.border
    };
    Block::bordered()
        .border_style(style)
        .title(title.style(app.theme.title))
}
