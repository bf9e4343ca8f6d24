//! The result list: kind tag, name with matched letters highlighted, a dim note (city or
//! province). Only visible rows compute their highlight positions
//! ([`crate::search::Highlighter`]).

use super::pane;
use crate::i18n;
use crate::tui::app::{App, Focus, Source};
use crate::tui::layout::inner;
use crate::tui::sanitize::{fit, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The list pane's title.
fn title(app: &App) -> String {
    let s = app.lang().strings();
    match app.source() {
        Source::Province(code) => {
            let name = app.results.province_name(code).unwrap_or(code.as_str());
            format!(" {} {} ", s.cities_of, name)
        }
        Source::Search if app.query().trim().is_empty() && app.tab() == 0 => {
            format!(" {} ", s.provinces)
        }
        Source::Search => format!(" {} ", s.results),
    }
}

/// Splits `name` into spans, styling the chars at `positions` with `hl`.
fn highlighted<'a>(name: &str, positions: &[usize], base: Style, hl: Style) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in name.chars().enumerate() {
        let is_hl = positions.contains(&i) && c != '…';
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = is_hl;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    spans
}

/// Draws the list pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    pane(app, Line::from(title(app)), Focus::List).render(area, buf);
    let inside = inner(area);
    if inside.height == 0 || inside.width == 0 {
        return;
    }
    let words = app.lang().strings();
    let hits = app.hits();
    let ready = app.results.index_complete() && app.results.current();
    if hits.is_empty() {
        let msg = if ready {
            words.no_results
        } else {
            words.loading_index
        };
        buf.set_stringn(
            inside.x,
            inside.y,
            fit(msg, inside.width.into()),
            inside.width.into(),
            t.note,
        );
        if inside.height > 1 && ready {
            for (i, line) in crate::tui::sanitize::wrap(words.no_results_hint, inside.width.into())
                .iter()
                .take(usize::from(inside.height) - 1)
                .enumerate()
            {
                buf.set_stringn(
                    inside.x,
                    inside.y + 1 + i as u16,
                    line,
                    inside.width.into(),
                    t.note,
                );
            }
        }
        return;
    }
    let w = usize::from(inside.width);
    let focused = matches!(app.focus(), Focus::List | Focus::Search);
    let offset = app.list().offset().min(hits.len().saturating_sub(1));
    let index = &app.results.shown().index;
    for (row, hit) in hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(inside.height.into())
    {
        let e = index.record(hit.id);
        let y = inside.y + (row - offset) as u16;
        let selected = row == app.list().selected();
        let base = if selected {
            if focused {
                t.selected
            } else {
                t.selected_unfocused
            }
        } else {
            t.base
        };
        let tag = match (e.kind, e.city) {
            (crate::model::Kind::City, Some(city)) => i18n::city_tag(
                index
                    .regions()
                    .cities
                    .get(usize::from(city))
                    .is_some_and(|info| info.kota),
            ),
            (kind, _) => i18n::kind_tag(app.lang(), kind),
        };
        let show_tag = w >= 24;
        let tag_w = if show_tag { width(tag) + 1 } else { 0 };
        let note = app.results.note(&e).unwrap_or("");
        let name_w = width(&crate::tui::sanitize::clean(e.name));
        let room = w.saturating_sub(tag_w);
        // The note gets what the name leaves, if at least a few columns.
        let note_room = room.saturating_sub(name_w + 2);
        let name = fit(e.name, room);
        let positions = app.results.positions(hit.id);
        let mut spans = Vec::new();
        if show_tag {
            spans.push(Span::styled(
                format!("{tag} "),
                if selected { base } else { t.kind_tag },
            ));
        }
        spans.extend(highlighted(&name, &positions, base, base.patch(t.matched)));
        if !note.is_empty() && note_room >= 6 {
            spans.push(Span::styled("  ", base));
            spans.push(Span::styled(
                fit(note, note_room - 2),
                if selected { base } else { t.note },
            ));
        }
        buf.set_style(Rect::new(inside.x, y, inside.width, 1), base);
        buf.set_line(inside.x, y, &Line::from(spans), inside.width);
    }
}
