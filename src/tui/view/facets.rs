//! The filter panel: counts per kind, province and subsector for the current results;
//! active filters are marked, Enter or a click toggles one.

use super::pane;
use crate::i18n;
use crate::tui::app::{App, FacetRow, Focus};
use crate::tui::layout::inner;
use crate::tui::results::subsector_label;
use crate::tui::sanitize::{fit, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the filter panel.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let words = app.lang().strings();
    pane(
        app,
        Line::from(format!(" {} ", words.facets)),
        Focus::Facets,
    )
    .render(area, buf);
    let inside = inner(area);
    if inside.width == 0 || inside.height == 0 {
        return;
    }
    let w = usize::from(inside.width);
    let focused = app.focus() == Focus::Facets;
    let offset = app.facets().sel().offset();
    for (i, row) in app
        .facets()
        .rows()
        .iter()
        .enumerate()
        .skip(offset)
        .take(inside.height.into())
    {
        let y = inside.y + (i - offset) as u16;
        let selected = focused && i == app.facets().sel().selected();
        let (label, count, active) = match row {
            FacetRow::Heading(h) => {
                buf.set_stringn(inside.x, y, fit(h, w), w, t.heading);
                if selected {
                    buf.set_style(
                        Rect::new(inside.x, y, inside.width, 1),
                        t.selected_unfocused,
                    );
                }
                continue;
            }
            FacetRow::Kind {
                kind,
                count,
                active,
            } => (
                i18n::kind_plural(app.lang(), *kind).to_string(),
                *count,
                *active,
            ),
            FacetRow::Province {
                name,
                count,
                active,
                ..
            } => (name.clone(), *count, *active),
            FacetRow::Subsector {
                slug,
                count,
                active,
            } => (subsector_label(slug).to_string(), *count, *active),
        };
        let mark = if active { "● " } else { "○ " };
        let num = format!(" {count}");
        let room = w.saturating_sub(width(mark) + width(&num));
        let name = fit(&label, room);
        let pad = room.saturating_sub(width(&name));
        let style = if selected { t.selected } else { t.base };
        let line = Line::from(vec![
            Span::styled(mark, if active { t.active_filter } else { style }),
            Span::styled(
                name,
                if active && !selected {
                    t.active_filter
                } else {
                    style
                },
            ),
            Span::styled(" ".repeat(pad), style),
            Span::styled(num, if selected { style } else { t.count }),
        ]);
        buf.set_line(inside.x, y, &line, inside.width);
    }
}
