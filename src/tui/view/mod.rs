//! Drawing: `impl Widget for &App` lays out the frame and hands each pane to its own file.
//! Views only borrow the state; every string from data passes through [`super::sanitize`].

mod book;
mod dash;
mod detail;
mod facets;
mod list;
mod map;
mod popup;
mod search;
mod share;
mod status;

use super::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme().base);
        let a = super::layout::compute(area, self.focus(), self.facets().is_open());
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
        if let Some(r) = self
            .map()
            .is_open()
            .then(|| crate::tui::map::map_rect(&a, self.focus()))
            .flatten()
        {
            map::render(self, r, buf);
        }
        status::render(self, a.status, buf);
        super::edit::view::render(self, area, buf);
        if let Some(p) = self.popup() {
            popup::render(self, p, area, buf);
        }
    }
}

/// A bordered pane with a title, highlighted when it has the keyboard.
fn pane<'a>(app: &App, title: Line<'a>, focus: Focus) -> Block<'a> {
    let t = app.theme();
    let style = if app.focus() == focus {
        t.border_focused
    } else {
        t.border
    };
    Block::bordered()
        .border_style(style)
        .title(title.style(t.title))
}

/// Paints `lines` from the top of `r`, one per row, as many as fit; a line with a style of
/// its own (a selected row) fills its whole row with it.
pub(crate) fn draw_lines<'a: 'b, 'b>(
    lines: impl IntoIterator<Item = &'b Line<'a>>,
    r: Rect,
    buf: &mut Buffer,
) {
    for (i, line) in lines.into_iter().take(r.height.into()).enumerate() {
        let y = r.y + i as u16;
        if line.style != Style::default() {
            buf.set_style(Rect::new(r.x, y, r.width, 1), line.style);
        }
        buf.set_line(r.x, y, line, r.width);
    }
}

/// A popup drawn over the lists: `area` less the status bar, cleared, framed and titled.
/// Returns the inside and its width, or `None` when there is no room to draw it.
pub(super) fn list_popup(
    t: &crate::tui::theme::Theme,
    title: &str,
    area: ratatui::layout::Rect,
    buf: &mut ratatui::buffer::Buffer,
) -> Option<(ratatui::layout::Rect, usize)> {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Clear, Widget};
    let box_area = Rect::new(
        area.x,
        area.y,
        area.width,
        area.height.saturating_sub(1).max(3.min(area.height)),
    );
    if box_area.width < 6 || box_area.height < 3 {
        return None;
    }
    Clear.render(box_area, buf);
    buf.set_style(box_area, t.base);
    let w = usize::from(box_area.width - 2);
    let block = Block::bordered()
        .border_style(t.border_focused)
        .title(ratatui::text::Line::from(crate::tui::sanitize::fit(title, w)).style(t.title));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    Some((inner, w))
}
