//! The detail pane: paints the lines composed by [`crate::tui::detail_lines`] (title, kind,
//! labelled fields, related records), scrolled as the focus and selection want.

use super::{draw_lines, pane};
use crate::tui::app::{App, Focus};
use crate::tui::detail_lines::shown;
use crate::tui::layout::inner;
use crate::tui::sanitize::{fit, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the detail pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let words = app.lang().strings();
    let theme = app.theme();
    pane(
        app,
        Line::from(format!(" {} ", words.detail)),
        Focus::Detail,
    )
    .render(area, buf);
    let r = inner(area);
    if r.width == 0 || r.height == 0 {
        return;
    }
    let Some(d) = app.detail().shown() else {
        for (i, line) in wrap(words.nothing_selected, r.width.into())
            .iter()
            .take(r.height.into())
            .enumerate()
        {
            buf.set_stringn(r.x, r.y + i as u16, line, r.width.into(), theme.note);
        }
        return;
    };
    let h = usize::from(r.height);
    let (lines, offset) = shown(app, d, r.width.into(), h);
    draw_lines(lines.lines.iter().skip(offset).map(|(l, _)| l), r, buf);
    // A preview whose related records start below the fold says so on its last line.
    let first_related = lines.lines.iter().position(|(_, idx)| idx.is_some());
    if app.focus() != Focus::Detail && h >= 3 && first_related.is_some_and(|f| f >= offset + h - 1)
    {
        let y = r.y + r.height - 1;
        let text = format!("↓ {}", words.related_below);
        buf.set_style(Rect::new(r.x, y, r.width, 1), theme.base);
        buf.set_line(
            r.x,
            y,
            &Line::from(Span::styled(fit(&text, r.width.into()), theme.note)),
            r.width,
        );
    }
}
